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
from typing import Any

import click

from sms_lint.approvals import states_to_trace
from sms_lint.commands.aside import Aside
from sms_lint.commands.params import as_of_option, config_option, output_option
from sms_lint.commands.register_data import (
    read_last_changes,
    read_trails,
    register_artifacts,
    register_rows,
)
from sms_lint.commands.register_output import RENDERERS
from sms_lint.errors import UsageProblem
from sms_lint.gitrepo.ignored import candidates as find_candidates
from sms_lint.neutralise import terminal
from sms_lint.pipeline.filestage import read_documents
from sms_lint.run import build_config, emit
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
    config = build_config(root, config_path)
    candidates = list(find_candidates(root, config.exclude).paths)
    # git walks the history (and a forked child reads what it says) while the documents are
    # parsed here; the walk can stop once every candidate file has shown up.
    with Aside(read_last_changes, root, candidates) as walk:
        documents = read_documents(root, config, quick=True)
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
    trails = None
    if approval_evidence:  # a second walk of the history: asked for, never by default
        states = states_to_trace(artifacts)
        trails = read_trails(root, states, config.max_file_kb * 1024)
    rows = register_rows(artifacts, config, changes, trails)
    _emit(format_name, rows, output)
    return 0


def _emit(format_name: str, rows: list[dict[str, Any]], output: Path | None) -> None:
    if format_name == "xlsx":  # bytes, and openpyxl, only for the spreadsheet
        from sms_lint.commands.register_xlsx import emit_xlsx, render_xlsx

        emit_xlsx(render_xlsx(rows), output)
        return
    emit(RENDERERS[format_name](rows), output)
