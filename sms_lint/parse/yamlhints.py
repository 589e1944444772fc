"""A YAML syntax error in plain words: its common cause, the fix, and the place of the cause.

The parsers' texts ("mapping values are not allowed in this context", "expected <block end>,
but found '-'") name a grammar production, not what the author did, and their mark is often
where the parser gave up rather than where the mistake is (an unclosed quote is reported at
the end of the file). libyaml and PyYAML's pure-Python parser word the same errors
differently, so the cause is read from the text around the marks, with the parser's words
only telling the families apart. What no case here recognises keeps the parser's words.
"""

from __future__ import annotations

from collections.abc import Callable

from sms_lint.parse.yamlevents import DEPTH_MESSAGE
from sms_lint.parse.yamllayout import (
    block_structure,
    colon_in_value,
    entry_here,
    no_colon,
)
from sms_lint.parse.yamlquotes import flow_problem, quote_problem
from sms_lint.parse.yamlscalars import shorten
from sms_lint.parse.yamlsource import (
    Failure,
    Hint,
    Source,
    key_of,
    quoted,
    without_comment,
)


def explain(source: Source, failure: Failure, loader: type) -> Hint:
    for case in _CASES:
        hint = case(source, failure, loader)
        if hint is not None:
            return hint
    words = failure.problem or "invalid YAML"
    if failure.context and failure.start is not None:
        words += (
            f" ({failure.context} started at line {source.number(source.at(failure.start)[0])})"
        )
    return Hint(
        failure.at,
        f"YAML syntax error: {words}: check this line for a ':', '#' or quote that needs the "
        "value in quotes, and for indentation with spaces",
    )


def _depth(source: Source, failure: Failure, loader: type) -> Hint | None:
    """libyaml's own nesting limit, met before the builder's (scanning runs ahead)."""
    return Hint(failure.at, DEPTH_MESSAGE) if "nesting depth" in failure.problem else None


def _tab(source: Source, failure: Failure, loader: type) -> Hint | None:
    index = failure.at
    if source.char(index) != "\t":
        if "tab" not in failure.problem:
            return None
        line, _ = source.at(index)
        found = source.line(line).find("\t")
        if found < 0:
            return None
        index = source.index(line, found + 1)
    line, column = source.at(index)
    text = source.line(line)
    if not text[: column - 1].strip(" \t"):
        return Hint(
            index, "a tab is used for indentation (YAML allows only spaces): indent with spaces"
        )
    return Hint(
        index,
        "a tab stands where YAML needs a space (after ':' or '-', or to line things up): "
        "replace the tab with spaces",
    )


_RESERVED = {
    "@": "'@' (reserved in YAML)",
    "`": "'`' (reserved in YAML)",
    "%": "'%' (YAML reads it as a directive)",
    "*": "'*' (YAML reads it as an alias, a reference to another value)",
    "&": "'&' (YAML reads it as an anchor, a name for the value)",
    "!": "'!' (YAML reads it as a tag)",
    "?": "'?' (YAML reads it as a complex key)",
}


def _reserved_start(source: Source, failure: Failure, loader: type) -> Hint | None:
    """A value that starts with a character YAML keeps for itself."""
    family = ("cannot start any token", "alias", "anchor", "tag", "mapping keys")
    if not any(words in failure.problem or words in failure.context for words in family):
        return None
    index = failure.start if "cannot start" not in failure.problem else failure.at
    if index is None or source.char(index) not in _RESERVED:
        index = failure.at
    char = source.char(index)
    if char not in _RESERVED:
        return None
    line, column = source.at(index)
    if char == "%" and column == 1:
        return _directive_line(source, index)
    value = without_comment(source.line(line)[column - 1 :])
    return Hint(
        index,
        f"a value cannot start with {_RESERVED[char]}: put the value in quotes "
        f"({shorten(quoted(value), 50)})",
    )


def _directive(source: Source, failure: Failure, loader: type) -> Hint | None:
    """A line starting with '%' is a directive to the parser, not a key or text."""
    if "directive" not in failure.problem + failure.context and "document" not in failure.problem:
        return None
    line, _ = source.at(failure.at)
    for number in range(line, 0, -1):
        if source.line(number).startswith("%"):
            return _directive_line(source, source.index(number, 1))
        if source.line(number).strip() in ("...", "---") and number < line:
            return Hint(
                source.index(number, 1),
                f"'{source.line(number).strip()}' ends the YAML document, but more text follows "
                "it: remove this line (an artifact is one document)",
            )
    return None


def _directive_line(source: Source, index: int) -> Hint:
    text = source.line(source.at(index)[0])
    key = key_of(text)
    fix = f"put the key in quotes ({quoted(key)}:)" if key else "put the text in quotes"
    return Hint(
        index,
        "a line cannot start with '%' (YAML reads it as a directive, an instruction to the "
        f"parser): {fix}, or remove the line",
    )


def _quoted(source: Source, failure: Failure, loader: type) -> Hint | None:
    if "quoted scalar" not in failure.context or failure.start is None:
        return None
    return quote_problem(source, failure.problem, failure.at, failure.start)


def _flow(source: Source, failure: Failure, loader: type) -> Hint | None:
    if "flow" not in failure.context or failure.start is None:
        return None
    return flow_problem(source, failure.at, failure.start)


def _block_scalar(source: Source, failure: Failure, loader: type) -> Hint | None:
    if "block scalar" not in failure.context:
        return None
    return Hint(
        failure.at,
        "after '|' or '>' only '-', '+' or a digit may follow on the same line: start the "
        "text on the next line, indented below the key",
    )


_CASES: tuple[Callable[[Source, Failure, type], Hint | None], ...] = (
    _depth,
    _tab,
    _quoted,
    _block_scalar,
    _reserved_start,
    _directive,
    colon_in_value,
    no_colon,
    entry_here,
    _flow,
    block_structure,
)
