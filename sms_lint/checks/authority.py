"""Who may approve: SMS029 top-management approval of the scope and the service-management
policy (5.1), SMS031 audit reports approved by one of their auditees (9.2). Who may audit the
internal audit process (SMS030) lives in :mod:`sms_lint.checks.impartiality`, which shares the
helpers below: one person is one person in every rule, whether named by role id or by name.

Each stays silent where another rule already reports the defect: an approver or auditee that
is no defined role (SMS018), no role marked top management (SMS014), an auditor who holds one
of the audit's auditee roles (SMS023). What a file that could not be read may hold is said as
"could not be checked" (graded ``unchecked``), which folds into that file's own finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.evaluation import internal_audits
from sms_lint.checks.wording import named
from sms_lint.config.pack import Rule
from sms_lint.facts import holder_of, roles_index, same_person
from sms_lint.model import Artifact
from sms_lint.words import listing

FIX_FIRST = "fix that file first"
# Top-management roles named in a message up to this many; beyond, "or another".
_NAMED_ROLES = 3

Roles = Mapping[str, dict[str, Any]]


# --- SMS029 top-management-approval ---------------------------------------------------------


def top_management_approval(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS029: the approved scope and service-management policy are approved by a role marked
    ``top_management: true``, or by a role whose holder also holds one (in a small
    organization the managing director may hold the quality role too: the approval is still
    top management's)."""
    roles = roles_index(ctx.artifacts)
    top = sorted(i for i, r in roles.items() if r.get("top_management") is True)
    cause = ctx.unread_cause(kind="roles")
    for artifact, what in _leadership_documents(ctx):
        approver = artifact.text("approved_by")
        if approver is None or approver in top:
            continue  # a missing approver is the approval rule's (SMS004) finding
        if approver in roles and any(shared_holder(approver, t, roles) for t in top):
            continue
        if approver not in roles or not top:
            # An unknown approver is SMS018's finding, no marked role SMS014's; either may
            # be defined in a roles file that could not be read.
            if cause is not None:
                yield unchecked(
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
        f"'{i}' ({holder_of(roles[i]) + ', ' if holder_of(roles[i]) else ''}top_management: true)"
        for i in top[:_NAMED_ROLES]
    ]
    if len(top) > _NAMED_ROLES:
        shown.append("another role marked top_management: true")
    return listing(shown, "or")


# --- SMS031 auditee-approved-report ---------------------------------------------------------


def auditee_approved_report(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS031: an approved internal audit report is not approved by one of its auditees (by
    role id, or by the person holding both roles)."""
    roles = roles_index(ctx.artifacts)
    cause = ctx.unread_cause(kind="roles")
    for audit in internal_audits(ctx):
        approver = audit.text("approved_by")
        if not audit.approved or approver is None:
            continue
        auditees = list(dict.fromkeys(r for _, r in audit.strings("auditee_roles")))
        why = _approver_audited(approver, auditees, roles)
        if why is None:
            unknown = [r for r in (approver, *auditees) if r not in roles]
            if unknown and cause is not None:  # who holds them cannot be told
                yield unchecked(
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
    if approver not in roles:
        return None
    for role_id in auditees:
        holder = shared_holder(approver, role_id, roles) if role_id in roles else None
        if holder is not None:
            return f"held by '{holder}', who also holds the audited role '{role_id}'"
    return None


# --- shared ---------------------------------------------------------------------------------


def shared_holder(first: str, second: str, roles: Roles) -> str | None:
    """The person that two different role ids or names both stand for, or None: a role and
    the name of its holder, two roles with one holder, or one name spelled two ways (names
    compared ignoring case and spacing, as SMS023 compares them). A role without a holder is
    nobody in particular: it stands for no one else. The name returned is ``first``'s."""
    if first == second:
        return None
    one, other = _identity(first, roles), _identity(second, roles)
    if one is None or other is None or not same_person(one, other):
        return None
    return one


def unchecked(what: str, artifact: Artifact, at: tuple, cause: str) -> Hit:
    return Hit(
        f"{what} could not be checked: {cause}; {FIX_FIRST}", artifact, at=at, grade="unchecked"
    )


def _identity(who: str, roles: Roles) -> str | None:
    """The person ``who`` names: a role's holder, else the text itself (a person's name)."""
    if who in roles:
        return holder_of(roles[who])
    return who.strip() or None
