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
    "export": "sms_lint.commands.export:export_command",
    "due": "sms_lint.commands.due:due_command",
    "history": "sms_lint.commands.history:history_command",
    "measure": "sms_lint.commands.measure:measure_command",
    "rules": "sms_lint.commands.rules:rules_command",
    "explain": "sms_lint.commands.explain:explain_command",
    "schema": "sms_lint.commands.schema:schema_command",
    "init": "sms_lint.commands.init:init_command",
}

# The first paragraph of each command's help, which ``sms-lint --help`` shortens into its list of
# commands: kept here so that listing them imports none (tests/test_startup_imports.py checks
# that each equals its command's docstring).
SUMMARIES: dict[str, str] = {
    "check": "Check the SMS repository at ROOT (default: the current folder).",
    "coverage": "Clause-by-clause readiness of the SMS repository at ROOT: each clause 4.1-10.2"
    " (clause 8 by sub-clause), whether approved documents describe it and, where records are"
    " expected, whether records show it operating; the open findings, and the gaps."
    " Exits 1 on a gap.",
    "register": "The master list of documented information under ROOT, sorted by id.",
    "baseline": "Record the findings of ROOT (default: the current folder) as a baseline:"
    " `check --baseline FILE` (or `baseline: FILE` in .sms-lint.yaml) then fails only on new"
    " ones.",
    "export": "Write the documented-information pack of ROOT for auditors: a cover with the"
    " conformance summary, the master register, the clause map and every document under its"
    " control header with its git history, as one self-contained HTML file that prints to PDF"
    " page by page.",
    "due": "What falls due under ROOT within --within days, overdue first, then the soonest:"
    " document reviews, risk reviews, nonconformities, management-review actions, supplier"
    " contracts and performance reviews, the next internal audit and management review, and"
    " waivers; each with its owner role (and holder), what to do and the file.",
    "history": "Every commit that changed the document ID_OR_PATH (an id, or a path under --root).",
    "measure": "Add one result to the measurements record of ID (an objective id, or a process or"
    " SLA id, a slash and the KPI name or target metric), keeping the file's comments and"
    " layout.",
    "rules": "List every rule: id, severity, clause, name and what it checks.",
    "explain": "Explain RULE (an id such as SMS005 or a name such as review-current).",
    "schema": "Print the JSON Schema of KIND; without KIND, print every schema as one JSON object"
    " whose keys are the file names (audit.json, ..., header.json, defs.json, the names the"
    " schemas' $ref use); write all schemas with --output-dir, or print the diagram of"
    " references between kinds with --diagram.",
    "init": "Write a starter SMS repository of drafts into DIR (a new or empty folder).",
}


def summary_stand_in(name: str) -> click.Command:
    """A command that only carries ``name``'s summary: enough for a list of commands (a
    command added without a summary is loaded instead, so it is still listed rightly)."""
    summary = SUMMARIES.get(name)
    return load_command(name) if summary is None else click.Command(name, help=summary)


def load_command(name: str) -> click.Command:
    module, _, attribute = COMMANDS[name].partition(":")
    command = getattr(importlib.import_module(module), attribute)
    assert isinstance(command, click.Command)
    return command
