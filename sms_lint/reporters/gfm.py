"""Text from the checked repository made inert in GitHub-flavoured Markdown (the job summary).

GFM turns more than ``[x](url)`` into links: ``<url>``, and (its autolink extension) bare
``www.``, ``http://`` and e-mail addresses. Every such trigger is broken here so that the text
renders exactly as written, as plain text, in GitHub's renderer (cmark-gfm) and in
markdown-it with linkify (which also links bare ``name.tld``).
"""

from __future__ import annotations

import re

from sms_lint.neutralise import lead, terminal

# Backslash-escaped: a backslash (or data could escape ours), the table's column break, link and
# image brackets, code, emphasis, strikethrough, math; ``_`` only where it could start or end
# emphasis (``last_reviewed`` stays as it is); a ``.`` between a word and a letter (``evil.com``,
# ``www.x``: no domain is left for an autolink); the ``:`` of ``scheme://``.
_ESCAPED = re.compile(
    r"[\\|\[\]`*~$]|(?<![^\W_])_|_(?![^\W_])|(?<=\w)\.(?=[^\W\d_])|:(?=/)|(?<=/)/"
)
# cmark-gfm links an e-mail address after joining text nodes, so escapes do not stop it; an
# empty HTML comment (a node of its own, shown as nothing) before the ``@`` does.
_AT = "<!-- -->@"
# Block syntax at the start of a list item: a heading, a quote, a nested list.
_BLOCK_START = re.compile(r"^(?:([#>+=-])|(\d{1,9})([.)])(?=\s|$))")
LIMIT = 2000  # characters of one value shown; the rest is cut (a summary has 1 MiB in all)


def shorten(text: str, limit: int = LIMIT) -> str:
    return text if len(text) <= limit else text[:limit] + " …"


def inline(text: str) -> str:
    """One value as plain text inside a table cell or after other text: one line, shortened,
    HTML and every Markdown trigger escaped."""
    text = shorten(terminal(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _ESCAPED.sub(r"\\\g<0>", text).replace("@", _AT)
    return lead(text)


def line_start(text: str) -> str:
    """A value that starts a list item: :func:`inline`, and no block syntax in front."""
    return _BLOCK_START.sub(lambda m: "\\" + m[0] if m[1] else f"{m[2]}\\{m[3]}", inline(text))
