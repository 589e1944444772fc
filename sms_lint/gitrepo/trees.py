"""Trees and the index, read from git's object store and index file only (never the work tree).

``git ls-tree`` lists a commit's files, ``git ls-files -s -t --debug`` the index (with the
skip-worktree tag of sparse checkouts, and the file metadata git recorded: a file that still
matches it holds the index's blob, as ``git status`` trusts), ``git diff-index --cached -M`` the
renames between a commit and the index. None of them reads a work-tree file, so none runs a
filter; none writes the index.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from sms_lint.gitrepo.log import FileChange, parse_fields
from sms_lint.gitrepo.repo import Repository, decode_path


@dataclass(frozen=True)
class TreeEntry:
    """One entry of ``git ls-tree -r -l``: a blob, or a submodule's commit (mode 160000)."""

    mode: str
    object_id: str
    size: int | None  # None for a submodule
    path: str


def tree_entries(repo: Repository, commit: str) -> list[TreeEntry]:
    """Every file under the SMS root as ``commit`` holds it (from the object store only)."""
    output = repo.run("ls-tree", "-r", "-l", "-z", commit, "--", repo.pathspec())
    entries = []
    for record in output.split(b"\0"):
        meta, tab, raw_path = record.partition(b"\t")
        words = meta.decode("ascii", "replace").split()
        if tab and len(words) == 4:
            size = int(words[3]) if words[3].isdigit() else None
            entries.append(TreeEntry(words[0], words[2], size, decode_path(raw_path)))
    return entries


def staged_renames(repo: Repository, commit: str) -> dict[str, str]:
    """Old path -> new path of the files renamed between ``commit`` and the index.

    ``diff-index --cached`` compares the commit with the index alone: unlike a diff against
    the work tree it runs no filter and never refreshes (or writes) the index."""
    output = repo.run(
        "diff-index", "--cached", "--raw", "--no-abbrev", "-M", "--diff-filter=R",
        "--no-ext-diff", "--no-textconv", "-z", commit, "--", repo.pathspec(),
    )  # fmt: skip
    changes = parse_fields(output.split(b"\0"))
    return {c.old_path: c.path for c in changes if isinstance(c, FileChange) and c.status == "R"}


@dataclass(frozen=True)
class IndexEntry:
    mode: str
    object_id: str
    in_work_tree: bool  # False for a skip-worktree entry (outside a sparse checkout)
    # What the index recorded of the file when git last hashed it (see ``vouches``): ctime and
    # mtime in ns, device, inode and size, as git keeps them (32 bits); None: not trusted.
    recorded: tuple[int, int, int, int, int] | None = None


# git's "racily clean" window, as the result cache's: an entry whose file was modified this
# close to the index's own write may have been changed again in the same timestamp tick.
RACY_NS = 2_000_000_000
_LOW32 = 0xFFFFFFFF


# One entry of ``git ls-files -s -t --debug -z``: tag, mode, object, stage, path, then the
# metadata git recorded (ctime and mtime as S:NS, dev, ino, uid, gid, size, flags).
_INDEX_ENTRY = re.compile(
    rb"(\S) (\d+) ([0-9a-f]+) \d\t([^\0]*)\0"
    rb"(?:  ctime: (\d+):(\d+)\n  mtime: (\d+):(\d+)\n  dev: (\d+)\tino: (\d+)\n"
    rb"  uid: \d+\tgid: \d+\n  size: (\d+)\tflags: [0-9a-f]+(?:\n|\Z))?"
)


# The index as this process read it, by what identifies the index file's state: ``--base``
# asks twice (the change set, then the approval trails), and 10,000 entries cost a git run
# and a parse each time. A rewritten index (git writes a new file and renames it) is another
# key; a state seen changing while it was read is not kept.
_IndexState = tuple[str, Path, str, int, int, int, int, int]
_READ: dict[tuple[_IndexState | None, int], dict[str, IndexEntry]] = {}


