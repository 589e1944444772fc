"""Clause coverage: which approved artifacts give evidence for each clause of the readiness list.

Shared by rule SMS016 (every clause has evidence) and the ``coverage`` command and reports.

What counts as evidence for a clause (``evidence_counts_for``): an approved artifact whose
evidence clauses (its kind's, its typed value's and its own ``clauses`` list, see
``facts.evidence_clauses``) include that clause or a finer one. A finer clause is a
part of the clause, so it shows the clause is addressed: the change-management policy (8.5.1.1)
counts for change management (8.5.1). A coarser one does not: ``clauses: ["8"]`` in one header
would otherwise "cover" all eighteen processes of clause 8 at once and hide every real gap.
(Audit ``scope_clauses`` work the other way round on purpose: auditing "8" audits all of 8.)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sms_lint.facts import evidence_clauses
from sms_lint.finding import Finding
from sms_lint.model import Artifact
from sms_lint.pack import Framework

COVERED = "covered"
GAP = "gap"


@dataclass(frozen=True)
class ClauseStatus:
    """One line of the readiness report. ``evidence`` holds the ids of the approved artifacts
    (sorted; the path for an artifact without an id); ``findings`` counts the unwaived findings
    of the clause or a finer one."""

    clause: str
    title: str
    status: str
    evidence: tuple[str, ...]
    findings: int = 0

    @property
    def is_gap(self) -> bool:
        return self.status == GAP

    def as_dict(self) -> dict[str, Any]:
        return {
            "clause": self.clause,
            "title": self.title,
            "status": self.status,
            "evidence": list(self.evidence),
            "findings": self.findings,
        }


def evidence_counts_for(evidence: str, clause: str) -> bool:
    """Whether evidence for clause ``evidence`` counts for ``clause``: the same or a finer one."""
    return evidence == clause or evidence.startswith(clause + ".")


def _ancestors(clause: str) -> list[str]:
    """``"8.5.1.1"`` -> ``["8.5.1.1", "8.5.1", "8.5", "8"]``: every clause it counts for."""
    parts = clause.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 0, -1)]


def compute_coverage(
    artifacts: Iterable[Artifact], framework: Framework, findings: Iterable[Finding]
) -> tuple[ClauseStatus, ...]:
    """The status of every coverage clause of ``framework``, in the framework's order.

    One pass over the artifacts indexes each claimed clause under itself and its ancestors
    (evidence for a finer clause counts for the coarser one), so the cost does not grow with
    clauses x artifacts.
    """
    evidence: dict[str, set[str]] = defaultdict(set)
    for artifact in artifacts:
        if artifact.approved:
            label = artifact.id or artifact.path
            for claimed in evidence_clauses(artifact, framework):
                for clause in _ancestors(claimed):
                    evidence[clause].add(label)
    finding_counts: Counter[str] = Counter()
    for finding in findings:
        if not finding.waived and finding.clause:
            finding_counts.update(_ancestors(finding.clause))
    out = []
    for clause in framework.coverage_clauses():
        labels = tuple(sorted(evidence.get(clause.number, ())))
        status = COVERED if labels else GAP
        count = finding_counts[clause.number]
        out.append(ClauseStatus(clause.number, clause.title, status, labels, count))
    return tuple(out)


def summary(statuses: Iterable[ClauseStatus]) -> dict[str, int]:
    """How many clauses, covered and gaps."""
    listed = list(statuses)
    gaps = sum(1 for s in listed if s.is_gap)
    return {"clauses": len(listed), "covered": len(listed) - gaps, "gaps": gaps}
