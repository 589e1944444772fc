"""A Markdown body as safe markup, through markdown-it-py (CommonMark, with GFM tables).

Raw HTML is off, so ``<script>`` in a body is text. A link keeps its target only when it is
``http:``, ``https:`` or ``mailto:`` (markdown-it's ``validateLink`` drops the rest, such as
``javascript:`` and ``data:``, before this module sees them) or when it leads to a document the
pack holds (an id or a relative path: it becomes an internal link); any other link keeps its
text without a target, so no internal link is dangling. An image becomes a link to it: the pack
loads nothing. A document id written as plain text (``PRC-10``) links to that document.
Headings move two levels down, under the document's own heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from sms_lint.export.links import Linker
from sms_lint.neutralise import clean, xml_safe_lines

_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")
# The ids that plain text links: with a separator (POL-002, SLA-PAYMENTS), never one word.
_LINKABLE_ID = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)+")
_EXTERNAL_REL = "nofollow noopener noreferrer"


def scheme_of(url: str) -> str | None:
    found = _SCHEME.match(url)
    return found.group(1).lower() if found else None


def validate_link(url: str) -> bool:
    """markdown-it's hook: only web and mail schemes, or no scheme (a relative link)."""
    scheme = scheme_of(url)
    return scheme is None or scheme in _SAFE_SCHEMES


class BodyRenderer:
    """Renders the bodies of one pack (its links depend on what the pack holds)."""

    def __init__(self, linker: Linker) -> None:
        self.linker = linker
        self.md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": True, "linkify": False})
        self.md.enable(["table", "strikethrough"])
        self.md.validateLink = validate_link  # type: ignore[method-assign]
        self.md.add_render_rule("image", _render_image)
        self.md.add_render_rule("heading_open", _render_heading)
        self.md.add_render_rule("heading_close", _render_heading)
        labels = sorted(
            (label for label in linker.by_label if _LINKABLE_ID.fullmatch(label)),
            key=lambda label: (-len(label), label),
        )
        self.mentions = (
            re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, labels)) + r")(?![\w-])")
            if labels
            else None
        )

    def render(self, body: str, path: str, own_label: str) -> str:
        tokens = self.md.parse(clean(body))
        for token in tokens:
            if token.type == "inline" and token.children is not None:
                token.children = self._inline(token.children, path, own_label)
        markup = self.md.renderer.render(tokens, self.md.options, {})
        # Printed to a job log (-o -), no line of a body may read as a CI command.
        return xml_safe_lines(markup)

    def _inline(self, children: list[Token], path: str, own_label: str) -> list[Token]:
        out: list[Token] = []
        depth = 0  # inside a link: its text is not linked again
        for token in children:
            if token.type == "link_open":
                depth += 1
                self._retarget(token, path)
            elif token.type == "link_close":
                depth -= 1
            if token.type == "text" and depth == 0 and self.mentions is not None:
                out.extend(self._mentions(token.content, own_label))
            else:
                out.append(token)
        _close_dead_links(out)
        return out

    def _retarget(self, token: Token, path: str) -> None:
        href = str(token.attrGet("href") or "")
        scheme = scheme_of(href)
        if scheme in _SAFE_SCHEMES:
            token.attrs = {"href": href, "rel": _EXTERNAL_REL}
            return
        target = None if scheme else self.linker.relative(href, path)
        if target is None:  # nothing the pack holds: the text stays, without a target
            token.tag, token.attrs, token.meta = "span", {"class": "unlinked"}, {"dead": True}
        else:
            token.attrs = {"href": target, "class": "doc-link"}

    def _mentions(self, text: str, own_label: str) -> Iterable[Token]:
        assert self.mentions is not None
        start = 0
        for found in self.mentions.finditer(text):
            label = found.group(1)
            href = self.linker.label(label)
            if label == own_label or href is None:
                continue
            if found.start() > start:
                yield _text(text[start : found.start()])
            yield Token("link_open", "a", 1, attrs={"href": href, "class": "doc-link"})
            yield _text(label)
            yield Token("link_close", "a", -1)
            start = found.end()
        if start < len(text):
            yield _text(text[start:])


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _close_dead_links(tokens: list[Token]) -> None:
    """The closing tag of a link turned into a span becomes ``</span>`` too."""
    open_tags: list[Token] = []
    for token in tokens:
        if token.type == "link_open":
            open_tags.append(token)
        elif token.type == "link_close" and open_tags:
            opener = open_tags.pop()
            token.tag = opener.tag


def _render_image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """An image as a link to it (web addresses only) or as its description: nothing loads."""
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    src = str(token.attrGet("src") or "")
    words = f"[image: {alt}]" if alt else "[image]"
    escaped = escapeHtml(words)
    if scheme_of(src) in ("http", "https"):
        return f'<a href="{escapeHtml(src)}" rel="{_EXTERNAL_REL}">{escaped}</a>'
    return f'<span class="unlinked">{escaped}</span>'


def _render_heading(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
    token.tag = f"h{min(6, level + 2)}"
    return str(self.renderToken(tokens, idx, options, env))
