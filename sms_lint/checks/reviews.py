"""Review cycle and dates that record the past."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.facts import add_days
from sms_lint.model import Artifact
from sms_lint.pack import Rule

# Header dates that record something that happened, for every kind.
PAST_HEADER_DATES = ("last_reviewed", "approved_on")

# Kind-specific dates that record something that happened.
PAST_KIND_DATES = {
    "audit": ("date",),
    "management-review": ("date",),
    "nonconformity": ("raised_on", "closed_on"),
    "supplier": ("last_performance_review",),
}


def _review_due(ctx: Context, artifact: Artifact) -> tuple[datetime.date | None, str, tuple]:
    """Next review date, how it was worked out, and the field the finding points at (no date
    for what is not reviewed: drafts, retired documents and records)."""
    return ctx.review_dates.get(artifact.path, (None, "", ()))


def review_current(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """An approved artifact whose next review is before today is overdue."""
    for artifact in ctx.artifacts:
        if not artifact.approved:
            continue
        due, how, at = _review_due(ctx, artifact)
        # No review date at all is SMS004's finding (approved without last_reviewed).
        if due is not None and due < ctx.today:
            yield Hit(f"review overdue since {due} ({how})", artifact, at=at)


def review_due_soon(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """An approved artifact whose next review falls within the next ``days`` days."""
    horizon = add_days(ctx.today, _days(rule))
    for artifact in ctx.artifacts:
        if not artifact.approved:
            continue
        due, _, at = _review_due(ctx, artifact)
        if due is not None and ctx.today <= due < horizon:
            yield Hit(f"review due on {due} ({_in_days((due - ctx.today).days)})", artifact, at=at)


def _days(rule: Rule) -> int:
    days = rule.params.get("days", 30)
    return days if isinstance(days, int) and not isinstance(days, bool) and days > 0 else 30


def _in_days(days: int) -> str:
    if days == 0:
        return "today"
    return "in 1 day" if days == 1 else f"in {days} days"


def past_dates(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Dates recording an approval, review, audit or event are not after today."""
    for artifact in ctx.artifacts:
        for field in PAST_HEADER_DATES + PAST_KIND_DATES.get(artifact.kind, ()):
            day = artifact.date(field)
            if day is not None and day > ctx.today:
                yield Hit(
                    f"{field} {day} is in the future (today is {ctx.today})",
                    artifact,
                    at=(field,),
                )
