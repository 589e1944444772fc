"""Placeholders and empty bodies: what a Markdown body holds besides headings, and where text
still waits to be written.

A placeholder is one of:

- the starter's ``<...>`` marker, single or doubled (``<<...>>``), after no word character
  (``A<B test`` compares): a letter, then either at least one space (``<Name of your managing
  director>``) or one word of letters, digits, ``.`` and ``-`` (``<Name>``, ``<YYYY-MM-DD>``).
  Never markup: no ``=``, ``/`` or ``:`` (attributes, closing tags, autolinks such as
  ``<https://...>``), no ``@`` in a single word (``<a@b.c>``), and not an HTML element's name
  (:mod:`sms_lint.parse.markup`), alone or with boolean attributes only (``<br>``,
  ``<details open>``, ``<Strong>``). Nor a keyboard key (``press <Enter>``, ``<Ctrl-C>``,
  ``<Ctrl + Alt + Del>``, ``<F5>``). A comparison (``P1 < 4h and P2 > 8h``) has a space or a
  digit after its ``<`` and is not one;
- a template's token, ``{{owner}}`` or ``{{ name }}``;
- a bracketed instruction: ``[Insert ...]``, ``[Enter ...]``, ``[Add ...]``, ``[Your ...]``,
  ``[Name of ...]`` (first words in any case), unless a link's ``(``, ``[`` or ``:`` follows
  (``[Add a risk](risks.md)``). Any other ``[Name]`` is left alone: square brackets are
  Markdown's link syntax (``[the policy][pol]``, ``[x]`` task lists), so a bracketed word is
  far more often a link than a gap;
- a date template as a whole word: ``YYYY-MM-DD``, ``DD/MM/YYYY``, ``MM/DD/YYYY``
  (``last_reviewed: YYYY-MM-DD``), but not where prose names the format: after ``as``,
  ``in``, ``the``, ``use``, ``written``, ``format``, ``formatted`` or ``form``, or in
  parentheses (``dates are written YYYY-MM-DD``, ``ISO 8601 (YYYY-MM-DD)``);
- a marker phrase as a whole word, ignoring case: ``TBD``, ``T.B.D.``, ``TBC``, ``TODO``,
  ``FIXME``, ``lorem ipsum``, plus ``placeholders:`` from ``.sms-lint.yaml`` (``PLACEHOLDER``
  only in capitals: it is also a plain word). A marker that names a file (``todo.txt``: a
  ``.`` and a word character follow) is not one. Phrases honest prose also uses are no
  default marker: ``to be confirmed`` ("impact still to be confirmed by the customer"),
  ``to be determined``, ``to be defined`` and runs of X (a masked card number,
  ``XXXX XXXX XXXX 1234``). An organization that writes them as markers adds them under
  ``placeholders:`` in ``.sms-lint.yaml`` (``XXX`` there stands for any run of three or more).

Text in code (fenced blocks and inline code spans) is an example, not a placeholder, and is
skipped. HTML comments are hidden from the reader and skipped, as
:mod:`sms_lint.parse.visible` finds them: what a reader would see (the text after an inline
``<!--`` that never closes in its paragraph, or after a ``-->``) is scanned. A marker that
goes on over several lines is one placeholder, at its opening line.

A content line holds at least one letter or digit once HTML tags (but an image), entities
(``&nbsp;``) and comments are removed: a rule (``***``, ``- - -``), ``<br>``, ``.`` or
``...`` alone says nothing.

The body is summarised while the file is parsed (the per-file stage), so that the rules and the
cache hold a few numbers per document instead of its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple

from sms_lint.parse.markup import has_content, is_html_tag, is_keyboard_key

DEFAULT_MARKERS = (
    "TBD",
    "T.B.D.",
    "TBC",
    "TODO",
    "FIXME",
    "PLACEHOLDER",
    "lorem ipsum",
)
# Markers that are also plain words: a marker only in capitals ("replace the placeholder" in
# a document-control procedure is honest prose).
CAPITALS_ONLY = frozenset({"PLACEHOLDER"})
# Markers written in more than one way: any run of three or more X (when a config adds
# ``XXX``), T.B.D with or without its last full stop.
_WRITTEN = {"XXX": "X{3,}", "T.B.D.": r"T\.B\.D\.?"}

# ``<What was audited, how, and the conclusion.>``; also the opening of a marker that goes on
# over the next lines (``<PLACEHOLDER. This record...`` with no ``>`` on the line).
# Not after a word character: ``A<B test`` compares, it asks for nothing.
_ANGLE = r"(?<![\w<])<<?[A-Za-z][^<>=/:\n`]*\s[^<>=/:\n`]*(?:>>?|$)"
# ``<Name>``, ``<<Name>>``, ``<YYYY-MM-DD>``: one word (an HTML element's name is dropped later).
_ANGLE_WORD = r"(?<![\w<])(?:<<[A-Za-z][\w.-]*>>|<[A-Za-z][\w.-]*>)"
# ``{{owner}}``, ``{{ name }}``: a template's token.
_TEMPLATE = r"\{\{[ \t]*[A-Za-z_][\w.-]*(?:[ \t]+[\w.-]+)*[ \t]*\}\}"
# ``[Insert the scope]``, ``[Name of owner]``: an instruction, unless a link follows.
_INSTRUCTION = r"\[[ \t]*(?:insert|enter|add|your|name[ \t]+of)[ \t]+[^\[\]\n]*\](?![(\[:])"
# ``YYYY-MM-DD`` as a whole word, unless prose names the format ("written YYYY-MM-DD").
_NAMES_FORMAT = "".join(
    f"(?<!{word} )" for word in ("as", "in", "the", "use", "written", "format", "formatted", "form")
)
_DATE = rf"(?<![\w/(-]){_NAMES_FORMAT}(?:YYYY-MM-DD|DD/MM/YYYY|MM/DD/YYYY)(?![\w/-])"
# A phrase is a whole word, and not the name of a file (``todo.txt``).
_WORD_END = r"(?![\w-])(?!\.\w)"


# Compiled at first use: only a Markdown body needs them.
@cache
def _heading() -> re.Pattern[str]:
    return re.compile(r"\s{0,3}(#{1,6}(\s|$)|=+\s*$|-+\s*$)")


@cache
def _code_span() -> re.Pattern[str]:
    return re.compile(r"(`+)(?:(?!\1).)+?\1")


class Placeholder(NamedTuple):
    line: int
    column: int
    text: str  # as written, cut to 60 characters


class Body(NamedTuple):
    """A Markdown body in brief: how many lines of content it has beyond headings, blank
    lines, rules and comments, every placeholder in it, and the line of the front matter's
    closing fence (the body starts on the next line; 0 when not known)."""

    content_lines: int
    placeholders: tuple[Placeholder, ...]
    fence_line: int = 0

    def plain(self) -> tuple:
        """The body as plain tuples, for ``marshal`` (the cache and worker processes)."""
        return (self.content_lines, tuple(tuple(p) for p in self.placeholders), self.fence_line)

    @classmethod
    def from_plain(cls, plain: Any) -> Body:
        """The body :meth:`plain` gave (the cache checks the bytes against their digest)."""
        content, placeholders, fence_line = plain
        return cls(content, tuple(Placeholder(*p) for p in placeholders), fence_line)


@lru_cache(maxsize=8)
def marker_pattern(extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    """The pattern of every placeholder: the ``<...>`` marker, the default phrases and
    ``extra`` (literal text, so a config from a pull request cannot make the scan slow)."""
    phrases = sorted({p.strip() for p in (*DEFAULT_MARKERS, *extra) if p.strip()}, key=len)
    words = "|".join(_phrase(p, p in CAPITALS_ONLY) for p in reversed(phrases))
    return re.compile(
        rf"{_ANGLE}|{_ANGLE_WORD}|{_TEMPLATE}|{_INSTRUCTION}|{_DATE}"
        rf"|(?<![\w-])(?:{words}){_WORD_END}",
        re.IGNORECASE | re.MULTILINE,
    )


def _phrase(phrase: str, capitals: bool) -> str:
    written = _WRITTEN.get(phrase) or re.escape(phrase).replace(r"\ ", r"\s+")
    return f"(?-i:{written})" if capitals else written


def find(
    text: str, pattern: re.Pattern[str], shown: str | None = None
) -> Iterator[tuple[int, str]]:
    """(0-based offset, text) of every placeholder in one line or value of text; the text is
    quoted from ``shown`` (the same line with its code spans, blanked in ``text``, intact)."""
    for match in pattern.finditer(text):
        found = match.group(0)
        if is_html_tag(found) or is_keyboard_key(found):
            continue
        if found.startswith("<") and _quoted(text, match.start(), match.end()):
            continue  # a template quoted from elsewhere: '"<Company> must keep data in the EEA"'
        written = found if shown is None else shown[match.start() : match.end()]
        yield match.start(), _shorten(written)


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] sits inside a quoted sentence of a longer text: inside straight
    or curly double quotes that hold other words too (a marker quoted alone, '"<Name>"', is
    still a placeholder)."""
    before, after = text[:start], text[end:]
    for opening, closing in (('"', '"'), ("\u201c", "\u201d")):
        opened = (
            before.count(opening) % 2 == 1
            if opening == closing
            else (before.count(opening) > before.count(closing))
        )
        if not opened or closing not in after:
            continue
        inside = before[before.rindex(opening) + 1 :] + after[: after.index(closing)]
        if any(c.isalnum() for c in inside):
            return True
    return False


