"""Renames git did not see, or saw wrongly, told by the ids the files declare (``--base``).

A base file gone and a file new since the base that declare the same ``kind`` and ``id``
(the only one gone, and the only one new, with that pair) are one artifact moved; a rename git
found whose two files declare different ids is none (see :mod:`.changes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

from sms_lint.gitrepo.worktree import read_regular
from sms_lint.parse.documents import Document, parse_document

if TYPE_CHECKING:
    from pathlib import Path


class Based(Protocol):
    """What pairing needs of a base file (:class:`~sms_lint.gitrepo.changes.BaseFile`)."""

    @property
    def document(self) -> Document: ...


BaseFile = TypeVar("BaseFile", bound=Based)


def pair_by_id(
    root: Path, deleted: list[tuple[BaseFile, bytes]], added: list[str], max_bytes: int
) -> dict[str, tuple[BaseFile, bytes]]:
    """New path -> the deleted base file it is a rename of: the two declare the same kind
    and id, and no other deleted file, nor any other added one, declares that pair (with two,
    which one became which is a guess: each stays deleted, or new, as git says)."""
    gone: dict[tuple[str, str], list[tuple[BaseFile, bytes]]] = {}
    for base, raw in deleted:
        if (key := _identity(base.document)) is not None:
            gone.setdefault(key, []).append((base, raw))
    if not gone:
        return {}
    new: dict[tuple[str, str], list[str]] = {}
    for path in added:
        content = read_regular(root / path, max_bytes)
        key = None if content is None else _identity(parse_document(path, content))
        if key in gone:
            new.setdefault(key, []).append(path)
    return {
        paths[0]: gone[key][0] for key, paths in new.items() if len(paths) == len(gone[key]) == 1
    }


def other_id(base: Based, root: Path, current: str, max_bytes: int) -> bool:
    """Whether the file git paired with ``base`` as its rename declares another id: then it
    is another artifact (often a copy of this one, made to hide the rename of a rewritten
    file), and the base file counts as deleted, to be paired by id like any other."""
    content = read_regular(root / current, max_bytes)
    old = _identity(base.document)
    new = None if content is None else _identity(parse_document(current, content))
    return old is not None and new is not None and old[1] != new[1]


def _identity(document: Document) -> tuple[str, str] | None:
    """(kind, id) that a document declares, or None without both as text."""
    data = document.data
    if not isinstance(data, dict):
        return None
    kind, ident = data.get("kind"), data.get("id")
    if isinstance(kind, str) and isinstance(ident, str) and kind and ident:
        return kind, ident
    return None
