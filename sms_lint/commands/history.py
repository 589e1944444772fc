"""``sms-lint history``: the revision history of one document, from git.

Every commit that changed the file, newest first, following renames (``git log --follow``),
with the ``version`` and ``status`` the file declared at that commit, and the merge that
brought the commit into the branch (who merged: the approval in a pull-request flow) or that
the history shows no approver. A merge is listed where it changed the file itself (a conflict
resolved by writing new lines): its author made that change, and merged it. The periods a
version was in force follow what the branch held (:mod:`.history_line`): a merge that combined
both sides' changes counts there, and the side commits it superseded do not. The file's content
at each commit is read by blob id and parsed with the same loader as ``check``. The file of
an id is found by parsing only the files that could declare it (:mod:`.history_id`); all the
revisions' contents come in one ``git cat-file --batch`` exchange, and git walks the commit
graph in a thread while the id is looked for.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from sms_lint.commands.history_approvals import approval_lines, with_approvals
from sms_lint.commands.history_id import path_of_id
from sms_lint.commands.history_line import along_the_line, current
from sms_lint.errors import UsageProblem
from sms_lint.gitrepo.blobs import read_blobs
from sms_lint.gitrepo.file_log import commit_graph, file_log, graph_later
from sms_lint.gitrepo.log import LoggedCommit
from sms_lint.gitrepo.merges import NO_APPROVER, NO_APPROVER_NOTE, Arrival, Graph
from sms_lint.gitrepo.repo import (
    NOT_SHALLOW_HINT,
    GitProblem,
    Repository,
    UntrustedRepository,
    open_repository,
)
from sms_lint.neutralise import clean_tree, no_commands_json, terminal
from sms_lint.output import encode
from sms_lint.parse.documents import parse_document
from sms_lint.run import build_config

_COLUMNS = ("DATE", "COMMIT", "VERSION", "STATUS", "AUTHOR", "MERGED BY", "MESSAGE")


@click.command("history")
@click.argument("id_or_path")
@click.option(
    "--root",
    default=".",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The SMS repository root.",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table; json: a list of revisions.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: ROOT/.sms-lint.yaml).",
)
def history_command(id_or_path: str, root: Path, format_name: str, config_path: Path | None) -> int:
    """Every commit that changed the document ID_OR_PATH (an id, or a path under --root)."""
    config = build_config(root, config_path)
    opened = _open(root)
    # git walks the commit graph while the id is looked for (said wrong only afterwards).
    usable = isinstance(opened, Repository) and not opened.head_state().shallow
    graph = graph_later(opened) if isinstance(opened, Repository) and usable else None
    path = resolve_document(id_or_path, root, path_of_id(id_or_path, root, config))
    if isinstance(opened, str):
        raise UsageProblem(opened)
    with opened as repo:
        if repo.head_state().shallow:
            raise UsageProblem(f"{repo.top} is a shallow clone: {NOT_SHALLOW_HINT}")
        try:
            revisions = read_revisions(repo, path, config.max_file_kb * 1024, graph)
        except GitProblem as error:
            raise UsageProblem(str(error)) from None
    if not revisions and not (root / path).is_file():
        raise UsageProblem(
            f"'{id_or_path}' is neither the id of an artifact nor a file git knows under {root}"
            " (for a deleted document, give the path it had, e.g. sms-lint history "
            "reviews/mr-2022.md)"
        )
    renderer = render_json if format_name == "json" else render_text
    # UTF-8 bytes whatever the locale, as run.emit writes them.
    click.echo(encode(renderer(revisions)), nl=False)
    return 0


def _open(root: Path) -> Repository | str:
    """The repository holding ROOT, or the sentence that says why history cannot run."""
    try:
        repo = open_repository(root)
    except UntrustedRepository as error:
        return str(error)
    except GitProblem as error:
        return f"{error}: history needs git"
    if repo is None:
        return f"{root} is not inside a git repository: history needs git"
    return repo


def resolve_document(wanted: str, root: Path, declaring: str | None) -> str:
    """The path (relative to ROOT) of the artifact with id ``wanted`` (``declaring``, when a
    file declares it), or ``wanted`` read as a path: relative to ROOT, or an existing file
    anywhere inside ROOT. A path that no longer exists is kept: git may still know it (a
    deleted document has a history too)."""
    if declaring is not None:
        return declaring
    given = Path(wanted)
    if given.exists() and not (root / given).exists():
        try:
            return given.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            raise UsageProblem(f"{wanted} is not inside the root {root}") from None
    relative = Path(wanted.replace("\\", "/"))
    if given.is_absolute() or ".." in relative.parts or (root / relative).is_dir():
        raise UsageProblem(f"'{wanted}' is neither the id of an artifact nor a file under {root}")
    return relative.as_posix()


def read_revisions(
    repo: Repository,
    path: str,
    max_bytes: int,
    walking: Callable[[], Graph] | None = None,
    commit: str | None = None,
) -> list[dict[str, Any]]:
    """The file's revisions, newest first (``commit``: up to it, instead of HEAD)."""
    history, combining = file_log(repo, path, commit)
    # One more walk, without diffs, for the whole graph: which merge brought each commit in
    # (``walking``: one already under way).
    graph = (walking or (lambda: commit_graph(repo)))() if history else None
    wanted = [logged.info.commit for logged in history]
    arrivals = graph.arrivals(commit or repo.head_state().head, wanted) if graph else {}
    # Every revision's content in one exchange; one byte over the limit marks "too large".
    contents = read_blobs(repo, filter(None, map(_new_blob, history)), max_bytes + 1)
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
        document = parse_document(logged.changes[0].path, raw)
        if isinstance(document.data, dict):
            data = document.data
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


