"""Lines and columns as an editor shows them, from a character index into the text.

YAML counts a lone CR, NEL (U+0085), LS (U+2028) and PS (U+2029) as line breaks, so the parser's
line numbers run ahead of what editors, ``git diff`` and ``grep -n`` show for every line after
one. Our lines end at LF only (CRLF is one break); columns count characters from 1. The
parser's marks carry the character index, so positions are mapped from it, and only for text
that holds such a break (most files do not, and then the parser's count is already right).
"""

from __future__ import annotations

import re
from bisect import bisect_right

# A line break YAML counts but editors do not.
_YAML_ONLY_BREAK = re.compile(r"\r(?!\n)|[\x85\u2028\u2029]")


class TextLines:
    """Where each line of a text starts, to turn a character index into (line, column)."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def at(self, index: int) -> tuple[int, int]:
        index = max(index, 0)
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def lines_if_needed(text: str) -> TextLines | None:
    """A :class:`TextLines` when the parser's own line count would be wrong for ``text``."""
    return TextLines(text) if _YAML_ONLY_BREAK.search(text) else None


def char_index(text: str, byte_offset: int) -> int:
    """The character index of a UTF-8 byte offset into ``text`` (libyaml's reader errors give
    bytes: 3,000 CJK characters are 9,000 bytes)."""
    head = text.encode("utf-8", "surrogatepass")[: max(byte_offset, 0)]
    return len(head.decode("utf-8", "ignore"))
