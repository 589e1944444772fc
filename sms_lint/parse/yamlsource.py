"""The text of a YAML document seen by line, for messages about its syntax errors.

Parser marks give a character index; a message about a syntax error needs what an editor
shows around it: the line's text, its indentation, the key a value belongs to, the lines
above. Lines end at LF only (a CR before it is dropped), as :mod:`sms_lint.parse.textlines` counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from sms_lint.parse.textlines import TextLines
from sms_lint.parse.yamlscalars import quoted, shorten

__all__ = ["Failure", "Hint", "Source", "indent", "item_levels", "key_of", "quoted", "spaces"]


@cache
def _key() -> re.Pattern[str]:
    """`key:` or `- key:` at the start of a line (the key plain or quoted), up to its ':';
    compiled at first use, as only the hints of a broken file read keys from lines."""
    return re.compile(
        r"""\s*(?:-\s+)*((?:"[^"]*"|'[^']*'|[^\s#'"\-?:][^#]*?|-[^\s#][^#]*?)):(?=\s|$)"""
    )


class Hint(NamedTuple):
    """What a syntax error means: where its cause is (a character index) and what to do."""

    index: int
    message: str


class Failure(NamedTuple):
    """One parser error: its words (lower case) and marks as character indices."""

    problem: str
    context: str
    at: int
    start: int | None  # where the construct the parser was reading began


class Source:
    """One document's text with its line starts."""

    def __init__(self, text: str, offset: int = 0) -> None:
        self.text = text
        self.lines = TextLines(text)
        self.offset = offset  # front matter starts below its '---': messages add this

    def number(self, line: int) -> int:
        """Line ``line`` of the text as the file numbers it (for a message)."""
        return line + self.offset

    def at(self, index: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a character index."""
        return self.lines.at(min(max(index, 0), len(self.text)))

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` without its line break ('' past the end)."""
        starts = self.lines.starts
        if not 1 <= number <= len(starts):
            return ""
        end = starts[number] - 1 if number < len(starts) else len(self.text)
        return self.text[starts[number - 1] : end].rstrip("\r")

    def index(self, line: int, column: int) -> int:
        """The character index of a 1-based line and column."""
        starts = self.lines.starts
        return starts[min(max(line, 1), len(starts)) - 1] + column - 1

    def char(self, index: int) -> str:
        return self.text[index] if 0 <= index < len(self.text) else ""

    def shown(self, number: int) -> str:
        """Line ``number`` as a message quotes it: stripped and short."""
        return shorten(self.line(number).strip(), 50)

    def above(self, number: int) -> Iterator[int]:
        """The lines above ``number`` that hold something (not blank, not a comment),
        nearest first."""
        for other in range(number - 1, 0, -1):
            stripped = self.line(other).strip()
            if stripped and not stripped.startswith("#"):
                yield other


def indent(line: str) -> int:
    """How many spaces (and tabs) a line is indented by."""
    return len(line) - len(line.lstrip(" \t"))


def item_levels(line: str) -> list[int]:
    """The indentations a line opens: its own and, after each '- ', that of the item's
    content ("  - name: x" opens 2 and 4)."""
    levels = [indent(line)]
    rest = line.lstrip(" ")
    while rest.startswith("- "):
        stripped = rest[1:].lstrip(" ")
        levels.append(levels[-1] + len(rest) - len(stripped))
        rest = stripped
    return levels


def key_of(line: str) -> str | None:
    """The key a ``key: value`` (or ``- key: value``) line starts with, as written."""
    match = _key().match(line)
    return match.group(1).strip() if match else None


def without_comment(text: str) -> str:
    """Text up to a comment (' #'), stripped: what YAML reads of a plain value."""
    cut = re.search(r"(^|\s)#", text)
    return (text[: cut.start()] if cut else text).strip()


def spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"
