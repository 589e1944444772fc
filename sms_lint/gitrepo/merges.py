"""Which merge brought a commit into the branch, and who made it: in a pull-request flow the
merge is the approval the history keeps.

The branch line starts as HEAD's first-parent line (each commit's first parent is the branch
as it was before). A merge made by ``git pull`` (or VS Code's *Sync*) on the branch itself is
not an approval: its subject is git's own ``Merge branch 'main' of <remote>`` or ``Merge
remote-tracking branch 'origin/main'`` (optionally ``into main``, always the same branch), and
its other parent is the branch as the remote had it. So that parent's first-parent line is the
branch line too, and so on for the pull merges on it. Were it read as an approval, everything
the remote's merges brought in would read "merged by" whoever pulled (a false approver is
worse than none). Only a pull of the repository's own upstream counts (:mod:`.upstream`): a
pull of a contributor's fork is the maintainer's merge, or the contributor's merges on his
fork would show him approving himself. This is one more reason to pull with ``git pull
--rebase`` or to change ``main`` only through pull requests.

A commit off the line arrived with the oldest merge on the line that reaches it (a feature
branch merged into another by its author and then into ``main`` by Bob arrived with Bob's
merge); that merge's author is who merged (on GitHub the committer is GitHub itself, the
author the person who pressed the button). A commit on the line with one parent arrived by a
squash or rebase merge, a fast-forward or a direct push, and a pull merge is the puller's own
commit: the history names no approver for them. A merge on the line that changed a file itself
(a conflict resolved by editing it) brought that change with itself: its author merged it.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sms_lint.gitrepo.repo import Repository, decode_path
from sms_lint.gitrepo.upstream import NO_UPSTREAM, Upstream, is_pull_merge


@dataclass(frozen=True)
class Merge:
    commit: str
    by: str
    date: str
    message: str
    committed: str = ""  # the committer date: when the merge reached the branch (SMS053)

    def as_dict(self) -> dict[str, str]:
        return {"commit": self.commit, "by": self.by, "date": self.date, "message": self.message}


@dataclass(frozen=True)
class Arrival:
    """How a change reached the branch; ``merged`` is None when the history shows no approver."""

    merged: Merge | None

    def as_dict(self) -> dict[str, object]:
        merged = self.merged.as_dict() if self.merged else None
        return {"merged": merged, "approver_shown": self.merged is not None}


NO_APPROVER = Arrival(None)

# Said under a table with a change whose approver the history cannot show.
NO_APPROVER_NOTE = (
    "'not shown': the change's commit is on the branch's first-parent line with one parent "
    "(a squash or rebase merge, a fast-forward or a direct push), so git cannot show who "
    "approved it; the document's approved_by and approved_on are the record"
)


class Graph:
    """Commits as ``git log --format=%x1e%H%x1f%P%x1f%an%x1f%aI %cI%x1f%s`` printed them."""

    def __init__(
        self, headers: Iterable[bytes] = (), upstream: Callable[[], Upstream] = lambda: NO_UPSTREAM
    ) -> None:
        self.parents: dict[bytes, list[bytes]] = {}
        self.headers: dict[bytes, bytes] = {}
        # Which merges are pulls of the branch itself: read once, and only if asked.
        self.upstream = functools.cache(upstream)
        for header in headers:
            self.add(header)

    def add(self, header: bytes) -> None:
        commit, parents, _ = [*header[1:].split(b"\x1f", 2), b"", b""][:3]
        self.parents[commit] = parents.split()
        self.headers[commit] = header

    def arrivals(self, head: str | None, wanted: Iterable[str]) -> dict[str, Arrival]:
        """Commit id -> its arrival, for the ``wanted`` commits HEAD reaches in the graph."""
        brought_by = self._brought_by(head.encode("ascii")) if head else {}
        merges: dict[bytes, Arrival] = {}
        found: dict[str, Arrival] = {}
        for name in wanted:
            commit = name.encode("ascii")
            merge = brought_by.get(commit)
            if merge is None:
                continue
            if merge == commit and not self._approves(commit):
                found[name] = NO_APPROVER
                continue
            if merge not in merges:
                merges[merge] = Arrival(self._merge(merge))
            found[name] = merges[merge]
        return found

    def _approves(self, commit: bytes) -> bool:
        """A merge that is not a pull of the branch itself: its author merged what it brought."""
        return len(self.parents[commit]) > 1 and not is_pull_merge(
            self._merge(commit).message, self.upstream
        )

    def _line(self, head: bytes) -> list[bytes]:
        """The branch line (see the module docstring), every commit after its parents."""
        on_line: set[bytes] = set()
        walked: list[bytes] = []  # in the order met, newest first
        starts = [head]
        while starts:
            commit: bytes | None = starts.pop()
            while commit is not None and commit in self.parents and commit not in on_line:
                on_line.add(commit)
                walked.append(commit)
                parents = self.parents[commit]
                if len(parents) > 1 and not self._approves(commit):
                    starts.extend(parents[1:])  # a pull merge: the remote's line is ours too
                commit = parents[0] if parents else None
        if all(len(self.parents[commit]) < 2 for commit in walked):
            return walked[::-1]  # one chain (no merge on it): its parents-first order
        # Parents first (an iterative depth-first walk), so older merges bring commits first.
        ordered: list[bytes] = []
        done: set[bytes] = set()
        stack = [(head, False)] if head in on_line else []
        while stack:
            commit, expanded = stack.pop()
            if expanded:
                ordered.append(commit)
                continue
            if commit in done:
                continue
            done.add(commit)
            stack.append((commit, True))
            for parent in reversed(self.parents[commit]):
                if parent in on_line and parent not in done:
                    stack.append((parent, False))
        return ordered

    def _brought_by(self, head: bytes) -> dict[bytes, bytes]:
        """Commit -> the line commit that brought it in (itself when on the line)."""
        line = self._line(head)
        brought = {commit: commit for commit in line}
        # Oldest first: a commit two merges reach (a branch merged, continued, merged again)
        # arrived with the older one.
        for merge in line:
            stack = list(self.parents[merge][1:])
            while stack:
                commit = stack.pop()
                if commit in brought or commit not in self.parents:
                    continue
                brought[commit] = merge
                stack.extend(self.parents[commit])
        return brought

    def _merge(self, commit: bytes) -> Merge:
        fields = self.headers[commit][1:].decode("utf-8", "replace").split("\x1f", 4)
        name, _, author, dates, message = [*fields, "", "", "", ""][:5]
        date, _, committed = dates.partition(" ")
        return Merge(name, author, date, message, committed)


# A patch (no -z) that no program the repository names may produce or colour.
_PATCH = ("--no-color", "--no-show-signature", "--no-ext-diff", "--no-textconv",
          "--encoding=UTF-8")  # fmt: skip


def merge_changed(repo: Repository, merge: str, paths: list[str]) -> set[str]:
    """Those of ``paths`` (from the top) that the merge changed itself: git's dense combined
    diff shows a hunk for them, a line that none of the parents has (a conflict resolved by
    writing something new, or an edit made while merging). A file both sides changed in
    different places also differs from every parent, but each of its lines comes from one of
    them: no hunk, no change of the merge's own."""
    output = repo.run("log", "--no-walk", "-p", "--cc", "-U0", "--format=", "--no-renames",
                      *_PATCH, merge, "--", *paths)  # fmt: skip
    changed: set[str] = set()
    for line in output.split(b"\n"):
        if line.startswith(b"diff --cc "):
            changed.add(decode_path(_unquote(line[len(b"diff --cc ") :])))
    return changed


def _unquote(name: bytes) -> bytes:
    """A path as a diff header names it: in double quotes with C escapes when it needs them."""
    if len(name) > 1 and name[:1] == name[-1:] == b'"':
        return codecs.escape_decode(name[1:-1])[0]
    return name
