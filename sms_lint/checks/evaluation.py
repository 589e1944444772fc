"""Clause 9.2: internal audits (SMS013 recency, SMS022 programme, SMS023 independence).
Management reviews (SMS014) live in :mod:`sms_lint.checks.management_review`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.records import Event, months_param, recency, records, within
from sms_lint.checks.wording import named
from sms_lint.facts import clause_covers, roles_index
from sms_lint.model import Artifact, clause_text
from sms_lint.pack import Rule
from sms_lint.words import listing

INTERNAL_AUDIT = Event(
    "internal audit", "an internal audit", "kind: audit, audit_type: internal", "audit"
)

# Clauses named with their titles in a message up to this many; beyond, numbers only.
_TITLED = 5


def _internal(ctx: Context) -> list[Artifact]:
    return [a for a in ctx.of_kind("audit") if a.text("audit_type") == "internal"]


def internal_audit(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS013: the latest internal audit is at most ``max_months`` old.

    An audit whose audit_type is missing or not valid may be the internal audit the finding
    would call missing: then the finding is about that audit_type (the schema's finding about
    it folds in)."""
    max_months = months_param(rule, "max_months", 12)
    hits = list(recency(ctx, records(_internal(ctx), ctx.today), INTERNAL_AUDIT, max_months))
    untyped = [
        a for a in ctx.of_kind("audit") if a.status != "retired" and a.text("audit_type") is None
    ]
    if hits and untyped:
        yield Hit(
            f"audit {named(untyped[0])} gives no valid audit_type, so it cannot count as the "
            f"internal audit due every {max_months} months: write audit_type: internal (or "
            "external)",
            untyped[0],
            at=("audit_type",),
        )
        return
    yield from hits


def audit_programme(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS022: the internal audits of the last ``window_months`` together cover every clause.

    Silent when no internal audit was held in the window: SMS013 reports the latest audit as
    too old (its interval is shorter than the window), one defect, one finding. The finding
    points at the latest audit's scope_clauses, where the programme was last written down.
    """
    window = months_param(rule, "window_months", 36)
    recent = [
        a for day, a in records(_internal(ctx), ctx.today).held if within(day, window, ctx.today)
    ]
    if not recent:
        return
    scope = {c for a in recent for c in _scope_clauses(a)}
    clauses = ctx.framework.coverage_clauses()
    missed = [c for c in clauses if not any(clause_covers(s, c.number) for s in scope)]
    if not missed:
        return
    words = [f"{c.number} {c.title}" if len(missed) <= _TITLED else c.number for c in missed]
    held = (
        f"the internal audits of the last {window} months ({listing([named(a) for a in recent])})"
    )
    cause = ctx.unread_cause(kind="audit")
    if cause is not None:
        message = (
            f"{held} did not audit {listing(words)}; whether another audit did could not be "
            f"checked: {cause}; fix that file first"
        )
        yield Hit(message, recent[-1], at=("scope_clauses",), grade="unchecked")
        return
    message = (
        f"{held} did not audit {listing(words)}: include "
        f"{'it' if len(missed) == 1 else 'them'} in the scope_clauses of the next internal audit"
    )
    systemic = 2 * len(missed) > len(clauses)  # most of the SMS was never audited
    yield Hit(message, recent[-1], at=("scope_clauses",), grade="most" if systemic else None)


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
                f"auditor '{auditor}' of internal audit {named(audit)} is not independent: "
                f"{'; '.join(conflicts)}; assign an auditor who holds none of the audited "
                "roles, or leave those roles to another auditor",
                audit,
                at=("auditor",),
            )


def _conflicts(auditor: str, auditees: list[str], roles: Mapping[str, Any]) -> list[str]:
    """Why the auditor is not independent of each auditee role, one phrase per conflict."""
    auditor_holder = _holder(roles.get(auditor))  # set when the auditor is named by role id
    out = []
    for role_id in dict.fromkeys(auditees):
        holder = _holder(roles.get(role_id))
        if role_id == auditor:
            out.append(f"'{role_id}' is itself one of the audited roles (auditee_roles)")
        elif holder and _person(holder) == _person(auditor):
            out.append(f"'{auditor}' holds the audited role '{role_id}'")
        elif holder and auditor_holder and _person(holder) == _person(auditor_holder):
            out.append(
                f"the audited role '{role_id}' is held by '{holder}', who also holds '{auditor}'"
            )
    return out


def _holder(role: Any) -> str | None:
    holder = role.get("holder") if isinstance(role, dict) else None
    return holder if isinstance(holder, str) and holder.strip() else None


def _person(name: str) -> str:
    """Compare people's names ignoring case and spacing ("Marcus  bell" is Marcus Bell)."""
    return " ".join(name.split()).casefold()
