"""The reporter interface and helpers every format shares."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from sms_lint.facts import clause_covers, evidence_clauses

if TYPE_CHECKING:
    from sms_lint.engine import Result
    from sms_lint.finding import Finding

# Characters XML 1.0 forbids and JSON consumers choke on: C0 controls other than tab/newline/CR,
# lone surrogates (they arrive through YAML escapes such as "\udc80"), and the non-characters
# U+FFFE/U+FFFF; also DEL and the C1 controls (U+0080-U+009F: XML discourages them, and U+009B
# starts a terminal escape sequence as ESC [ does). Each becomes U+FFFD so that a hostile title
# cannot break a report.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


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


def visible_path(path: str) -> str:
    """A file name as one printable line: unsafe characters replaced, line breaks escaped
    (a file name may contain a newline; it must not split a report line)."""
    return clean(path).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def location(finding: Finding) -> str:
    if finding.path is None:
        return "(repository)"
    return f"{visible_path(finding.path)}:{finding.line or 1}:{finding.column or 1}"


def one_line(text: str) -> str:
    """``clean`` text with every run of whitespace (newlines included) made one space."""
    return " ".join(clean(text).split())


def clause_key(clause: str) -> tuple[int, ...]:
    """Numeric sort key for a clause number: 8.10 after 8.9, 10.1 after 9.4."""
    return tuple(int(part) if part.isdigit() else 0 for part in clause.split("."))


def clause_label(result: Result, clause: str) -> str:
    """``7.5.3 Control of documented information`` (the number alone if the title is unknown)."""
    title = result.framework.title(clause)
    return clean(f"{clause} {title}" if title else clause)


def rule_label(result: Result, rule_id: str) -> str:
    """``SMS005 review-current``: the rule id and its name."""
    return clean(f"{rule_id} {result.rulebook.rules[rule_id].name}")


def config_file(result: Result) -> str | None:
    """The run's config file (relative to the root) when it lies inside the root."""
    return result.config_path


def repository_anchor(result: Result, clause: str) -> str | None:
    """The file a repository-wide finding is shown on, for consumers that need a file.

    The root's ``.sms-lint.yaml`` when present (one stable place for every repo-wide verdict);
    else the first artifact that gives evidence for the finding's clause; else None.
    """
    found = config_file(result)
    if found is not None:
        return found
    for artifact in result.artifacts:
        if any(clause_covers(c, clause) for c in evidence_clauses(artifact, result.framework)):
            return artifact.path
    return None
