"""Clause 9.2: internal audits (SMS013 recency, SMS023 independence). The programme over the
audit cycle (SMS022) lives in :mod:`sms_lint.checks.programme`, management reviews (SMS014) in
:mod:`sms_lint.checks.management_review`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.records import Event, interval, recency, records
from sms_lint.checks.wording import named
from sms_lint.config.pack import Rule
from sms_lint.facts import holder_of, roles_index, same_person
from sms_lint.model import Artifact

INTERNAL_AUDIT = Event(
    "internal audit",
    "an internal audit",
    "kind: audit, audit_type: internal",
    "audit",
    "internal_audit_months",
)


def internal_audits(ctx: Context) -> list[Artifact]:
    """The internal audits held, planned or not yet dated (not the retired ones)."""
    return [
        a
        for a in ctx.of_kind("audit")
        if a.status != "retired" and a.text("audit_type") == "internal"
    ]


def internal_audit(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS013: the latest internal audit is within the planned interval
    (``intervals.internal_audit_months``). A planned audit (dated after today) is not held.

    An audit whose audit_type is missing or not valid may be the internal audit the finding
    would call missing: then the finding is about that audit_type (the schema's finding about
    it folds in)."""
    max_months = ctx.config.intervals.internal_audit_months
    found = records(internal_audits(ctx), ctx.today)
    hits = list(recency(ctx, found, INTERNAL_AUDIT, max_months))
    untyped = [
        a for a in ctx.of_kind("audit") if a.status != "retired" and a.text("audit_type") is None
    ]
    if hits and untyped:
        yield Hit(
            f"audit {named(untyped[0])} gives no valid audit_type, so it cannot count as the "
            f"internal audit due within {interval(max_months, INTERNAL_AUDIT.key)}: write "
            "audit_type: internal (or external)",
            untyped[0],
            at=("audit_type",),
        )
        return
    yield from hits


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
                f"auditor '{auditor}' of internal audit {named(audit)} is not independent: "
                f"{'; '.join(conflicts)}; assign an auditor who holds none of the audited "
                "roles, or leave those roles to another auditor",
                audit,
                at=("auditor",),
            )


def _conflicts(auditor: str, auditees: list[str], roles: Mapping[str, Any]) -> list[str]:
    """Why the auditor is not independent of each auditee role, one phrase per conflict."""
    auditor_holder = holder_of(roles.get(auditor))  # set when the auditor is named by role id
    out = []
    for role_id in dict.fromkeys(auditees):
        holder = holder_of(roles.get(role_id))
        if role_id == auditor:
            out.append(f"'{role_id}' is itself one of the audited roles (auditee_roles)")
        elif holder and same_person(holder, auditor):
            out.append(f"'{auditor}' holds the audited role '{role_id}'")
        elif holder and auditor_holder and same_person(holder, auditor_holder):
            out.append(
                f"the audited role '{role_id}' is held by '{holder}', who also holds '{auditor}'"
            )
    return out
