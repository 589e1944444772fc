"""Read ``git log`` and ``git diff`` output written with ``-z``: commits and the files they touch.

Both commands are run once per question (one history walk per run, never one call per file).
With ``-z`` every field ends in a NUL byte, so any file name, even one with newlines or one
that looks like an option, comes back intact. A commit's header is one field that starts with
the record separator 0x1E (our ``--format``); after it come its file entries: a status field
(``M``, ``R100``, or a ``--raw`` line ``:100644 100644 <old> <new> M``) and one path, or two for
renames and copies.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace

from sms_lint.gitrepo.merges import NO_APPROVER, Arrival, Graph, merge_changed
from sms_lint.gitrepo.repo import Repository, decode_path
from sms_lint.gitrepo.upstream import read_upstream

# %x1e starts a commit; %x1f separates its fields; the subject comes last (it may hold anything).
# The date field is the author date, a space, the committer date (ISO dates hold no space, and
# a header without the second date still reads): SMS053 needs the day a commit reached the
# branch, which a rebase or squash merge records as the committer date only.
LOG_FORMAT = "--format=%x1e%H%x1f%an%x1f%aI %cI%x1f%s"
# The same with the parents second: the graph that says which merge brought a commit in.
GRAPH_FORMAT = "--format=%x1e%H%x1f%P%x1f%an%x1f%aI %cI%x1f%s"
# Options that keep output machine-readable whatever the user's git config says.
_PLAIN = ("--no-color", "--no-show-signature", "--no-ext-diff", "--no-textconv",
          "--encoding=UTF-8", "-z")  # fmt: skip


@dataclass(frozen=True)
class CommitInfo:
    commit: str
    author: str
    date: str
    message: str
    # How it reached the branch (register and history); None when not asked.
    arrival: Arrival | None = None
    committed: str = ""  # the committer date ("" when not read)

    def as_dict(self) -> dict[str, object]:
        return {
            "commit": self.commit,
            "author": self.author,
            "date": self.date,
            "message": self.message,
            **(self.arrival or NO_APPROVER).as_dict(),
        }


@dataclass(frozen=True)
class FileChange:
    """One file entry: ``path`` is the new path (the old one for a deletion); blob ids only
    with ``--raw`` (None for "no such file on that side")."""

    status: str  # one letter: A, M, D, R, C, T
    path: str
    old_path: str
    old_blob: str | None = None
    new_blob: str | None = None
    combined: bool = False  # a merge's entry: the file differs from every parent


@dataclass(frozen=True)
class LoggedCommit:
    info: CommitInfo
    changes: list[FileChange]  # filled while parsing


def parse_fields(fields: Iterable[bytes]) -> Iterator[LoggedCommit | FileChange]:
    """Commits and file entries in output order, from NUL-separated fields (read lazily, so a
    caller may stop early). A file entry comes after the commit it belongs to (diff output has
    entries only)."""
    entry: list[bytes] = []  # the status field, then the paths read so far
    for field in fields:
        if entry:
            entry.append(field)
            if len(entry) == _entry_length(entry[0]):
                yield _change(entry)
                entry = []
            continue
        head = field.lstrip(b"\n")
        if head.startswith(b"\x1e"):
            yield LoggedCommit(_commit_info(head), [])
        elif head:
            entry = [head]


def _entry_length(status_field: bytes) -> int:
    """The status field and its paths: two paths for renames and copies."""
    return 3 if status_field.split()[-1][:1] in (b"R", b"C") else 2


def _change(entry: list[bytes]) -> FileChange:
    words = entry[0].decode("ascii", "replace").split()
    status = words[-1][:1]
    paths = [decode_path(f) for f in entry[1:]]
    # A merge's combined entry (-c) starts with one colon a parent: the parents' modes and the
    # result's, the parents' blobs and the result's, then one status letter a parent.
    parents = len(words[0]) - len(words[0].lstrip(":"))
    raw = parents > 0 and len(words) >= 2 * parents + 3
    old_blob = _blob(words[parents + 1]) if raw else None
    new_blob = _blob(words[2 * parents + 1]) if raw else None
    return FileChange(status, paths[-1], paths[0], old_blob, new_blob, parents > 1)


def _blob(word: str) -> str | None:
    return None if word.strip("0") == "" else word


def parse_log(fields: Iterable[bytes]) -> Iterator[LoggedCommit]:
    """Commits (newest first, as git printed them), each with its file entries."""
    current: LoggedCommit | None = None
    for item in parse_fields(fields):
        if isinstance(item, LoggedCommit):
            if current is not None:
                yield current
            current = item
        elif current is not None:
            current.changes.append(item)
    if current is not None:
        yield current


def last_changes(
    repo: Repository,
    wanted: Collection[str] | Callable[[], Collection[str]] = (),
    boundary: Collection[bytes] = (),
    commit: str | None = None,
) -> dict[str, CommitInfo]:
    """For every path under the SMS root that git tracks: the last commit that touched it, and
    the merge that brought that commit into the branch (see ``merges``).

    One ``git log`` over the root's history, read as git writes it: ``--date-order`` prints
    no commit before all its children (git's default order trusts commit dates, and a commit
    made on a slow clock would come after its own parent), so the first time a path shows up
    is its newest commit, and once every ``wanted`` path has shown up the walk stops
    (older commits cannot change the answer, and the merges that brought the commits found
    in are newer than they are). ``--no-renames``: a rename touches the new path like any other
    change, and each entry has exactly one path. ``--full-history --sparse`` print every
    commit, merges too, with its parents: the graph costs one header per commit. ``-c``: a
    merge lists the paths that differ from all its parents (git compares trees, no content),
    and :func:`merge_changed` keeps those the merge itself changed. A commit in ``boundary``
    (a shallow clone's oldest commits) shows every file as added: a path first seen there gets
    no last change, since its real one may be older than the clone. ``commit`` (for
    ``--as-of``): the history up to that commit instead of HEAD's. ``wanted`` may be a
    function, called once git has started (``register`` finds its files while git walks);
    when it gives no path, nothing is.
    """
    args = (GRAPH_FORMAT, "--date-order", "--name-status", "--no-renames", "--full-history",
            "--sparse", "-c", *_PLAIN, *([commit] if commit else []), "--",
            repo.pathspec())  # fmt: skip
    walk = _Walk(repo, wanted, boundary)
    # The hot loop of `register` (10,000 commits are 50,000 fields): it handles bytes and
    # decodes a commit header only when one of its paths is new.
    path_next, combined = False, False
    with closing(repo.stream("log", *args)) as fields:
        for field in fields:
            if path_next:
                path_next = False
                if field not in walk.seen:
                    walk.new_path(field, combined)
            elif field.lstrip(b"\n")[:1] == b"\x1e":
                walk.settle_merge()
                if walk.done():
                    break
                walk.start(field.lstrip(b"\n"))
            elif status := field.strip():
                path_next, combined = True, len(status) > 1  # "MM": one letter a parent
    walk.settle_merge()
    if walk.none_wanted:
        return {}
    graph = Graph(walk.headers, lambda: read_upstream(repo))
    return with_arrivals(walk.found, graph, commit or repo.head_state().head)


class _Walk:
    """What :func:`last_changes` has found so far."""

    def __init__(
        self,
        repo: Repository,
        wanted: Collection[str] | Callable[[], Collection[str]],
        boundary: Collection[bytes],
    ) -> None:
        self.repo, self.boundary = repo, boundary
        self.later = wanted if callable(wanted) else None  # asked at the first commit
        self.missing = set() if callable(wanted) else set(wanted)
        self.wanted = bool(self.missing)
        self.none_wanted = False
        self.found: dict[str, CommitInfo] = {}
        self.seen: set[bytes] = set()
        self.headers: list[bytes] = []
        self.header, self.info = b"", None
        self.merged: list[bytes] = []  # paths the current merge may have changed itself

    def start(self, header: bytes) -> None:
        self.header, self.info = header, None
        self.headers.append(header)

    def done(self) -> bool:
        if self.later is not None:
            self.missing, self.later = set(self.later()), None
            self.wanted = bool(self.missing)
            self.none_wanted = not self.missing
            return self.none_wanted
        return self.wanted and not self.missing

    def new_path(self, field: bytes, combined: bool) -> None:
        if combined:
            self.merged.append(field)
            return
        self.seen.add(field)
        if self.boundary and self.header[1:].split(b"\x1f", 1)[0] in self.boundary:
            self._found(field, None)
        else:
            self.info = self.info or _graph_info(self.header)
            self._found(field, self.info)

    def _found(self, field: bytes, info: CommitInfo | None) -> None:
        path = self.repo.from_top(decode_path(field))
        if path is not None:
            if info is not None:
                self.found[path] = info
            self.missing.discard(path)

    def settle_merge(self) -> None:
        """The merge's paths that it changed itself are its changes; the others are not."""
        if not self.merged:
            return
        info = _graph_info(self.header)
        changed = merge_changed(self.repo, info.commit, [decode_path(f) for f in self.merged])
        for field in self.merged:
            if decode_path(field) in changed:
                self.seen.add(field)
                self._found(field, info)
        self.merged = []


def with_arrivals(
    infos: dict[str, CommitInfo], graph: Graph, head: str | None
) -> dict[str, CommitInfo]:
    """The same commits, each with how it reached the branch."""
    arrivals = graph.arrivals(head, {info.commit for info in infos.values()})
    cache: dict[str, CommitInfo] = {}  # one new record per commit, shared as before
    for key, info in infos.items():
        if info.commit not in cache:
            cache[info.commit] = replace(info, arrival=arrivals.get(info.commit, NO_APPROVER))
        infos[key] = cache[info.commit]
    return infos


def _graph_info(header: bytes) -> CommitInfo:
    """A GRAPH_FORMAT header as a commit (the parents dropped)."""
    commit, _, rest = [*header.split(b"\x1f", 2), b"", b""][:3]
    return _commit_info(commit + b"\x1f" + rest)


def _commit_info(header: bytes) -> CommitInfo:
    parts = header[1:].decode("utf-8", "replace").split("\x1f", 3)
    commit, author, dates, message = [*parts, *[""] * (4 - len(parts))]
    date, _, committed = dates.partition(" ")
    return CommitInfo(commit, author, date, message, committed=committed)
