"""The cache file's layout: a small index read at start, the documents' payloads read lazily.

``MAGIC``; the payload region: every entry's encoded document, one after the other; the index
(marshal: format, fingerprint, stamp, entries, the kept results, and the payload region's
length and digest); then a trailer: ``MAGIC`` again, the index's length (8 bytes,
little-endian) and digest. The index comes last so that the payloads are written as they are
encoded, one at a time: a cold run never holds every document's payload beside its parsed form
(a tenth of its memory at 10,000 documents). A run that changes nothing reads the trailer and
the index alone; the region is read (in one read, and checked against its digest) only when a
document's data is needed. The file stays open while the run lasts, so a cache another run
replaces meanwhile is not mixed with this one.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import struct
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sms_lint.cache.entries import payload_check, sound

MAGIC = b"sms-lint cache\0\0"
# The magic, the index's length and the digest of its bytes (zeros: not written by sms-lint).
_TRAILER = struct.Struct("<16sQ16s")
_REGION_AT = len(MAGIC)
_MAX_INDEX = 1 << 31


class Encodable(Protocol):
    """What the writer takes for a document stored by this run (a parsed Document): encoded
    only when it is written."""

    def encode(self) -> bytes: ...


@dataclass
class Image:
    """What a cache file holds; payloads stay in the file until asked for."""

    entries: dict[str, tuple]
    slots: dict[str, Any]  # "result", "base_result", "rules": (key, finding tuples)
    stamp: int  # ns: taken before the run that wrote the file looked at any file
    handle: int | None = None
    region_at: int = 0
    region_length: int = 0
    region_digest: bytes = b""
    # The index is byte for byte what sms-lint wrote (its digest matches): its entries are
    # sound by construction and need no check one by one.
    intact: bool = False
    _region: bytes | None = field(default=None, repr=False)

    @classmethod
    def empty(cls) -> Image:
        return cls({}, {}, 0)

    def payload(self, offset: int, length: int) -> bytes | None:
        """An entry's payload, None when it is not in the (sound) region."""
        if offset < 0 or length < 0 or offset + length > self.region_length:
            return None
        region = self._load_region()
        return region[offset : offset + length] if region else None

    def _load_region(self) -> bytes:
        if self._region is None:
            self._region = b""
            if self.handle is not None and self.region_length:
                with contextlib.suppress(OSError):
                    region = _read_exactly(self.handle, self.region_length, self.region_at)
                    if payload_check(region) == self.region_digest:
                        self._region = region
        return self._region


def read_image(file: Path, version: int, fingerprint: bytes) -> Image | None:
    """The image of ``file``, None when it is missing, unreadable, damaged or not for this
    ``version`` and ``fingerprint``."""
    try:
        handle = os.open(file, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        image = _parsed(handle, version, fingerprint)
    except Exception:  # unreadable in any way (truncated, not marshal, not ours): unused
        image = None
    if image is None:
        os.close(handle)
    return image


def _parsed(handle: int, version: int, fingerprint: bytes) -> Image | None:
    size = os.fstat(handle).st_size
    if size < _REGION_AT + _TRAILER.size or os.pread(handle, _REGION_AT, 0) != MAGIC:
        return None
    magic, length, check = _TRAILER.unpack(os.pread(handle, _TRAILER.size, size - _TRAILER.size))
    index_at = size - _TRAILER.size - length
    if magic != MAGIC or length > _MAX_INDEX or index_at < _REGION_AT:
        return None
    index = _read_exactly(handle, length, index_at)
    stored = marshal.loads(index)
    if not (
        isinstance(stored, dict)
        and stored.get("format") == version
        and stored.get("fingerprint") == fingerprint
    ):
        return None
    entries, slots, stamp, region = (stored.get(k) for k in ("entries", "slots", "stamp", "region"))
    if not (isinstance(entries, dict) and isinstance(slots, dict) and isinstance(stamp, int)):
        return None
    if not (isinstance(region, tuple) and len(region) == 2 and region[0] == index_at - _REGION_AT):
        return None
    intact = check == payload_check(index)
    return Image(entries, slots, stamp, handle, _REGION_AT, region[0], region[1], intact)


def write_image(
    file: Path,
    image: Image,
    fresh: Mapping[str, Encodable],
    version: int,
    fingerprint: bytes,
    stamp: int,
) -> None:
    """Write ``image`` (entries whose payload is lost are left out) atomically to ``file``,
    the documents stored by this run (``fresh``) encoded one at a time as they are written."""
    from sms_lint.output import write_chunks_atomic  # only runs that write pay for its imports

    write_chunks_atomic(file, _chunks(image, fresh, version, fingerprint, stamp))


def _chunks(
    image: Image, fresh: Mapping[str, Encodable], version: int, fingerprint: bytes, stamp: int
) -> Iterator[bytes]:
    """The file's bytes in pieces: the magic, each payload, the index, the trailer."""
    from sms_lint.digests import blake2b

    yield MAGIC
    region_check = blake2b(digest_size=16)  # payload_check of the region, in one pass
    entries: dict[str, tuple] = {}
    at = 0
    for path, entry in image.entries.items():
        if not sound(entry):
            continue
        document = fresh.get(path)
        payload = document.encode() if document is not None else image.payload(*entry[2:4])
        if payload is None:
            continue
        entries[path] = (*entry[:2], at, len(payload), *entry[4:])
        region_check.update(payload)
        at += len(payload)
        yield payload
    index = marshal.dumps(
        {
            "format": version,
            "fingerprint": fingerprint,
            "stamp": stamp,
            "entries": entries,
            "slots": image.slots,
            "region": (at, region_check.digest()),
        }
    )
    yield index
    yield _TRAILER.pack(MAGIC, len(index), payload_check(index))


def joined(index: bytes, region: bytes, check: bytes = bytes(16)) -> bytes:
    """A cache file's bytes: magic, payload region, index (marshal bytes), trailer; ``check``,
    the index's digest (without it, every entry is checked when used)."""
    return MAGIC + region + index + _TRAILER.pack(MAGIC, len(index), check)


def split(blob: bytes) -> tuple[Any, bytes]:
    """A cache file's index (decoded) and payload region (for tests and inspection)."""
    _, length, _ = _TRAILER.unpack_from(blob, len(blob) - _TRAILER.size)
    index_at = len(blob) - _TRAILER.size - length
    return marshal.loads(blob[index_at : index_at + length]), blob[_REGION_AT:index_at]


def _read_exactly(handle: int, length: int, offset: int) -> bytes:
    chunks = []
    while length > 0:
        chunk = os.pread(handle, length, offset)
        if not chunk:
            raise OSError("the cache file is shorter than its index says")
        chunks.append(chunk)
        length -= len(chunk)
        offset += len(chunk)
    return b"".join(chunks)
