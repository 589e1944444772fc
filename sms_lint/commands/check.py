"""``sms-lint check``: parse options into a request for the core."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from sms_lint.commands.params import DateType, ReportSpec, use_color
from sms_lint.finding import FAIL_ON_CHOICES
from sms_lint.reporters import REPORTERS
from sms_lint.run import CheckRequest, run_check_command


@click.command("check")
@click.argument("root", default=".", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_name",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Report format on stdout (or in --output).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (atomically) instead of stdout.",
)
@click.option(
    "--today",
    type=DateType(),
    envvar="SMS_LINT_TODAY",
    help="Judge 'current' and 'overdue' against this date (default: today).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default="minor",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option("--base", metavar="REF", help="Git ref to compare with: enables the change rules.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: ROOT/.sms-lint.yaml).",
)
@click.option(
    "--report",
    "reports",
    type=ReportSpec(),
    multiple=True,
    help="Also write this report, e.g. junit:reports/sms.xml (repeatable).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor update the result cache.")
def check_command(
    root: Path,
    format_name: str,
    output: Path | None,
    today: datetime.date | None,
    fail_on: str,
    base: str | None,
    config_path: Path | None,
    reports: tuple[tuple[str, Path], ...],
    no_cache: bool,
) -> int:
    """Check the SMS repository at ROOT (default: the current folder)."""
    request = CheckRequest(
        root=root,
        format_name=format_name,
        output=output,
        today=today or datetime.date.today(),
        fail_on=fail_on,
        base=base,
        config_path=config_path,
        reports=reports,
        use_cache=not no_cache,
        color=output is None and use_color(sys.stdout),
    )
    return run_check_command(request)
