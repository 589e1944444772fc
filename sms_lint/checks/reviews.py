"""Review cycle and dates that record the past."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.config.pack import Rule
from sms_lint.facts import add_days, review_interval
from sms_lint.model import Artifact

# Header dates that record something that happened, for every kind.
PAST_HEADER_DATES = ("last_reviewed", "approved_on")

# Kind-specific dates that record something that happened.
PAST_KIND_DATES = {
    "audit": ("date",),
    "management-review": ("date",),
    "nonconformity": ("raised_on", "closed_on", "verified_on"),
    "supplier": ("last_performance_review",),
}

# What each past date records, as the subject of "... cannot have happened yet".
_EVENTS = {
    "last_reviewed": "a review",
    "approved_on": "an approval",
    ("audit", "date"): "the audit",
    ("management-review", "date"): "the management review",
    "raised_on": "raising the nonconformity",
    "closed_on": "closing the nonconformity",
    "verified_on": "verifying the corrective action's effectiveness",
    "last_performance_review": "the supplier's performance review",
}

# Dates that, on a draft, plan an event rather than record it; on an approved or retired
# record the message says how to keep it as a plan.
_PLAN_HINT = {
    ("audit", "date"): " (a planned audit is kept as status: draft)",
    ("management-review", "date"): " (a planned review is kept as status: draft)",
}

# An overdue review is systemic (the review cycle is not kept) when at least this share of
# the documents under review, and at least SYSTEMIC_MIN of them, are overdue.
SYSTEMIC_SHARE = 0.5
SYSTEMIC_MIN = 3


def _review_due(ctx: Context, artifact: Artifact) -> tuple[datetime.date | None, str, tuple]:
    """Next review date, how it was worked out, and the field the finding points at (no date
    for what is not reviewed: drafts, retired documents and records)."""
    return ctx.review_dates.get(artifact.path, (None, "", ()))


def review_current(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """An approved document whose next review is before today is overdue."""
    overdue = [
        (artifact, due, at)
        for artifact in ctx.artifacts
        if artifact.approved
        for due, _, at in [_review_due(ctx, artifact)]
        # No review date at all is SMS004's finding (approved without last_reviewed).
        if due is not None and due < ctx.today
    ]
    reviewed = sum(1 for due, _, _ in ctx.review_dates.values() if due is not None)
    systemic = len(overdue) >= max(SYSTEMIC_MIN, SYSTEMIC_SHARE * reviewed)
    for artifact, due, at in overdue:
        grade = "systemic" if systemic else None
        if _serves_only_retired(ctx, artifact):
            grade = "retired-service"
        note = f" ({len(overdue)} of {reviewed} documents under review are overdue)"
        yield Hit(
            _overdue(ctx, artifact, due, at) + (note if systemic else ""),
            artifact,
            at=at,
            grade=grade,
        )


def _overdue(ctx: Context, artifact: Artifact, due: datetime.date, at: tuple) -> str:
    if at == ("next_review",):
        return (
            f"next_review {due} has passed and no later review is recorded: review the "
            "document, then set last_reviewed to the date of that review and next_review to "
            "the next one"
        )
    months = review_interval(artifact, ctx.config.review_interval_months)
    return (
        f"last reviewed on {artifact.date('last_reviewed')}, so with a {months}-month review "
        f"interval the review was due on {due}: review the document, then set last_reviewed "
        "to the date of that review"
    )


def _serves_only_retired(ctx: Context, artifact: Artifact) -> bool:
    """Whether the artifact concerns retired services only: a retired service, the SLA of
    one, a supplier supporting nothing else. Its stale review puts no live service at risk."""
    if artifact.kind == "service":
        return artifact.text("service_status") == "retired"
    if artifact.kind == "sla":
        ids = [artifact.text("service")]
    elif artifact.kind == "supplier":
        ids = [value for _, value in artifact.strings("supports")]
    else:
        return False
    services = [ctx.by_id.get(i) if i else None for i in ids]
    return bool(services) and all(
        s is not None and s.kind == "service" and s.text("service_status") == "retired"
        for s in services
    )


def review_due_soon(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """An approved document whose next review falls within the next ``days`` days."""
    horizon = add_days(ctx.today, _days(rule))
    for artifact in ctx.artifacts:
        if not artifact.approved:
            continue
        due, _, at = _review_due(ctx, artifact)
        if due is not None and ctx.today <= due < horizon:
            when = _in_days((due - ctx.today).days)
            if at == ("next_review",):
                fact = f"next_review {due} is {when}"
            else:
                months = review_interval(artifact, ctx.config.review_interval_months)
                fact = (
                    f"the review is due on {due}, {when} (last reviewed on "
                    f"{artifact.date('last_reviewed')}, every {months} months)"
                )
            yield Hit(f"{fact}: schedule the review before then", artifact, at=at)


def _days(rule: Rule) -> int:
    days = rule.params.get("days", 30)
    return days if isinstance(days, int) and not isinstance(days, bool) and days > 0 else 30


def _in_days(days: int) -> str:
    if days == 0:
        return "today"
    return "in 1 day" if days == 1 else f"in {days} days"


def past_dates(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Dates recording an approval, review, audit or event are not after today. A draft
    audit or management review with a future date is a plan (the audit programme, the next
    review), not a record: its date is not checked."""
    for artifact in ctx.artifacts:
        for field in PAST_HEADER_DATES + PAST_KIND_DATES.get(artifact.kind, ()):
            day = artifact.date(field)
            if day is None or day <= ctx.today or _planned(artifact, field):
                continue
            event = _EVENTS.get((artifact.kind, field)) or _EVENTS.get(field, field)
            yield Hit(
                f"{field} {day} is after today ({ctx.today}): {event} cannot have "
                f"happened yet; write the date it took place, or leave {field} out "
                f"until then{_PLAN_HINT.get((artifact.kind, field), '')}",
                artifact,
                at=(field,),
                # A draft or retired artifact is not what people work from: its
                # untrue date is a risk, not yet a false record in use.
                grade=None if artifact.approved else "not-in-use",
            )


def _planned(artifact: Artifact, field: str) -> bool:
    return (artifact.kind, field) in _PLAN_HINT and artifact.status == "draft"
