"""Shared pieces of the clause 9 checks: which records of held events count, whether the
latest is recent enough, and how to say so without blaming the user for a record that may
sit in a file that could not be read.

Only records of events that took place count: an audit or review dated after today is a plan,
and one whose date is missing or impossible is undated (the schema's finding about that date
folds into ours, so the user hears of it once). Retired records are withdrawn and ignored.
The intervals are the organization's planned intervals (``intervals:`` in the config), and
every message names the key that sets them.

A draft dated today or earlier still counts as held: its date says the event took place, and
an auditor accepts an unfinished report as evidence of it. That the report or minutes are
unfinished (or that a plan's date passed unnoticed) is SMS035's observation.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.wording import named
from sms_lint.config.pack import Rule
from sms_lint.facts import add_months
from sms_lint.model import Artifact
from sms_lint.words import listing


def quoted(words: Sequence[str]) -> str:
    return listing([f"'{w}'" for w in words])


def interval(months: int, key: str) -> str:
    """``the planned interval of 12 months (intervals.internal_audit_months)``."""
    return f"the planned interval of {months} months (intervals.{key})"


def within(day: datetime.date, months: int, today: datetime.date) -> bool:
    """Whether ``day`` lies within the ``months`` before ``today`` (the same rule as staleness)."""
    return add_months(day, months) >= today


class Records(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    """The non-retired records of one sort: held (dated today or before, oldest first),
    planned (dated after today) and undated (no usable date)."""

    held: list[tuple[datetime.date, Artifact]]
    planned: list[tuple[datetime.date, Artifact]]
    undated: list[Artifact]


def records(artifacts: Sequence[Artifact], today: datetime.date) -> Records:
    held, planned, undated = [], [], []
    for artifact in artifacts:
        if artifact.status == "retired":
            continue
        day = artifact.date("date")
        if day is None:
            undated.append(artifact)
        else:
            (held if day <= today else planned).append((day, artifact))
    held.sort(key=lambda pair: (pair[0], pair[1].path))
    planned.sort(key=lambda pair: (pair[0], pair[1].path))
    return Records(held, planned, undated)


class Event(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    """What the messages call one sort of record: ``internal audit``, with its article (``an
    internal audit``), and how to record one."""

    what: str
    one: str
    record_as: str
    kind: str  # the kind of artifact that records it
    key: str  # the key under ``intervals:`` that sets how often it is due


def recency(ctx: Context, found: Records, event: Event, max_months: int) -> Iterator[Hit]:
    """One hit when no record is held within ``max_months`` of today: at an undated record
    (the date is the problem), at the latest held one when it is too old, else
    repository-wide. Late by less than one interval more is an isolated lapse (``late``)."""
    latest = found.held[-1] if found.held else None
    if latest is not None and within(latest[0], max_months, ctx.today):
        return
    if found.undated:
        yield _undated(found.undated[0], event, max_months)
        return
    cause = ctx.unread_cause(kind=event.kind)
    if latest is None:
        if cause is not None:
            yield Hit(
                f"whether {event.one} was held could not be checked: {cause}; fix that file first",
                grade="unchecked",
            )
            return
        yield Hit(_none_held(found, event, max_months))
        return
    yield _too_old(ctx, latest, event, max_months, cause)


def _undated(artifact: Artifact, event: Event, max_months: int) -> Hit:
    return Hit(
        f"{event.what} {named(artifact)} has no valid date, so whether {event.one} was "
        f"held within {interval(max_months, event.key)} cannot be shown: write the date it "
        "was held (date: YYYY-MM-DD)",
        artifact,
        at=("date",),
    )


def _none_held(found: Records, event: Event, max_months: int) -> str:
    planned = ""
    if found.planned:
        day, artifact = found.planned[0]
        planned = f" ({named(artifact)} is planned for {day})"
    return (
        f"no {event.what} has been held{planned}: {event.one} is due within "
        f"{interval(max_months, event.key)}; hold one and record it ({event.record_as})"
    )


def _too_old(
    ctx: Context,
    latest: tuple[datetime.date, Artifact],
    event: Event,
    max_months: int,
    cause: str | None,
) -> Hit:
    day, artifact = latest
    age = f"on {day}, more than {interval(max_months, event.key)} before {ctx.today}"
    if cause is not None:
        return Hit(
            f"the latest readable {event.what}, {named(artifact)}, was held {age}; whether a "
            f"later one exists could not be checked: {cause}; fix that file first",
            artifact,
            at=("date",),
            grade="unchecked",
        )
    late = within(day, 2 * max_months, ctx.today)
    return Hit(
        f"the latest {event.what}, {named(artifact)}, was held {age}: hold the next "
        f"{event.what} and record it ({event.record_as})",
        artifact,
        at=("date",),
        grade="late" if late else None,
    )


# The records a draft of which, dated in the past, is unfinished: kind -> (what it is called,
# what is left unfinished, the clause it evidences).
_RECORDS = {
    "audit": ("audit", "report", "9.2"),
    "management-review": ("management review", "minutes", "9.3"),
}


def unfinished_record(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS035: a draft audit or management review dated before today. Either it took place
    and its record was never completed, or it was a plan whose date passed unnoticed; the
    file cannot tell which, so the message names both and what to do about each. Graded
    higher when no approved record of the same sort lies within its planned interval: then
    the draft is all that shows the audit or review took place."""
    for artifact in ctx.of_kind(*_RECORDS):
        day = artifact.date("date")
        if artifact.status != "draft" or day is None or day >= ctx.today:
            continue
        what, record, clause = _RECORDS[artifact.kind]
        alone = not _approved_within(ctx, artifact)
        yield Hit(
            f"{what} {named(artifact)} is dated {day} but is still a draft: if it took "
            f"place, complete its {record} and approve it (status: approved, with "
            "approved_by and approved_on); if it did not, move its date to when it is planned"
            + (
                f"; no approved {record} lies within {_interval_of(ctx, artifact)}" if alone else ""
            ),
            artifact,
            at=("status",),
            clause=clause,
            grade="only-record" if alone else None,
        )


def _interval_of(ctx: Context, artifact: Artifact) -> str:
    intervals = ctx.config.intervals
    if artifact.kind == "audit":
        return interval(intervals.internal_audit_months, "internal_audit_months")
    return interval(intervals.management_review_months, "management_review_months")


def _approved_within(ctx: Context, draft: Artifact) -> bool:
    """Whether an approved record of the draft's sort (an internal audit for an internal
    audit) was held within its planned interval."""
    intervals = ctx.config.intervals
    months = (
        intervals.internal_audit_months
        if draft.kind == "audit"
        else intervals.management_review_months
    )
    for artifact in ctx.of_kind(draft.kind):
        day = artifact.date("date")
        if not artifact.approved or day is None or day > ctx.today:
            continue
        if draft.kind == "audit" and artifact.text("audit_type") != draft.text("audit_type"):
            continue
        if within(day, months, ctx.today):
            return True
    return False
