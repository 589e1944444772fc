"""``sms-lint schema``: Print the JSON Schema of a kind."""

from __future__ import annotations

import click

from sms_lint.run import UsageProblem


@click.command("schema")
def schema_command() -> int:
    """Print the JSON Schema of a kind."""
    raise UsageProblem("'schema' is not implemented yet")
