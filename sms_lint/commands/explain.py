"""``sms-lint explain``: Explain one rule."""

from __future__ import annotations

import click

from sms_lint.run import UsageProblem


@click.command("explain")
def explain_command() -> int:
    """Explain one rule."""
    raise UsageProblem("'explain' is not implemented yet")
