"""The immutable finding type and the severity scale every part of sms-lint shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """sms-lint's grades, most serious first (they mirror an auditor's major and minor
    nonconformities and observations; they are not an auditor's verdict)."""

    MAJOR = "major"
    MINOR = "minor"
    OBSERVATION = "observation"

    @property
    def rank(self) -> int:
        """Higher is more serious; used for --fail-on comparisons."""
        return _RANK[self]


_RANK = {Severity.MAJOR: 3, Severity.MINOR: 2, Severity.OBSERVATION: 1}

# --fail-on accepts the severities plus "never".
FAIL_ON_CHOICES = ("major", "minor", "observation", "never")


def fails(severity: Severity, fail_on: str) -> bool:
    """Whether a finding of this severity fails a run with the given --fail-on level."""
    if fail_on == "never":
        return False
    return severity.rank >= Severity(fail_on).rank


@dataclass(frozen=True)
class Finding:
    """One finding: a defect in the documented information, an observation or an input problem.

    ``path`` is relative to the checked root with ``/`` separators, or ``None`` for a
    repository-wide finding (e.g. "no internal audit in 12 months"); ``line`` and ``column`` are
    1-based, ``None`` when there is no location.

    ``about`` (the data paths of the fields or items the finding concerns) and ``written``
    (whether it is about a value or key the file writes, rather than one it lacks) are not
    reported and do not take part in comparisons: the engine uses them to fold the schema's
    finding about a field into the clause rule's finding about the same field (one defect,
    one finding; see docs/architecture.md).
    """

    path: str | None
    line: int | None
    column: int | None
    rule: str
    clause: str
    severity: Severity
    message: str
    artifact: str | None = None
    waived_reason: str | None = None
    about: tuple[tuple[str | int, ...], ...] = field(default=(), compare=False, repr=False)
    written: bool = field(default=False, compare=False, repr=False)
    # Set after the check, never cached: the date of the baseline that records this finding
    # (``check --baseline``), and under ``--new-only`` whether the change introduced it.
    baselined: str | None = None
    new: bool | None = None

    @property
    def waived(self) -> bool:
        return self.waived_reason is not None

    @property
    def pre_existing(self) -> bool:
        """Present at the base of ``--new-only``: debt the change did not introduce."""
        return self.new is False

    @property
    def excused(self) -> bool:
        """Does not fail the run: waived (a decision), in the baseline (recorded debt) or
        present before the change (``--new-only``)."""
        return self.waived or self.baselined is not None or self.pre_existing

    def sort_key(self) -> tuple:
        """Report order: path, line, rule (repo-wide findings first), then the rest for ties."""
        return (
            self.path or "",
            self.line or 0,
            self.rule,
            self.column or 0,
            self.message,
            self.artifact or "",
        )
