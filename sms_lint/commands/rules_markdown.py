"""The Markdown rule reference: ``sms-lint rules --format markdown`` (docs/rules.md).

Generated from the rule pack so the page never drifts from the rules; tests/test_docs.py fails
when the committed page differs from this output.
"""

from __future__ import annotations

from sms_lint.commands.rule_catalog import Catalog, examines
from sms_lint.config.pack import Rule
from sms_lint.neutralise import clean, markdown

REGENERATE = "sms-lint rules --format markdown > docs/rules.md"

# How each of sms-lint's severities relates to an auditor's grade: sms-lint grades what it
# reads; an auditor grades what they see, hear and sample too (shared with ``explain``).
AUDITOR_GRADE = {
    "major": "what an auditor would likely grade a major nonconformity",
    "minor": "what an auditor would likely grade a minor nonconformity",
    "observation": (
        "not a nonconformity: what an auditor would likely note as an observation or an "
        "opportunity for improvement"
    ),
}

_INTRO = f"""\
Every rule sms-lint applies, generated from the rule pack (`policies/iso20000-1-2018.yaml`).
Each finding names its rule, the clause it concerns and a severity. The severities are
sms-lint's own grades of the documents and records it reads, set to match how a lead auditor
would likely grade the same evidence:

- **major**: {AUDITOR_GRADE["major"]}. A required element is absent, or a requirement fails
  systemically (no documented change process, no internal audit in the last 12 months, every
  target of an SLA unmeasurable);
- **minor**: {AUDITOR_GRADE["minor"]}. An isolated lapse (one stale review, one missing
  approval field, one weak target among good ones);
- **observation**: {AUDITOR_GRADE["observation"]}. Nothing is wrong yet, but it soon may be (a
  review due within 30 days), or the evidence may be kept somewhere sms-lint does not read.

An auditor also observes practice, interviews people and samples records, which sms-lint
cannot: their grade of the same evidence may differ, and a run without findings is not a
certificate.

Where the grade depends on what is affected (a live service or a retired one, one item or
all), a rule has named grades; each rule's **Grading** paragraph says why it is graded so.

`--fail-on` (default `minor`) sets the lowest severity that makes `sms-lint check` exit 1.
In `.sms-lint.yaml` an organization may change a rule's severity or switch it off
(`rules:`), or waive one finding for a while (`waivers:`): see the [user guide](guide.md).
`sms-lint explain RULE` prints one rule's entry below in the terminal.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _safe(rule: Rule) -> Rule:
    """An organization pack's rule with its texts neutralised (HTML, pipes, controls, CI
    commands); the built-in pack ships with sms-lint and keeps its own Markdown."""
    if rule.pack == "builtin":
        return rule
    texts = ("id", "name", "clause", "description", "rationale", "remediation", "grading", "pack")
    changed = {field: markdown(getattr(rule, field)) for field in texts}
    examples = {
        f: clean(getattr(rule, f)).replace("`", "'") for f in ("example_pass", "example_fail")
    }
    return rule._replace(**changed, **examples)


def grading_text(rule: Rule) -> str:
    """Why the rule is graded so; without that text, its named grades ("Major by default;
    minor when isolated")."""
    if rule.grading or not rule.grades:
        return rule.grading
    named = [f"{severity.value} when {name}" for name, severity in rule.grades.items()]
    return f"{rule.severity.value.capitalize()} by default; {', '.join(named)}."


def _anchor(rule: Rule) -> str:
    """GitHub's heading anchor for ``## SMS005 review-current``."""
    return f"{rule.id} {rule.name}".lower().replace(" ", "-")


def _example(label: str, text: str) -> list[str]:
    if not text.strip():
        return []
    return [f"{label}:", "", "```yaml", text.rstrip("\n"), "```", ""]


def _index(catalog: Catalog) -> list[str]:
    lines = ["| Rule | Name | Clause | Severity | What it checks |", "|---|---|---|---|---|"]
    for rule in map(_safe, catalog.rules):
        lines.append(
            f"| [{rule.id}](#{_anchor(rule)}) | {rule.name} | {rule.clause} | "
            f"{rule.severity.value} | {_cell(rule.description)} |"
        )
    return [*lines, ""]


def _section(rule: Rule, catalog: Catalog) -> list[str]:
    lines = [
        f"## {rule.id} {rule.name}",
        "",
        "| Clause | Default severity | Examines |",
        "|---|---|---|",
        f"| {_cell(catalog.clause_label(rule))} | {rule.severity.value} | {examines(rule)} |",
        "",
        rule.description,
        "",
    ]
    if rule.pack != "builtin":
        lines += [f"From the organization's rule pack `{rule.pack}`.", ""]
    if rule.rationale:
        lines += [f"**Why it matters.** {rule.rationale}", ""]
    if rule.remediation:
        lines += [f"**How to fix it.** {rule.remediation}", ""]
    grading = grading_text(rule)
    if grading:
        lines += [f"**Grading.** {grading if rule.pack == 'builtin' else markdown(grading)}", ""]
    lines += _example("Passes", rule.example_pass)
    lines += _example("Fails", rule.example_fail)
    return lines


def render_markdown(catalog: Catalog) -> str:
    lines = [
        f"# Rules of the {catalog.framework.name} pack",
        "",
        f"<!-- Generated by `{REGENERATE}`: do not edit by hand. -->",
        "",
        _INTRO,
        *_index(catalog),
    ]
    for rule in map(_safe, catalog.rules):
        lines += _section(rule, catalog)
    return "\n".join(lines).rstrip("\n") + "\n"
