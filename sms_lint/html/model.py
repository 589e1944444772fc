"""The readiness page as data: what each section shows, worked out before any markup is written.

Built from one check :class:`~sms_lint.pipeline.engine.Result`, its clause statuses, and the
facts that come from outside it (the review interval of the config, git's last changes and
HEAD). Nothing here reads the clock or the file system, so the same inputs give the same page.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from sms_lint import __version__
from sms_lint.coverage import ClauseStatus, describe
from sms_lint.finding import Finding
from sms_lint.html.caps import LIMITS, Limits, Shown, cut_message, shown
from sms_lint.html.schedule import Calendar, Programme, audit_programme, review_calendar
from sms_lint.model import Artifact
from sms_lint.performance import MeasuredItem, items_of
from sms_lint.pipeline.engine import Result
from sms_lint.reporters.base import clause_key, excuse, excuse_note, location

if TYPE_CHECKING:
    from sms_lint.config.file import Config
    from sms_lint.gitrepo.log import CommitInfo

# Clause-map states: covered with no open finding, covered with open findings, no evidence.
COVERED, FINDINGS, GAP = "covered", "findings", "gap"
# Finding groups, most serious first; waived findings are listed last, as their own group,
# then those of a baseline (``check --baseline``) and those present before the change
# (``--new-only``): none of the last three is open.
GROUPS = ("major", "minor", "observation", "waived", "baselined", "pre_existing")
NO_ORGANIZATION = "Organization not named (no scope document)"
NO_RECORDS: Shown[str] = Shown((), 0)


@dataclass(frozen=True)
class Change:
    """A document's last commit, as the page shows it."""

    date: str  # YYYY-MM-DD
    commit: str  # short hash
    author: str


@dataclass(frozen=True)
class EvidenceDoc:
    label: str  # the id (the path for an artifact without one)
    title: str
    kind: str
    owner: str
    version: str
    path: str
    change: Change | None


@dataclass(frozen=True)
class FindingView:
    group: str  # one of GROUPS
    severity: str
    rule: str
    rule_name: str
    clause: str
    clause_title: str
    where: str
    message: str  # cut when very long (``message_left_out`` characters are not shown)
    remediation: str
    waived_reason: str
    # Why a baselined or pre-existing finding is not open ("in the baseline since DATE").
    note: str = ""
    message_left_out: int = 0


@dataclass(frozen=True)
class ClauseView:
    number: str
    title: str
    state: str  # COVERED, FINDINGS or GAP
    open_findings: int  # unwaived findings of the clause or a finer one
    evidence: Shown[EvidenceDoc]
    findings: Shown[FindingView]  # waived ones included, marked by their group
    documented: bool = True
    operating: bool | None = None  # None: no record expected (or none the repository holds)
    detail: str = ""  # "documented, no internal audit reports within 12 months"
    records: Shown[str] = NO_RECORDS  # ids of the records that show it operating
    expects: str = ""  # the records the pack expects ("internal audit reports"); "" for none

    @property
    def part(self) -> str:
        """The top-level clause it belongs to: ``"8"`` for 8.4.2."""
        return self.number.split(".")[0]


@dataclass(frozen=True)
class Header:
    organization: str
    framework: str
    today: datetime.date
    version: str
    root: str
    commit: str | None  # short hash of HEAD; None outside git


@dataclass(frozen=True)
class Page:
    header: Header
    parts: Mapping[str, str]  # top-level clause -> its title, in framework order
    clauses: tuple[ClauseView, ...]
    findings: tuple[FindingView, ...]  # every finding, in GROUPS order, then by clause
    calendar: Calendar
    programme: Programme
    limits: Limits = LIMITS  # how much of a long list the page shows (``caps``)
    performance: tuple[MeasuredItem, ...] = ()  # objectives, KPIs, SLA targets measured


