"""Clause 9.2 (SMS022): the internal audit programme over the audit cycle.

The audit cycle is the ``intervals.audit_cycle_months`` (36 by default) that began with the
first internal audit held; once the SMS has audited for longer than that, it is the last that
many months, a rolling cycle. Internal audits held in the cycle count, and so do planned ones
(dated after today) up to the cycle's end: a young programme may spread its clauses over the
cycle, but no plan makes up for a clause that has gone unaudited for a whole cycle. With no
audit held yet, the cycle starts today and is judged on its plans alone.

The programme is judged on what its audits examine, not only on the clause numbers they name:
a sub-clause that only a whole clause ("8") covers is evidenced when an audit covering it
samples the owner of its process (:mod:`sms_lint.checks.sampling`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.cycle import Cycle, audit_cycle, clause_words, scope_entries
from sms_lint.checks.sampling import coarse_scope, unsampled_services
from sms_lint.checks.wording import named
from sms_lint.config.pack import Clause, Rule
from sms_lint.facts import clause_covers
from sms_lint.model import Artifact
from sms_lint.words import listing


def audit_programme(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS022: the audits of the cycle together cover every clause, sample the owner of each
    process a whole clause stands for, and (when the SMS names services on audits) every live
    service.

    Silent when no internal audit was held in the cycle and none is planned in it: SMS013
    reports the missing audit, one defect, one finding."""
    cycle = audit_cycle(ctx.artifacts, ctx.today, ctx.config.intervals.audit_cycle_months)
    if not cycle.audits:
        return
    yield from _gaps(ctx, cycle)
    if ctx.unread_cause(kind="audit") is None:  # an unread audit may sample what is missing
        yield from coarse_scope(ctx, cycle)
        yield from unsampled_services(ctx, cycle)


def _gaps(ctx: Context, cycle: Cycle) -> Iterator[Hit]:
    scope = {s for _, a in cycle.audits for _, s in scope_entries(a)}
    clauses = ctx.framework.coverage_clauses()
    missed = [c for c in clauses if not any(clause_covers(s, c.number) for s in scope)]
    if not missed:
        return
    where = _where(cycle)
    them = "it" if len(missed) == 1 else "them"
    cause = ctx.unread_cause(kind="audit")
    if cause is not None:
        message = (
            f"{_audited(cycle, missed)}; whether another audit does could not be checked: "
            f"{cause}; fix that file first"
        )
        yield Hit(message, where, at=("scope_clauses",), grade="unchecked")
        return
    if cycle.rolling:
        fix = _planned_fix(cycle, missed, them)
    else:
        fix = f"include {them} in the scope_clauses of an internal audit planned by {cycle.end}"
    message = f"{_audited(cycle, missed)}: {fix}{_too_late(cycle, missed)}"
    systemic = 2 * len(missed) > len(clauses)  # most of the SMS goes unaudited
    yield Hit(message, where, at=("scope_clauses",), grade="most" if systemic else None)


def _audited(cycle: Cycle, missed: Sequence[Clause]) -> str:
    held = listing([named(a) for _, a in cycle.held])
    if cycle.rolling:
        return (
            f"the internal audits of {cycle.words()} ({held}) did not audit {clause_words(missed)}"
        )
    planned = listing([named(a) for _, a in cycle.planned])
    if held and planned:
        which = f"{held} held and {planned} planned"
    elif held:
        which = f"{held} held and none planned"
    else:
        which = f"none held yet and {planned} planned"
    return f"the internal audits of {cycle.words()}, {which}, do not cover {clause_words(missed)}"


def _planned_fix(cycle: Cycle, missed: Sequence[Clause], them: str) -> str:
    """What to do when the last ``months`` months missed clauses: hold the planned audit that
    already includes them, else include them in the next one."""
    for day, audit in (*cycle.planned, *cycle.later):
        scope = [s for _, s in scope_entries(audit)]
        if all(any(clause_covers(s, c.number) for s in scope) for c in missed):
            return f"{named(audit)}, planned for {day}, includes {them}: hold it as planned"
    return f"include {them} in the scope_clauses of the next internal audit"


def _too_late(cycle: Cycle, missed: Sequence[Clause]) -> str:
    """A note naming the audits planned after the cycle that would cover a missed clause."""
    if cycle.rolling:
        return ""
    late = [
        (day, a)
        for day, a in cycle.later
        if any(clause_covers(s, c.number) for _, s in scope_entries(a) for c in missed)
    ]
    if not late:
        return ""
    day, audit = late[0]
    return f" ({named(audit)}, planned for {day}, comes after the cycle ends)"


def _where(cycle: Cycle) -> Artifact:
    """Where the programme's gap is fixed: the next planned audit of a young cycle, else the
    latest audit held (where the programme was last written down)."""
    if cycle.planned and not cycle.rolling:
        return cycle.planned[0][1]
    return (cycle.held or cycle.planned)[-1][1]
