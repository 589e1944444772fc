"""Where a reference to a document or a section of the pack leads: ``#anchor`` in the one-file
pack, ``anchor.html`` (or ``index.html#section``) in a folder of pages. Only targets the pack
holds get a link, so every internal link resolves. Anchors hold only ASCII letters, digits,
dots and dashes (``html.markup.anchor_id``), so the hrefs made here need no escaping."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote

INDEX = "index.html"


@dataclass(frozen=True)
class Linker:
    by_label: Mapping[str, str]  # document id (or path) -> anchor
    by_path: Mapping[str, str]  # document path -> anchor
    folder: bool = False  # one page per document (and the index) instead of one file

    def document(self, anchor: str) -> str:
        return f"{anchor}.html" if self.folder else f"#{anchor}"

    def section(self, name: str) -> str:
        return f"{INDEX}#{name}" if self.folder else f"#{name}"

    def label(self, label: str) -> str | None:
        """The href of the document with this id, or None when the pack does not hold it."""
        anchor = self.by_label.get(label)
        return None if anchor is None else self.document(anchor)

    def relative(self, href: str, from_path: str) -> str | None:
        """The internal href of a link written in the document at ``from_path``: an id
        (``POL-002``, ``#POL-002``) or a relative path to another document
        (``../processes/prc-10-change.md``); None when it leads to nothing in the pack."""
        target, _, fragment = href.partition("#")
        if not target:
            return self.label(unquote(fragment))
        decoded = unquote(target)
        found = self.label(decoded)
        if found is not None:
            return found
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), decoded))
        anchor = self.by_path.get(joined)
        return None if anchor is None else self.document(anchor)
