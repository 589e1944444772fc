"""``sms-lint baseline``: record today's findings as known debt, in a reviewable YAML file."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from sms_lint.baseline.file import DEFAULT_NAME
from sms_lint.commands.params import STDOUT, DateType, config_option, today_option
from sms_lint.run.baseline import BaselineRequest, run_baseline_command


@click.command("baseline")
@click.argument("root", default=".", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Where to write the baseline ('-': stdout; default: ROOT/.sms-lint-baseline.yaml).",
)
@today_option
@config_option
@click.option(
    "--expires",
    type=DateType(),
    help="Last day the baseline applies (YYYY-MM-DD); after it its findings fail again.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor update the result cache.")
def baseline_command(
    root: Path,
    output: str | None,
    today: datetime.date | None,
    config_path: Path | None,
    expires: datetime.date | None,
    no_cache: bool,
) -> int:
    """Record the findings of ROOT (default: the current folder) as a baseline: `check
    --baseline FILE` (or `baseline: FILE` in .sms-lint.yaml) then fails only on new ones."""
    target = None if output == STDOUT else Path(output) if output else root / DEFAULT_NAME
    request = BaselineRequest(
        root=root,
        output=target,
        today=today or datetime.date.today(),
        config_path=config_path,
        expires=expires,
        use_cache=not no_cache,
    )
    return run_baseline_command(request)
