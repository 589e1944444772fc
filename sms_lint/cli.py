"""The command line: parse options, call the core, return its exit code.

Nothing here checks or reports; the click layer only turns arguments into typed values and
every usage, config or environment problem into one sentence on stderr and exit code 2.
"""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path
from typing import Any

import click

from sms_lint import __version__
from sms_lint.finding import FAIL_ON_CHOICES
from sms_lint.reporters import REPORTERS
from sms_lint.run import CheckRequest, UsageProblem, run_check_command


class SmsLintGroup(click.Group):
    """Exit 2 with a single ``sms-lint: error: ...`` line for every usage problem."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.ClickException as error:
            click.echo(f"sms-lint: error: {error.format_message()}", err=True)
            sys.exit(2)
        except click.Abort:
            click.echo("sms-lint: aborted", err=True)
            sys.exit(130)
        except UsageProblem as error:
            click.echo(f"sms-lint: error: {error}", err=True)
            sys.exit(2)
        sys.exit(code if isinstance(code, int) else 0)


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"'{value}' is not a date written YYYY-MM-DD", param, ctx)


class ReportSpec(click.ParamType):
    """``FORMAT:PATH`` for ``--report``."""

    name = "FORMAT:PATH"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[str, Path]:
        if isinstance(value, tuple):
            return value
        fmt, sep, path = str(value).partition(":")
        if not sep or not path or fmt not in REPORTERS:
            self.fail(
                f"'{value}' is not FORMAT:PATH with FORMAT one of {', '.join(sorted(REPORTERS))}",
                param,
                ctx,
            )
        return fmt, Path(path)


def _use_color(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@click.group(cls=SmsLintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sms-lint")
def cli() -> None:
    """Check an ISO/IEC 20000-1 service management system kept as files in git."""


@cli.command("check")
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
        color=output is None and _use_color(sys.stdout),
    )
    return run_check_command(request)


def main() -> None:
    cli(prog_name="sms-lint")
