"""One result appended to a measurements record's ``results``, the rest of the file kept.

The record is read and written back with ruamel.yaml's round trip (comments, key order,
quoting and line endings kept; the indentation of lists guessed from the file), in a YAML file
or in a Markdown file's front matter (the body is left as it is). The new entry takes the style
of the one before it: ``{period: 2026-10, value: 97.2}`` after a flow entry, a block otherwise.
What ruamel writes is then compared with what was there: when anything but the new entry's
lines would change (a layout the round trip cannot keep), nothing is written and
:class:`WriteProblem` says so. The file is replaced atomically (a temporary file in the same
folder, renamed over it), keeping its mode.
"""

from __future__ import annotations

import difflib
import io
from pathlib import Path
from typing import Any

from sms_lint.output import replace_file
from sms_lint.parse.documents import MARKDOWN_SUFFIXES, split_front_matter


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
    crlf = "\r\n" in text  # ruamel writes LF: the file's CRLF are put back after it
    text = text.replace("\r\n", "\n") if crlf else text
    markdown = path.name.lower().endswith(MARKDOWN_SUFFIXES)
    head, yaml_text, tail = _parts(text, shown) if markdown else ("", text, "")
    updated = _appended(yaml_text, shown, period, value, note)
    _only_added(yaml_text, updated, shown, 1 if markdown else 0)
    written = head + updated + tail
    stat = path.stat()
    replace_file(path, (written.replace("\n", "\r\n") if crlf else written).encode(), stat)


def _parts(text: str, shown: str) -> tuple[str, str, str]:
    """A Markdown file as (opening fence line, front matter, closing fence and body)."""
    front, _, problem = split_front_matter(text)
    if front is None or problem is not None:
        raise WriteProblem(f"{shown} has no front matter between two '---' lines to add to")
    lines = text.split("\n")
    closing = front.count("\n") + 1  # the index of the closing fence among the lines
    return lines[0] + "\n", front, "\n".join(lines[closing:])


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


def _only_added(before: str, after: str, shown: str, offset: int) -> None:
    """Refuse a round trip that would change a line already there (an empty ``results: []``
    becoming a list is the one line that may change)."""
    old, new = before.splitlines(), after.splitlines()
    for tag, first, last, _, _ in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if tag == "insert" or tag == "equal":
            continue
        if tag == "replace" and last - first == 1 and old[first].startswith("results:"):
            continue
        raise WriteProblem(
            f"adding the result would rewrite line {first + 1 + offset} of {shown} (a layout that "
            "cannot be kept): add the result by hand"
        )


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
