"""``sms-lint rules``: list every rule, as a table, JSON, or the Markdown of docs/rules.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from sms_lint.commands.rule_catalog import CONFIG_OPTION, Catalog, load_catalog
from sms_lint.commands.rules_markdown import render_markdown
from sms_lint.config.pack import Rule
from sms_lint.neutralise import clean_tree, lead, no_commands_json, terminal

_COLUMNS = ("ID", "SEVERITY", "CLAUSE", "NAME", "DESCRIPTION")


@click.command("rules")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: a table; json: a list of rule objects; markdown: the docs/rules.md page.",
)
@CONFIG_OPTION
def rules_command(format_name: str, config_path: Path | None) -> int:
    """List every rule: id, severity, clause, name and what it checks."""
    catalog = load_catalog(config_path)
    renderers = {"text": render_text, "json": render_json, "markdown": render_markdown}
    click.echo(renderers[format_name](catalog), nl=False)
    return 0


def rule_record(rule: Rule) -> dict[str, Any]:
    """One rule as JSON: the contract's five keys first, then the explanation."""
    return {
        "id": rule.id,
        "name": rule.name,
        "clause": rule.clause,
        "severity": rule.severity.value,
        "description": rule.description,
        "rationale": rule.rationale,
        "remediation": rule.remediation,
        "applies_to": list(rule.applies_to),
        "pack": rule.pack,
    }


def render_json(catalog: Catalog) -> str:
    # A pack's texts are data: cleaned like every report's (controls, ##vso[).
    records = clean_tree([rule_record(r) for r in catalog.rules])
    return no_commands_json(json.dumps(records, indent=2, ensure_ascii=False)) + "\n"


def render_text(catalog: Catalog) -> str:
    rows = [
        tuple(terminal(t) for t in (r.id, r.severity.value, r.clause, r.name, r.description))
        for r in catalog.rules
    ]
    rows = [(lead(row[0]), *row[1:]) for row in rows]  # a pack's id starts the line
    # Align every column but the last; descriptions stay on one line so grep finds them.
    widths = [max(len(row[i]) for row in [_COLUMNS, *rows]) for i in range(len(_COLUMNS) - 1)]
    lines = [
        "  ".join([*(row[i].ljust(width) for i, width in enumerate(widths)), row[-1]]).rstrip()
        for row in [_COLUMNS, *rows]
    ]
    return "\n".join(lines) + "\n"
