"""``sms-lint history``: the revision history of one document, from git.

Every commit that changed the file, newest first, following renames (``git log --follow``),
with the ``version`` and ``status`` the file declared at that commit, and the merge that
brought the commit into the branch (who merged: the approval in a pull-request flow) or that
the history shows no approver. A merge is listed where it changed the file itself (a conflict
resolved by writing new lines): its author made that change, and merged it. The periods a
version was in force follow what the branch held (:mod:`.history_line`): a merge that combined
both sides' changes counts there, and the side commits it superseded do not. The revisions
are read by :mod:`.history_revisions` and written by :mod:`.history_render`. The file of an
id is found by parsing only the files that could declare it (:mod:`.history_id`).

git starts before the rest of the command is imported: the ``git log --follow`` of the likely
file (the one ID_OR_PATH names, or the first with a line ``id: ID_OR_PATH``), used only if the
exact search gives that file (an id declared by a file whose name is given still wins); then
the commit graph walk (at once when nothing is likely, else once the parser is imported: one
git process at a time beside the interpreter). This module imports only what starting git
needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sms_lint.errors import UsageProblem
from sms_lint.gitrepo.blobs import end_batch, start_batch
from sms_lint.gitrepo.file_log import file_log_started, graph_started
from sms_lint.gitrepo.repo import (
    NOT_SHALLOW_HINT,
    GitProblem,
    Repository,
    UntrustedRepository,
    open_repository,
)
from sms_lint.gitrepo.started import Started

if TYPE_CHECKING:
    from subprocess import Popen

    from sms_lint.commands.history_revisions import FileLog
    from sms_lint.gitrepo.ignored import StartedIgnored


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
    opened = _open(root)  # a sentence, said only after the config's and the id's problems
    usable = opened if isinstance(opened, Repository) and not opened.head_state().shallow else None
    git = _UnderWay(usable, id_or_path, root)
    try:
        revisions = _revisions(id_or_path, root, config_path, opened, git)
    finally:
        git.end()
    from sms_lint.commands.history_render import render_json, render_text
    from sms_lint.output import encode

    renderer = render_json if format_name == "json" else render_text
    # UTF-8 bytes whatever the locale, as run.emit writes them.
    click.echo(encode(renderer(revisions)), nl=False)
    return 0


class _UnderWay:
    """The git calls started before the answer is known: the likely file's log at once, the
    graph walk at once too when there is no likely file, else (one git process at a time
    beside the interpreter on two cores) once the heavy imports are done, with a ``cat-file
    --batch`` waiting for blob ids and the question of what git ignores."""

    def __init__(self, repo: Repository | None, wanted: str, root: Path) -> None:
        self.repo = repo
        self.early = _early_log(repo, wanted, root)
        self.graph = graph_started(repo) if repo is not None and self.early is None else None
        self.batch: Popen[bytes] | None = None
        self.ignored: StartedIgnored | None = None

    def start_the_rest(self, root: Path) -> None:
        """The calls started once the command's modules are imported."""
        from sms_lint.gitrepo.ignored import StartedIgnored

        self.ignored = StartedIgnored(root)  # read by discovery, after the config loads
        if self.repo is not None and self.graph is None:
            self.graph = graph_started(self.repo)
        self.batch = _batch(self.repo)

    def log_of(self, repo: Repository, path: str) -> Started[FileLog]:
        """The log of ``path``: the early one if it is that file's (else it is ended)."""
        if self.early is not None and self.early[0] == path:
            return self.early[1]
        if self.early is not None:
            self.early[1].discard()  # a file declares the id: its history, not this file's
        return file_log_started(repo, path)

    def end(self) -> None:
        """End what was left unread (a problem said, an id found elsewhere, no history)."""
        for pending in (self.graph, self.early[1] if self.early else None):
            if pending is not None:
                pending.discard()
        if self.batch is not None:
            end_batch(self.batch)
        if self.ignored is not None:
            self.ignored.close()


def _batch(repo: Repository | None) -> Popen[bytes] | None:
    try:
        return start_batch(repo) if repo is not None else None
    except GitProblem:
        return None  # said by the batch started in its turn


def _revisions(
    id_or_path: str, root: Path, config_path: Path | None, opened: Repository | str, git: _UnderWay
) -> list[dict[str, Any]]:
    """The revisions of the document, once its path is known (problems in the order they
    were always said: the config's, the id's or path's, the repository's, git's)."""
    # Imported once git runs (the parser, the config, discovery): git works meanwhile.
    from sms_lint.commands.history_id import path_of_id

    git.start_the_rest(root)  # the early log has had the time of the parser's import
    from sms_lint.run import build_config

    config = build_config(root, config_path)
    path = resolve_document(id_or_path, root, path_of_id(id_or_path, root, config, git.ignored))
    if isinstance(opened, str):
        raise UsageProblem(opened)
    with opened as repo:
        if repo.head_state().shallow:
            raise UsageProblem(f"{repo.top} is a shallow clone: {NOT_SHALLOW_HINT}")
        logging = git.log_of(repo, path)
        from sms_lint.commands.history_revisions import read_revisions  # after git started

        try:
            revisions = read_revisions(
                repo, path, config.max_file_kb * 1024, git.graph, logging=logging, batch=git.batch
            )
        except GitProblem as error:
            raise UsageProblem(str(error)) from None
    if not revisions and not (root / path).is_file():
        raise UsageProblem(
            f"'{id_or_path}' is neither the id of an artifact nor a file git knows under {root}"
            " (for a deleted document, give the path it had, e.g. sms-lint history "
            "reviews/mr-2022.md)"
        )
    return revisions


def _early_log(
    repo: Repository | None, wanted: str, root: Path
) -> tuple[str, Started[FileLog]] | None:
    """The likely answer, with its log started now: the file ``wanted`` names, or else the
    file that likely declares ``wanted`` as its id (:mod:`.history_guess`). Used only once
    the id has been looked for the exact way and the answer is that file."""
    if repo is None:
        return None
    try:
        path: str | None = resolve_document(wanted, root, None)
    except UsageProblem:
        path = None  # said again, in its turn, once the id is looked for
    if path is None or not (root / path).is_file():
        from sms_lint.commands.history_guess import likely_file  # os and re only

        path = likely_file(wanted, root)  # a deleted document's path is logged in its turn
    return (path, file_log_started(repo, path)) if path is not None else None


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
