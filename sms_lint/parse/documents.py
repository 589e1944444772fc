"""Read one file from disk into an artifact candidate: bytes -> text -> front matter -> data.

A YAML file (``*.yaml``/``*.yml``) is one document. A Markdown file is an artifact only when it
starts with a ``---`` front-matter block; its data is the front matter and the rest is the body.
Problems become :class:`~sms_lint.parse.loader.Problem` values; nothing here raises for bad input.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Callable
from typing import Any

# The suffixes live in basics (the file stage reads them without YAML); importers use these.
from sms_lint.parse.basics import (  # noqa: F401 (YAML_SUFFIXES: importers read it here)
    MARKDOWN_SUFFIXES,
    YAML_SUFFIXES,
    Loaded,
    Path,
    Problem,
)
from sms_lint.parse.frontmatter import decode, split_lines
from sms_lint.parse.placeholders import Body, marker_pattern, summarise_body


class Document:
    """A file's contribution to the check: its data (``None`` if not usable) and problems.

    ``is_artifact`` is false for Markdown without front matter, which is simply not ours.
    A document read back from the cache or a worker process keeps its parsed form as bytes
    until something asks for it, in two parts: the data (which rules read) and the positions
    and problems (needed only to place a finding), so neither is decoded without need.
    """

    __slots__ = (
        "_body",
        "_data",
        "_detail",
        "_parts",
        "_positions",
        "_problems",
        "is_artifact",
        "path",
    )

    def __init__(
        self,
        path: str,
        data: dict[str, Any] | None,
        positions: dict[Path, tuple[int, int]] | None = None,
        problems: list[Problem] | None = None,
        is_artifact: bool = True,
        body: Body | None = None,
    ) -> None:
        self.path = path
        self.is_artifact = is_artifact
        # A Markdown artifact's body in brief (None for YAML): see sms_lint.parse.placeholders.
        self._body = body
        self._data: Any = data
        self._positions = positions if positions is not None else {}
        self._problems = problems if problems is not None else []
        self._parts: bytes | None = None  # encode()'s bytes, not yet split
        self._detail: bytes | None = None  # positions and problems, not yet decoded

    @classmethod
    def lazy(cls, path: str, payload: bytes, is_artifact: bool) -> Document:
        """A document whose parsed form is ``encode()``'s bytes, decoded on first use."""
        # Without __init__: its empty positions and problems would be two containers per
        # document, never used (the payload holds both; a large repository has many documents).
        document = cls.__new__(cls)
        document.path, document.is_artifact, document._parts = path, is_artifact, payload
        document._body = document._data = document._detail = None
        document._positions, document._problems = _NOT_YET, _NOT_YET  # type: ignore[assignment]
        return document

    @classmethod
    def from_parts(cls, path: str, parts: Parts, is_artifact: bool) -> Document:
        """A document whose parsed form is :meth:`parts`' pieces, decoded on first use (a
        worker's document: in pieces, the parent frees no whole payload when it splits it)."""
        document = cls.lazy(path, b"", is_artifact)
        document._parts = None
        document._set_parts(parts)
        return document

    def _set_parts(self, parts: Parts) -> None:
        data, self._detail, body = parts
        self._data = _Encoded(data)
        self._body = None if body is None else Body.from_plain(body)

    def _split(self) -> None:
        if self._parts is not None:
            self._set_parts(marshal.loads(self._parts))
            self._parts = None

    def parts(self) -> Parts:
        """The parsed form in three compact pieces: the data, the positions and problems
        (compressed), the body in brief; :meth:`encode` marshals them into one."""
        if self._parts is not None:
            return marshal.loads(self._parts)  # type: ignore[no-any-return]
        # A part still in marshal form is its own encoding: decoding it here (every document's
        # positions, when the cache is written) would keep it decoded for the rest of the run.
        detail = self._detail
        if detail is None:
            problems = [(p.code, p.line, p.column, p.message) for p in self._problems]
            # Compressed: kept in memory for every document until a finding needs its place.
            detail = zlib.compress(marshal.dumps((self._positions, problems)), 1)
        data = self._data.blob if isinstance(self._data, _Encoded) else marshal.dumps(self._data)
        body = None if self._body is None else self._body.plain()
        return data, detail, body

    def encode(self) -> bytes:
        """The parsed form as compact bytes (for the cache)."""
        if self._parts is not None:
            return self._parts  # still in encoded form: nothing to do
        return marshal.dumps(self.parts())

    @property
    def data(self) -> dict[str, Any] | None:
        self._split()
        if isinstance(self._data, _Encoded):
            self._data = marshal.loads(self._data.blob)
        return self._data

    def _decode_detail(self) -> None:
        self._split()
        if self._detail is not None:
            positions, problems = decode_detail(self._detail)
            self._positions, self._problems = positions, [Problem(*p) for p in problems]
            self._detail = None

    @property
    def body(self) -> Body | None:
        """A Markdown artifact's body in brief (None for YAML): how much content it has beyond
        headings, and its placeholders (see :mod:`sms_lint.parse.placeholders`)."""
        self._split()
        return self._body

    @property
    def positions(self) -> dict[Path, tuple[int, int]]:
        self._decode_detail()
        return self._positions

    @property
    def problems(self) -> list[Problem]:
        self._decode_detail()
        return self._problems

    def position(self, path: Path) -> tuple[int, int]:
        """The nearest recorded position for ``path``, walking up to the document start."""
        positions = self.positions
        while path not in positions and path:
            path = path[:-1]
        return positions.get(path, (1, 1))


