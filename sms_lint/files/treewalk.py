"""Walking the checked tree for discovery: folder by folder, each pinned to what its parent
listed, with every file that cannot be read a problem rather than a silent gap.

Each folder is opened (``O_NOFOLLOW``, ``O_DIRECTORY``) and its ``fstat`` compared with the
identity its parent's listing gave, then listed from that descriptor: a folder swapped for a
link during the run is refused, not followed. The folder's device and each entry's inode (free
from ``readdir``) are the identity a file is read against later (:mod:`sms_lint.files.safeopen`), so
discovery costs no ``stat`` per file. Links are resolved once, and the file a link inside the
root leads to is reached from the root's descriptor with ``O_NOFOLLOW`` at every step.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterator

from sms_lint.files.safeopen import CHANGED, NOT_REGULAR, FileId, Refused, read_whole, refusal
from sms_lint.parse.basics import Problem

DirEntry = os.DirEntry[str]

# Listing from a descriptor needs fdopendir (POSIX); elsewhere folders are listed by path and
# files are read without an identity to compare (still never through a link or a FIFO).
PINNED = os.scandir in os.supports_fd and os.stat in os.supports_dir_fd
_DIRECTORY = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)

OUTSIDE = "symbolic link to a place outside the repository: not read"
NOWHERE = "symbolic link that leads to no file: not read"
FOLDER_CHANGED = "the folder changed while it was being checked: its files were not read"


def folder_problem(error: OSError) -> Problem:
    """Why a folder's files were not checked, and what to do (one sentence)."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return refusal(
            "the folder could not be read (permission denied), so its files were not checked: "
            "give sms-lint read access to it or exclude it in .sms-lint.yaml"
        )
    if error.errno == errno.ENAMETOOLONG:
        return refusal(
            "the folder's path is longer than the system allows, so its files were not "
            "checked: shorten the folder names or exclude it in .sms-lint.yaml"
        )
    if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
        return refusal(FOLDER_CHANGED)
    reason = error.strerror or "unreadable"
    return refusal(
        f"the folder could not be read ({reason}), so its files were not checked: "
        "give sms-lint read access to it or exclude it in .sms-lint.yaml"
    )


@contextlib.contextmanager
def listed(path: str, expected: tuple[int, int] | None) -> Iterator[tuple[list[DirEntry], int]]:
    """Open the folder at ``path``, check it is the one ``expected`` (device, inode) names, and
    give its entries and device while it is open (entries answer type questions through the
    folder's descriptor, closed afterwards). Raises ``OSError`` (ELOOP for a folder that is
    not the one listed) when the folder cannot be read."""
    if not PINNED:
        yield list(os.scandir(path)), 0
        return
    flags = _DIRECTORY if expected is not None else _DIRECTORY & ~getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags)  # the root itself may be a link: the user named it
    try:
        status = os.fstat(handle)
        if expected is not None and (status.st_dev, status.st_ino) != expected:
            raise OSError(errno.ELOOP, "changed")
        yield list(os.scandir(handle)), status.st_dev
    finally:
        os.close(handle)


def folder_identity(entry: DirEntry) -> tuple[int, int] | None:
    """A sub-folder's (device, inode) as its parent lists it (``lstat`` through the parent's
    descriptor: a mount point shows the mounted folder, as ``fstat`` will)."""
    if not PINNED:
        return None
    status = entry.stat(follow_symlinks=False)
    return status.st_dev, status.st_ino


def link_target(link: str, real_root: str) -> tuple[str | None, Problem | None]:
    """Where a link leads, relative to the real root (None: a folder or not ours), or the
    problem that stops it being read. Where an outside target points is never said."""
    try:
        target = os.path.realpath(link)
    except (OSError, ValueError):
        return None, refusal(NOWHERE)
    if target != real_root and not target.startswith(real_root.rstrip(os.sep) + os.sep):
        return None, refusal(OUTSIDE)
    return os.path.relpath(target, real_root).replace(os.sep, "/"), None


def target_identity(
    root_handle: int | None, real_root: str, target: str
) -> FileId | Problem | None:
    """The identity of the file ``target`` (inside the root) names, reached from the root's
    descriptor without following any link; None for a folder (links to folders are never
    descended into)."""
    if root_handle is None:  # no descriptors here: nothing to pin, read as found
        return FileId(0, 0, target) if os.path.isfile(os.path.join(real_root, target)) else None
    parts = target.split("/")
    opened: list[int] = []
    try:
        handle = root_handle
        for part in parts[:-1]:
            handle = os.open(part, _DIRECTORY, dir_fd=handle)
            opened.append(handle)
        status = os.stat(parts[-1], dir_fd=handle, follow_symlinks=False)
    except OSError as error:
        return refusal(NOWHERE if error.errno == errno.ENOENT else CHANGED)
    finally:
        for handle in opened:
            os.close(handle)
    if stat.S_ISDIR(status.st_mode):
        return None
    if stat.S_ISLNK(status.st_mode):
        return refusal(NOWHERE)  # a loop, or changed since it was resolved
    if not stat.S_ISREG(status.st_mode):
        return refusal(NOT_REGULAR)
    return FileId(status.st_dev, status.st_ino, target)