def summarise_body(lines: Sequence[str], first_line: int, pattern: re.Pattern[str]) -> Body:
    """The :class:`Body` of the Markdown ``lines``, the first of which is line ``first_line``
    of the file (the front matter's closing fence is the line before)."""
    # Here, not at the top: a run that parses no Markdown body never loads CommonMark's reading.
    from sms_lint.parse.visible import Kind, shown

    fenced = (Kind.FENCE, Kind.FENCED)
    heading, code_span = _heading(), _code_span()
    content = 0
    found: list[Placeholder] = []
    for number, line in enumerate(shown(lines), start=first_line):
        # Fences are markup; what they hold counts like any other line, and holds examples.
        # Indented code is read as text: in a list item it is often a paragraph.
        if line.kind in fenced:
            content += line.kind is Kind.FENCED and has_content(line.text)
            continue
        text = line.text
        if not text.strip() or heading.match(text):
            continue
        content += has_content(text)
        prose = code_span.sub(lambda m: " " * len(m.group(0)), text)
        found.extend(
            Placeholder(number, offset + 1, hit) for offset, hit in find(prose, pattern, text)
        )
    return Body(content, tuple(found), max(first_line - 1, 0))


def in_data(value: Any, pattern: re.Pattern[str], at: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(data path, text) of every placeholder in a value of the front matter, at any depth."""
    for path, _, text in places_in_data(value, pattern, at):
        yield path, text


def places_in_data(
    value: Any, pattern: re.Pattern[str], at: tuple = ()
) -> Iterator[tuple[tuple, int, str]]:
    """(data path, 0-based offset in the value, text) of the first placeholder of every value
    of the front matter, at any depth: the value is what has to be written."""
    if isinstance(value, str):
        for offset, hit in find(value, pattern):
            yield at, offset, hit
            return
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from places_in_data(item, pattern, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from places_in_data(item, pattern, (*at, index))


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
