"""``sms-lint explain RULE``: why a rule exists, how to fix its findings, and examples."""

from __future__ import annotations

import textwrap
from pathlib import Path

import click

from sms_lint.commands.rule_catalog import CONFIG_OPTION, Catalog, examines, find_rule, load_catalog
from sms_lint.commands.rules_markdown import AUDITOR_GRADE, grading_text
from sms_lint.config.pack import Rule
from sms_lint.neutralise import clean, lead, no_commands, terminal

_WIDTH = 88


@click.command("explain")
@click.argument("rule_query", metavar="RULE")
@CONFIG_OPTION
def explain_command(rule_query: str, config_path: Path | None) -> int:
    """Explain RULE (an id such as SMS005 or a name such as review-current)."""
    catalog = load_catalog(config_path)
    click.echo(render_explanation(find_rule(catalog, rule_query), catalog), nl=False)
    return 0


def _paragraph(title: str, text: str) -> list[str]:
    if not text.strip():
        return []
    wrapped = textwrap.wrap(terminal(text), _WIDTH - 2)
    # Any wrapped line may begin with pack text such as "::error": runners trim the indent.
    return [f"{title}:", *(f"  {lead(line)}" for line in wrapped), ""]


def _example(title: str, text: str) -> list[str]:
    if not text.strip():
        return []
    # A pack's example is data: each line cleaned and kept from reading as a CI command.
    shown = "\n".join(lead(no_commands(clean(line))) for line in text.rstrip("\n").splitlines())
    return [f"{title}:", textwrap.indent(shown, "    ", lambda _: True), ""]


def severity_note(rule: Rule) -> str:
    """What the default severity means: sms-lint's grade, and the auditor's grade it matches."""
    grade = rule.severity.value
    return (
        f"Severities are sms-lint's grades of what it reads; this rule's default, {grade}, is "
        f"{AUDITOR_GRADE[grade]}. An auditor also observes practice and samples records, so "
        "their grade may differ."
    )


def render_explanation(rule: Rule, catalog: Catalog) -> str:
    lines = [
        lead(terminal(f"{rule.id} {rule.name}")),
        f"  clause {terminal(catalog.clause_label(rule))}; default severity "
        f"{rule.severity.value}; examines {terminal(examines(rule).replace('`', ''))}",
        "",
        *_paragraph("What it checks", rule.description),
        *_paragraph("Why it matters", rule.rationale),
        *_paragraph("How to fix it", rule.remediation),
        *_paragraph("Grading", grading_text(rule)),
        *_paragraph("Severity", severity_note(rule)),
        *_example("Passes", rule.example_pass),
        *_example("Fails", rule.example_fail),
    ]
    if rule.pack != "builtin":
        lines.append(f"From the rule pack {terminal(rule.pack)}.")
    return "\n".join(lines).rstrip("\n") + "\n"
