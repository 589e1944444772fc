"""Clause 9: internal audits and management reviews.

Only records of events that took place count: an audit or review dated after today is a plan,
and one whose date is missing or malformed is the schema rule's finding, so both are ignored.
Retired records are withdrawn documented information and are ignored too.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.facts import add_months, clause_covers, roles_index
from sms_lint.model import Artifact, clause_text
from sms_lint.pack import Rule
from sms_lint.resources import data_dir


def _label(artifact: Artifact) -> str:
    return artifact.id or artifact.path


def _held(ctx: Context, kinds: tuple[str, ...]) -> list[tuple[datetime.date, Artifact]]:
    """Non-retired artifacts of ``kinds`` with a valid ``date`` not after today, oldest first."""
    found = []
    for artifact in ctx.of_kind(*kinds):
        day = artifact.date("date")
        if artifact.status != "retired" and day is not None and day <= ctx.today:
            found.append((day, artifact))
    found.sort(key=lambda pair: (pair[0], pair[1].path))
    return found


def _internal_audits(ctx: Context) -> list[tuple[datetime.date, Artifact]]:
    return [(d, a) for d, a in _held(ctx, ("audit",)) if a.text("audit_type") == "internal"]


def _within(day: datetime.date, months: int, today: datetime.date) -> bool:
    """Whether ``day`` lies within the ``months`` before ``today`` (the same rule as staleness)."""
    return add_months(day, months) >= today


def _months(rule: Rule, name: str, default: int) -> int:
    value = rule.params.get(name, default)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _recency(
    records: list[tuple[datetime.date, Artifact]], what: str, max_months: int, today: datetime.date
) -> Iterator[Hit]:
    """A repository-wide hit when no record exists, or the latest is over ``max_months`` old."""
    if not records:
        yield Hit(f"no {what} is recorded")
        return
    latest_day, latest = records[-1]
    if not _within(latest_day, max_months, today):
        yield Hit(
            f"the latest {what} ({_label(latest)}, {latest_day}) is more than "
            f"{max_months} months old"
        )


def internal_audit(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS013: the latest internal audit is at most ``max_months`` old."""
    max_months = _months(rule, "max_months", 12)
    yield from _recency(_internal_audits(ctx), "internal audit", max_months, ctx.today)


def audit_programme(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS022: the internal audits of the last ``window_months`` together cover every clause.

    Silent when there is no internal audit at all: SMS013 reports that.
    """
    window = _months(rule, "window_months", 36)
    audits = _internal_audits(ctx)
    if not audits:
        return
    recent = [a for day, a in audits if _within(day, window, ctx.today)]
    if not recent:
        yield Hit(f"no internal audit in the last {window} months: no clause was audited")
        return
    scope = {c for a in recent for c in _scope_clauses(a)}
    missed = [
        c.number
        for c in ctx.framework.coverage_clauses()
        if not any(clause_covers(s, c.number) for s in scope)
    ]
    if missed:
        yield Hit(f"internal audits of the last {window} months did not cover: {', '.join(missed)}")


def _scope_clauses(audit: Artifact) -> list[str]:
    value = audit.data.get("scope_clauses")
    texts = (clause_text(v) for v in value) if isinstance(value, list) else ()
    return [t for t in texts if t]


def auditor_independence(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS023: nobody audits their own role's work, whether named by role id or by name."""
    roles = roles_index(ctx.artifacts)
    for audit in ctx.of_kind("audit"):
        auditor = audit.text("auditor")
        if audit.status == "retired" or audit.text("audit_type") != "internal" or not auditor:
            continue
        conflicts = _conflicts(auditor, [r for _, r in audit.strings("auditee_roles")], roles)
        if conflicts:
            yield Hit(
                f"auditor {auditor} audits their own work: {'; '.join(conflicts)}; assign an "
                "auditor from outside the audited roles",
                audit,
                at=("auditor",),
            )


def _conflicts(auditor: str, auditees: list[str], roles: Mapping[str, Any]) -> list[str]:
    """Why the auditor is not independent of each auditee role, one phrase per conflict."""
    people = {_person(auditor)}
    auditor_holder = _holder(roles.get(auditor))
    if auditor_holder:
        people.add(_person(auditor_holder))  # the auditor was named by role id
    out = []
    for role_id in dict.fromkeys(auditees):
        holder = _holder(roles.get(role_id))
        if role_id == auditor:
            out.append(f"{role_id} is one of the auditee_roles")
        elif holder and _person(holder) in people:
            out.append(f"the audited role {role_id} is held by {holder}")
    return out


def _holder(role: Any) -> str | None:
    holder = role.get("holder") if isinstance(role, dict) else None
    return holder if isinstance(holder, str) and holder.strip() else None


def _person(name: str) -> str:
    """Compare people's names ignoring case and spacing ("Marcus  bell" is Marcus Bell)."""
    return " ".join(name.split()).casefold()


def management_review(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS014: a recent review exists; each recent one had top management and every input."""
    max_months = _months(rule, "max_months", 12)
    reviews = _held(ctx, ("management-review",))
    yield from _recency(reviews, "management review", max_months, ctx.today)
    if not reviews:
        return
    top = sorted(
        i for i, r in roles_index(ctx.artifacts).items() if r.get("top_management") is True
    )
    for day, review in reviews:
        if _within(day, max_months, ctx.today):
            yield from _review_content(review, top)


def _review_content(review: Artifact, top: list[str]) -> Iterator[Hit]:
    if isinstance(review.data.get("attendees"), list):
        attendees = {a for _, a in review.strings("attendees")}
        if not attendees.intersection(top):
            marked = (
                f"roles marked top_management: true: {', '.join(top)}"
                if top
                else "no role is marked top_management: true in the roles artifact"
            )
            yield Hit(
                f"no top-management role attended ({marked})",
                review,
                at=("attendees",),
            )
    if isinstance(review.data.get("inputs_covered"), list):
        covered = {i for _, i in review.strings("inputs_covered")}
        missing = [name for name in review_inputs() if name not in covered]
        if missing:
            yield Hit(
                f"required review inputs not covered: {', '.join(missing)}; discuss them and "
                "list them in inputs_covered",
                review,
                at=("inputs_covered",),
            )


@lru_cache(maxsize=1)
def review_inputs() -> tuple[str, ...]:
    """The required management review inputs: the management-review schema's list is the one
    source of truth, so the rule and the schema cannot drift apart."""
    schema_path = data_dir("schemas") / "management-review.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return tuple(schema["properties"]["inputs_covered"]["items"]["enum"])
