"""What the result cache decodes is checked before anything uses it.

A cache file can be truncated by a full disk, hit by a bad sector or edited by hand; marshal then
gives back whatever the bytes say. Every entry is therefore checked for structure and types (and
its document against a digest of the bytes written) when it is decoded; a bad entry is treated
as missing and recomputed, never handed to the rules or the reporters.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sms_lint.finding import Finding, Severity
from sms_lint.parse.documents import Document
from sms_lint.pipeline.filestage import FileOutcome

_SEVERITIES = frozenset(s.value for s in Severity)
_SCALARS = (str, int, float, bool, type(None))


def payload_check(payload: bytes) -> bytes:
    """A digest of a document's encoded form, stored beside it in the entry."""
    return hashlib.blake2b(payload, digest_size=16).digest()


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
        path,
        line,
        column,
        rule,
        clause,
        Severity(severity),
        message,
        artifact,
        waived,
        about,
        written,
    )


def findings(value: Any) -> tuple[Finding, ...] | None:
    """Every finding of a cached tuple of tuples, or None if one of them is bad."""
    if not isinstance(value, tuple):
        return None
    out = tuple(finding(t) for t in value)
    return None if any(f is None for f in out) else out  # type: ignore[return-value]


def outcome(path: str, digest: bytes, entry: Any) -> FileOutcome | None:
    """The file outcome a cache entry holds for ``path`` with content ``digest``; None when the
    entry is for other content or is not sound."""
    if not isinstance(entry, tuple) or len(entry) != 7 or entry[0] != digest:
        return None
    _, payload, check, is_artifact, kind, cached, declared = entry
    if not (
        isinstance(payload, bytes)
        and check == payload_check(payload)
        and isinstance(is_artifact, bool)
        and (kind is None or isinstance(kind, str))
        and isinstance(declared, tuple)
        and len(declared) == 2
        and _text_or_none(*declared)
    ):
        return None
    found = findings(cached)
    if found is None:
        return None
    document = Document.lazy(path, payload, is_artifact)
    try:
        data = document.data  # decoded now, once: the rules would read it anyway
    except Exception:  # bytes that marshal cannot read, whatever the exception
        return None
    if not _sound_data(data, kind):
        return None
    return FileOutcome(document, kind, found, declared)


def _sound_data(data: Any, kind: str | None) -> bool:
    if data is None:
        return kind is None
    if not isinstance(data, dict) or (kind is not None and data.get("kind") != kind):
        return False
    return plain(data)


def plain(value: Any) -> bool:
    """Whether ``value`` is JSON-like data as the loader builds it (mappings, lists, text,
    numbers, booleans, null), at any depth."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if not all(isinstance(key, _SCALARS) for key in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif not isinstance(item, _SCALARS):
            return False
    return True


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
