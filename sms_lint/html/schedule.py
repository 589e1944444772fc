"""Dates on the readiness page: the review calendar and the internal audit programme.

Both follow the rules that judge them, so the page and ``check`` never disagree: reviews are
due as ``facts.next_review`` says (SMS005), and the audit programme counts what
``checks.programme`` counts (SMS022: the internal audits held and planned in the audit cycle,
``scope_clauses`` matched with ``clause_covers``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sms_lint.checks.cycle import audit_cycle
from sms_lint.coverage import ClauseStatus
from sms_lint.facts import add_months, clause_covers, is_record, next_review
from sms_lint.html.caps import LIMITS, Limits, Shown, shown
from sms_lint.model import Artifact, clause_text
from sms_lint.pipeline.engine import Result

CALENDAR_MONTHS = 12


@dataclass(frozen=True)
class ReviewItem:
    due: datetime.date
    label: str  # id, else path
    title: str
    owner: str
    path: str


@dataclass(frozen=True)
class ReviewMonth:
    first_day: datetime.date
    reviews: Shown[ReviewItem]  # the month's reviews, the nearest first (a long month: some)

    @property
    def count(self) -> int:
        return self.reviews.total


@dataclass(frozen=True)
class Calendar:
    overdue: Shown[ReviewItem]  # due before today, oldest (most overdue) first
    months: tuple[ReviewMonth, ...]  # this month and the next eleven
    undated: Shown[ReviewItem]  # approved but with no review date at all (SMS004)
    interval_months: int


@dataclass(frozen=True)
class AuditRef:
    label: str
    day: datetime.date
    title: str
    scope: tuple[str, ...]
    planned: bool = False  # dated after today: in the programme, not yet held


@dataclass(frozen=True)
class AuditRow:
    clause: str
    title: str
    audits: tuple[AuditRef, ...]  # the audits whose scope covered it; empty: not audited


@dataclass(frozen=True)
class Programme:
    window_months: int  # the audit cycle (intervals.audit_cycle_months)
    since: datetime.date  # the cycle's start
    until: datetime.date  # the cycle's end (today once the cycle rolls)
    audits: tuple[AuditRef, ...]  # held and planned in the cycle, oldest first
    rows: tuple[AuditRow, ...]
    # The audits the page lists: all of them, or (many) those nearest today, oldest first.
    listed: Shown[AuditRef]

    @property
    def missed(self) -> tuple[AuditRow, ...]:
        return tuple(r for r in self.rows if not r.audits)


def _item(artifact: Artifact, due: datetime.date) -> ReviewItem:
    return ReviewItem(
        due=due,
        label=artifact.id or artifact.path,
        title=artifact.text("title") or "",
        owner=artifact.text("owner") or "",
        path=artifact.path,
    )


def review_calendar(
    artifacts: tuple[Artifact, ...],
    today: datetime.date,
    interval_months: int,
    limits: Limits = LIMITS,
) -> Calendar:
    """Approved artifacts by the month their next review falls in, from this month on for
    twelve months; earlier ones are overdue. Later ones are not listed. Each list keeps its
    count but only as many entries as ``limits`` let the page show."""
    first = today.replace(day=1)
    starts = [add_months(first, n) for n in range(CALENDAR_MONTHS + 1)]
    buckets: list[list[ReviewItem]] = [[] for _ in range(CALENDAR_MONTHS)]
    overdue: list[ReviewItem] = []
    undated: list[ReviewItem] = []
    for artifact in artifacts:
        if not artifact.approved or is_record(artifact):  # records are kept, not reviewed
            continue
        due, _ = next_review(artifact, interval_months)
        if due is None:
            undated.append(_item(artifact, today))
        elif due < today:
            overdue.append(_item(artifact, due))
        elif due < starts[-1]:
            month = (due.year - first.year) * 12 + due.month - first.month
            buckets[month].append(_item(artifact, due))
    order = _by_date
    return Calendar(
        overdue=shown(sorted(overdue, key=order), limits),
        months=tuple(
            ReviewMonth(start, shown(sorted(items, key=order), limits))
            for start, items in zip(starts, buckets, strict=False)
        ),
        undated=shown(sorted(undated, key=order), limits),
        interval_months=interval_months,
    )


def _by_date(item: ReviewItem) -> tuple[datetime.date, str, str]:
    return (item.due, item.label, item.path)


def _scope(audit: Artifact) -> tuple[str, ...]:
    value = audit.data.get("scope_clauses")
    texts = (clause_text(v) for v in value) if isinstance(value, list) else ()
    return tuple(t for t in texts if t)


def audit_programme(
    result: Result,
    statuses: tuple[ClauseStatus, ...],
    cycle_months: int,
    limits: Limits = LIMITS,
) -> Programme:
    """The internal audits of SMS022's audit cycle, held and planned, and the clauses each
    covered: the same cycle the rule judges (``checks.programme.audit_cycle``)."""
    cycle = audit_cycle(result.artifacts, result.today, cycle_months)
    audits = tuple(
        AuditRef(a.id or a.path, day, a.text("title") or "", _scope(a), planned=day > result.today)
        for day, a in cycle.audits
    )
    rows = tuple(
        AuditRow(
            s.clause,
            s.title,
            tuple(a for a in audits if any(clause_covers(c, s.clause) for c in a.scope)),
        )
        for s in statuses
    )
    return Programme(
        cycle.months, cycle.start, cycle.end, audits, rows, _nearest(audits, result.today, limits)
    )


def _nearest(audits: tuple[AuditRef, ...], today: datetime.date, limits: Limits) -> Shown[AuditRef]:
    """The audits nearest today (held or planned) when there are too many to list, in date
    order: the ones an auditor asks about first."""
    listed = shown(audits, limits)
    if not listed.left_out:
        return listed
    near = sorted(audits, key=lambda a: (abs((a.day - today).days), a.day, a.label))
    kept = set(map(id, near[: limits.shown_when_cut]))
    return Shown(tuple(a for a in audits if id(a) in kept), len(audits))
