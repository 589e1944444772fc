"""One module per command. :data:`COMMANDS` maps each command name to where it lives; a module
is imported only when its command runs (click's lazy-subcommand pattern), so a pre-commit run
of ``check`` does not pay for git, HTML or template code, nor ``register`` for the rules."""

from __future__ import annotations

import importlib

import click

# name -> "module:attribute", in the order ``sms-lint --help`` lists them.
COMMANDS: dict[str, str] = {
    "check": "sms_lint.commands.check:check_command",
    "coverage": "sms_lint.commands.coverage:coverage_command",
    "register": "sms_lint.commands.register:register_command",
    "baseline": "sms_lint.commands.baseline:baseline_command",
    "history": "sms_lint.commands.history:history_command",
    "rules": "sms_lint.commands.rules:rules_command",
    "explain": "sms_lint.commands.explain:explain_command",
    "schema": "sms_lint.commands.schema:schema_command",
    "init": "sms_lint.commands.init:init_command",
}


def load_command(name: str) -> click.Command:
    module, _, attribute = COMMANDS[name].partition(":")
    command = getattr(importlib.import_module(module), attribute)
    assert isinstance(command, click.Command)
    return command
