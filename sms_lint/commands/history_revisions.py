"""The revisions of one document for ``sms-lint history`` (and ``export``): every commit that
changed the file, newest first, with the ``version`` and ``status`` it declared there, the
merge that brought it in, and the periods each version was in force (:mod:`.history_line`).
The file's content at each commit is read by blob id and parsed with the same loader as
``check``; all the revisions' contents come in one ``git cat-file --batch`` exchange.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from subprocess import Popen
from typing import Any

from sms_lint.commands.history_approvals import with_approvals
from sms_lint.commands.history_line import along_the_line
from sms_lint.gitrepo.blobs import read_blobs
from sms_lint.gitrepo.file_log import commit_graph, file_log, linear
from sms_lint.gitrepo.log import LoggedCommit
from sms_lint.gitrepo.merges import NO_APPROVER, Arrival, Graph
from sms_lint.gitrepo.repo import Repository
from sms_lint.parse.documents import parse_data

# The file's log and the merges it named, as :func:`~sms_lint.gitrepo.file_log.file_log` says.
FileLog = tuple[list[LoggedCommit], set[str]]


def read_revisions(
    repo: Repository,
    path: str,
    max_bytes: int,
    walking: Callable[[], Graph | None] | None = None,
    commit: str | None = None,
    logging: Callable[[], FileLog] | None = None,
    batch: Popen[bytes] | None = None,
) -> list[dict[str, Any]]:
    """The file's revisions, newest first (``commit``: up to it, instead of HEAD;
    ``logging``: the file's log already under way; ``batch``: a ``cat-file --batch`` too)."""
    history, combining = logging() if logging is not None else file_log(repo, path, commit)
    # One more walk, without diffs, for the whole graph: which merge brought each commit in
    # (``walking``: one already under way; None from it when HEAD reaches no merge).
    graph = (walking or (lambda: commit_graph(repo)))() if history else None
    wanted = [logged.info.commit for logged in history]
    # No merge at all: every commit arrived with no approver shown (the default below).
    merged = graph is not None and not linear(graph)  # linear: export's graph, if so
    arrivals = graph.arrivals(commit or repo.head_state().head, wanted) if merged else {}
    # Every revision's content in one exchange; one byte over the limit marks "too large".
    contents = read_blobs(repo, filter(None, map(_new_blob, history)), max_bytes + 1, batch)
    revisions = [
        _revision(logged, arrivals.get(logged.info.commit, NO_APPROVER), contents, max_bytes)
        for logged in history
    ]
    # Periods and evidence along the branch line (a merge's state, not its side's commits).
    return along_the_line(revisions, combining, lambda line: with_approvals(with_versions(line)))


def with_versions(revisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each revision (newest first) with the version it holds as a period: the commit that
    introduced that version (the oldest consecutive revision declaring it), and the dates it
    was in force from (that commit's date) and to (the date of the commit that brought the
    next version, or deleted the file; null for the version in force now). A revision that
    declares no version (deleted, unreadable) ends the period before it and starts none.
    Dates are those a version entered the branch: the merge's, when a merge brought it in."""
    periods: list[tuple[str | None, dict[str, Any]]] = []  # (version, introducing revision)
    for rev in reversed(revisions):
        if not periods or periods[-1][0] != rev["version"]:
            periods.append((rev["version"], rev))
    ends = {id(start): None for _, start in periods}
    for (_, start), (_, following) in itertools.pairwise(periods):
        ends[id(start)] = _arrived(following)
    out = []
    starts = {id(start) for _, start in periods}
    opened: dict[str, Any] = {}
    for rev in reversed(revisions):
        opened = rev if id(rev) in starts else opened
        versioned = rev["version"] is not None
        out.append(
            {
                **rev,
                "introduced_by": _commit_of(opened) if versioned else None,
                "in_force_from": _arrived(opened) if versioned else None,
                "in_force_to": ends[id(opened)] if versioned else None,
            }
        )
    return out[::-1]


def _arrived(rev: dict[str, Any]) -> str:
    """The day a revision entered the branch: its merge's, when a merge brought it in."""
    merged = rev.get("merged")
    return (merged["date"] if merged else rev["date"])[:10]


def _commit_of(rev: dict[str, Any]) -> dict[str, Any]:
    return {"commit": rev["commit"], "author": rev["author"], "date": rev["date"]}


def _new_blob(logged: LoggedCommit) -> str | None:
    """The file's content after the commit (None when the commit deleted it)."""
    return logged.changes[0].new_blob if logged.changes else None


def _revision(
    logged: LoggedCommit, arrival: Arrival, contents: dict[str, bytes], max_bytes: int
) -> dict[str, Any]:
    """One commit with the version and status the file declared there (null when the commit
    deleted it, or the content was not a readable artifact)."""
    data: dict[str, Any] = {}
    blob = _new_blob(logged)
    raw = contents.get(blob) if blob is not None else None
    if raw is not None and len(raw) <= max_bytes:
        found = parse_data(logged.changes[0].path, raw)  # only the data is shown
        if isinstance(found, dict):
            data = found
    info = logged.info
    return {
        "commit": info.commit,
        "author": info.author,
        "date": info.date,
        "message": info.message,
        "version": _text(data.get("version")),
        "status": _text(data.get("status")),
        **arrival.as_dict(),  # after the contract's fields: an extension
        "approved_by": _text(data.get("approved_by")),
        "approved_on": _text(data.get("approved_on")),
    }


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value).strip() or None
