"""What falls due on a cycle rather than on a date a file writes: the next internal audit
(SMS013) and management review (SMS014), by the planned interval since the latest held; and
the waivers of ``.sms-lint.yaml`` by their ``expires`` (SMS020)."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterator
from typing import NamedTuple

from sms_lint.checks.records import Records, records
from sms_lint.config.file import Config
from sms_lint.due.items import DueItem, line_of, ref_of
from sms_lint.facts import add_months
from sms_lint.model import Artifact

# Where an item concerning the repository as a whole points: its root.
ROOT = "."


def internal_audit(
    artifacts: tuple[Artifact, ...], config: Config, today: datetime.date
) -> Iterator[DueItem]:
    audits = [a for a in artifacts if a.kind == "audit" and a.text("audit_type") == "internal"]
    event = Cycle("internal audit", "internal_audit_months", config.intervals.internal_audit_months)
    yield _next(records(audits, today), event, _start(artifacts, today))


def management_review(
    artifacts: tuple[Artifact, ...], config: Config, today: datetime.date
) -> Iterator[DueItem]:
    reviews = [a for a in artifacts if a.kind == "management-review"]
    months = config.intervals.management_review_months
    event = Cycle("management review", "management_review_months", months)
    yield _next(records(reviews, today), event, _start(artifacts, today))


class Cycle(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    event: str  # "internal audit"
    key: str  # its interval's key under ``intervals:``
    months: int


def _start(artifacts: tuple[Artifact, ...], today: datetime.date) -> datetime.date:
    """The day the SMS took effect: its first approval (today when nothing says)."""
    approvals = [d for a in artifacts if a.approved and (d := a.date("approved_on")) is not None]
    return min(approvals, default=today)


def _next(found: Records, cycle: Cycle, start: datetime.date) -> DueItem:
    """The next event: ``months`` after the latest held. With none held (or none with a date)
    the rule finds it missing today: overdue since the SMS took effect. A planned one is
    named: its record is the file to complete."""
    latest = found.held[-1] if found.held else None
    planned = found.planned[0] if found.planned else None
    setting = f"intervals.{cycle.key}: {cycle.months}"
    if latest is None:
        due, since = start, f"none is recorded as held yet; {setting}"
    else:
        due = add_months(latest[0], cycle.months)
        since = f"the latest, {ref_of(latest[1])}, was held on {latest[0]}; {setting}"
    plan = f"; {ref_of(planned[1])} is planned for {planned[0]}" if planned else ""
    record = found.undated[0] if latest is None and found.undated else None
    record = record or (planned[1] if planned else latest[1] if latest else None)
    return DueItem(
        due,
        f"Hold the next {cycle.event}",
        f"hold the next {cycle.event} and record it ({since}{plan})",
        cycle.event.replace(" ", "-"),
        record.path if record else ROOT,
        line_of(record, "date") if record else 1,
        record.id if record else None,
        record.text("owner") if record else None,
        late=latest is None,
    )


def waivers(config: Config, rules: Collection[str]) -> Iterator[DueItem]:
    """Each waiver of a known rule (an id or a name among ``rules``) with an ``expires`` date:
    the findings it waives fail again after it. A waiver of no rule waives nothing (SMS021)."""
    for waiver in config.waivers:
        if waiver.expires is None or waiver.rule not in rules:  # unbounded: SMS036's finding
            continue
        target = waiver.artifact or waiver.path
        on = f" for {target}" if target else ""
        yield DueItem(
            waiver.expires,
            f"Waiver of {waiver.rule}{on} expires",
            f"the waiver of {waiver.rule}{on} expires: fix what it waives, or renew it with a "
            "new expires date approved again",
            f"waiver:{waiver.rule}:{target or ''}",
            config.source or ROOT,
            waiver.line,
            None,
            waiver.approved_by or None,
        )
