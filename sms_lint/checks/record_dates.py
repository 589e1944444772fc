"""Dates that tell a possible story (issue 21): SMS046 for a nonconformity, SMS049 for an
objective.

A nonconformity is raised, then closed, then verified; and it is not raised before the audit it
came from (``source``) took place (judged when that audit lists it: otherwise the source
itself is in doubt, SMS047's finding; with no ``source``, the one approved audit whose findings
list it is where it came from). An objective is planned when its document is approved, so it
is not due before that approval. Each finding points at the date that is out of order, and
names the date it contradicts.

Other rules already say part of this, and what they report is not reported again: a date after
today is SMS006's finding (a date of a record cannot lie ahead), and a ``verified_on`` on or
before ``closed_on`` of a closed nonconformity is SMS033's.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.followup import FollowUpEvidence  # SMS034's, shared
from sms_lint.checks.wording import item_label, named
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact


def _current(ctx: Context, kind: str) -> Iterator[Artifact]:
    for artifact in ctx.of_kind(kind):
        if artifact.status != "retired":  # a withdrawn record is not judged
            yield artifact


def nonconformity_dates(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS046: closed and verified no earlier than raised; raised no earlier than its audit."""
    listing = _listing_audits(ctx)
    for artifact in _current(ctx, "nonconformity"):
        raised = artifact.date("raised_on")
        if raised is None or raised > ctx.today:  # missing: the schema's; ahead: SMS006's
            continue
        closed = _past(artifact, "closed_on", ctx.today)
        if closed is not None and closed < raised:
            yield _before_raised(artifact, "closed_on", "closed", closed, raised)
        verified = _past(artifact, "verified_on", ctx.today)
        if verified is not None and verified < raised and not _sms033_reports(artifact):
            yield _before_raised(artifact, "verified_on", "verified effective", verified, raised)
        audit, how = _origin(ctx, artifact, listing)
        held = audit.date("date") if audit is not None else None
        if audit is not None and held is not None and raised < held and _lists(audit, artifact):
            fix = "source" if how == SOURCED else f"the findings of {named(audit)}"
            yield Hit(
                f"nonconformity {named(artifact)} was raised on {raised}, before audit "
                f"{named(audit)} {how} took place on {held}: an audit raises "
                f"its nonconformities on or after its date; correct raised_on, or {fix} if "
                "another audit raised it",
                artifact,
                at=("raised_on",),
            )


def _past(artifact: Artifact, field: str, today: datetime.date) -> datetime.date | None:
    day = artifact.date(field)
    return day if day is not None and day <= today else None


def _sms033_reports(artifact: Artifact) -> bool:
    """Whether SMS033 reports this verified_on already: a closed nonconformity verified on or
    before its closing date."""
    verified, closed = artifact.date("verified_on"), artifact.date("closed_on")
    return (
        artifact.text("nc_status") == "closed"
        and verified is not None
        and closed is not None
        and verified <= closed
    )


def _before_raised(
    artifact: Artifact, field: str, what: str, day: datetime.date, raised: datetime.date
) -> Hit:
    return Hit(
        f"nonconformity {named(artifact)} was {what} on {day} ({field}), before it was raised "
        f"on {raised} (raised_on): a nonconformity can only be {what} after it is raised; "
        f"correct whichever of the two dates is wrong",
        artifact,
        at=(field,),
    )


def _lists(audit: Artifact, artifact: Artifact) -> bool:
    """Whether the audit lists the nonconformity in its findings: when it does not, the
    source itself is in doubt and SMS047 reports that (one defect, one finding)."""
    ident = artifact.id.strip() if artifact.id is not None else None
    return any(entry.strip() == ident for _, entry in audit.strings("findings"))


SOURCED = "it came from (source)"


def _listing_audits(ctx: Context) -> dict[str, list[Artifact]]:
    """Nonconformity id -> the approved audits whose ``findings`` list it."""
    listing: dict[str, list[Artifact]] = {}
    for audit in ctx.of_kind("audit"):
        if audit.approved:
            for ident in {entry.strip() for _, entry in audit.strings("findings")}:
                listing.setdefault(ident, []).append(audit)
    return listing


def _origin(
    ctx: Context, artifact: Artifact, listing: dict[str, list[Artifact]]
) -> tuple[Artifact | None, str]:
    """The audit the nonconformity came from, and how that is known: its ``source``, or, with
    no source, the one approved audit listing it (two listing it is SMS047's to untangle)."""
    if artifact.text("source") is not None:
        return _source_audit(ctx, artifact), SOURCED
    listed = listing.get(artifact.id.strip(), []) if artifact.id is not None else []
    return (listed[0], "whose findings list it") if len(listed) == 1 else (None, "")


def _source_audit(ctx: Context, artifact: Artifact) -> Artifact | None:
    """The approved audit the nonconformity's ``source`` names (a draft report's date may be
    only planned, as SMS047 also holds); a dangling source is SMS018's."""
    source = artifact.text("source")
    audit = ctx.by_id.get(source.strip()) if source is not None else None
    if audit is None or audit.kind != "audit" or not audit.approved:
        return None
    return audit


def objective_dates(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS049: an objective of an approved objectives document is not due before the
    document's approval. An objective that carries results is a record of a past objective
    kept with its results, or one an improvement or nonconformity follows up (as SMS034 accepts),
    is a lesser defect: the document mixes history with the plan."""
    # What SMS034 accepts as follow-up: an objective followed up is a record, not a lapse.
    seen = FollowUpEvidence.gather(ctx, [a for a in ctx.of_kind("objectives") if a.approved])
    for artifact in _current(ctx, "objectives"):
        approved = _past(artifact, "approved_on", ctx.today)
        if not artifact.approved or approved is None:
            continue
        single = len(artifact.items("objectives")) == 1
        for index, objective in artifact.items("objectives"):
            due = artifact.date("due", objective)
            if due is None or due >= approved:
                continue
            followed = seen.follows(artifact, objective, due, single)
            yield _due_before_approval(artifact, index, objective, due, approved, followed)


def _due_before_approval(
    artifact: Artifact,
    index: int,
    objective: dict[str, Any],
    due: datetime.date,
    approved: datetime.date,
    followed: bool,
) -> Hit:
    recorded = bool(objective.get("results"))
    if recorded:
        note = " (it carries results: keep them with the objective's record)"
    elif followed:
        note = " (a record follows it up: keep the objective with that record)"
    else:
        note = ""
    return Hit(
        f"{item_label('objective', objective, index)} of {named(artifact)} is due on {due}, "
        f"before the document was approved on {approved} (approved_on): an objective is planned "
        "ahead of its due date; set the due date the objective is planned for, or move an "
        "objective that is over into the record of its results" + note,
        artifact,
        at=("objectives", index, "due"),
        grade="recorded" if recorded or followed else None,
    )