def render_json(revisions: list[dict[str, Any]]) -> str:
    # Cleaned: commit authors and messages are anyone's text (ESC, OSC 52, lone surrogates).
    data = clean_tree(revisions)
    return no_commands_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def render_text(revisions: list[dict[str, Any]]) -> str:
    if not revisions:
        return "no commit has changed this document yet (it is not committed)\n"
    table = [list(_COLUMNS)]
    for rev in revisions:
        cells = [rev["date"][:10], rev["commit"][:12], rev["version"], rev["status"]]
        cells += [rev["author"], _merged(rev), rev["message"]]
        # Every cell through the terminal neutraliser: versions and statuses come from the
        # file, authors and messages from whoever committed; the first is ours (a date).
        table.append([terminal(c or "") or "-" for c in cells])
    widths = [max(len(cells[i]) for cells in table) for i in range(len(_COLUMNS) - 1)]
    lines = [
        "  ".join(
            [*(c.ljust(w) for c, w in zip(cells[:-1], widths, strict=True)), cells[-1]]
        ).rstrip()
        for cells in table
    ]
    lines += ["", *_version_lines(revisions), *approval_lines(current(revisions))]
    if not all(rev["approver_shown"] for rev in revisions):
        lines += ["", NO_APPROVER_NOTE]
    return "\n".join(lines) + "\n"


def _version_lines(revisions: list[dict[str, Any]]) -> list[str]:
    """Each version once, newest first: the commit that introduced it and when it was in
    force (from that commit's date to the next version's)."""
    table = [["VERSION", "INTRODUCED BY", "IN FORCE FROM", "TO"]]
    seen: set[str] = set()
    for rev in revisions:
        introduced = rev["introduced_by"]
        if introduced is None or introduced["commit"] in seen:
            continue
        seen.add(introduced["commit"])
        cells = [rev["version"], f"{introduced['commit'][:12]} {introduced['author']}"]
        cells += [rev["in_force_from"], rev["in_force_to"] or "now"]
        table.append([terminal(c or "") or "-" for c in cells])
    widths = [max(len(cells[i]) for cells in table) for i in range(3)]
    return [
        "  ".join([*(c.ljust(w) for c, w in zip(cells[:3], widths, strict=True)), cells[3]])
        for cells in table
    ]


def _merged(rev: dict[str, Any]) -> str:
    """Who merged the commit into the branch, and when (the merge commit's own date)."""
    merged = rev["merged"]
    if merged is None:
        return "not shown"
    return f"{merged['by']} {merged['date'][:10]} {merged['commit'][:12]}"
