"""Does a work-tree file still hold a blob? Answered by hashing the file here, never by git
(unless the index's record of the file still describes it: see :func:`.trees.vouches`).

``git diff`` against the work tree would run the repository's clean/process filters on every
stat-dirty file and refresh the index; hashing the bytes as git names a blob
(``sha1("blob <size>\\0" + content)``, or sha256 in a sha256 repository) needs neither.

No filter runs, by design, so content is compared as it is on disk, with one built-in
conversion: a file whose only difference from the blob is CRLF where the blob has LF is the
same (that is what ``core.autocrlf``/``text=auto``/``eol=crlf`` checkouts look like). Other
conversions (``ident``, ``working-tree-encoding``, clean filters) make a file read as changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from enum import Enum
from pathlib import Path

_SYMLINK_MODE = "120000"


class State(Enum):
    SAME = "same"
    CHANGED = "changed"
    MISSING = "missing"  # no file (or a folder) at that path: git would call it deleted


def blob_id(content: bytes, id_length: int) -> str:
    """The id git gives ``content`` as a blob; ``id_length`` (40 or 64) names the hash."""
    digest = hashlib.sha256() if id_length == 64 else hashlib.sha1()
    digest.update(b"blob %d\0" % len(content))
    digest.update(content)
    return digest.hexdigest()


def compare(path: Path, blob: str, mode: str, max_bytes: int) -> State:
    """Whether the file at ``path`` (never followed if a link) holds ``blob`` of ``mode``.

    A file over ``max_bytes`` is not read: it counts as changed (check reports it anyway)."""
    try:
        info = os.lstat(path)
    except OSError:
        return State.MISSING
    if stat.S_ISLNK(info.st_mode):
        content = os.fsencode(os.readlink(path)) if mode == _SYMLINK_MODE else None
    elif stat.S_ISREG(info.st_mode) and mode != _SYMLINK_MODE:
        content = _read_regular(path, max_bytes) if info.st_size <= max_bytes else None
    elif stat.S_ISDIR(info.st_mode):
        return State.MISSING
    else:
        content = None  # a FIFO or device, or a link where a file was: never opened
    if content is None:
        return State.CHANGED
    if blob_id(content, len(blob)) == blob:
        return State.SAME
    if b"\r\n" in content and blob_id(content.replace(b"\r\n", b"\n"), len(blob)) == blob:
        return State.SAME
    return State.CHANGED


def read_regular(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of the regular file at ``path`` (never a link, FIFO or device, never over
    ``max_bytes``); None when there is no such file."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
        return None
    return _read_regular(path, max_bytes)


def _read_regular(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of a regular file, opened without following links or blocking; None when it
    is not one any more (swapped since the lstat) or cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    with contextlib.closing(os.fdopen(descriptor, "rb")) as handle:
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            content = handle.read(max_bytes + 1)
        except OSError:
            return None
    return content if len(content) <= max_bytes else None
