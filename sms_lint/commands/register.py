"""``sms-lint register``: the master list of documented information, with its last change.

The artifacts come from the same discovery and parsing as ``check``; the last change of every
file comes from one ``git log`` over the root (never one git call per file), with the merge
that brought it into the branch and who merged (the approval in a pull-request flow), or
``approver_shown: false`` where the history cannot show one. Outside git, for a file git
does not track, or in a shallow clone for a file not changed since its oldest commits,
``last_change`` is null.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from sms_lint.commands.aside import Aside
from sms_lint.commands.params import as_of_option, config_option, output_option
from sms_lint.commands.register_output import RENDERERS
from sms_lint.config.file import Config
from sms_lint.facts import next_review
from sms_lint.gitrepo.ignored import candidates as find_candidates
from sms_lint.gitrepo.log import CommitInfo, last_changes
from sms_lint.gitrepo.repo import (
    NOT_SHALLOW_HINT,
    GitProblem,
    Repository,
    UntrustedRepository,
    open_repository,
)
from sms_lint.model import Artifact
from sms_lint.neutralise import terminal
from sms_lint.parse.documents import Document
from sms_lint.pipeline.filestage import read_documents
from sms_lint.run import UsageProblem, build_config, emit
from sms_lint.schema.validation import known_kinds


@click.command("register")
@click.argument("root", default=".", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json", "csv", "markdown", "xlsx"]),
    default="text",
    show_default=True,
    help="text: an aligned table; json: a list of rows; csv; markdown: a table; xlsx: an Excel "
    "workbook (binary: give -o FILE).",
)
@output_option
@config_option
@as_of_option
def register_command(
    root: Path,
    format_name: str,
    output: Path | None,
    config_path: Path | None,
    as_of: datetime.date | None,
) -> int:
    """The master list of documented information under ROOT, sorted by id."""
    if as_of is not None:  # the register as it stood: see sms_lint.commands.register_as_of
        from sms_lint.commands.register_as_of import register_as_of

        _emit(format_name, register_as_of(root, config_path, as_of), output)
        return 0
    config = build_config(root, config_path)
    candidates = list(find_candidates(root, config.exclude).paths)
    # git walks the history (and a forked child reads what it says) while the documents are
    # parsed here; the walk can stop once every candidate file has shown up.
    with Aside(read_last_changes, root, candidates) as walk:
        documents = read_documents(root, config)
        artifacts = register_artifacts(documents, known_kinds())
        changes, note = walk.result()
    if note:
        click.echo(f"sms-lint: note: {terminal(note)}", err=True)
    unread = sum(d.data is None and any(p.code == "SMS100" for p in d.problems) for d in documents)
    if unread:  # a register silently missing a folder would look complete
        click.echo(
            f"sms-lint: note: {unread} file(s) or folder(s) could not be read and are not "
            "listed; sms-lint check names them",
            err=True,
        )
    rows = register_rows(artifacts, config, changes)
    _emit(format_name, rows, output)
    return 0


def _emit(format_name: str, rows: list[dict[str, Any]], output: Path | None) -> None:
    if format_name == "xlsx":  # bytes, and openpyxl, only for the spreadsheet
        from sms_lint.commands.register_xlsx import emit_xlsx, render_xlsx

        emit_xlsx(render_xlsx(rows), output)
        return
    emit(RENDERERS[format_name](rows), output)


def read_last_changes(
    root: Path, paths: list[str], commit: str | None = None
) -> tuple[Mapping[str, CommitInfo], str | None]:
    """Path (relative to ROOT) -> last commit for ``paths`` (in the history up to ``commit``,
    for ``--as-of``; else HEAD's), and a note for stderr when dates are missing."""
    try:
        repo = open_repository(root)
    except UntrustedRepository as error:
        raise UsageProblem(str(error)) from None  # read only once the user says it is trusted
    except GitProblem as error:
        return {}, f"{error}: last_change is null"
    if repo is None:
        return {}, f"{root} is not inside a git repository: last_change is null"
    with repo:
        state = repo.head_state()
        if state.head is None:
            return {}, f"{repo.top} has no commits yet: last_change is null"
        try:
            tracked = repo.tracked() if commit is None else committed_paths(repo, commit)
            # Only files git tracks can show up in the log: the walk stops once they all have.
            wanted = [path for path in paths if path in tracked]
            # A shallow clone's oldest commits show every file as added: not a last change.
            boundary = repo.shallow_boundary() if state.shallow and wanted else set()
            found = last_changes(repo, wanted, boundary, commit) if wanted else {}
        except GitProblem as error:
            raise UsageProblem(str(error)) from None
    if state.shallow:
        return found, (
            f"{repo.top} is a shallow clone, so the history is incomplete: last_change is null "
            f"for documents not changed since its oldest commits: {NOT_SHALLOW_HINT}"
        )
    return found, None


def committed_paths(repo: Repository, commit: str) -> set[str]:
    """The files under the SMS root that ``commit`` holds, relative to the root."""
    from sms_lint.gitrepo.trees import tree_entries

    paths = (repo.from_top(entry.path) for entry in tree_entries(repo, commit))
    return {path for path in paths if path is not None}


def register_artifacts(documents: list[Document], kinds: tuple[str, ...]) -> list[Artifact]:
    """Every document with a known kind, as check sees it (schema failures included)."""
    return [
        Artifact(doc, kind)
        for doc in documents
        if doc.data is not None
        and isinstance(kind := doc.data.get("kind"), str)  # a list is no kind (and unhashable)
        and kind in kinds
    ]


def register_rows(
    artifacts: list[Artifact], config: Config, changes: Mapping[str, CommitInfo]
) -> list[dict[str, Any]]:
    """One row per artifact, sorted by id (artifacts without one last, by path)."""
    rows = [_row(a, config, changes.get(a.path)) for a in artifacts]
    rows.sort(key=lambda row: (row["id"] is None, row["id"] or "", row["path"]))
    return rows


def _row(artifact: Artifact, config: Config, change: CommitInfo | None) -> dict[str, Any]:
    # A retired document is no longer reviewed: it has no next review.
    retired = artifact.status == "retired"
    due = None if retired else next_review(artifact, config.review_interval_months)[0]
    reviewed = artifact.date("last_reviewed")
    return {
        "id": artifact.id,
        "title": artifact.text("title"),
        "kind": artifact.kind,
        "owner": artifact.text("owner"),
        "version": _scalar(artifact.data.get("version")),
        "status": artifact.status,
        "last_reviewed": reviewed.isoformat() if reviewed else None,
        "next_review": due.isoformat() if due else None,
        "path": artifact.path,
        "last_change": change.as_dict() if change else None,
    }


def _scalar(value: Any) -> str | None:
    """A version written unquoted (1.2, its own finding in check) still shows, as text."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value).strip() or None