def build_page(
    result: Result,
    statuses: tuple[ClauseStatus, ...],
    config: Config,
    changes: Mapping[str, CommitInfo],
    commit: str | None,
    limits: Limits = LIMITS,
) -> Page:
    views = [_finding_view(result, f, limits) for f in result.findings]
    ordered = sorted(
        zip(result.findings, views, strict=True),
        key=lambda pair: (GROUPS.index(pair[1].group), clause_key(pair[1].clause)),
    )  # sorted() is stable: within a clause the check's order (path, line, rule) stays
    header = Header(
        organization=organization(result.artifacts),
        framework=result.framework.name,
        today=result.today,
        version=__version__,
        root=root_label(result.root),
        commit=commit[:7] if commit else None,
    )
    documents = _approved_by_label(result.artifacts)
    clauses = tuple(_clause_view(s, ordered, documents, changes, limits) for s in statuses)
    parts = {c.part: result.framework.title(c.part) for c in clauses}
    return Page(
        header=header,
        parts=parts,
        clauses=clauses,
        findings=tuple(view for _, view in ordered),
        calendar=review_calendar(
            result.artifacts, result.today, config.review_interval_months, limits
        ),
        programme=audit_programme(result, statuses, config.intervals.audit_cycle_months, limits),
        limits=limits,
        performance=tuple(items_of(result.artifacts, result.today)),
    )


def root_label(root: str) -> str:
    """The checked folder as given, or its name when it was given as the current folder
    (a reader of the page cannot tell what "." was)."""
    path = PurePath(root)
    if path.name:
        return root
    return Path(root).resolve().name or root


def organization(artifacts: tuple[Artifact, ...]) -> str:
    """Who the SMS belongs to: the scope's ``x-organization`` when given, else its title.

    The approved scope wins over a draft (retired ones are ignored); among equals the first
    by path, so the answer is stable even when there are two scopes (their own finding).
    """
    scopes = [a for a in artifacts if a.kind == "scope" and a.status != "retired"]
    scopes.sort(key=lambda a: (not a.approved, a.path))
    for scope in scopes:
        name = scope.text("x-organization") or scope.text("title")
        if name:
            return name.strip()
    return NO_ORGANIZATION


def _finding_view(result: Result, finding: Finding, limits: Limits) -> FindingView:
    rule = result.rulebook.rules.get(finding.rule)
    message, left_out = cut_message(finding.message, limits)
    return FindingView(
        group=excuse(finding) or finding.severity.value,
        severity=finding.severity.value,
        rule=finding.rule,
        rule_name=rule.name if rule else "",
        clause=finding.clause,
        clause_title=result.framework.title(finding.clause),
        where=location(finding),
        message=message,
        remediation=" ".join(rule.remediation.split()) if rule else "",
        waived_reason=finding.waived_reason or "",
        note="" if finding.waived else excuse_note(finding, result) or "",
        message_left_out=left_out,
    )


def _counts_for(finding_clause: str, clause: str) -> bool:
    """A finding of 8.5.1.1 belongs to 8.5.1 (the same rule as the coverage counts)."""
    return finding_clause == clause or finding_clause.startswith(clause + ".")


def _clause_view(
    status: ClauseStatus,
    ordered: list[tuple[Finding, FindingView]],
    documents: Mapping[str, list[Artifact]],
    changes: Mapping[str, CommitInfo],
    limits: Limits,
) -> ClauseView:
    mine = shown(
        [view for f, view in ordered if _counts_for(f.clause, status.clause)],
        limits,
        limits.findings_up_to,
    )  # every one stays in the Findings section
    state = GAP if status.is_gap else FINDINGS if status.findings else COVERED
    pairs = shown(
        [(label, artifact) for label in status.evidence for artifact in documents.get(label, ())],
        limits,
    )  # only the documents shown are described (a clause may have thousands)
    evidence = Shown(
        tuple(_evidence(label, a, changes.get(a.path)) for label, a in pairs.items), pairs.total
    )
    return ClauseView(
        status.clause, status.title, state, status.findings, evidence, mine,
        documented=status.documented, operating=status.operating, detail=describe(status),
        records=shown(status.records, limits),
        expects=status.expects.records if status.expects.expects_records else "",
    )  # fmt: skip


def _approved_by_label(artifacts: tuple[Artifact, ...]) -> dict[str, list[Artifact]]:
    """Approved artifacts under the label coverage names them by (id, else path)."""
    index: dict[str, list[Artifact]] = {}
    for artifact in artifacts:
        if artifact.approved:
            index.setdefault(artifact.id or artifact.path, []).append(artifact)
    return index


def _evidence(label: str, artifact: Artifact, change: CommitInfo | None) -> EvidenceDoc:
    version = artifact.data.get("version")
    shown_version = "" if isinstance(version, bool | dict | list) or version is None else version
    return EvidenceDoc(
        label=label,
        title=artifact.text("title") or "",
        kind=artifact.kind,
        owner=artifact.text("owner") or "",
        version=str(shown_version),
        path=artifact.path,
        change=Change(change.date[:10], change.commit[:7], change.author) if change else None,
    )
