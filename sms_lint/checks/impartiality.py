"""SMS030 (9.2): the internal audit process is audited by someone outside it.

An internal audit whose scope includes 9.2 examines the audit programme and the audits
performed under it, so nobody who is part of that work may perform it: they would audit their
own work. Part of it are

- the role that runs internal audit: the ``owner`` of the approved documents giving evidence
  for 9.2 (the internal audit procedure or programme); and
- whoever performs the internal audits: the ``auditor`` of every other internal audit held or
  planned in the audit cycle (as SMS022 counts it), except an audit of 9.2 alone, which audits
  the function rather than working in it (so one outsider may audit 9.2 year after year).

An auditor who is none of these, nor the same person (a role and its holder's name, two roles
with one holder), is outside the function: a second auditor who performs no other audit of the
cycle, or an external auditor named by role or by name. When the insider is also one of the
audit's ``auditee_roles``, SMS023 reports the conflict: one defect, one finding.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from sms_lint.checks.authority import Roles, shared_holder, unchecked
from sms_lint.checks.base import Context, Hit
from sms_lint.checks.cycle import audit_cycle, scope_entries
from sms_lint.checks.evaluation import internal_audits
from sms_lint.checks.wording import named
from sms_lint.config.pack import Rule
from sms_lint.facts import clause_covers, evidence_clauses, is_record, roles_index
from sms_lint.model import Artifact
from sms_lint.words import listing

INTERNAL_AUDIT = "9.2"


@dataclass
class Duties:
    """What one role or person does in the internal audit function."""

    owns: list[Artifact] = field(default_factory=list)  # the 9.2 documents it owns
    performs: list[Artifact] = field(default_factory=list)  # the other audits it performs

    def words(self) -> str:
        """``runs (owner of 'PROC-IA'; auditor of internal audit 'AUD-2')``."""
        said = []
        if self.owns:
            said.append(f"owner of {listing([named(d) for d in self.owns])}")
        if self.performs:
            plural = "s" if len(self.performs) > 1 else ""
            audits = listing([named(a) for a in self.performs])
            said.append(f"auditor of internal audit{plural} {audits}")
        return f"{'runs' if self.owns else 'performs'} ({'; '.join(said)})"


Function = Mapping[str, Duties]


def internal_audit_impartiality(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS030: an internal audit of clause 9.2 is not performed by anyone who runs internal
    audit or performs the other internal audits of the cycle."""
    audits = [a for a in internal_audits(ctx) if a.text("auditor") and _audits_9_2(a)]
    if not audits:
        return
    roles = roles_index(ctx.artifacts)
    owners = _audit_owners(ctx)
    cycle = audit_cycle(ctx.artifacts, ctx.today, ctx.config.intervals.audit_cycle_months)
    performed = [a for _, a in cycle.audits if _beyond_9_2(a)]
    for audit in audits:
        function = _function(owners, [a for a in performed if a is not audit])
        yield from _self_audit(ctx, audit, function, roles, bool(owners))


def _self_audit(
    ctx: Context, audit: Artifact, function: Function, roles: Roles, owned: bool
) -> Iterator[Hit]:
    """At most one hit: the first insider the auditor is (SMS023's finding when that insider
    is also audited), else what could not be told because a file could not be read."""
    auditor = audit.text("auditor") or ""
    auditees = [r for _, r in audit.strings("auditee_roles")]
    for member, duties in function.items():
        why = _one_person(auditor, member, roles)
        if why is None:
            continue
        if any(r == member or shared_holder(member, r, roles) for r in auditees):
            return  # the auditor audits an audited role: SMS023's finding, one defect
        yield Hit(
            f"auditor '{auditor}' of internal audit {named(audit)} audits clause 9.2, the "
            f"internal audit process, which '{member}' {duties.words()}{why}: nobody audits "
            f"their own work; have 9.2 audited by someone independent of '{member}', or take "
            "9.2 out of this audit's scope_clauses",
            audit,
            at=("auditor",),
        )
        return
    cause = _unread(ctx, auditor, function, roles, owned)
    if cause is not None:
        yield unchecked(
            f"whether auditor '{auditor}' of internal audit {named(audit)} is part of the "
            "internal audit process it audits",
            audit,
            ("auditor",),
            cause,
        )


def _unread(
    ctx: Context, auditor: str, function: Function, roles: Roles, owned: bool
) -> str | None:
    """Why it cannot be told that the auditor is outside the function: the audit procedure
    may be a file that could not be read, or who holds a role may be in an unread roles file."""
    if not owned:
        return ctx.unread_cause()
    if any(m != auditor and (m not in roles or auditor not in roles) for m in function):
        return ctx.unread_cause(kind="roles")
    return None


def _one_person(auditor: str, member: str, roles: Roles) -> str | None:
    """ "" when the auditor is the member itself, how they are one person, or None."""
    if auditor == member:
        return ""
    holder = shared_holder(auditor, member, roles)
    if holder is None:
        return None
    if auditor in roles and member in roles:
        return f", and both are held by '{holder}'"
    if member in roles:
        return f", and '{auditor}' holds '{member}'"
    if auditor in roles:
        return f", and '{member}' holds '{auditor}'"
    return ""  # one name written two ways


def _function(owners: Mapping[str, list[Artifact]], performed: list[Artifact]) -> Function:
    """Who is part of the internal audit function, owners first, then auditors by date."""
    function: dict[str, Duties] = {o: Duties(owns=list(docs)) for o, docs in owners.items()}
    for audit in performed:
        function.setdefault(audit.text("auditor") or "", Duties()).performs.append(audit)
    function.pop("", None)
    return function


def _audits_9_2(audit: Artifact) -> bool:
    return any(clause_covers(text, INTERNAL_AUDIT) for _, text in scope_entries(audit))


def _beyond_9_2(audit: Artifact) -> bool:
    """Whether the audit audits more than the internal audit process itself."""
    return any(
        not (t == INTERNAL_AUDIT or t.startswith(INTERNAL_AUDIT + "."))
        for _, t in scope_entries(audit)
    )


def _audit_owners(ctx: Context) -> dict[str, list[Artifact]]:
    """Role id -> the approved documents (not audit records) giving evidence for 9.2 that
    the role owns: the internal audit procedure or programme names who runs internal audit.
    A document claiming a whole clause ("9") is not taken as the audit procedure."""
    owners: dict[str, list[Artifact]] = {}
    for artifact in ctx.artifacts:
        owner = artifact.text("owner")
        if owner is None or not artifact.approved or is_record(artifact):
            continue
        if artifact.kind == "audit":
            continue  # a planned audit is a record to be, not the procedure
        clauses = evidence_clauses(artifact, ctx.framework)
        if any(c == INTERNAL_AUDIT or c.startswith(INTERNAL_AUDIT + ".") for c in clauses):
            owners.setdefault(owner, []).append(artifact)
    return dict(sorted(owners.items()))
