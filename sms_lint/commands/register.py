"""``sms-lint register``: The master list of documented information."""

from __future__ import annotations

import click

from sms_lint.run import UsageProblem


@click.command("register")
def register_command() -> int:
    """The master list of documented information."""
    raise UsageProblem("'register' is not implemented yet")
