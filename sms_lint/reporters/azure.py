"""``--format azure``: Azure Pipelines logging commands.

One ``##vso[task.logissue ...]message`` line per unwaived finding, a totals line, then
``##vso[task.complete result=...;]`` with the run's outcome:

- **error or warning.** A finding at or above ``--fail-on`` (one that makes the check exit 1)
  is ``type=error``; one below it is ``type=warning``. So the red issues are exactly the ones
  that fail the step, whatever ``--fail-on`` says.
- **Result.** ``Failed`` when the check exits 1, ``SucceededWithIssues`` when it exits 0 with
  unwaived findings below ``--fail-on``, ``Succeeded`` when there are none.
- **Waived findings are left out**, as in the GitHub annotations: they are accepted under an
  approved waiver, and the totals line counts them. So are baselined findings and, under
  ``--new-only``, pre-existing ones: neither fails the run nor makes it "with issues".
- **Escaping.** Every value is escaped as the agent unescapes it: ``%`` as ``%AZP25`` first,
  then ``;`` ``%3B``, CR ``%0D``, LF ``%0A``, ``]`` ``%5D``. A value can then neither end the
  properties early nor start a second line; ``##vso[`` inside data is broken too, for any
  other tool that scans the log.
- **Paths** are from the top of the repository, as in the GitHub annotations; a
  repository-wide finding is shown on the config (see ``base.place``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sms_lint.finding import fails
from sms_lint.neutralise import clean, no_commands
from sms_lint.reporters.base import Reporter, one_line, place, totals_line

if TYPE_CHECKING:
    from sms_lint.finding import Finding
    from sms_lint.pipeline.engine import Result

# "%" first, or the other replacements' "%" would be escaped again.
_ESCAPES = (("%", "%AZP25"), (";", "%3B"), ("\r", "%0D"), ("\n", "%0A"), ("]", "%5D"))


def escape(text: str) -> str:
    """A property value or message as the Azure Pipelines agent reads it back unchanged."""
    for token, replacement in _ESCAPES:
        text = text.replace(token, replacement)
    return text


def safe(text: str) -> str:
    return escape(no_commands(clean(text)))


def issue_type(finding: Finding, result: Result) -> str:
    return "error" if fails(finding.severity, result.fail_on) else "warning"


def logissue(finding: Finding, result: Result) -> str:
    properties = {"type": issue_type(finding, result)}
    if (where := place(finding, result)) is not None:
        path, line, column = where
        properties.update(sourcepath=path, linenumber=str(line))
        if column is not None:
            properties["columnnumber"] = str(column)
    properties["code"] = finding.rule
    listed = ";".join(f"{key}={safe(value)}" for key, value in properties.items())
    message = f"{finding.severity.value} {finding.rule} (clause {one_line(finding.clause)}): "
    return f"##vso[task.logissue {listed}]{safe(message + finding.message)}"


def outcome(result: Result) -> str:
    if result.exit_code:
        return "Failed"
    return "SucceededWithIssues" if any(not f.excused for f in result.findings) else "Succeeded"


class AzureReporter(Reporter):
    name = "azure"
    description = "Azure Pipelines logging commands (##vso[task.logissue])"

    def render(self, result: Result) -> str:
        lines = [logissue(f, result) for f in result.findings if not f.excused]
        lines.append(totals_line(result))
        lines.append(f"##vso[task.complete result={outcome(result)};]sms-lint check done")
        return "\n".join(lines) + "\n"
