"""One result appended to a measurements record's ``results``, the rest of the file kept.

The record is read and written back with ruamel.yaml's round trip (comments, key order,
quoting kept; the indentation of lists guessed from the file), in a YAML file
or in a Markdown file's front matter (the body is left as it is). The new entry takes the style
of the one before it: ``{period: 2026-10, value: 97.2}`` after a flow entry, a block otherwise.
What ruamel writes is then compared with what was there: when anything but the new entry's
lines would change (a layout the round trip cannot keep), nothing is written and
:class:`WriteProblem` says so. Only the new lines are taken from ruamel: every other line is
written back as it was read, its own line ending (LF or CRLF) included, and the new lines go
right after the last entry, before comments and blank lines that follow it. The file is
replaced atomically (a temporary file in the same folder, renamed over it), keeping its mode.
"""

from __future__ import annotations

import difflib
import io
from pathlib import Path
from typing import Any

from sms_lint.output import replace_file
from sms_lint.parse.basics import MARKDOWN_SUFFIXES
from sms_lint.parse.frontmatter import split_front_matter


class WriteProblem(Exception):
    """The result cannot be added; the message is one sentence for the user."""


def append_result(path: Path, shown: str, period: str, value: float, note: str | None) -> None:
    """Add ``{period, value, note}`` at the end of the record's ``results`` (``shown``: the
    path as messages name it)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WriteProblem(f"{shown} is not UTF-8 text: fix its encoding first") from None
    lines = _lines(text)  # each with its own ending, CRLF or LF: each is kept as it is
    markdown = path.name.lower().endswith(MARKDOWN_SUFFIXES)
    first, last = _front(text, shown) if markdown else (0, len(lines))
    part = lines[first:last]
    updated = _appended("".join(_bare(line) + "\n" for line in part), shown, period, value, note)
    merged = _merged(part, updated.split("\n")[:-1], shown, first)
    written = "".join(lines[:first] + merged + lines[last:])
    replace_file(path, written.encode("utf-8"), path.stat())


def _lines(text: str) -> list[str]:
    """The text's lines, each with its ending (only LF and CRLF end a line, as in YAML)."""
    pieces = text.split("\n")
    found = [piece + "\n" for piece in pieces[:-1]]
    return [*found, pieces[-1]] if pieces[-1] else found


def _bare(line: str) -> str:
    return line[:-2] if line.endswith("\r\n") else line[:-1] if line.endswith("\n") else line


def _ending(line: str) -> str:
    return line[len(_bare(line)) :]


def _front(text: str, shown: str) -> tuple[int, int]:
    """A Markdown file's front matter as (its first line, the closing fence's line)."""
    front, _, problem = split_front_matter(text.replace("\r\n", "\n"))
    if front is None or problem is not None:
        raise WriteProblem(f"{shown} has no front matter between two '---' lines to add to")
    return 1, front.count("\n") + 1


def _appended(text: str, shown: str, period: str, value: float, note: str | None) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        _, guessed, guessed_offset = load_yaml_guess_indent(text)
        offset = guessed_offset or 0
        indent = guessed or offset + 2  # None: nothing nested to guess from
        yaml = YAML()  # round trip
        yaml.preserve_quotes = True
        yaml.width = 1 << 16  # never fold a long line that was not folded
        yaml.indent(mapping=max(indent - offset, 2), sequence=indent, offset=offset)
        yaml.explicit_start = text.lstrip().startswith("---")
        data = yaml.load(text)
    except (YAMLError, ValueError, TypeError) as error:  # ruamel's own, and its surprises
        raise WriteProblem(f"{shown} cannot be read as YAML ({_first_line(error)})") from None
    results = data.get("results") if isinstance(data, dict) else None
    if results is None and isinstance(data, dict):
        results = data["results"] = CommentedSeq()
    if not isinstance(results, list):
        raise WriteProblem(f"{shown}: 'results' is not a list: correct the record first")
    entry = CommentedMap([("period", period), ("value", value)])
    if note is not None:
        entry["note"] = note
    if results and _flow(results[-1]):
        entry.fa.set_flow_style()
    results.append(entry)
    out = io.StringIO()
    try:
        yaml.dump(data, out)
    except (YAMLError, ValueError, TypeError) as error:  # a value ruamel cannot write back
        raise WriteProblem(f"{shown} cannot be written back ({_first_line(error)})") from None
    return out.getvalue()


def _flow(entry: Any) -> bool:
    style = getattr(entry, "fa", None)
    return bool(style is not None and style.flow_style())


def _merged(old: list[str], new: list[str], shown: str, offset: int) -> list[str]:
    """The old lines, as they were, with the lines ruamel added. Refused when the round trip
    would change a line already there (an empty ``results: []`` becoming a list is the one
    line that may change)."""
    bare = [_bare(line) for line in old]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, bare, new, autojunk=False)
    for tag, first, last, start, end in matcher.get_opcodes():
        if tag == "equal":
            out += old[first:last]
        elif tag == "insert":
            _insert(out, new[start:end])
        elif tag == "replace" and last - first == 1 and bare[first].startswith("results:"):
            out += [line + _ending(old[first]) for line in new[start:end]]
        else:
            raise WriteProblem(
                f"adding the result would rewrite line {first + 1 + offset} of {shown} (a "
                "layout that cannot be kept): add the result by hand"
            )
    return out


def _insert(out: list[str], added: list[str]) -> None:
    """Put the added lines right after the last line with content: ruamel keeps the comments
    and blank lines that follow the last entry with it, but they introduce the next key or
    end the file. The added lines end as the line before them does."""
    held = []
    while out and (not _bare(out[-1]).strip() or _bare(out[-1]).lstrip().startswith("#")):
        held.insert(0, out.pop())
    if out and not _ending(out[-1]):  # the file's last line had no line break
        out[-1] += _ending(next((line for line in reversed(out) if _ending(line)), "\n"))
    ending = _ending(out[-1]) if out else _ending(held[0]) if held else "\n"
    out += [line + ending for line in added] + held


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
