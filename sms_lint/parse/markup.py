"""Markup in a Markdown body: which ``<...>`` is an HTML tag (``<br>``, ``<details open>``,
``<Strong>``) or a keyboard key (``<Enter>``, ``<Ctrl-C>``): never a placeholder, see
:mod:`sms_lint.parse.placeholders`; and whether a line says anything once its markup is removed.

The element names are those of the HTML living standard, plus the obsolete ones still met in
Markdown (``center``, ``font``, ``big``, ``tt``, ``strike``, ``nobr``). A placeholder that
happens to be an element's name (``<title>``, ``<address>``) is left alone: a renderer takes it
for markup, and the placeholder rule must never report markup.
"""

from __future__ import annotations

import re
from functools import cache

# Words, not a list literal: 130 names read best as the plain list they are.
HTML_ELEMENTS = frozenset(
    """
    a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body
    br button canvas caption center cite code col colgroup data datalist dd del details dfn
    dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset
    h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li
    link main map mark marquee math menu meta meter nav nobr noscript object ol optgroup
    option output p param picture plaintext pre progress q rb rp rt rtc ruby s samp script
    search section select slot small source span strike strong style sub summary sup svg
    table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr
    """.split()  # noqa: SIM905
)

# Attributes an HTML tag may carry without a value: ``<details open>`` is markup.
_BOOLEAN_ATTRIBUTES = frozenset(
    [
        "allowfullscreen",
        "async",
        "autofocus",
        "autoplay",
        "checked",
        "controls",
        "default",
        "defer",
        "disabled",
        "formnovalidate",
        "hidden",
        "inert",
        "ismap",
        "itemscope",
        "loop",
        "multiple",
        "muted",
        "nomodule",
        "novalidate",
        "open",
        "playsinline",
        "readonly",
        "required",
        "reversed",
        "selected",
    ]
)


def is_html_tag(marker: str) -> bool:
    """Whether an ``<...>`` marker is an HTML element, alone or with boolean attributes only
    (a doubled ``<<...>>`` never is)."""
    if not marker.startswith("<") or not marker.endswith(">") or marker.startswith("<<"):
        return False
    name, *attributes = marker[1:-1].lower().split()
    return name in HTML_ELEMENTS and all(a in _BOOLEAN_ATTRIBUTES for a in attributes)


# Keys as procedures write them: "press <Enter>", "<Ctrl+C>", "<Ctrl + Alt + Del>", "<F5>".
KEYBOARD_KEYS = frozenset(
    """
    enter tab esc escape ctrl control shift alt altgr space spacebar return del delete
    backspace home end pgup pgdn pageup pagedown up down left right insert ins cmd command
    option opt win windows meta super fn capslock printscreen prtsc menu pause break
    """.split()  # noqa: SIM905
) | frozenset(f"f{number}" for number in range(1, 25))


@cache
def _key_parts() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What joins keys (``+``, ``-``) and a key that is one letter or digit; compiled at
    first use, as only an ``<...>`` marker is asked about."""
    return re.compile(r"[ \t]*[+-][ \t]*"), re.compile(r"[A-Za-z0-9]")


def is_keyboard_key(marker: str) -> bool:
    """Whether an ``<...>`` marker is a key or a combination of keys joined by ``+`` or ``-``
    (at least one a named key, the others a key or one letter or digit: ``<Ctrl-C>``)."""
    if not marker.startswith("<") or not marker.endswith(">") or marker.startswith("<<"):
        return False
    key_join, one_character = _key_parts()
    parts = [p.lower() for p in key_join.split(marker[1:-1].strip())]
    if not any(p in KEYBOARD_KEYS for p in parts):
        return False
    return all(p in KEYBOARD_KEYS or one_character.fullmatch(p) for p in parts)


# An HTML tag (not an image, which shows something), an entity, a letter or digit: what is
# left of a line once its markup is removed must hold a letter or digit to say anything.
# Compiled at first use: only a Markdown body (or a value) read for content needs them.
@cache
def _content_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>"),
        re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"),
        re.compile(r"[^\W_]"),
    )


def has_content(text: str) -> bool:
    """Whether a line (or a value) says something: a letter or digit beyond HTML tags and
    entities (``***``, ``- - -``, ``<br>``, ``&nbsp;``, ``...`` say nothing)."""
    markup_tag, entity, letter_or_digit = _content_patterns()
    bare = markup_tag.sub(_keep_images, text)
    return bool(letter_or_digit.search(entity.sub("", bare)))


def _keep_images(tag: re.Match[str]) -> str:
    name = tag.group(1).lower()
    return tag.group(0) if name == "img" or name not in HTML_ELEMENTS else ""
