"""The Markdown job summary of ``--format github`` (appended to ``$GITHUB_STEP_SUMMARY``).

Every value from the repository goes through :mod:`sms_lint.reporters.gfm`. GitHub drops a
step's summary whole when it passes 1 MiB, so the findings are listed, most serious first, only
up to a budget; the rest are counted, with where to see them all. Files are named from the top
of the git repository, as the annotations name them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sms_lint.reporters.base import (
    clause_label,
    counts,
    excuse,
    excuse_note,
    mode_tallies,
    rule_label,
    tally_word,
    verdict,
)
from sms_lint.reporters.gfm import inline, line_start, shorten

if TYPE_CHECKING:
    from sms_lint.finding import Finding
    from sms_lint.pipeline.engine import Result

COVERAGE_RULE = "SMS016"
SEVERITIES = ("major", "minor", "observation", "waived")
# Under GitHub's 1 MiB with room for what earlier steps of the job wrote to the same file.
BUDGET = 900 * 1024


def location(finding: Finding, result: Result) -> str:
    if finding.path is None:
        return "(repository)"
    where = result.repository_folder + finding.path
    return f"{where}:{finding.line or 1}:{finding.column or 1}"


def finding_row(finding: Finding, result: Result) -> str:
    severity = finding.severity.value
    message = finding.message
    if finding.waived:
        severity += " (waived)"
        message += f" (waived: {finding.waived_reason})"
    elif (why := excuse(finding)) is not None:
        severity += f" ({tally_word(why)})"
        message += f" ({excuse_note(finding, result)})"
    cells = (
        severity,
        rule_label(result, finding.rule),
        clause_label(result, finding.clause),
        location(finding, result),
        message,
    )
    return "| " + " | ".join(inline(c) for c in cells) + " |"


def within(lines: list[str], budget: int) -> tuple[list[str], int]:
    """The leading ``lines`` whose bytes (with line breaks) fit in ``budget``, and their size."""
    kept: list[str] = []
    used = 0
    for line in lines:
        size = len(line.encode("utf-8")) + 1
        if used + size > budget:
            break
        kept.append(line)
        used += size
    return kept, used


def left_out_note(findings: list[Finding], reports: tuple[str, ...] = ()) -> list[str]:
    """What was not listed: how many, of which severities, and where to see them all (the
    run's other reports, by the paths it wrote them to)."""
    tally = counts_of(findings)
    kinds = ", ".join(f"{n:,} {key}" for key, n in tally.items() if n)
    if reports:
        named = ", ".join(inline(shorten(path, 200)) for path in reports[:5])
        where = f"every finding is in the report this run wrote to {named}"
    else:
        where = (
            "this run wrote no other report: add `--report json:reports/sms-lint.json` and "
            "upload that file as an artifact"
        )
    return [
        "",
        f"**{len(findings):,} more findings are not listed here** ({kinds}): GitHub drops a "
        f"job summary larger than 1 MiB; {where}, or run `sms-lint check --format text` on "
        "your copy of the repository.",
    ]


def counts_of(findings: list[Finding]) -> dict[str, int]:
    out = dict.fromkeys((*SEVERITIES, "baselined", "pre_existing"), 0)
    for finding in findings:
        out[excuse(finding) or finding.severity.value] += 1
    return out


def head(result: Result) -> list[str]:
    tally = counts(result)
    artifacts = f"{result.documents} artifact{'s' if result.documents != 1 else ''}"
    return [
        f"## sms-lint: {inline(result.framework.name)}",
        "",
        f"{artifacts} checked on {result.today.isoformat()}: **{verdict(result)}** "
        f"(fails on {result.fail_on}).",
        "",
        "| severity | findings |",
        "|---|---:|",
        # A baseline or --new-only run adds its rows: baselined, pre-existing, fixed.
        *(f"| {tally_word(key)} | {tally[key]} |" for key in (*SEVERITIES, *mode_tallies(result))),
    ]


def summary_markdown(result: Result, budget: int = BUDGET, reports: tuple[str, ...] = ()) -> str:
    lines = [*head(result), "", "### Findings", ""]
    # Most serious first, excused (waived, baselined, pre-existing) last; report order (path,
    # line, rule) within each group.
    ordered = sorted(result.findings, key=lambda f: (f.excused, -f.severity.rank))
    gaps = [f for f in ordered if f.rule == COVERAGE_RULE]
    gap_lines = [
        f"- {line_start(clause_label(result, f.clause))}: {inline(f.message)}" for f in gaps
    ]
    # The coverage gaps and the note on what was left out always fit: rows get what remains.
    fixed = "\n".join([*lines, *gap_lines, *left_out_note(list(ordered), reports)]).encode("utf-8")
    rows, _ = within([finding_row(f, result) for f in ordered], budget - len(fixed) - 1024)
    if ordered:
        lines += ["| severity | rule | clause | location | message |", "|---|---|---|---|---|"]
        lines += rows
    else:
        lines.append("None.")
    if len(rows) < len(ordered):
        lines += left_out_note(ordered[len(rows) :], reports)
    lines += ["", "### Coverage gaps", ""]
    lines += gap_lines or ["None: every clause has approved evidence."]
    return "\n".join(lines) + "\n\n"
