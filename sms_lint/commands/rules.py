"""``sms-lint rules``: List every rule."""

from __future__ import annotations

import click

from sms_lint.run import UsageProblem


@click.command("rules")
def rules_command() -> int:
    """List every rule."""
    raise UsageProblem("'rules' is not implemented yet")
