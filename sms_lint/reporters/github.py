"""``--format github``: GitHub Actions workflow commands, plus a Markdown job summary.

One ``::error``/``::warning``/``::notice`` line per finding not excused (not waived, not in the
``--baseline``, not present at the ``--new-only`` base), escaped exactly as the
Actions toolkit (@actions/core) escapes them, so a message cannot end the command early or
start another. GitHub shows only ten annotations of each kind per step, so the job summary
(``$GITHUB_STEP_SUMMARY``, :mod:`sms_lint.reporters.github_summary`) lists the findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sms_lint.neutralise import no_commands
from sms_lint.reporters.base import (
    Reporter,
    clean,
    one_line,
    place,
    rule_label,
    totals_line,
)
from sms_lint.reporters.github_summary import summary_markdown

if TYPE_CHECKING:
    from sms_lint.finding import Finding
    from sms_lint.pipeline.engine import Result

COMMANDS = {"major": "error", "minor": "warning", "observation": "notice"}


def escape_data(text: str) -> str:
    """@actions/core ``escapeData``: the message after ``::``."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """@actions/core ``escapeProperty``: a ``key=value`` before ``::``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, result: Result) -> str:
    properties: dict[str, str] = {}
    # Annotations name files from the top of the repository, not from the checked root.
    if (where := place(finding, result)) is not None:
        path, line, column = where
        properties.update(file=path, line=str(line))
        if column is not None:
            properties["col"] = str(column)
    properties["title"] = f"{rule_label(result, finding.rule)} ({one_line(finding.clause)})"
    listed = ",".join(
        f"{key}={escape_property(no_commands(clean(value)))}" for key, value in properties.items()
    )
    command = COMMANDS[finding.severity.value]
    return f"::{command} {listed}::{escape_data(no_commands(clean(finding.message)))}"


class GithubReporter(Reporter):
    name = "github"
    description = "GitHub Actions annotations and job summary"

    def render(self, result: Result) -> str:
        lines = [annotation(f, result) for f in result.findings if not f.excused]
        return "\n".join([*lines, totals_line(result)]) + "\n"

    def step_summary(self, result: Result) -> str | None:
        return summary_markdown(result, reports=self.reports)
