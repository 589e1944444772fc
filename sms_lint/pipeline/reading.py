"""Reading one work-tree file for the per-file stage: its bytes, or the problem that stops it.

A file is opened only if it is still the file discovery saw (:mod:`sms_lint.files.safeopen`);
the ``fstat`` of the open descriptor, taken before the first byte is read, is the file's
:data:`Signature`: what the result cache compares on a later run instead of reading the file
again (any write after it changes the ctime, see :mod:`sms_lint.cache.store`).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sms_lint.files.safeopen import FileId, Refused, open_checked, refusal
from sms_lint.parse.basics import Problem

if TYPE_CHECKING:
    from sms_lint.config.file import Config
    from sms_lint.files.discovery import Discovered
    from sms_lint.parse.documents import Document

# (size, mtime_ns, ctime_ns, inode, device) of a file, as git's index keeps them.
Signature = tuple[int, int, int, int, int]
TOO_LARGE = "(max_file_kb in .sms-lint.yaml): not read"  # the end of a too-large file's message


def signature(status: os.stat_result) -> Signature:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def read_bytes(root: Path, path: str, max_kb: int, seen: FileId | None = None) -> bytes | Problem:
    """The file's bytes, or the problem that stops it being read (too large, unreadable, not
    a regular file, or no longer the file discovery ``seen``: see :mod:`sms_lint.files.safeopen`).
    A symbolic link inside the root is read as the file it leads to (``seen.opened``)."""
    return read_signed(root, path, max_kb, seen)[0]


def read_signed(
    root: Path, path: str, max_kb: int, seen: FileId | None = None
) -> tuple[bytes | Problem, Signature | None]:
    """:func:`read_bytes` and the signature of the file read (None when it was not)."""
    limit = max_kb * 1024
    opened = seen.opened if seen is not None and seen.opened is not None else path
    try:
        handle, status = open_checked(os.path.join(root, opened), seen)
        try:
            size = status.st_size
            raw = _read_at_most(handle, limit + 1, size + 1)
        finally:
            os.close(handle)
    except Refused as refused:
        return refusal(str(refused)), None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            return refusal(
                "the file's path is longer than the system allows: not read; shorten the "
                "folder names or exclude it in .sms-lint.yaml"
            ), None
        return refusal(f"cannot read the file: {error.strerror or 'unreadable'}"), None
    if len(raw) > limit:
        return too_large(max(size, len(raw)), max_kb), None
    return raw, signature(status)


def too_large(size: int, max_kb: int) -> Problem:
    """The problem of a file of ``size`` bytes over ``max_kb``: not read."""
    return Problem(
        "SMS100", 1, 1, f"the file is {size // 1024} KiB, over the {max_kb} KiB limit {TOO_LARGE}"
    )


def head(root: Path, path: str, seen: FileId | None) -> bytes | None:
    """The first 64 KiB of a file, opened as :func:`read_bytes` opens it; None if it cannot."""
    opened = seen.opened if seen is not None and seen.opened is not None else path
    try:
        handle, _ = open_checked(os.path.join(root, opened), seen)
    except (Refused, OSError):
        return None
    try:
        return os.read(handle, 64 * 1024)
    except OSError:
        return None
    finally:
        os.close(handle)


def _read_at_most(handle: int, most: int, expected: int) -> bytes:
    """Up to ``most`` bytes, asking first for the ``expected`` size: a buffer of the whole
    limit for every small file costs several times the read itself. A file that grew since
    its size was taken is read on, in chunks, up to ``most``."""
    chunks = []
    total = 0
    want = min(expected, most)
    while total < most:
        chunk = os.read(handle, min(want, most - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1 << 16
    return b"".join(chunks)  # a single chunk comes back as it is, not copied


def read_documents(
    root: Path, config: Config, quick: bool = False, found: Discovered | None = None
) -> list[Document]:
    """Discover and parse every candidate file, in path order (no checks). Used by the
    commands that list documents (register, history). ``quick``: the same data, read without
    positions where the text is simple (:mod:`sms_lint.parse.flatyaml`); ``found``: the
    candidates, when the caller has discovered them already."""
    from sms_lint.gitrepo.ignored import candidates
    from sms_lint.parse.documents import Document, parse_document
    from sms_lint.parse.flatyaml import load_flat

    load = load_flat if quick else None  # None: parse_document's own, load_yaml

    if found is None:
        found = candidates(root, config.exclude)
    documents = [
        parse_document(p, raw, load=load)
        if isinstance(raw := read_bytes(root, p, config.max_file_kb, found.identity(p)), bytes)
        else Document(p, None, problems=[raw])
        for p in found.paths
    ]
    documents += [Document(path, None, problems=[problem]) for path, problem in found.problems]
    documents.sort(key=lambda d: d.path)
    return documents
