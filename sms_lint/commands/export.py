"""``sms-lint export``: the documented-information pack for auditors (see sms_lint.export)."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from sms_lint.commands.params import as_of_option, config_option, today_option


@click.command("export")
@click.argument("root", default=".", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="FILE.html: the pack as one file; any other name: a folder with index.html and one "
    "page per document ('-' or none: one file on stdout).",
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(["approved", "draft", "retired"]),
    help="Export documents with this status (repeatable; default: approved and draft, drafts "
    "marked as such).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar="KIND",
    help="Export only artifacts of this kind (repeatable; default: every kind).",
)
@today_option
@config_option
@as_of_option
def export_command(
    root: Path,
    output: Path | None,
    statuses: tuple[str, ...],
    kinds: tuple[str, ...],
    today: datetime.date | None,
    config_path: Path | None,
    as_of: datetime.date | None,
) -> int:
    """Write the documented-information pack of ROOT for auditors: a cover with the conformance
    summary, the master register, the clause map and every document under its control header
    with its git history, as one self-contained HTML file that prints to PDF page by page."""
    from sms_lint.run.export import ExportRequest, run_export

    request = ExportRequest(
        root=root,
        output=None if output is None or str(output) == "-" else output,
        today=today or as_of or datetime.date.today(),
        config_path=config_path,
        statuses=tuple(dict.fromkeys(statuses)) or ("approved", "draft"),
        kinds=tuple(dict.fromkeys(kinds)),
        as_of=as_of,
    )
    return run_export(request)
