"""``sms-lint init``: Write a starter SMS repository."""

from __future__ import annotations

import click

from sms_lint.run import UsageProblem


@click.command("init")
def init_command() -> int:
    """Write a starter SMS repository."""
    raise UsageProblem("'init' is not implemented yet")
