"""Syntax errors about the layout of lines: a ': ' inside a value, a line that is neither
``key: value`` nor an item, indentation that matches no level (see :mod:`sms_lint.parse.yamlhints`).
"""

from __future__ import annotations

from sms_lint.parse.yamlquotes import after_token
from sms_lint.parse.yamlscalars import shorten
from sms_lint.parse.yamlsource import (
    Failure,
    Hint,
    Source,
    indent,
    item_levels,
    key_of,
    quoted,
    spaces,
    without_comment,
)


def colon_in_value(source: Source, failure: Failure, loader: type) -> Hint | None:
    """'mapping values are not allowed': a ': ' where YAML cannot start another key."""
    if "mapping values" not in failure.problem:
        return None
    line, column = source.at(failure.at)
    text = source.line(line)
    key = key_of(text)
    head = text[: column - 1]
    split = head.find(":") + 1  # 0: the key's colon is not before the failure
    if key is not None and split and head.strip(" -") != key:
        value = without_comment(text[split:])
        return Hint(
            failure.at,
            f"the value of '{shorten(key, 40)}' contains ': ' (colon and space), which YAML "
            f"reads as the start of another key: put the value in quotes "
            f"({shorten(text[:split].strip() + ' ' + quoted(value), 70)})",
        )
    return _misplaced_key(source, line, key) or Hint(
        failure.at,
        "this line contains ': ' (colon and space) where YAML cannot start a new key: if it "
        "continues the value above, put that whole value in quotes; if it is a field of its "
        "own, line it up with the keys it belongs with",
    )


def _misplaced_key(source: Source, line: int, key: str | None) -> Hint | None:
    """A ``key:`` line below a line that cannot hold it: ``key:value`` without the space,
    or ``key: value`` it is indented under."""
    above = next(source.above(line), None)
    if above is None:
        return None
    text, previous = source.line(line), source.line(above)
    glued = key_of(previous) is None and ":" in without_comment(previous)
    if glued and indent(previous) <= indent(text):
        colon = previous.index(":")
        fixed = previous[: colon + 1].strip() + " " + previous[colon + 1 :].strip()
        return Hint(
            source.index(above, colon + 1),
            f"'{shorten(previous.strip(), 40)}' has no space after ':', so YAML does not read "
            f"it as a key: write '{shorten(fixed, 40)}'",
        )
    parent = key_of(previous)
    value = without_comment(previous.split(":", 1)[1]) if parent else ""
    if parent and value and indent(text) > indent(previous):
        column = len(previous) - len(previous.lstrip(" -")) + 1
        return Hint(
            source.index(line, indent(text) + 1),
            f"'{shorten(key or text.strip(), 40)}' is indented under '{shorten(parent, 40)}', "
            f"which already has a value ('{shorten(value, 30)}'): indent it to column {column} "
            f"like '{shorten(parent, 40)}', or, if it continues that value, put the whole value "
            "in quotes",
        )
    return None


def no_colon(source: Source, failure: Failure, loader: type) -> Hint | None:
    """'could not find expected ':'': a line that is neither ``key: value`` nor an item."""
    if "expected ':'" not in failure.problem or failure.start is None:
        return None
    line, _ = source.at(failure.start)
    text = source.line(line)
    above = next(source.above(line), None)
    if above is not None and source.line(above).rstrip().endswith(("|", ">", "|-", ">-")):
        return Hint(
            source.index(line, indent(text) + 1),
            f"the text of the block started with '{source.line(above).strip()[-2:].strip()}' "
            f"on line {source.number(above)} must be indented below its key: indent this line",
        )
    written = without_comment(text)
    at = source.index(line, indent(text) + 1)
    if ":" in written and ": " not in written:  # key:value, the space forgotten
        colon = text.index(":")
        fixed = text[: colon + 1].strip() + " " + text[colon + 1 :].strip()
        fix = f"write a space after ':' ('{shorten(fixed, 40)}')"
        at = source.index(line, colon + 1)
    else:
        fix = (
            "add the missing ':' after the key, or, if it continues the value of the line "
            "above, indent it below that value (or quote the whole value)"
        )
    return Hint(
        at, f"'{source.shown(line)}' is neither 'key: value' nor a list item ('- item'): {fix}"
    )


def entry_here(source: Source, failure: Failure, loader: type) -> Hint | None:
    """'sequence entries are not allowed': a '- ' after ``key:`` on the same line."""
    if "sequence entries" not in failure.problem:
        return None
    line, _ = source.at(failure.at)
    key = key_of(source.line(line)) or "the key"
    return Hint(
        failure.at,
        f"a list item ('- ') cannot follow '{shorten(key, 40)}:' on the same line: start each "
        "item on a line of its own, indented below the key, or write the list as [a, b]",
    )


def block_structure(source: Source, failure: Failure, loader: type) -> Hint | None:
    """'expected <block end>' / 'did not find expected key' / "expected '-' indicator":
    something that does not fit the mapping or list it stands in."""
    if not failure.context.startswith("while parsing a block"):
        return None
    line, column = source.at(failure.at)
    text = source.line(line)
    if column - 1 > indent(text):  # mid-line: something follows a value that has ended
        return after_token(source, failure.at, loader)
    if source.char(failure.at) == ":":
        return Hint(failure.at, "the line starts with ':' but no key: write the key before it")
    return _indentation(source, line, "collection" in failure.context)


def _indentation(source: Source, line: int, in_list: bool) -> Hint:
    text = source.line(line)
    here = indent(text)
    start = source.index(line, here + 1)
    is_item = text.lstrip().startswith("- ") or text.strip() == "-"
    for above in source.above(line):
        previous = source.line(above)
        if indent(previous) < here:
            break
        item_above = previous.lstrip().startswith("-")
        if is_item and item_above and indent(previous) != here:
            return Hint(
                start,
                f"this list item is indented {spaces(here)}, but the item on line "
                f"{source.number(above)} is indented {spaces(indent(previous))}: indent all "
                "items of one list the same",
            )
        if in_list and not is_item and item_above and indent(previous) == here:
            return Hint(
                start,
                "this line is indented like the list items above (line "
                f"{source.number(above)}) but is not an item: start it with '- ' to make it "
                "an item, or indent it less to make it a key of the mapping that holds the list",
            )
    if is_item:
        return Hint(
            start,
            "a list item ('- ') stands where a key (key: value) is expected: a key holds "
            "either fields or list items, so put the list under a key of its own, indented "
            "below it",
        )
    return _unaligned(source, line, start)


def _unaligned(source: Source, line: int, start: int) -> Hint:
    """A key indented to no level of the lines above: name the nearest one it may belong to."""
    here = indent(source.line(line))
    for above in source.above(line):
        previous = source.line(above)
        levels = item_levels(previous)
        if levels[-1] > here and levels[0] < here:
            return Hint(
                start,
                f"this line is indented {spaces(here)}, but the fields on line "
                f"{source.number(above)} are indented {spaces(levels[-1])}: indent it the same "
                "as the keys it belongs with",
            )
        if levels[-1] < here:
            break
    levels = sorted({level for a in source.above(line) for level in item_levels(source.line(a))})
    shown = ", ".join(str(level) for level in levels if level != here)
    return Hint(
        start,
        f"this line is indented {spaces(here)}, which matches none of the levels above it "
        f"({shown} spaces): indent it the same as the keys it belongs with",
    )
