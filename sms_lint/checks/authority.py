"""Who may approve and who may audit: SMS029 top-management approval of the scope and the
service-management policy (5.1), SMS030 the internal audit process audited by someone other
than the role that runs it (9.2), SMS031 audit reports approved by one of their auditees (9.2).

Each stays silent where another rule already reports the defect: an approver or auditee that
is no defined role (SMS018), no role marked top management (SMS014), an auditor who holds one
of the audit's auditee roles (SMS023). What a file that could not be read may hold is said as
"could not be checked" (graded ``unchecked``), which folds into that file's own finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.wording import named
from sms_lint.facts import clause_covers, evidence_clauses, is_record, roles_index
from sms_lint.model import Artifact, clause_text
from sms_lint.pack import Rule
from sms_lint.words import listing

FIX_FIRST = "fix that file first"
INTERNAL_AUDIT = "9.2"
# Top-management roles named in a message up to this many; beyond, "or another".
_NAMED_ROLES = 3

Roles = Mapping[str, dict[str, Any]]


# --- SMS029 top-management-approval ---------------------------------------------------------


def top_management_approval(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS029: the approved scope and service-management policy are approved by a role marked
    ``top_management: true``."""
    roles = roles_index(ctx.artifacts)
    top = sorted(i for i, r in roles.items() if r.get("top_management") is True)
    cause = ctx.unread_cause(kind="roles")
    for artifact, what in _leadership_documents(ctx):
        approver = artifact.text("approved_by")
        if approver is None or approver in top:
            continue  # a missing approver is the approval rule's (SMS004) finding
        if approver not in roles or not top:
            # An unknown approver is SMS018's finding, no marked role SMS014's; either may
            # be defined in a roles file that could not be read.
            if cause is not None:
                yield _unchecked(
                    f"whether {what} was approved by top management",
                    artifact,
                    ("approved_by",),
                    cause,
                )
            continue
        yield Hit(
            f"{what} is approved by '{approver}', which is not a top-management role: have it "
            f"approved by {_top_roles(top, roles)}",
            artifact,
            at=("approved_by",),
        )


def _leadership_documents(ctx: Context) -> Iterator[tuple[Artifact, str]]:
    """The approved scope and service-management policy, with how a message names each."""
    for artifact in ctx.of_kind("scope", "policy"):
        if not artifact.approved:
            continue  # a draft has no approval to judge yet
        if artifact.kind == "scope":
            yield artifact, f"scope {named(artifact)}"
        elif artifact.text("policy_type") == "service-management":
            yield artifact, f"service-management policy {named(artifact)}"


def _top_roles(top: list[str], roles: Roles) -> str:
    """ "'managing-director' (Eleanor Whitcombe, top_management: true)", or several with "or"."""
    shown = [
        f"'{i}' ({_holder(roles[i]) + ', ' if _holder(roles[i]) else ''}top_management: true)"
        for i in top[:_NAMED_ROLES]
    ]
    if len(top) > _NAMED_ROLES:
        shown.append("another role marked top_management: true")
    return listing(shown, "or")


# --- SMS030 internal-audit-impartiality -----------------------------------------------------


