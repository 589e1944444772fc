"""Open a file of the checked repository for reading only if it is still the file discovery saw.

Discovery and reading happen at different times, and the tree may change in between (a pull
request's job can race the checker). So a file is opened with ``O_NOFOLLOW`` (a file swapped
for a symbolic link is refused, not followed) and ``O_NONBLOCK`` (a FIFO swapped in does not
hang the run), and the open descriptor's ``fstat`` must show a regular file with the device and
inode that discovery recorded. A folder on the way swapped for a link out of the root leads to
another file, with another identity, so it is refused too.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import NamedTuple

from sms_lint.parse.basics import Problem


class FileId(NamedTuple):
    """What discovery saw of a file: its device and inode (0 and 0: unknown, on platforms that
    cannot tell), and for a symbolic link inside the root the real file it leads to (relative
    to the root), which is what gets opened."""

    device: int
    inode: int
    opened: str | None = None


class Refused(Exception):
    """The file is not opened; the message says why (it never quotes the file)."""


CHANGED = "the file changed while it was being checked: not read"
LINK = "a symbolic link: not read"
NOT_REGULAR = "not a regular file (a FIFO, device or socket): not read"

# O_NOFOLLOW and O_NONBLOCK are POSIX; O_NOCTTY keeps a terminal from becoming ours; Windows
# opens in text mode unless told otherwise. Missing flags are 0.
_FLAGS = os.O_RDONLY | sum(
    getattr(os, name, 0) for name in ("O_NOFOLLOW", "O_NONBLOCK", "O_NOCTTY", "O_BINARY")
)


def open_checked(path: str, expected: FileId | None) -> tuple[int, os.stat_result]:
    """A read-only descriptor for ``path`` and its ``fstat``; raises :class:`Refused` when the
    path is now a link, not a regular file, or not the file ``expected`` names (``None``: any
    regular file), and ``OSError`` when it cannot be opened at all."""
    try:
        handle = os.open(path, _FLAGS)
    except OSError as error:
        if _is_link_refusal(error):
            raise Refused(CHANGED if expected is not None else LINK) from None
        raise
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise Refused(CHANGED if expected is not None else NOT_REGULAR)
        if expected is not None and expected.inode and not _same(status, expected):
            raise Refused(CHANGED)
    except BaseException:
        os.close(handle)
        raise
    return handle, status


def _same(status: os.stat_result, expected: FileId) -> bool:
    return status.st_ino == expected.inode and status.st_dev == expected.device


def _is_link_refusal(error: OSError) -> bool:
    """Whether ``open`` failed because the last component is a symbolic link (``ELOOP`` on
    Linux, ``EMLINK`` or ``EFTYPE`` on some BSDs)."""
    return error.errno in _LINK_ERRORS


_LINK_ERRORS = {
    getattr(errno, name) for name in ("ELOOP", "EMLINK", "EFTYPE") if hasattr(errno, name)
}


def refusal(message: str) -> Problem:
    return Problem("SMS100", 1, 1, message)


def read_whole(path: str, expected: FileId | None) -> bytes:
    """All of a small trusted-size file (the root's config), opened as :func:`open_checked`."""
    handle, _ = open_checked(path, expected)
    with os.fdopen(handle, "rb") as file:
        return file.read()