def open_root(real_root: str) -> int | None:
    """The root's descriptor for reaching link targets (None where descriptors do not work
    or the root cannot be opened: listing it then says why)."""
    if not PINNED:
        return None
    try:
        return os.open(real_root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None


def read_inside(root: str, name: str) -> bytes:
    """A file directly in the root (its config) read only as discovery would accept it: a
    link must lead to a regular file inside the root, reached without following links.
    Raises :class:`~sms_lint.files.safeopen.Refused` (the message says why) or ``OSError``."""
    path = os.path.join(root, name)
    if not os.path.islink(path):
        return read_whole(path, None)
    real_root = os.path.realpath(root)
    target, problem = link_target(path, real_root)
    if problem is not None or target is None:
        raise Refused(problem.message if problem is not None else NOWHERE)
    handle = open_root(real_root)
    try:
        found = target_identity(handle, real_root, target)
    finally:
        if handle is not None:
            os.close(handle)
    if not isinstance(found, FileId):  # a problem, or a folder
        raise Refused(found.message if found is not None else "a folder, not a file: not read")
    return read_whole(os.path.join(real_root, target), found)


class Walk:
    """One discovery walk: candidate files with their identities, and problems by path."""

    def __init__(
        self,
        root: str,
        suffixes: tuple[str, ...],
        excluded: Callable[[str], bool] | None,
        unreadable: tuple[str, ...] = (),
        signed: bool = False,
    ) -> None:
        self.real_root = os.path.realpath(root)
        # With ``signed``, each regular file's (size, mtime_ns, ctime_ns, inode, device), one
        # ``fstatat`` through the open folder: what the result cache compares instead of
        # reading the file (links are left out: read and hashed as before).
        self.signed = signed
        self.signatures: dict[str, tuple[int, int, int, int, int]] = {}
        self.suffixes = suffixes
        self.excluded = excluded
        self.identities: dict[str, FileId] = {}
        # Regular files with one of the ``unreadable`` suffixes (Word, PDF): never read, but
        # named, so that a document left in such a format is not silently passed over.
        self.unreadable = unreadable
        self.not_read: list[str] = []
        self.problems: list[tuple[str, Problem]] = []
        self._folders: list[tuple[str, str, tuple[int, int] | None]] = [(root, "", None)]
        self._root_handle: int | None = None

    def run(self) -> None:
        self._root_handle = open_root(self.real_root)
        try:
            while self._folders:
                path, prefix, expected = self._folders.pop()
                try:
                    with listed(path, expected) as (entries, device):
                        self._folder(path, prefix, entries, device)
                except OSError as error:  # never a silent gap: the folder is a finding
                    self.problems.append((prefix.rstrip("/") or ".", folder_problem(error)))
        finally:
            if self._root_handle is not None:
                os.close(self._root_handle)

    def _folder(self, folder: str, prefix: str, entries: list[DirEntry], device: int) -> None:
        """The common case inline (a regular file: its type and inode come with the listing,
        no system call); everything else in :meth:`_entry`."""
        suffixes, excluded, identities = self.suffixes, self.excluded, self.identities
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    self._entry(folder, prefix, entry, device)
                elif name.lower().endswith(suffixes):
                    rel = prefix + name
                    if excluded is None or not excluded(rel):
                        identities[rel] = FileId(device, entry.inode() if PINNED else 0)
                        if self.signed:
                            self._sign(rel, entry)
                elif self.unreadable and name.lower().endswith(self.unreadable):
                    rel = prefix + name
                    if excluded is None or not excluded(rel):
                        self.not_read.append(rel)
            except OSError as error:  # the entry vanished or changed while being looked at
                if error.errno != errno.ENOENT:
                    self.problems.append((prefix + name, refusal(CHANGED)))

    def _sign(self, rel: str, entry: DirEntry) -> None:
        status = entry.stat(follow_symlinks=False)
        self.signatures[rel] = (
            status.st_size,
            status.st_mtime_ns,
            status.st_ctime_ns,
            status.st_ino,
            status.st_dev,
        )

    def _entry(self, folder: str, prefix: str, entry: DirEntry, device: int) -> None:
        """Anything but a regular file: a folder, a link, or a FIFO, device or socket."""
        name, rel = entry.name, prefix + entry.name
        is_dir = entry.is_dir(follow_symlinks=False)
        is_link = not is_dir and entry.is_symlink()
        ours = name.lower().endswith(self.suffixes)
        if (not is_dir and not ours and not is_link) or (self.excluded and self.excluded(rel)):
            return
        if is_link and not ours and not _leads_to_folder(os.path.join(folder, name)):
            # `notes.txt -> /etc/hostname` or a virtualenv's `bin/python3` is no document: it
            # is passed over like any other such file (a link to a folder is still reported).
            return
        if is_link:
            self._link(os.path.join(folder, name), rel, ours)
        elif is_dir:
            below = os.path.join(folder, name)
            self._folders.append((below, rel + "/", folder_identity(entry)))
        else:  # a FIFO, device or socket: opening it could hang or have effects
            self.problems.append((rel, refusal(NOT_REGULAR)))

    def _link(self, link: str, rel: str, ours: bool) -> None:
        target, problem = link_target(link, self.real_root)
        if problem is None and target is not None and ours:
            found = target_identity(self._root_handle, self.real_root, target)
            if isinstance(found, FileId):
                self.identities[rel] = found  # read as the file it leads to
            problem = found if isinstance(found, Problem) else None
        if problem is not None:
            self.problems.append((rel, problem))


def _leads_to_folder(link: str) -> bool:
    """Whether a link leads to a folder (one stat of the target; nothing is opened)."""
    try:
        return stat.S_ISDIR(os.stat(link).st_mode)
    except (OSError, ValueError):
        return True  # dangling or looping: reported as the link problem it is
