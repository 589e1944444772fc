"""``sms-lint coverage``: Clause-by-clause readiness."""

from __future__ import annotations

import click

from sms_lint.run import UsageProblem


@click.command("coverage")
def coverage_command() -> int:
    """Clause-by-clause readiness."""
    raise UsageProblem("'coverage' is not implemented yet")
