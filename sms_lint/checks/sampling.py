"""SMS022's observations on what the audits of the cycle sample, beyond clause numbers.

- A sub-clause covered only by a whole clause in ``scope_clauses`` ("8" stands for 8.6.2) is
  evidenced when an audit covering it has the owner of its process among its
  ``auditee_roles``; else "8" is too coarse to show that 8.6.2 was audited. One finding lists
  every such sub-clause. A sub-clause an audit names itself is taken at its word.
- When the SMS records which services audits sample (``services`` on any audit), a live
  service that no audit of the cycle lists is one finding. SMSs that do not use the field
  hear nothing of it.

Both are observations: the audits took place, and the auditor may have sampled the process or
the service through someone else; the record just does not show it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.cycle import Cycle, Dated, clause_words, scope_entries
from sms_lint.checks.wording import current, named
from sms_lint.config.pack import Clause
from sms_lint.facts import clause_covers
from sms_lint.model import Artifact
from sms_lint.words import listing

# A sub-clause not sampled: the clause, its processes' (owner, process), and the coarse
# scope entries that stand for it: (audit date, audit, index of the entry, entry).
_Unsampled = tuple[Clause, list[tuple[str, Artifact]], list[tuple[Dated, int, str]]]


def coarse_scope(ctx: Context, cycle: Cycle) -> Iterator[Hit]:
    owners = _process_owners(ctx)
    unsampled: list[_Unsampled] = []
    for clause in ctx.framework.coverage_clauses():
        processes = owners.get(clause.number)
        if not processes:
            continue
        covering = [
            ((day, audit), index, entry)
            for day, audit in cycle.audits
            for index, entry in scope_entries(audit)
            if clause_covers(entry, clause.number)
        ]
        named_itself = any(not _coarser(entry, clause.number) for _, _, entry in covering)
        if not covering or named_itself:
            continue  # unaudited: the gap finding; named: taken at its word
        audits = {audit.path: audit for (_, audit), _, _ in covering}
        roles = {role for a in audits.values() for _, role in a.strings("auditee_roles")}
        if not any(owner in roles for owner, _ in processes):
            unsampled.append((clause, processes, covering))
    if unsampled:
        yield _coarse_hit(cycle, unsampled)


def _coarser(entry: str, clause: str) -> bool:
    """Whether the scope entry covers the clause only as a whole clause above it."""
    return clause.startswith(entry + ".")


def _process_owners(ctx: Context) -> dict[str, list[tuple[str, Artifact]]]:
    """Clause -> (owner role, process artifact) of the current processes serving it."""
    table = ctx.framework.value_clauses.get("process", {})
    out: dict[str, list[tuple[str, Artifact]]] = {}
    for process in current(ctx.of_kind("process")):
        owner = process.text("owner")
        value = process.text("process")
        if owner is None or value is None:
            continue
        for clause in table.get(value, ()):
            out.setdefault(clause, []).append((owner, process))
    return out


def _coarse_hit(cycle: Cycle, unsampled: Sequence[_Unsampled]) -> Hit:
    (_, audit), index, entry = max(
        (pick for _, _, covering in unsampled for pick in covering),
        key=lambda pick: (pick[0][0], pick[0][1].path, -pick[1]),
    )
    one = len(unsampled) == 1
    owners = listing(
        [
            f"'{owner}' for {named(process)}"
            for _, processes, _ in unsampled
            for owner, process in processes
        ]
    )
    clauses = [clause for clause, _, _ in unsampled]
    message = (
        f"scope_clauses '{entry}' of {named(audit)} is too coarse to evidence "
        f"{clause_words(clauses)}: no internal audit of {cycle.short()} that covers "
        f"{'it' if one else 'them'} samples the owner{'' if one else 's'} of "
        f"{'its process' if one else 'their processes'} ({owners}) among its auditee_roles; "
        f"add {'that role' if one else 'those roles'} to the auditee_roles of an audit that "
        f"covers {'it' if one else 'them'} (a planned audit counts)"
    )
    return Hit(message, audit, at=("scope_clauses", index), grade="coarse")


def unsampled_services(ctx: Context, cycle: Cycle) -> Iterator[Hit]:
    if not any(a.written("services") for a in current(ctx.of_kind("audit"))):
        return  # the SMS does not record services on audits
    listed = {value for _, audit in cycle.audits for _, value in audit.strings("services")}
    live = [
        s.id
        for s in current(ctx.of_kind("service"))
        if s.id and s.text("service_status") == "live" and s.id not in listed
    ]
    if not live:
        return
    writing = [audit for _, audit in cycle.audits if audit.written("services")]
    audit = (writing or [cycle.audits[-1][1]])[-1]
    one = len(live) == 1
    quoted = listing([f"'{i}'" for i in live])
    message = (
        f"no internal audit of {cycle.short()} lists the live service{'' if one else 's'} "
        f"{quoted} in its services, so the programme shows no "
        f"sample of {'its' if one else 'their'} delivery: add "
        f"{'it' if one else 'them'} to the services of an internal audit of the cycle (a "
        "planned audit counts)"
    )
    at = ("services",) if audit.written("services") else ()
    yield Hit(message, audit, at=at, grade="services")
