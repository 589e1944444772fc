"""The history of one file, and the commit graph around it (for ``sms-lint history``).

Read from ``git log`` output written with ``-z`` (see :mod:`.log`): the commits that changed
the file, following renames, and every commit HEAD reaches with its parents, so that
:mod:`.merges` can say which merge brought each one in.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from sms_lint.gitrepo.log import _PLAIN, GRAPH_FORMAT, LOG_FORMAT, LoggedCommit, parse_log
from sms_lint.gitrepo.merges import Graph, merge_changed
from sms_lint.gitrepo.repo import GitProblem, Repository
from sms_lint.gitrepo.started import Started
from sms_lint.gitrepo.upstream import read_upstream

# Above this many merges their headers come from one walk of the whole history instead
# (their ids on one command line would grow long).
_MERGES_NAMED_AT_MOST = 2000
# The graph's walk: every commit HEAD reaches, with its parents; a merge's line names two.
_WALK = ("rev-list", "--parents", "HEAD", "--")
_MERGE = re.compile(rb" [0-9a-f]+ ")


def commit_graph(repo: Repository) -> Graph:
    """Every commit HEAD reaches, with its parents; the header (author, date, subject) of
    each merge, the only commits whose header the graph reads. ``rev-list --parents`` walks
    without formatting a line for every commit, and the merges, if any, are asked for by id."""
    return _graph_of(repo, repo.run(*_WALK))


def _graph_of(repo: Repository, output: bytes) -> Graph:
    """The graph of :func:`commit_graph`, from the walk's output."""
    parents = {ids[0]: ids[1:] for line in output.split(b"\n") if (ids := line.split())}
    merges = [commit.decode("ascii") for commit, seen in parents.items() if len(seen) > 1]
    if len(merges) > _MERGES_NAMED_AT_MOST:
        named: tuple[str, ...] = ("HEAD",)
    else:
        named = ("--no-walk", *merges) if merges else ()
    headers: list[bytes] = []
    if named:
        found = repo.run("log", GRAPH_FORMAT, *_PLAIN, *named, "--")
        headers = [field.lstrip(b"\n") for field in found.split(b"\0") if field.strip()]
    graph = Graph(headers, lambda: read_upstream(repo))
    graph.parents.update(parents)  # every commit, with or without a header
    return graph


def graph_later(repo: Repository) -> Callable[[], Graph]:
    """:func:`commit_graph`, started now in a thread (git runs on the other core while the
    caller works); the function returned waits for it. Its GitProblem is raised only there,
    so a walk nobody asks for (HEAD without commits, a file without history) fails nothing."""
    done: list[Graph | GitProblem] = []

    def walk() -> None:
        try:
            done.append(commit_graph(repo))
        except GitProblem as problem:
            done.append(problem)

    thread = threading.Thread(target=walk, daemon=True)
    thread.start()

    def result() -> Graph:
        thread.join()
        if isinstance(done[0], GitProblem):
            raise done[0]
        return done[0]

    return result


def graph_started(repo: Repository) -> Started[Graph | None]:
    """:func:`graph_later` with no thread (:class:`~sms_lint.gitrepo.started.Started`): for a
    graph of up to some 12,000 commits (1 MiB of output), git walks it all meanwhile. None
    when HEAD reaches no merge (no line names two parents): every commit then arrived with no
    approver shown, and the graph is not built."""
    return Started(repo, _WALK, lambda out: _graph_of(repo, out) if _MERGE.search(out) else None)


def file_log_started(
    repo: Repository, root_relative: str
) -> Started[tuple[list[LoggedCommit], set[str]]]:
    """:func:`file_log` of HEAD's history, started now (with no thread)."""
    args = _log_args(repo, root_relative, None)
    return Started(repo, args, lambda output: _read_file_log(repo, output))


def linear(graph: Graph) -> bool:
    """Whether every commit of the graph has one parent at most: no merge brought any in."""
    return all(len(parents) < 2 for parents in graph.parents.values())


def file_history(
    repo: Repository, root_relative: str, commit: str | None = None
) -> list[LoggedCommit]:
    """Every commit that changed one file, newest first, following it across renames; a merge
    only where it changed the file itself (``-c`` lists merges, :func:`merge_changed` sorts
    them). ``commit`` (``export --as-of``): the history up to it instead of HEAD's."""
    history, combining = file_log(repo, root_relative, commit)
    return [logged for logged in history if logged.info.commit not in combining]


def file_log(
    repo: Repository, root_relative: str, commit: str | None = None
) -> tuple[list[LoggedCommit], set[str]]:
    """:func:`file_history` with, in their place, the merges that only combined both sides'
    changes (the file differs from every parent, each line from one of them), and those
    merges' ids: no change of their own, but what the branch held after them (``history``'s
    periods follow the branch's first-parent line)."""
    args = _log_args(repo, root_relative, commit)
    return _read_file_log(repo, repo.run(*args))


def _log_args(repo: Repository, root_relative: str, commit: str | None) -> tuple[str, ...]:
    return (
        "log",
        LOG_FORMAT,
        "--date-order",
        "--follow",
        "--raw",
        "--no-abbrev",
        "-c",
        *_PLAIN,
        *([commit] if commit else []),
        "--",
        repo.pathspec(root_relative),
    )


def _read_file_log(repo: Repository, output: bytes) -> tuple[list[LoggedCommit], set[str]]:
    """What :func:`file_log` returns, from its ``git log`` output."""
    history: list[LoggedCommit] = []
    combining: set[str] = set()
    for logged in parse_log(output.split(b"\0")):
        if not logged.changes:
            continue
        if not _own_change(repo, logged):
            combining.add(logged.info.commit)
        history.append(logged)
        if any(change.status == "C" for change in logged.changes):
            # --follow also follows copies: the file began here as a copy of another
            # document, whose own history is not this one's.
            break
    return history, combining


def _own_change(repo: Repository, logged: LoggedCommit) -> bool:
    """Whether the commit changed the file: a merge lists it when the file differs from every
    parent (or not at all, under --follow), but changed it only if it wrote lines of its own."""
    change = logged.changes[0]
    return not change.combined or bool(merge_changed(repo, logged.info.commit, [change.path]))
