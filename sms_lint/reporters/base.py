"""The reporter interface and helpers every format shares."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from sms_lint.engine import Result
    from sms_lint.finding import Finding

# Characters XML 1.0 forbids and JSON consumers choke on: C0 controls other than tab/newline/CR,
# lone surrogates (they arrive through YAML escapes such as "\udc80"), and the non-characters
# U+FFFE/U+FFFF. Each becomes U+FFFD so that a hostile title cannot break a report.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return _UNSAFE.sub("\ufffd", text)


class Reporter:
    """Renders a whole result as one string. ``color`` is only honoured by terminal formats."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, color: bool = False) -> None:
        self.color = color

    def render(self, result: Result) -> str:
        raise NotImplementedError

    def step_summary(self, result: Result) -> str | None:
        """Markdown to append to ``$GITHUB_STEP_SUMMARY`` when it is set (None: nothing)."""
        return None


def counts(result: Result) -> dict[str, int]:
    """Non-waived findings by severity, plus the waived ones."""
    out = {"major": 0, "minor": 0, "observation": 0, "waived": 0}
    for finding in result.findings:
        out["waived" if finding.waived else finding.severity.value] += 1
    return out


def conformant(result: Result) -> bool:
    """No unwaived major or minor nonconformity (observations are not nonconformities)."""
    return not any(not f.waived and f.severity.value in ("major", "minor") for f in result.findings)


def location(finding: Finding) -> str:
    if finding.path is None:
        return "(repository)"
    return f"{finding.path}:{finding.line or 1}:{finding.column or 1}"
