"""Write reports safely: readers never see a half-written file, and no path is clobbered.

:func:`write_report` is what ``-o``/``--report`` use:

- a regular file (or a new one) is replaced atomically: a temporary file in the same folder,
  then a rename. An existing file keeps its mode (and, when we may, its owner); a new file gets
  the umask's mode (``0666 & ~umask``), as a shell redirection would;
- ``/dev/stdout``, ``/dev/fd/N``: written through that open descriptor (a log it appends to
  keeps what it held);
- a FIFO or a character/block device (``/dev/null``) is written straight into:
  renaming over it would replace ``/dev/null`` with a regular file;
- a symbolic link is followed: its target is written (atomically when it is a regular file), the
  link stays a link;
- missing parent folders of the named path are created (CI jobs write ``reports/x.xml`` into a
  fresh checkout), but never those of a dangling link's target.

:func:`write_bytes_atomic` is the plain atomic write the cache uses for its private files.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

# Flags every open here adds: no controlling terminal from a tty path, no leak into children.
_OPEN_FLAGS = getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def encode(text: str) -> bytes:
    """UTF-8 for a report. Reporters already replace lone surrogates; this is the last line of
    defence so that no report is ever invalid UTF-8 (and no encode error is a traceback)."""
    return text.encode("utf-8", "replace")


def write_report(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as described in the module docstring (OSError on failure)."""
    write_report_data(path, encode(text))


def write_report_data(path: Path, data: bytes) -> None:
    """:func:`write_report` for a report that is bytes already (a spreadsheet)."""
    if not os.path.lexists(path):
        path.parent.mkdir(parents=True, exist_ok=True)
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        # stat the named path (links followed by the kernel): /dev/stdout's realpath is a
        # /proc "pipe:[N]" name nothing can stat, but the link itself leads to the pipe
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "it is a folder", str(path))
    descriptor = _descriptor(path) if info is not None else None
    if descriptor is not None:
        # /dev/stdout appending to a CI log: written through the open descriptor, so what it
        # holds and its append mode stay (reopening the name would write from offset 0)
        _write_all(descriptor, data)
        return
    if info is not None and not stat.S_ISREG(info.st_mode):
        write_into(path, data)  # a FIFO or device, as a shell's ">" would, never replaced
        return
    replace_file(target, data, info)


_DESCRIPTOR_NAMES = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_DESCRIPTOR_FOLDERS = ("/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/")


def _descriptor(path: Path) -> int | None:
    """The descriptor ``/dev/stdout``, ``/dev/fd/N`` or ``/proc/self/fd/N`` names, if any."""
    name = os.path.abspath(path)
    if name in _DESCRIPTOR_NAMES:
        return _DESCRIPTOR_NAMES[name]
    for folder in _DESCRIPTOR_FOLDERS:
        number = name[len(folder) :] if name.startswith(folder) else ""
        if number.isdigit():
            return int(number)
    return None


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def write_into(path: Path, data: bytes) -> None:
    """Write into an existing FIFO or device, as ``>`` in a shell would (no rename)."""
    handle = os.open(path, os.O_WRONLY | _OPEN_FLAGS)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)


def replace_file(path: Path, data: bytes, old: os.stat_result | None) -> None:
    """Replace (or create) the regular file ``path`` atomically; ``old`` is its current stat."""
    # Mode 0666: the kernel applies the umask (and a folder's default ACL), which mkstemp's
    # fixed 0600 would not.
    try:
        handle, temp = _new_temp(path, 0o666)
    except PermissionError:
        if old is None:
            raise
        # The folder is not writable but the file is: write it in place (not atomic, but what
        # the user's permissions allow).
        write_in_place(path, data)
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            if old is not None:
                keep_mode_and_owner(stream.fileno(), old)
            stream.write(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


_TEMP_ATTEMPTS = 100


def _new_temp(path: Path, mode: int) -> tuple[int, Path]:
    """A new file ``.NAME.RANDOM.tmp`` next to ``path``, opened O_EXCL for writing.

    Made by hand rather than with :mod:`tempfile`/:mod:`secrets`: they import shutil, random,
    hashlib, bz2 and lzma, a fifth of a pre-commit run's start-up. Like mkstemp, a name that
    exists already is skipped, never opened."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _OPEN_FLAGS
    for _ in range(_TEMP_ATTEMPTS):
        temp = path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp"
        try:
            return os.open(temp, flags, mode), temp
        except FileExistsError:
            continue
    raise FileExistsError(17, "no free temporary name", str(path.parent))


def keep_mode_and_owner(handle: int, old: os.stat_result) -> None:
    os.fchmod(handle, stat.S_IMODE(old.st_mode))
    if hasattr(os, "fchown") and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        # Only root may give a file away; otherwise the new file is the writer's.
        with contextlib.suppress(PermissionError):
            os.fchown(handle, old.st_uid, old.st_gid)


def write_in_place(path: Path, data: bytes) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_TRUNC | _OPEN_FLAGS)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)


def append_report(path: Path, text: str) -> None:
    """Append ``text`` to ``path`` (the GitHub job summary): one write, through a link to its
    target, into a FIFO as into a file; a new file gets the umask's mode."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | _OPEN_FLAGS
    if os.path.isdir(path):
        raise IsADirectoryError(21, "it is a folder", str(path))
    handle = os.open(path, flags, 0o666)
    with os.fdopen(handle, "wb") as stream:
        stream.write(encode(text))


def write_atomic(path: Path, text: str) -> None:
    """Write a text file the way reports are written (``schema --output-dir`` uses it)."""
    write_report(path, text)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a private (0600) temporary file in the same folder."""
    write_chunks_atomic(path, (data,))


def write_chunks_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """:func:`write_bytes_atomic` for data in pieces, written one after the other: a large
    cache is never joined into one more copy in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = _new_temp(path, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
