"""``sms-lint history``: The revision history of one document."""

from __future__ import annotations

import click

from sms_lint.run import UsageProblem


@click.command("history")
def history_command() -> int:
    """The revision history of one document."""
    raise UsageProblem("'history' is not implemented yet")