def index_entries(repo: Repository) -> dict[str, IndexEntry]:
    """Root-relative path -> what the index holds for it (merged entries; a conflicted path
    keeps the last stage git lists), with the file metadata the index recorded for the
    entries not modified within ``RACY_NS`` of the index's last write (none when git lists
    its metadata in a form not known here)."""
    where = _index_path(repo)
    before = _index_state(where, repo)
    key = (before, RACY_NS)  # the window decides which records are trusted
    if before is not None and key in _READ:
        return dict(_READ[key])
    output = repo.run("ls-files", "-s", "-t", "--debug", "-z", "--", repo.pathspec())
    after = _index_state(where, repo)  # written after git read it: no entry trusted wrongly
    entries = _parsed_index(repo, output, after[-1] if after is not None else None)
    if before is not None and after == before:
        _READ.clear()  # one index at a time: the memo never grows with the runs of a process
        _READ[key] = dict(entries)
    return entries


def _parsed_index(repo: Repository, output: bytes, written: int | None) -> dict[str, IndexEntry]:
    """:func:`index_entries` from ``ls-files``' output (``written``: when the index was last
    written, in ns; None when it cannot be told)."""
    entries = {}
    at = 0
    for match in _INDEX_ENTRY.finditer(output):
        if match.start() != at:  # not the known form: trust no recorded metadata
            return _plain_entries(repo)
        at = match.end()
        path = repo.from_top(decode_path(match[4]))
        if path is not None:
            entries[path] = IndexEntry(
                match[2].decode(), match[3].decode(), match[1] != b"S", _recorded(match, written)
            )
    return entries if at == len(output) else _plain_entries(repo)


def _recorded(match: re.Match[bytes], written: int | None) -> tuple[int, int, int, int, int] | None:
    """The metadata of a matched entry (ctime ns, mtime ns, dev, ino, size); None when git
    listed none or the entry is racily clean."""
    if written is None or match[5] is None:
        return None
    ctime = int(match[5]) * 1_000_000_000 + int(match[6])
    mtime = int(match[7]) * 1_000_000_000 + int(match[8])
    if max(ctime, mtime) >= written - RACY_NS:
        return None
    return ctime, mtime, int(match[9]), int(match[10]), int(match[11])


def _plain_entries(repo: Repository) -> dict[str, IndexEntry]:
    """The index without metadata (every work-tree file is then read and hashed)."""
    output = repo.run("ls-files", "-s", "-t", "-z", "--", repo.pathspec())
    entries = {}
    for record in output.split(b"\0"):
        meta, tab, raw_path = record.partition(b"\t")
        words = meta.decode("ascii", "replace").split()
        path = repo.from_top(decode_path(raw_path)) if tab else None
        if path is not None and len(words) == 4:
            entries[path] = IndexEntry(words[1], words[2], in_work_tree=words[0] != "S")
    return entries


def _index_path(repo: Repository) -> Path | None:
    """The index file git reads (``GIT_INDEX_FILE``, a linked work tree's own), None when it
    cannot be told."""
    raw = repo.run("rev-parse", "--git-path", "index").rstrip(b"\n")
    try:
        return repo.top / decode_path(raw)
    except ValueError:
        return None


def _index_state(where: Path | None, repo: Repository) -> _IndexState | None:
    """What tells one state of the index file from another (its mtime last: when it was
    written, in ns), None when it cannot be told."""
    if where is None:
        return None
    try:
        info = os.stat(where)
    except (OSError, ValueError):
        return None
    identity = (str(where), repo.top, repo.prefix, info.st_dev, info.st_ino, info.st_size)
    return (*identity, info.st_ctime_ns, info.st_mtime_ns)  # fmt: skip


def vouches(entry: IndexEntry, info: os.stat_result) -> bool:
    """Whether the index's record of a file still describes it (device, inode and size as git
    keeps them, in 32 bits): the file then holds the index's blob, and need not be read."""
    recorded = entry.recorded
    if recorded is None or recorded[:2] != (info.st_ctime_ns, info.st_mtime_ns):
        return False
    now = (info.st_dev, info.st_ino, info.st_size)
    return all(kept == value & _LOW32 for kept, value in zip(recorded[2:], now, strict=True))