def internal_audit_impartiality(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS030: an internal audit of clause 9.2 is not performed by the role that runs internal
    audit (the owner of the approved documents for 9.2), nor by the person holding it."""
    audits = [a for a in _internal_audits(ctx) if a.text("auditor") and _audits_9_2(a)]
    if not audits:
        return
    roles = roles_index(ctx.artifacts)
    runners = _audit_runners(ctx)
    for audit in audits:
        if not runners:
            cause = ctx.unread_cause()  # the audit procedure or programme may be that file
            if cause is not None:
                yield _unchecked(
                    f"whether the auditor of internal audit {named(audit)} runs internal audit",
                    audit,
                    ("auditor",),
                    cause,
                )
            continue
        yield from _self_audit(ctx, audit, runners, roles)


def _self_audit(
    ctx: Context, audit: Artifact, runners: Mapping[str, list[Artifact]], roles: Roles
) -> Iterator[Hit]:
    """At most one hit: the first role running internal audit the auditor is not
    independent of (SMS023's finding when that role is also audited)."""
    auditor = audit.text("auditor") or ""
    auditees = {r for _, r in audit.strings("auditee_roles")}
    for runner, documents in runners.items():
        if runner not in roles and auditor != runner:
            cause = ctx.unread_cause(kind="roles")  # who holds the role cannot be told
            if cause is not None:
                yield _unchecked(
                    f"whether auditor '{auditor}' of internal audit "
                    f"{named(audit)} holds '{runner}'",
                    audit,
                    ("auditor",),
                    cause,
                )
                return
            continue
        why = _same_person(auditor, runner, roles)
        if why is None:
            continue
        if runner in auditees:
            return  # the auditor audits an audited role: SMS023's finding, one defect
        owns = listing([named(d) for d in documents])
        yield Hit(
            f"auditor '{auditor}' of internal audit {named(audit)} audits clause 9.2, the "
            f"internal audit process, which '{runner}' runs (owner of {owns}){why}: nobody "
            "audits their own work; have 9.2 audited by someone independent of "
            f"'{runner}', or take 9.2 out of this audit's scope_clauses",
            audit,
            at=("auditor",),
        )
        return


def _internal_audits(ctx: Context) -> list[Artifact]:
    return [
        a
        for a in ctx.of_kind("audit")
        if a.status != "retired" and a.text("audit_type") == "internal"
    ]


def _audits_9_2(audit: Artifact) -> bool:
    value = audit.data.get("scope_clauses")
    texts = [clause_text(v) for v in value] if isinstance(value, list) else []
    return any(t and clause_covers(t, INTERNAL_AUDIT) for t in texts)


def _audit_runners(ctx: Context) -> dict[str, list[Artifact]]:
    """Role id -> the approved documents (not audit records) giving evidence for 9.2 that
    the role owns: the internal audit procedure or programme names who runs internal audit.
    A document claiming a whole clause ("9") is not taken as the audit procedure."""
    runners: dict[str, list[Artifact]] = {}
    for artifact in ctx.artifacts:
        owner = artifact.text("owner")
        if owner is None or not artifact.approved or is_record(artifact):
            continue
        if artifact.kind == "audit":
            continue  # a planned audit is a record to be, not the procedure
        clauses = evidence_clauses(artifact, ctx.framework)
        if any(c == INTERNAL_AUDIT or c.startswith(INTERNAL_AUDIT + ".") for c in clauses):
            runners.setdefault(owner, []).append(artifact)
    return dict(sorted(runners.items()))


# --- SMS031 auditee-approved-report ---------------------------------------------------------


def auditee_approved_report(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS031: an approved internal audit report is not approved by one of its auditees (by
    role id, or by the person holding both roles)."""
    roles = roles_index(ctx.artifacts)
    cause = ctx.unread_cause(kind="roles")
    for audit in _internal_audits(ctx):
        approver = audit.text("approved_by")
        if not audit.approved or approver is None:
            continue
        auditees = list(dict.fromkeys(r for _, r in audit.strings("auditee_roles")))
        why = _approver_audited(approver, auditees, roles)
        if why is None:
            unknown = [r for r in (approver, *auditees) if r not in roles]
            if unknown and cause is not None:  # who holds them cannot be told
                yield _unchecked(
                    f"whether approver '{approver}' of audit report "
                    f"{named(audit)} is one of its auditees",
                    audit,
                    ("approved_by",),
                    cause,
                )
            continue
        yield Hit(
            f"audit report {named(audit)} is approved by '{approver}', {why}: an auditee "
            "approving the report of their own audit is a risk to its impartiality; have it "
            "approved by someone outside the audited roles, such as the lead auditor",
            audit,
            at=("approved_by",),
        )


def _approver_audited(approver: str, auditees: list[str], roles: Roles) -> str | None:
    """Why the approver is one of the auditees, or None. An approver that is no role is
    SMS018's finding: nothing is compared then."""
    if approver in auditees:
        return "one of its auditees (auditee_roles)"
    holder = _holder(roles.get(approver))
    if holder is None:
        return None
    for role_id in auditees:
        other = _holder(roles.get(role_id))
        if other is not None and _person(other) == _person(holder):
            return f"held by '{holder}', who also holds the audited role '{role_id}'"
    return None


# --- shared ---------------------------------------------------------------------------------


def _same_person(auditor: str, role_id: str, roles: Roles) -> str | None:
    """ "" when the auditor is the role itself, a phrase when the auditor is the person
    holding it (by name, or holding the auditor role too), None when independent. The same
    relations as SMS023, so that the two rules agree on who is one person."""
    if auditor == role_id:
        return ""
    holder = _holder(roles.get(role_id))
    if holder is None:
        return None
    if _person(holder) == _person(auditor):
        return f", and '{auditor}' holds '{role_id}'"
    auditor_holder = _holder(roles.get(auditor))
    if auditor_holder is not None and _person(auditor_holder) == _person(holder):
        return f", and both are held by '{holder}'"
    return None


def _unchecked(what: str, artifact: Artifact, at: tuple, cause: str) -> Hit:
    return Hit(
        f"{what} could not be checked: {cause}; {FIX_FIRST}", artifact, at=at, grade="unchecked"
    )


def _holder(role: Any) -> str | None:
    holder = role.get("holder") if isinstance(role, dict) else None
    return holder.strip() if isinstance(holder, str) and holder.strip() else None


def _person(name: str) -> str:
    """People's names compared ignoring case and spacing, as SMS023 compares them."""
    return " ".join(name.split()).casefold()
