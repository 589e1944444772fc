"""Each document's current version as git recorded it, for many documents in one walk.

``register --format json`` (approval evidence) and ``check --base`` (SMS053, SMS054) need,
for every approved document, its revisions back to the commit that introduced the version it
declares now. One ``git log --raw -M`` over the SMS root lists every commit's changed files
with their blob ids, newest first (following renames as ``history`` does, but in one walk,
never one per file; ``-c``: with the merges whose result differs from every parent, and without
the side commits such a merge superseded, so the trail is what the branch held); then the
revisions' contents are read in rounds, one
``git cat-file --batch`` each: round one the newest revision of every document, round two the
one before for the documents still on their current version, and so on. So a document is
read as far back as its current version goes, and no further. Which merge brought each
commit into the branch comes from the same graph as in
``history`` (:func:`~sms_lint.gitrepo.file_log.commit_graph`), walked in a thread meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path

from sms_lint.approvals import Revision, State, read_revision
from sms_lint.gitrepo.blobs import read_blobs
from sms_lint.gitrepo.file_log import graph_later
from sms_lint.gitrepo.log import _PLAIN, LOG_FORMAT, CommitInfo, parse_log, with_arrivals
from sms_lint.gitrepo.repo import GitProblem, Repository, open_repository, resolve_commit
from sms_lint.gitrepo.trees import index_entries, vouches

# (commit, the blob the file held after it; None when the commit deleted it)
_Change = tuple[CommitInfo, str | None]


def read_trails(
    root: Path, states: Mapping[str, State], max_bytes: int, commit: str | None = None
) -> dict[str, list[Revision]]:
    """:func:`version_trails` for ``versions`` under ROOT; nothing outside git, before the
    first commit or in a shallow clone (its oldest commits show every file as added: no
    evidence of when a version came). GitProblem when git fails."""
    repo = open_repository(root) if states else None
    if repo is None:
        return {}
    with repo:
        state = repo.head_state()
        if state.head is None or state.shallow:
            return {}
        return version_trails(repo, states, max_bytes, commit)


class TrailSource:
    """The trails ``check --base`` gives SMS053 and SMS054 (``ChangeSet.approval_trails``):
    walked when the first of them asks, once; a git failure reads as no history (those rules
    then find nothing, and ``--base`` itself has already read this repository)."""

    def __init__(self, root: Path, max_bytes: int, base: str | None = None) -> None:
        self.root, self.max_bytes, self.base = root, max_bytes, base
        self._found: dict[tuple[tuple[str, State], ...], dict[str, list[Revision]]] = {}
        self._since: list[frozenset[str] | None] = []

    def since_base(self) -> frozenset[str] | None:
        """The commits HEAD has and ``base`` has not (``base..HEAD``: this change's own),
        asked once; None without a base or when git cannot say (then nothing is filtered)."""
        if not self._since:
            self._since.append(_since(self.root, self.base) if self.base else None)
        return self._since[0]

    def trails(self, states: Mapping[str, State]) -> Mapping[str, list[Revision]]:
        key = tuple(sorted(states.items()))
        if key not in self._found:
            try:
                self._found[key] = read_trails(self.root, states, self.max_bytes)
            except GitProblem:
                self._found[key] = {}
        return self._found[key]


def _since(root: Path, base: str) -> frozenset[str] | None:
    try:
        repo = open_repository(root)
        if repo is None:
            return None
        with repo:
            commit = resolve_commit(repo, base)
            listed = repo.run("rev-list", "HEAD", "--not", commit, "--")
    except GitProblem:
        return None
    return frozenset(listed.decode("ascii", "replace").split())


def version_trails(
    repo: Repository, states: Mapping[str, State], max_bytes: int, commit: str | None = None
) -> dict[str, list[Revision]]:
    """Path (relative to the SMS root) -> its revisions that declare the version it declares
    now (``states``: what each declares), newest first, and the one before them (another
    version, or none readable) when there is one; git's newest revision alone when it declares
    another version; empty when git does not know the file. ``commit``: the history up to it instead
    of HEAD's (then every revision is read; else a file whose work-tree content is HEAD's, by
    git's own metadata shortcut, is not read again for its newest revision)."""
    graph = graph_later(repo)
    changes = _changes(repo, set(states), commit)
    # How each commit reached the branch, asked once per commit (a few hundred, not 10,000).
    infos = {info.commit: info for found in changes.values() for info, _ in found}
    if infos:
        arrived = with_arrivals(infos, graph(), commit or repo.head_state().head)
        changes = {
            p: _on_the_line([(arrived[i.commit], b) for i, b in found])
            for p, found in changes.items()
        }
    same = set() if commit is not None else _as_committed(repo, changes)
    trails = _read_back(repo, changes, states, max_bytes, same)
    return {path: trails.get(path, []) for path in states}


def _changes(repo: Repository, paths: set[str], commit: str | None) -> dict[str, list[_Change]]:
    """Path -> the commits that changed it, newest first, across renames, up to the commit
    that added it (a copy ends the file's history too, as in ``history``)."""
    names = {repo.pathspec(path): path for path in paths}  # git's name now -> our path
    found: dict[str, list[_Change]] = {path: [] for path in paths}
    # -c: a merge lists a file that differs from every parent (both sides' changes combined,
    # or a conflict resolved): what the branch held after it, which no side commit held.
    args = ("--date-order", "--raw", "--no-abbrev", "-M", "-c", *_PLAIN)
    revision = [commit] if commit else []
    with closing(repo.stream("log", LOG_FORMAT, *args, *revision, "--", repo.pathspec())) as out:
        for logged in parse_log(out):
            for change in logged.changes:
                ours = names.pop(change.path, None)
                if ours is None:
                    continue
                blob = None if change.status == "D" else change.new_blob
                found[ours].append((logged.info, blob))
                if change.status in ("D", "M", "T"):
                    names[change.path] = ours  # the same name, further back
                elif change.status == "R":
                    names[change.old_path] = ours
            if not names:
                break  # every file has reached the commit that added it
    return found


def _on_the_line(found: list[_Change]) -> list[_Change]:
    """The changes without the side commits a listed merge superseded: the branch held the
    merge's state, never theirs (a side branch from before version 2.4 that edited the body
    of 2.3, merged after 2.4 came, leaves 2.4 in the file)."""
    listed = {info.commit for info, _ in found}
    return [(info, blob) for info, blob in found if _brought_by(info) not in listed]


def _brought_by(info: CommitInfo) -> str | None:
    merged = info.arrival.merged if info.arrival is not None else None
    return merged.commit if merged is not None and merged.commit != info.commit else None


def _as_committed(repo: Repository, changes: dict[str, list[_Change]]) -> set[str]:
    """The paths whose work-tree file holds the blob their newest commit left, as the index
    vouches (the file's metadata is what git recorded: as ``--base`` compares, unread)."""
    index = index_entries(repo)
    same = set()
    for path, found in changes.items():
        entry = index.get(path)
        if not found or entry is None or entry.object_id != found[0][1]:
            continue
        with contextlib.suppress(OSError):
            info = os.lstat(os.path.join(repo.top, repo.prefix + path))
            if stat.S_ISREG(info.st_mode) and vouches(entry, info):
                same.add(path)
    return same


def _read_back(
    repo: Repository,
    changes: dict[str, list[_Change]],
    states: Mapping[str, State],
    max_bytes: int,
    same: set[str],
) -> dict[str, list[Revision]]:
    """The revisions of each path while they declare its current version: one blob batch a
    round, for the paths not settled yet (``same``: their newest revision declares what the
    work tree does, so it is not read)."""
    trails: dict[str, list[Revision]] = {path: [] for path in changes}
    pending = [path for path, found in changes.items() if found]
    depth = 0
    while pending:
        blobs = [changes[path][depth][1] for path in pending]
        unread = (b for p, b in zip(pending, blobs, strict=True) if depth or p not in same)
        contents = read_blobs(repo, filter(None, unread), max_bytes + 1)
        still = []
        for path, blob in zip(pending, blobs, strict=True):
            info = changes[path][depth][0]
            if depth == 0 and path in same:
                rev = Revision(info, *states[path])
            else:
                raw = contents.get(blob) if blob is not None else None
                too_large = raw is not None and len(raw) > max_bytes  # unread, as check does
                rev = read_revision(path, None if too_large else raw, info)
            trails[path].append(rev)
            if rev.version is None or rev.version != states[path][0]:
                continue  # kept: the previous version's approval, carried over or not
            if depth + 1 < len(changes[path]):
                still.append(path)
        pending, depth = still, depth + 1
    return trails
