"""Why a file's bytes are not UTF-8 text, in words that say how to save it.

Artifacts must be UTF-8. The usual other encodings are recognisable: Windows-1252 (or
Latin-1) puts one byte where UTF-8 needs two or three ('é' as 0xE9, a typographic apostrophe
as 0x92), and UTF-16 puts a zero byte beside every ASCII character, with or without a
byte-order mark.
"""

from __future__ import annotations

_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
SAVE = "save it as UTF-8"


def other_encoding(raw: bytes) -> str | None:
    """The message for a file in UTF-16 or UTF-32 (by its byte-order mark, or by the zero
    bytes of UTF-16 text without one); None for anything else."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return f"the file is {name} (it starts with a {name} byte-order mark): {SAVE}"
    if _looks_utf16(raw[:4096]):
        return (
            "the file looks like UTF-16 text without a byte-order mark (a zero byte beside "
            f"most characters): {SAVE}"
        )
    return None


def _looks_utf16(head: bytes) -> bool:
    """Most characters of ASCII-range text in UTF-16 have a zero as their high byte: at even
    offsets (big-endian) or odd ones (little-endian), and hardly any on the other side."""
    if len(head) < 8:
        return False
    pairs = len(head) // 2
    even = head[0 : pairs * 2 : 2].count(0)
    odd = head[1 : pairs * 2 : 2].count(0)
    return max(even, odd) >= pairs * 0.6 and min(even, odd) <= pairs * 0.05


def not_utf8(raw: bytes, start: int) -> tuple[int, int, str]:
    """(line, column, message) for the first byte that is not UTF-8, at ``start``."""
    line_start = raw.rfind(b"\n", 0, start) + 1
    line = raw.count(b"\n", 0, start) + 1
    column = len(raw[line_start:start].decode("utf-8", "replace")) + 1
    byte = raw[start]
    guess = _windows_1252(raw, start)
    also = " or Latin-1" if byte >= 0xA0 else ""  # 0x80-0x9F are controls in Latin-1
    seen = f", probably '{guess}' saved in Windows-1252{also}" if guess else ""
    return line, column, f"the file is not UTF-8 (byte 0x{byte:02x} at line {line}{seen}): {SAVE}"


def _windows_1252(raw: bytes, start: int) -> str | None:
    """The character the byte stands for in Windows-1252, when that reading is plausible: a
    printable character, and not the lead byte of a UTF-8 sequence cut short."""
    try:
        char = raw[start : start + 1].decode("cp1252")
    except UnicodeDecodeError:
        return None
    return char if char.isprintable() and not char.isspace() else None
