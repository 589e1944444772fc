"""Small helpers that write well-formed (XHTML-compatible) markup from untrusted text.

Every piece of text that came from the checked repository (titles, owners, messages, paths,
commit authors) passes through :func:`esc`: controls become U+FFFD (``clean``) and ``& < > " '``
become character references, so a hostile title stays text. Markup is written with every element
closed and every attribute quoted, so the page also parses as XML (the tests rely on that).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from sms_lint.neutralise import clean, log_safe_markup


def esc(text: object) -> str:
    """Text (or a number) as safe element content or attribute value; also safe in a log."""
    return log_safe_markup(html.escape(clean(str(text)), quote=True))


def prose(text: str) -> str:
    """Escaped text in which `back-quoted` names (as rule remediations write them) become
    ``<code>``; escaping first means the quotes can only ever wrap text."""
    pieces = esc(" ".join(text.split())).split("`")
    if len(pieces) % 2 == 0:  # an unpaired back-quote: leave the text as it is
        return "`".join(pieces)
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(pieces))


def anchor_id(prefix: str, name: str) -> str:
    """A stable fragment id: ``clause-8.4.2``. Only digits, letters, dots and dashes survive,
    so the id needs no escaping and never collides with markup."""
    kept = "".join(ch if ch.isascii() and (ch.isalnum() or ch in ".-") else "-" for ch in name)
    return f"{prefix}-{kept}"


def join(parts: Iterable[str]) -> str:
    return "\n".join(part for part in parts if part)


def table(
    caption: str, headings: Iterable[str], body: str, css: str = "", hide_caption: bool = False
) -> str:
    """A real table: caption, column headers with ``scope="col"``, then ``body`` (tbody
    markup). ``caption`` is markup (callers escape what they put in it); ``hide_caption`` keeps
    it for screen readers only, when a heading right above already says the same."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headings)
    klass = f' class="{css}"' if css else ""
    caption_class = ' class="sr-only"' if hide_caption else ""
    return (
        f'<div class="table-wrap"><table{klass}>\n<caption{caption_class}>{caption}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n{body}\n</table></div>"
    )


def row(cells: Iterable[str], header_first: bool = False) -> str:
    """A table row of markup cells; the first one a row header when asked."""
    out = []
    for index, cell in enumerate(cells):
        if index == 0 and header_first:
            out.append(f'<th scope="row">{cell}</th>')
        else:
            out.append(f"<td>{cell}</td>")
    return "<tr>" + "".join(out) + "</tr>"


# Status icons: one inline SVG sprite, used by reference, so the page carries each shape once.
# Shapes differ (tick, triangle, cross) so status never rests on colour alone, even in print.
_MARK = 'fill="none" stroke="#fff" stroke-width="1.8" stroke-linecap="round"'
_SYMBOLS = {
    "covered": f'<circle cx="8" cy="8" r="7"/><path d="M4.5 8.2l2.3 2.3 4.7-4.9" {_MARK}/>',
    "findings": f'<path d="M8 1.2l7.2 13H.8z"/><path d="M8 5.8v3.8M8 11.7v.4" {_MARK}/>',
    "gap": f'<circle cx="8" cy="8" r="7"/><path d="M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4" {_MARK}/>',
    "due": f'<rect x="1.5" y="2.5" width="13" height="12" rx="2"/><path d="M4.5 7h7" {_MARK}/>',
}


def sprite() -> str:
    symbols = "".join(
        f'<symbol id="icon-{name}" viewBox="0 0 16 16">{shape}</symbol>'
        for name, shape in _SYMBOLS.items()
    )
    return f'<svg class="sprite" aria-hidden="true" focusable="false">{symbols}</svg>'


def icon(name: str) -> str:
    """A decorative icon (the text next to it says the same thing)."""
    return (
        f'<svg class="icon icon-{name}" viewBox="0 0 16 16" aria-hidden="true" '
        f'focusable="false"><use href="#icon-{name}"/></svg>'
    )
