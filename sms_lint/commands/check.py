"""``sms-lint check``: parse options into a request for the core."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from sms_lint.commands.params import (
    ReportSpec,
    as_of_option,
    config_option,
    output_option,
    today_option,
    use_color,
)
from sms_lint.finding import FAIL_ON_CHOICES
from sms_lint.reporters import DEFAULT_JUNIT_FAMILY, JUNIT_FAMILIES, REPORTERS
from sms_lint.run.check import run_check_command
from sms_lint.run.parts import CheckRequest


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
@output_option
@today_option
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default="minor",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option("--base", metavar="REF", help="Git ref to compare with: enables the change rules.")
@config_option
@click.option(
    "--report",
    "reports",
    type=ReportSpec(),
    multiple=True,
    help="Also write this report, e.g. junit:reports/sms.xml (repeatable).",
)
@click.option(
    "--junit-family",
    type=click.Choice(JUNIT_FAMILIES),
    default=DEFAULT_JUNIT_FAMILY,
    show_default=True,
    help="JUnit flavour of every junit report: xunit1 adds file and line for GitLab.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Findings recorded in this baseline file do not fail (default: the config's baseline).",
)
@click.option(
    "--new-only",
    is_flag=True,
    help="With --base: fail only on findings the change since REF introduced.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor update the result cache.")
@as_of_option
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
    junit_family: str,
    baseline: Path | None,
    new_only: bool,
    as_of: datetime.date | None,
) -> int:
    """Check the SMS repository at ROOT (default: the current folder)."""
    request = CheckRequest(
        root=root,
        format_name=format_name,
        output=output,
        today=today or as_of or datetime.date.today(),
        fail_on=fail_on,
        base=base,
        config_path=config_path,
        reports=reports,
        use_cache=not no_cache,
        color=output is None and use_color(sys.stdout),
        junit_family=junit_family,
        baseline=baseline,
        new_only=new_only,
        as_of=as_of,
    )
    return run_check_command(request)
