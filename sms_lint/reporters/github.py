"""``--format github``: GitHub Actions workflow commands, plus a Markdown job summary.

One ``::error``/``::warning``/``::notice`` line per unwaived finding, escaped exactly as the
Actions toolkit (@actions/core) escapes them, so a message cannot end the command early or
start another. GitHub shows only ten annotations of each kind per step, so the job summary
(``$GITHUB_STEP_SUMMARY``) lists every finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sms_lint.neutralise import markdown, no_commands
from sms_lint.reporters.base import (
    Reporter,
    clause_label,
    clean,
    counts,
    location,
    one_line,
    repository_anchor,
    rule_label,
    verdict,
)

if TYPE_CHECKING:
    from sms_lint.engine import Result
    from sms_lint.finding import Finding

COMMANDS = {"major": "error", "minor": "warning", "observation": "notice"}
COVERAGE_RULE = "SMS016"
SEVERITIES = ("major", "minor", "observation", "waived")


def escape_data(text: str) -> str:
    """@actions/core ``escapeData``: the message after ``::``."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """@actions/core ``escapeProperty``: a ``key=value`` before ``::``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, result: Result) -> str:
    properties: dict[str, str] = {}
    # Annotations name files from the top of the repository, not from the checked root.
    if finding.path is not None:
        properties["file"] = result.repository_folder + finding.path
        properties["line"] = str(finding.line or 1)
        properties["col"] = str(finding.column or 1)
    else:
        anchor = repository_anchor(result, finding.clause)
        if anchor is not None:
            properties["file"] = result.repository_folder + anchor
            properties["line"] = "1"
    properties["title"] = f"{rule_label(result, finding.rule)} ({one_line(finding.clause)})"
    listed = ",".join(
        f"{key}={escape_property(no_commands(clean(value)))}" for key, value in properties.items()
    )
    command = COMMANDS[finding.severity.value]
    return f"::{command} {listed}::{escape_data(no_commands(clean(finding.message)))}"


def totals_line(result: Result) -> str:
    tally = counts(result)
    parts = ", ".join(f"{tally[key]} {key}" for key in SEVERITIES)
    artifacts = f"{result.documents} artifact{'s' if result.documents != 1 else ''}"
    return f"sms-lint: {artifacts} checked: {parts}; {verdict(result)}."


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, no column breaks, no HTML."""
    return markdown(text)


def finding_row(finding: Finding, result: Result) -> str:
    severity = finding.severity.value
    message = finding.message
    if finding.waived:
        severity += " (waived)"
        message += f" (waived: {finding.waived_reason})"
    cells = (
        severity,
        rule_label(result, finding.rule),
        clause_label(result, finding.clause),
        location(finding),
        message,
    )
    return "| " + " | ".join(cell(c) for c in cells) + " |"


def summary_markdown(result: Result) -> str:
    tally = counts(result)
    artifacts = f"{result.documents} artifact{'s' if result.documents != 1 else ''}"
    lines = [
        f"## sms-lint: {cell(result.framework.name)}",
        "",
        f"{artifacts} checked on {result.today.isoformat()}: **{verdict(result)}** "
        f"(fails on {result.fail_on}).",
        "",
        "| severity | findings |",
        "|---|---:|",
        *(f"| {key} | {tally[key]} |" for key in SEVERITIES),
        "",
        "### Findings",
        "",
    ]
    if result.findings:
        lines += ["| severity | rule | clause | location | message |", "|---|---|---|---|---|"]
        # Most serious first, waived last; report order (path, line, rule) within each group.
        ordered = sorted(result.findings, key=lambda f: (f.waived, -f.severity.rank))
        lines += [finding_row(f, result) for f in ordered]
    else:
        lines.append("None.")
    gaps = [f for f in result.findings if f.rule == COVERAGE_RULE]
    lines += ["", "### Coverage gaps", ""]
    lines += [f"- {cell(clause_label(result, f.clause))}: {cell(f.message)}" for f in gaps]
    if not gaps:
        lines.append("None: every clause has approved evidence.")
    return "\n".join(lines) + "\n\n"


class GithubReporter(Reporter):
    name = "github"
    description = "GitHub Actions annotations and job summary"

    def render(self, result: Result) -> str:
        lines = [annotation(f, result) for f in result.findings if not f.waived]
        return "\n".join([*lines, totals_line(result)]) + "\n"

    def step_summary(self, result: Result) -> str | None:
        return summary_markdown(result)