def decode_detail(detail: bytes) -> tuple[Any, Any]:
    """The positions and problems in an encoded document's detail part (as marshal gives
    them: the caller checks their shape when the bytes come from a file)."""
    return marshal.loads(zlib.decompress(detail))  # type: ignore[no-any-return]


Parts = tuple[bytes, bytes, Any]  # Document.parts(): data, positions and problems, body

_NOT_YET = None  # a lazy document's positions and problems, until decoded from its payload


class _Encoded:
    """Marks data still in marshal form (data itself may legitimately be ``None``)."""

    __slots__ = ("blob",)

    def __init__(self, blob: bytes) -> None:
        self.blob = blob


def parse_document(
    path: str, raw: bytes, markers: tuple[str, ...] = (), load: Callable[..., Loaded] | None = None
) -> Document:
    """Turn a file's bytes into a :class:`Document`; ``path`` decides YAML or Markdown.
    ``markers`` are the extra placeholder phrases a Markdown body is searched for; ``load``
    reads the YAML: :func:`~sms_lint.parse.loader.load_yaml` unless given (``register``
    passes :func:`~sms_lint.parse.flatyaml.load_flat`, which imports the YAML parser only for
    a text it cannot read itself)."""
    if load is None:
        from sms_lint.parse.loader import load_yaml as load
    text, problem = decode(raw)
    if problem is not None:
        return Document(path, None, problems=[problem])
    assert text is not None
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        front, offset, problem, body, first = split_lines(text)
        if problem is not None:
            return Document(path, None, problems=[problem])
        if front is None:
            return Document(path, None, is_artifact=False)
        loaded = load(front, line_offset=offset)
        summary = summarise_body(body, first, marker_pattern(markers))
        return Document(path, loaded.data, loaded.positions, loaded.problems, body=summary)
    loaded = load(text)
    return Document(path, loaded.data, loaded.positions, loaded.problems)


def parse_data(path: str, raw: bytes) -> Any:
    """``parse_document(path, raw).data``, without summarising a Markdown body: an old
    revision's fields are all the approval trails and ``history`` read (thousands of them with
    ``--base``), through the quick reader, which gives ``load_yaml``'s data."""
    from sms_lint.parse.flatyaml import load_flat

    text, problem = decode(raw)
    if problem is not None:
        return None
    assert text is not None
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        front, offset, problem, _, _ = split_lines(text)
        if problem is not None or front is None:
            return None
        return load_flat(front, line_offset=offset).data
    return load_flat(text).data
