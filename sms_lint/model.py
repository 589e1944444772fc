"""The checked repository as the rules see it: artifacts with typed, forgiving accessors.

Rules run on every artifact with a known kind, even one that failed its schema (that failure is
already a finding), but they see only schema-valid values: the file stage prunes every value the
schema rejects (``sms_lint.schema.prune``). The accessors stay forgiving all the same (belt and
braces, and ``register`` reads unvalidated documents): they never raise, a wrong type reads as
missing.
"""

from __future__ import annotations

import datetime
from typing import Any

from sms_lint.parse.documents import Document


def parse_date(value: Any) -> datetime.date | None:
    if isinstance(value, str) and len(value) == 10 and value.isascii():  # no other digits
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def clause_text(value: Any) -> str | None:
    """A clause written as text or a number (``8.5`` or ``"8.5.1"``) as text, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


class Artifact:
    """One usable artifact: a document with a mapping and a known ``kind``.

    Immutable, compared and hashed by (doc, kind). Its ``data``, ``id``, ``status`` and
    ``approved`` are worked out on first use and kept in slots (rules read fields hundreds of
    thousands of times on a large repository, and the document may first have to be decoded
    from the cache); slots, not an instance dict: a large repository has an artifact per file.
    """

    __slots__ = ("approved", "data", "doc", "id", "kind", "status")
    doc: Document
    kind: str
    data: dict[str, Any]
    id: str | None
    status: str | None
    approved: bool

    def __init__(self, doc: Document, kind: str) -> None:
        object.__setattr__(self, "doc", doc)
        object.__setattr__(self, "kind", kind)

    def __getattr__(self, name: str) -> Any:
        # Called only for a slot not yet filled: the fields worked out on first use.
        if name == "data":
            value: Any = self.doc.data
            assert value is not None
        elif name in ("id", "status"):
            value = self.text(name)
        elif name == "approved":
            value = self.status == "approved"
        else:
            raise AttributeError(f"'Artifact' object has no attribute '{name}'")
        object.__setattr__(self, name, value)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field '{name}': an Artifact is immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Artifact:
            return NotImplemented
        return self.doc is other.doc and self.kind == other.kind

    def __hash__(self) -> int:
        return hash((id(self.doc), self.kind))

    def __repr__(self) -> str:
        return f"Artifact(path={self.doc.path!r}, kind={self.kind!r})"

    @property
    def path(self) -> str:
        return self.doc.path

    def written(self, *path: str | int) -> bool:
        """Whether the file writes this field, even with a value the schema pruned (findings
        about a field's value point at it when it is there)."""
        return path in self.doc.positions

    def text(self, name: str, source: dict[str, Any] | None = None) -> str | None:
        value = (self.data if source is None else source).get(name)
        return value if isinstance(value, str) and value.strip() else None

    def date(self, name: str, source: dict[str, Any] | None = None) -> datetime.date | None:
        return parse_date((self.data if source is None else source).get(name))

    def number(self, name: str, source: dict[str, Any] | None = None) -> float | None:
        value = (self.data if source is None else source).get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return value

    def items(self, name: str) -> list[tuple[int, dict[str, Any]]]:
        """The mapping entries of a list field, with their index (for positions)."""
        value = self.data.get(name)
        if not isinstance(value, list):
            return []
        return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]

    def strings(self, name: str, source: dict[str, Any] | None = None) -> list[tuple[int, str]]:
        """The text entries of a list field, with their index."""
        value = (self.data if source is None else source).get(name)
        if not isinstance(value, list):
            return []
        return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]
