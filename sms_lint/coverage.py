"""Clause coverage: for each clause of the readiness list, whether approved documents describe
it (*documented*) and, where the pack expects records, whether records show it working within
its interval (*operating*).

Shared by rule SMS016 (every clause is documented) and the ``coverage`` command and reports.
What counts is data in the pack's ``evidence:`` section (``sms_lint.evidence``).

Documented (``evidence_counts_for``): an approved document whose evidence clauses (its kind's,
its typed value's, what it is called and its own ``clauses`` list, see
``facts.evidence_clauses``: none for a Markdown document without content, none for a record)
include that clause or a finer one. Records (audit reports, minutes, nonconformities) show a
clause operating; they never make it documented.
A finer clause is a part of the clause, so it shows the clause is addressed: the
change-management policy (8.5.1.1) counts for change management (8.5.1). A coarser one does
not: ``clauses: ["8"]`` in one header would otherwise "cover" all eighteen processes of clause
8 at once and hide every real gap. (Audit ``scope_clauses`` work the other way round on
purpose: auditing "8" audits all of 8.)

Operating: an approved record of a kind the pack names for the clause, dated today or before
and within the clause's interval. ``covered`` = documented and (operating, or no record
expected); anything else is a ``gap``, the contract's two values.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sms_lint.config.file import Intervals
from sms_lint.config.pack import Framework
from sms_lint.evidence import ClauseEvidence, matches, months_of, record_date
from sms_lint.facts import add_months, evidence_clauses
from sms_lint.finding import Finding
from sms_lint.measure.records import measured_sorts
from sms_lint.model import Artifact

COVERED = "covered"
GAP = "gap"


@dataclass(frozen=True)
class ClauseStatus:
    """One line of the readiness report. ``evidence`` holds the ids of the approved artifacts
    that document the clause, ``records`` those of the records that show it operating within
    its interval (sorted; the path for an artifact without an id); ``operating`` is None where
    the pack expects no record; ``findings`` counts the unwaived findings of the clause or a
    finer one; ``expects`` says what the pack expects of it (record names, interval)."""

    clause: str
    title: str
    status: str
    evidence: tuple[str, ...]
    findings: int = 0
    documented: bool = False
    operating: bool | None = None
    records: tuple[str, ...] = ()
    expects: ClauseEvidence = field(default_factory=ClauseEvidence)
    months: int = 0  # the interval the records were judged against

    @property
    def is_gap(self) -> bool:
        return self.status == GAP

    @property
    def documented_only(self) -> bool:
        """Documented, but no record shows it operating: a gap an auditor sees in practice."""
        return self.documented and self.operating is False

    def as_dict(self) -> dict[str, Any]:
        return {
            "clause": self.clause,
            "title": self.title,
            "status": self.status,
            "evidence": list(self.evidence),
            "findings": self.findings,
            "documented": self.documented,
            "operating": self.operating,
            "records": list(self.records),
        }


def evidence_counts_for(evidence: str, clause: str) -> bool:
    """Whether evidence for clause ``evidence`` counts for ``clause``: the same or a finer one."""
    return evidence == clause or evidence.startswith(clause + ".")


def ancestors(clause: str) -> list[str]:
    """``"8.5.1.1"`` -> ``["8.5.1.1", "8.5.1", "8.5", "8"]``: every clause it counts for."""
    parts = clause.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 0, -1)]


def compute_coverage(
    artifacts: Iterable[Artifact],
    framework: Framework,
    findings: Iterable[Finding],
    today: datetime.date,
    intervals: Intervals | None = None,
) -> tuple[ClauseStatus, ...]:
    """The status of every coverage clause of ``framework``, in the framework's order, judged
    on ``today`` with the config's ``intervals``.

    One pass over the artifacts indexes each documented clause under itself and its ancestors
    (evidence for a finer clause counts for the coarser one), so the cost does not grow with
    clauses x artifacts.
    """
    intervals = intervals or Intervals()
    approved = [a for a in artifacts if a.approved]
    documents: dict[str, set[str]] = defaultdict(set)
    for artifact in approved:
        for claimed in evidence_clauses(artifact, framework):
            for clause in ancestors(claimed):
                documents[clause].add(artifact.id or artifact.path)
    finding_counts: Counter[str] = Counter()
    for finding in findings:
        if not finding.excused and finding.clause:
            finding_counts.update(ancestors(finding.clause))
    out = []
    for clause in framework.coverage_clauses():
        expects = framework.evidence.for_clause(clause.number)
        months = months_of(expects, intervals) if expects.expects_records else 0
        records = _records(approved, expects, months, today)
        labels = tuple(sorted(documents.get(clause.number, ())))
        operating = bool(records) if expects.expects_records else None
        status = COVERED if labels and operating is not False else GAP
        count = finding_counts[clause.number]
        out.append(
            ClauseStatus(
                clause.number, clause.title, status, labels, count,
                documented=bool(labels), operating=operating, records=records,
                expects=expects, months=months,
            )
        )  # fmt: skip
    return tuple(out)


def _records(
    approved: list[Artifact], expects: ClauseEvidence, months: int, today: datetime.date
) -> tuple[str, ...]:
    """The approved records that show the clause operating: of a kind the pack names,
    matching its conditions, dated today or before and within ``months`` of today."""
    found = set()
    measured = measured_sorts(approved) if expects.sources else {}
    for source in expects.sources:
        for artifact in approved:
            if artifact.kind != source.kind or not matches(artifact, source.where, measured):
                continue
            day = record_date(artifact, source, today)
            if day is not None and add_months(day, months) >= today:
                found.add(artifact.id or artifact.path)
    return tuple(sorted(found))


def summary(statuses: Iterable[ClauseStatus]) -> dict[str, int]:
    """How many clauses, covered and gaps, and how many of the gaps are documented only."""
    listed = list(statuses)
    gaps = sum(1 for s in listed if s.is_gap)
    return {
        "clauses": len(listed),
        "covered": len(listed) - gaps,
        "gaps": gaps,
        "documented_only": sum(1 for s in listed if s.documented_only),
    }


def describe(status: ClauseStatus) -> str:
    """The clause's state in words, for every format: ``documented, operating``,
    ``documented, no internal audit reports within 12 months``, ``not documented``..."""
    documented = "documented" if status.documented else "not documented"
    expects = status.expects
    if status.operating is None:
        if expects.elsewhere:
            return f"{documented}; {expects.elsewhere} not judged (kept elsewhere)"
        return documented
    if status.operating:
        return f"{documented}, operating"
    what = expects.records or "records"
    return f"{documented}, no {what} within {status.months} months"
