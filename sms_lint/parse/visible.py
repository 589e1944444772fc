"""What a reader sees of a Markdown body: which lines are code, and which parts of the other
lines are HTML comments (``<!-- note -->``), hidden when the page is shown.

Both SMS017 (a change to comments only is no revision: :mod:`sms_lint.gitrepo.differences`)
and the placeholder scan (:mod:`sms_lint.parse.placeholders`) rely on this, so it follows
CommonMark where a mistake would hide text a reader sees, and when in doubt it calls the text
visible (a revision, or a placeholder found, is the safe answer):

- a fenced code block opens with three or more backticks or tildes indented at most three
  spaces, and closes only with a run of the same character, at least as long, indented at
  most three spaces, with nothing after it; an unclosed block runs to the end. Its lines are
  code, shown as written;
- a line indented four or more columns that does not continue a paragraph is indented code,
  shown as written (inside a list it may be a paragraph: it is still taken as shown);
- a line starting with ``<!--`` (indented at most three spaces) opens an HTML block that ends
  on the line holding the comment's ``-->``, blank lines or not. When that opening was
  indented (it may sit in a list item), a later line indented less ends it too;
- elsewhere a comment is inline: it must end within its paragraph (not across a blank line,
  a heading, a fence, a list item, a quote or a rule), or the ``<!--`` is plain text. Inside
  an inline code span it is text too;
- ``<!-->`` and ``<!--->`` are whole (empty) comments, and the text after a comment's
  ``-->`` is shown.

Each ``-->`` and each backtick run is looked for once: the scan takes time in proportion to
the text, whatever it holds (a body of 100,000 ``<!--`` must not take minutes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import NamedTuple


class Kind(Enum):
    TEXT = "text"
    FENCE = "fence"  # a line that opens or closes a fenced code block
    FENCED = "fenced"  # a line inside one
    INDENTED = "indented"  # a line of indented code


class Line(NamedTuple):
    """One line as shown: ``text`` without its hidden parts (code lines as written), and
    whether a comment was taken out of it."""

    kind: Kind
    text: str
    hidden: bool


_FENCE_OPEN = re.compile(r" {0,3}(`{3,}(?=[^`]*$)|~{3,})")
_HTML_OPEN = re.compile(r"( {0,3})<!--")
# Lines that end a paragraph (and so an inline comment still open in it).
# More than CommonMark's list (any HTML tag, any number, a table's row): ending a paragraph
# early only ever shows more.
_INTERRUPTS = re.compile(
    r" {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|(?:[-*_][ \t]*){3,}$|\||>|[-+*](?:[ \t]|$)"
    r"|\d{1,9}[.)](?:[ \t]|$)|</?[A-Za-z]|<[?!])"
)
# Lines that are a block of their own: a heading, a rule, a setext underline, a table's row.
_SINGLE = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|(?:[-*_][ \t]*){3,}$|-+[ \t]*$|\|)")
_BACKTICKS = re.compile(r"`+")


def shown(lines: Sequence[str]) -> list[Line]:
    """Every line of ``lines`` (a Markdown body, without line endings) as shown."""
    out: list[Line] = []
    paragraph: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        opened = _FENCE_OPEN.match(line)
        starts = _HTML_OPEN.match(line)
        if paragraph and (not line.strip() or opened or starts or _INTERRUPTS.match(line)):
            out.extend(_inline(paragraph))
            paragraph = []
        if opened:
            at = _fenced(lines, at, opened.group(1), out)
        elif starts:
            at = _html_block(lines, at, len(starts.group(1)), out)
        elif not paragraph and line.strip() and _indent(line) >= 4:
            out.append(Line(Kind.INDENTED, line, False))
            at += 1
        elif not line.strip():
            out.append(Line(Kind.TEXT, line, False))
            at += 1
        else:
            paragraph.append(line)
            if _SINGLE.match(line):  # no comment goes on past it
                out.extend(_inline(paragraph))
                paragraph = []
            at += 1
    out.extend(_inline(paragraph))
    return out


def _indent(line: str) -> int:
    """The columns of a line's leading blanks (a tab goes to the next multiple of four)."""
    column = 0
    for char in line:
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _fenced(lines: Sequence[str], at: int, fence: str, out: list[Line]) -> int:
    """Adds a fenced block opening at ``lines[at]``; the index of the line after it."""
    out.append(Line(Kind.FENCE, lines[at], False))
    for index in range(at + 1, len(lines)):
        if _closes(lines[index], fence):
            out.append(Line(Kind.FENCE, lines[index], False))
            return index + 1
        out.append(Line(Kind.FENCED, lines[index], False))
    return len(lines)


def _closes(line: str, fence: str) -> bool:
    """Whether ``line`` closes a block opened by ``fence``: the same character, at least as
    many, indented at most three spaces, nothing after it."""
    run = line.lstrip(" ").rstrip(" \t")
    return (
        len(line) - len(line.lstrip(" ")) <= 3
        and len(run) >= len(fence)
        and not run.strip(fence[0])
    )


def _html_block(lines: Sequence[str], at: int, indent: int, out: list[Line]) -> int:
    """Adds an HTML block opening with a comment at ``lines[at]``; the index of the line
    after it. The block's last line keeps what follows the comment's ``-->``."""
    start = lines[at].index("<!--")
    for index in range(at, len(lines)):
        line = lines[index]
        if index > at and indent and line.strip() and _indent(line) < indent:
            return index  # an indented opening may be in a list item that ends here
        end = line.find("-->", start + 2 if index == at else 0)
        if end >= 0:
            kept = line[:start] if index == at else ""
            tail = next(_inline([line[end + 3 :]]))
            out.append(Line(Kind.TEXT, kept + tail.text, True))
            return index + 1
        out.append(Line(Kind.TEXT, line[:start] if index == at else "", True))
    return len(lines)


def _inline(paragraph: list[str]) -> Iterator[Line]:
    """A paragraph's lines without the comments that end within it, each saying whether it
    lost any."""
    if not paragraph:
        return
    text = "\n".join(paragraph)
    pieces: list[str] = []
    touched = [False] * len(paragraph)
    position, number = 0, 0  # number: the line of ``text`` at ``position``
    for start, end in _comments(text):
        pieces.append(text[position:start])
        number += text.count("\n", position, start)
        across = text.count("\n", start, end)
        for line in range(number, number + across + 1):
            touched[line] = True
        pieces.append("\n" * across)  # the comment's lines stay, emptied
        number += across
        position = end
    pieces.append(text[position:])
    for line, kept in zip(range(len(paragraph)), "".join(pieces).split("\n"), strict=True):
        yield Line(Kind.TEXT, kept, touched[line])


def _comments(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each comment in a paragraph's text, leaving code spans alone."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    closer = _closers(runs)
    run, position, opening = 0, 0, text.find("<!--")
    while opening >= 0:
        if opening < position:  # passed over (in a code span): the next one, found once
            opening = text.find("<!--", position)
            continue
        while run < len(runs) and runs[run][0] < position:
            run += 1  # backticks inside a comment, or a code span, already passed
        if run < len(runs) and runs[run][0] < opening:
            match = closer[run]
            position = runs[run][1] if match is None else runs[match][1]
            continue
        end = text.find("-->", opening + 2)
        if end < 0:
            return  # no comment ends in this paragraph, so no later one does either
        yield opening, end + 3
        position = end + 3


def _closers(runs: list[tuple[int, int]]) -> list[int | None]:
    """For each backtick run, the index of the next run as long (which closes the code span
    it opens), or None: found for all in one pass from the end."""
    closer: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        closer[index] = last.get(length)
        last[length] = index
    return closer
