"""One module per command; :data:`COMMANDS` is what the ``sms-lint`` group offers."""

from __future__ import annotations

import click

from sms_lint.commands.check import check_command
from sms_lint.commands.coverage import coverage_command
from sms_lint.commands.explain import explain_command
from sms_lint.commands.history import history_command
from sms_lint.commands.init import init_command
from sms_lint.commands.register import register_command
from sms_lint.commands.rules import rules_command
from sms_lint.commands.schema import schema_command

COMMANDS: tuple[click.Command, ...] = (
    check_command,
    rules_command,
    explain_command,
    coverage_command,
    register_command,
    history_command,
    schema_command,
    init_command,
)
