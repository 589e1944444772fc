"""The cache file's layout: a small index read at start, the documents' payloads read lazily.

``MAGIC``, the index's length (8 bytes, little-endian) and digest, the index (marshal: format,
fingerprint, stamp, entries, the kept results, and the payload region's length and digest),
then the payload region: every entry's encoded document, one after the other. A run that
changes nothing reads the index alone; the region is read (in one read, and checked against its
digest) only when a document's data is needed. The file stays open while the run lasts, so a
cache another run replaces meanwhile is not mixed with this one.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sms_lint.cache.entries import payload_check, sound

MAGIC = b"sms-lint cache\0\0"
# The magic, the index's length and the digest of its bytes (zeros: not written by sms-lint).
_HEADER = struct.Struct("<16sQ16s")
_FIRST_READ = 1 << 20  # one read holds the header and the index of most repositories
_MAX_INDEX = 1 << 31


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
    first = os.pread(handle, _FIRST_READ, 0)
    if len(first) < _HEADER.size:
        return None
    magic, length, check = _HEADER.unpack_from(first)
    if magic != MAGIC or length > _MAX_INDEX:
        return None
    end = _HEADER.size + length
    index = first[_HEADER.size : end]
    if len(index) < length:
        index += _read_exactly(handle, length - len(index), _HEADER.size + len(index))
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
    if not (isinstance(region, tuple) and len(region) == 2 and isinstance(region[0], int)):
        return None
    intact = check == payload_check(index)
    return Image(entries, slots, stamp, handle, end, region[0], region[1], intact)


def write_image(
    file: Path,
    image: Image,
    fresh: dict[str, bytes],
    version: int,
    fingerprint: bytes,
    stamp: int,
) -> None:
    """Write ``image`` (entries whose payload is lost are left out) atomically to ``file``."""
    from sms_lint.digests import blake2b
    from sms_lint.output import write_chunks_atomic  # only runs that write pay for its imports

    parts: list[bytes] = []
    region_check = blake2b(digest_size=16)  # payload_check of the parts, in one pass
    entries: dict[str, tuple] = {}
    at = 0
    for path, entry in image.entries.items():
        if not sound(entry):
            continue
        payload = fresh.get(path)
        if payload is None:
            payload = image.payload(entry[2], entry[3])
        if payload is None:
            continue
        entries[path] = (*entry[:2], at, len(payload), *entry[4:])
        parts.append(payload)
        region_check.update(payload)
        at += len(payload)
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
    # The parts are written as they are: joining them would hold the whole region twice more.
    header = _HEADER.pack(MAGIC, len(index), payload_check(index))
    write_chunks_atomic(file, (header, index, *parts))


def joined(index: bytes, region: bytes, check: bytes = bytes(16)) -> bytes:
    """A cache file's bytes: header, index (marshal bytes), payload region; ``check``, the
    index's digest (without it, every entry is checked when used)."""
    return _HEADER.pack(MAGIC, len(index), check) + index + region


def split(blob: bytes) -> tuple[Any, bytes]:
    """A cache file's index (decoded) and payload region (for tests and inspection)."""
    _, length, _ = _HEADER.unpack_from(blob)
    return marshal.loads(blob[_HEADER.size : _HEADER.size + length]), blob[_HEADER.size + length :]


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
