"""What the result cache decodes is checked before anything uses it.

A cache file can be truncated by a full disk, hit by a bad sector or edited by hand; marshal then
gives back whatever the bytes say. Every index entry is therefore checked for structure and
types when it is used, and a document's payload (read lazily, see :class:`StoredDocument`)
against the digest of the payload region and for plain data of the entry's kind when it is
decoded; a bad entry is treated as missing and recomputed, a bad payload is parsed again from
the file, never handed to the rules or the reporters.

An index entry is ``(signature, digest, offset, length, is_artifact, kind, findings,
declared, ident)``: the file's metadata when it was read (None: unknown), its content digest,
where its document's payload lies in the payload region, the outcome's flags and per-file
findings, and the artifact's id (so that shared ids are found without decoding any document).
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from typing import Any

from sms_lint.digests import blake2b
from sms_lint.finding import Finding, Severity
from sms_lint.parse.documents import Document, decode_detail
from sms_lint.parse.placeholders import Body
from sms_lint.pipeline.filestage import FileOutcome

_SEVERITIES = frozenset(s.value for s in Severity)
_SCALARS = (str, int, float, bool, type(None))
ENTRY_LENGTH = 9
Fetch = Callable[[], bytes]  # a document's payload, read (or recomputed) when first needed


def payload_check(payload: bytes) -> bytes:
    """A digest of encoded documents (the payload region), stored in the index."""
    return blake2b(payload, digest_size=16).digest()


def finding_tuple(f: Finding) -> tuple:
    return (
        f.path,
        f.line,
        f.column,
        f.rule,
        f.clause,
        f.severity.value,
        f.message,
        f.artifact,
        f.waived_reason,
        f.about,
        f.written,
    )


def finding(t: Any) -> Finding | None:
    """The finding a cached tuple holds, or None when the tuple is not one ``finding_tuple``
    writes."""
    if not isinstance(t, tuple) or len(t) != 11:
        return None
    path, line, column, rule, clause, severity, message, artifact, waived, about, written = t
    if not (
        _text_or_none(path, artifact, waived)
        and _count_or_none(line, column)
        and all(isinstance(v, str) for v in (rule, clause, message))
        and severity in _SEVERITIES
        and _data_paths(about)
        and isinstance(written, bool)
    ):
        return None
    return Finding(
        path, line, column, rule, clause, Severity(severity), message, artifact, waived, about,
        written,
    )  # fmt: skip


def findings(value: Any) -> tuple[Finding, ...] | None:
    """Every finding of a cached tuple of tuples, or None if one of them is bad."""
    if not isinstance(value, tuple):
        return None
    if not value:
        return ()
    out = tuple(finding(t) for t in value)
    return None if any(f is None for f in out) else out  # type: ignore[return-value]


def sound(entry: Any) -> bool:
    """Whether an index entry has the shape and types :func:`outcome` relies on (exact type
    checks: this runs for every file of every warm run)."""
    if type(entry) is not tuple or len(entry) != ENTRY_LENGTH:
        return False
    signed, content, offset, length, is_artifact, kind, _, said, ident = entry
    return (
        type(content) is bytes
        and type(offset) is int
        and type(length) is int
        and type(is_artifact) is bool
        and (kind is None or type(kind) is str)
        and (ident is None or type(ident) is str)
        and (signed is None or _signature(signed))
        and type(said) is tuple
        and len(said) == 2
        and (said[0] is None or type(said[0]) is str)
        and (said[1] is None or type(said[1]) is str)
    )


def outcome(path: str, entry: tuple, fetch: Fetch) -> FileOutcome | None:
    """The file outcome a :func:`sound` entry holds for ``path``, its document read through
    ``fetch`` when first needed; None when its findings are not sound."""
    found = entry[6]
    if type(found) is not tuple or found:  # no findings (most files): nothing to check
        found = findings(found)
        if found is None:
            return None
    document = _new_document(StoredDocument)
    document.path, document.is_artifact, document._fetch = path, entry[4], fetch
    document._body = document._data = document._parts = document._detail = None
    document._positions, document._problems = {}, []
    return _new_tuple(FileOutcome, (document, entry[5], found, entry[7]))


def data_sound(payload: bytes, kind: str | None) -> bool:
    """Whether a payload decodes (as :meth:`Document.encode` wrote it) to plain data of
    ``kind`` (no data at all when ``kind`` is None)."""
    try:
        data_blob, detail, body = marshal.loads(payload)
        data = marshal.loads(data_blob)
        positions, problems = decode_detail(detail)
        if body is not None:
            Body.from_plain(body)  # what the document will do with it
    except Exception:  # bytes that marshal cannot read, whatever the exception
        return False
    if not (isinstance(positions, dict) and isinstance(problems, list)):
        return False
    if data is None:
        return kind is None
    if not isinstance(data, dict) or (kind is not None and data.get("kind") != kind):
        return False
    return plain(data)


_new_document = object.__new__  # a warm run makes one per file: no __init__ calls
_new_tuple = tuple.__new__


class StoredDocument(Document):
    """A cached document whose payload is read from the cache file only when something asks
    for its data, body, positions or problems (a run that changes nothing never does)."""

    __slots__ = ("_fetch",)

    def __init__(self, path: str, is_artifact: bool, fetch: Fetch) -> None:
        super().__init__(path, None, is_artifact=is_artifact)
        self._fetch: Fetch | None = fetch

    def _fetched(self) -> None:
        fetch = self._fetch
        if fetch is not None:
            self._fetch = None
            self._parts = fetch()

    def _split(self) -> None:
        self._fetched()
        super()._split()

    def encode(self) -> bytes:
        self._fetched()
        return super().encode()


def plain(value: Any) -> bool:
    """Whether ``value`` is JSON-like data as the loader builds it (mappings, lists, text,
    numbers, booleans, null), or tuples of such (a body in brief), at any depth."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if not all(isinstance(key, _SCALARS) for key in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif not isinstance(item, _SCALARS):
            return False
    return True


def _signature(value: Any) -> bool:
    if type(value) is not tuple or len(value) != 5:
        return False
    size, modified, changed, inode, device = value
    return (
        type(size) is int
        and type(modified) is int
        and type(changed) is int
        and type(inode) is int
        and type(device) is int
    )


def _text_or_none(*values: Any) -> bool:
    return all(v is None or isinstance(v, str) for v in values)


def _count_or_none(*values: Any) -> bool:
    return all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in values)


def _data_paths(value: Any) -> bool:
    """A tuple of data paths: tuples of keys (text) and list indexes."""
    return isinstance(value, tuple) and all(
        isinstance(path, tuple)
        and all(
            isinstance(p, str) or (isinstance(p, int) and not isinstance(p, bool)) for p in path
        )
        for path in value
    )
