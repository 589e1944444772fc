"""Bytes to text, and a Markdown text to its front matter and body, with the problems of both
(a file that is not UTF-8 text, a front matter never closed or not on line 1) as
:class:`~sms_lint.parse.basics.Problem` values; nothing here raises for bad input.
"""

from __future__ import annotations

import re
from functools import cache

from sms_lint.parse.basics import Problem
from sms_lint.parse.encodings import not_utf8, other_encoding


# Compiled at first use: only a Markdown file needs them.
@cache
def _fence() -> re.Pattern[str]:
    return re.compile(r"---[ \t]*\r?$")


@cache
def _closing_fence() -> re.Pattern[str]:
    return re.compile(r"(---|\.\.\.)[ \t]*\r?$")


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    """Strict UTF-8 with an optional BOM; the problem names the first bad byte's place and,
    when it can tell, the encoding the file was saved in (see :mod:`sms_lint.parse.encodings`)."""
    other = other_encoding(raw)
    if other is not None:
        return None, Problem("SMS100", 1, 1, other)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column, message = not_utf8(raw, error.start)
        return None, Problem("SMS100", line, column, message)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, Problem(
            "SMS100",
            line,
            1,
            "the file contains a NUL byte, so it is not a text file: save the document as "
            "UTF-8 text, or exclude the file in .sms-lint.yaml",
        )
    return text.removeprefix("\ufeff"), None


def split_front_matter(text: str) -> tuple[str | None, int, Problem | None]:
    """Return (front matter text, line offset of its first line, problem).

    ``(None, 0, None)`` means the Markdown has no front matter and is not an artifact.
    """
    front, offset, problem, _, _ = split_lines(text)
    return front, offset, problem


def split_lines(text: str) -> tuple[str | None, int, Problem | None, list[str], int]:
    """``split_front_matter``, the body's lines and the file's line number of the first."""
    lines = text.split("\n")
    if not lines or not _fence().match(lines[0]):
        return None, 0, _late_front_matter(lines), [], 0
    for index in range(1, len(lines)):
        if _closing_fence().match(lines[index]):
            return "\n".join(lines[1:index]) + "\n", 1, None, lines[index + 1 :], index + 2
    return None, 0, _unclosed(lines), [], 0


def markdown_body(text: str) -> list[str] | None:
    """The lines below a Markdown text's front matter; None when it has no closed one."""
    front, _, _, body, _ = split_lines(text)
    return None if front is None else body


@cache
def _near_fence() -> re.Pattern[str]:
    """A line meant to close the front matter: two or four dashes, an indented '---', dashes
    a word processor turned into an en or em dash (compiled at first use: for an unclosed
    front matter only)."""
    return re.compile(r"\s*(-{2,}|[\u2013\u2014]+|\.{2,})\s*\r?$")


def _unclosed(lines: list[str]) -> Problem:
    """The front matter has no closing '---': at a line that looks meant to close it, or at
    the opening line."""
    for index in range(1, len(lines)):
        if _near_fence().match(lines[index]):
            written = lines[index].strip()
            return Problem(
                "SMS101",
                index + 1,
                1,
                f"the front matter opened at line 1 is never closed: '{written}' does not close "
                "it; write exactly '---' at the start of the line",
            )
    return Problem(
        "SMS101",
        1,
        1,
        "the front matter opened by this '---' is never closed: add a line '---' after its "
        "last field, before the document's text",
    )


def _late_front_matter(lines: list[str]) -> Problem | None:
    """A front-matter block below blank lines or HTML comments: it would be silently taken for
    plain Markdown (and the document lost), so it is a finding at its opening line."""
    in_comment = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            continue
        if not _fence().match(line) or not _looks_like_fields(lines[index + 1 :]):
            return None
        return Problem(
            "SMS101",
            index + 1,
            1,
            f"the front matter starts at line {index + 1}, but it must start on line 1: move "
            "the '---' line to the very top (no blank line or comment above it)",
        )
    return None


@cache
def _field() -> re.Pattern[str]:
    return re.compile(r"[A-Za-z_][\w-]*:(\s|$)")  # at first use: a late front matter only


def _looks_like_fields(lines: list[str]) -> bool:
    """Whether the lines after a '---' hold a closed block with a ``key:`` line in it."""
    for line in lines:
        if _closing_fence().match(line):
            return False
        if _field().match(line):
            return any(_closing_fence().match(rest) for rest in lines)
    return False
