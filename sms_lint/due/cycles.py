"""What falls due on a cycle rather than on a date a file writes: the next internal audit
(SMS013) and management review (SMS014), by the planned interval since the latest held; and
the waivers of ``.sms-lint.yaml`` by their ``expires`` (SMS020)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from sms_lint.checks.records import Records, records
from sms_lint.config.file import Config
from sms_lint.due.items import DueItem, line_of
from sms_lint.facts import add_months
from sms_lint.model import Artifact

# Where an item concerning the repository as a whole points: its root.
ROOT = "."


def internal_audit(
    artifacts: tuple[Artifact, ...], config: Config, today: datetime.date
) -> Iterator[DueItem]:
    audits = [a for a in artifacts if a.kind == "audit" and a.text("audit_type") == "internal"]
    months = config.intervals.internal_audit_months
    yield _next(records(audits, today), today, months, "internal audit", "internal_audit_months")


def management_review(
    artifacts: tuple[Artifact, ...], config: Config, today: datetime.date
) -> Iterator[DueItem]:
    reviews = [a for a in artifacts if a.kind == "management-review"]
    months = config.intervals.management_review_months
    yield _next(
        records(reviews, today), today, months, "management review", "management_review_months"
    )


def _next(found: Records, today: datetime.date, months: int, event: str, key: str) -> DueItem:
    """The next ``event``: ``months`` after the latest held, or today when none was held (the
    rule finds it missing now). A planned one is named: its record is the file to complete."""
    latest = found.held[-1] if found.held else None
    planned = found.planned[0] if found.planned else None
    setting = f"intervals.{key}: {months}"
    if latest is None:
        due, since = today, f"none has been held yet ({setting})"
    else:
        due = add_months(latest[0], months)
        since = f"the latest, {_ref(latest[1])}, was held on {latest[0]}; {setting}"
    plan = f"; {_ref(planned[1])} is planned for {planned[0]}" if planned else ""
    record = planned or latest
    return DueItem(
        due,
        f"Hold the next {event}",
        f"hold the next {event} and record it ({since}{plan})",
        event.replace(" ", "-"),
        record[1].path if record else ROOT,
        line_of(record[1], "date") if record else 1,
        record[1].id if record else None,
        record[1].text("owner") if record else None,
    )


def _ref(artifact: Artifact) -> str:
    return artifact.id or artifact.path


def waivers(config: Config) -> Iterator[DueItem]:
    """Each waiver with an ``expires`` date: the findings it waives fail again after it."""
    seen: dict[str, int] = {}
    for waiver in config.waivers:
        if waiver.expires is None:  # unbounded: SMS036's finding, no date to give
            continue
        target = waiver.artifact or waiver.path
        on = f" for {target}" if target else ""
        key = f"waiver:{waiver.rule}:{target or ''}"
        seen[key] = seen.get(key, 0) + 1
        yield DueItem(
            waiver.expires,
            f"Waiver of {waiver.rule}{on} expires",
            f"the waiver of {waiver.rule}{on} expires: fix what it waives, or renew it with a "
            "new expires date approved again",
            key if seen[key] == 1 else f"{key}:{seen[key]}",
            config.source or ROOT,
            waiver.line,
            None,
            waiver.approved_by or None,
        )
