"""``sms-lint register``: the master list of documented information, with its last change.

The artifacts come from the same discovery and parsing as ``check``; the last change of every
file comes from one ``git log`` over the root (never one git call per file), with the merge
that brought it into the branch and who merged (the approval in a pull-request flow), or
``approver_shown: false`` where the history cannot show one. Outside git, for a file git
does not track, or in a shallow clone for a file not changed since its oldest commits,
``last_change`` is null. ``--approval-evidence`` (JSON) adds ``approval_evidence``: the commit
that recorded each approved artifact's current approval (:mod:`sms_lint.approvals`), from a
second walk of the history (the register's own walk stops as soon as every file has shown up).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sms_lint.commands.aside import Aside, Handover
from sms_lint.commands.params import as_of_option, config_option, output_option
from sms_lint.commands.register_changes import read_last_changes
from sms_lint.errors import UsageProblem

if TYPE_CHECKING:
    from sms_lint.model import Artifact
    from sms_lint.parse.documents import Document


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
@click.option(
    "--approval-evidence",
    is_flag=True,
    help="JSON: add to each row approval_evidence, the commit that recorded the approved "
    "artifact's current approval (null when there is none in git); one more history walk.",
)
def register_command(
    root: Path,
    format_name: str,
    output: Path | None,
    config_path: Path | None,
    as_of: datetime.date | None,
    approval_evidence: bool,
) -> int:
    """The master list of documented information under ROOT, sorted by id."""
    if approval_evidence and format_name != "json":
        raise UsageProblem("--approval-evidence adds a JSON field: use it with --format json")
    if as_of is not None:  # the register as it stood: see sms_lint.commands.register_as_of
        from sms_lint.commands.register_as_of import register_as_of

        rows = register_as_of(root, config_path, as_of, evidence=approval_evidence)
        _emit(format_name, rows, output)
        return 0
    rows = _work_tree_rows(root, config_path, approval_evidence)
    _emit(format_name, rows, output)
    return 0


def _work_tree_rows(
    root: Path, config_path: Path | None, approval_evidence: bool
) -> list[dict[str, Any]]:
    """The rows of the files under ROOT, each with its last change in git's history."""
    # git walks the history (and a forked child reads what it says) while the documents are
    # parsed and the rows made here; the walk can stop once every candidate file has shown
    # up. It starts first thing, and is handed the files once they are found: what the
    # rows need is imported after the fork, beside the walk.
    files: Handover[list[str]] = Handover()
    with files, Aside(read_last_changes, root, files) as walk:
        from sms_lint.commands.register_data import register_artifacts, register_rows
        from sms_lint.gitrepo.ignored import candidates
        from sms_lint.pipeline.reading import read_documents
        from sms_lint.run.check import build_config
        from sms_lint.schema.kinds import known_kinds

        config = build_config(root, config_path)
        found = candidates(root, config.exclude)
        files.give(list(found.paths))
        documents = read_documents(root, config, quick=True, found=found)
        artifacts = register_artifacts(documents, known_kinds())
        rows = register_rows(artifacts, config, {})  # last_change filled in below
        changes, note = walk.result()
    _notes(note, documents)
    for row in rows:
        change = changes.get(row["path"])
        row["last_change"] = change.as_dict() if change else None
    if approval_evidence:  # a second walk of the history: asked for, never by default
        _add_evidence(root, config.max_file_kb * 1024, artifacts, rows)
    return rows


def _notes(note: str | None, documents: list[Document]) -> None:
    from sms_lint.neutralise import terminal

    if note:
        click.echo(f"sms-lint: note: {terminal(note)}", err=True)
    unread = sum(d.data is None and any(p.code == "SMS100" for p in d.problems) for d in documents)
    if unread:  # a register silently missing a folder would look complete
        click.echo(
            f"sms-lint: note: {unread} file(s) or folder(s) could not be read and are not "
            "listed; sms-lint check names them",
            err=True,
        )


def _add_evidence(
    root: Path, max_bytes: int, artifacts: list[Artifact], rows: list[dict[str, Any]]
) -> None:
    """Each row's ``approval_evidence`` (after ``last_change``, as register_rows adds it)."""
    from sms_lint.approvals import states_to_trace
    from sms_lint.commands.register_data import approval_evidence, read_trails

    trails = read_trails(root, states_to_trace(artifacts), max_bytes)
    by_path = {artifact.path: artifact for artifact in artifacts}
    for row in rows:
        artifact = by_path[row["path"]]
        row["approval_evidence"] = approval_evidence(artifact, trails.get(artifact.path, []))


def _emit(format_name: str, rows: list[dict[str, Any]], output: Path | None) -> None:
    if format_name == "xlsx":  # bytes, and openpyxl, only for the spreadsheet
        from sms_lint.commands.register_xlsx import emit_xlsx, render_xlsx

        emit_xlsx(render_xlsx(rows), output)
        return
    from sms_lint.commands.register_output import RENDERERS
    from sms_lint.run.check import emit

    emit(RENDERERS[format_name](rows), output)
