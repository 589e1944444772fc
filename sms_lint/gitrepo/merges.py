"""Which merge brought a commit into the branch, and who made it: in a pull-request flow the
merge is the approval the history keeps.

The branch is HEAD's first-parent line (each commit's first parent is the branch as it was
before). A commit off that line arrived with the merge whose other parents first reach it; its
author is who merged (on GitHub the committer is GitHub itself, the author the person who
pressed the button). A commit on the line with one parent arrived by a squash or rebase merge,
a fast-forward or a direct push: the history names no approver for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Merge:
    commit: str
    by: str
    date: str
    message: str

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
    """Commits as ``git log --format=%x1e%H%x1f%P%x1f%an%x1f%aI%x1f%s`` printed them."""

    def __init__(self, headers: Iterable[bytes] = ()) -> None:
        self.parents: dict[bytes, list[bytes]] = {}
        self.headers: dict[bytes, bytes] = {}
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
            if merge == commit and len(self.parents[commit]) < 2:
                found[name] = NO_APPROVER
                continue
            if merge not in merges:
                merges[merge] = Arrival(self._merge(merge))
            found[name] = merges[merge]
        return found

    def _brought_by(self, head: bytes) -> dict[bytes, bytes]:
        """Commit -> the first-parent commit that brought it in (itself when on the line)."""
        line: list[bytes] = []
        commit: bytes | None = head
        while commit is not None and commit in self.parents:
            line.append(commit)
            parents = self.parents[commit]
            commit = parents[0] if parents else None
        brought = {commit: commit for commit in line}
        # Oldest first: a commit two merges reach (a branch merged, continued, merged again)
        # arrived with the older one.
        for merge in reversed(line):
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
        name, _, author, date, message = [*fields, "", "", "", ""][:5]
        return Merge(name, author, date, message)
