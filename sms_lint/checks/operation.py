"""Clauses 4.3, 5.2 and 8.1: the core documents and the documented processes.

Retired artifacts are history: they never satisfy a requirement and are never checked. A
document that looks missing while some file could not be read is reported as unchecked, not
as missing. Services and suppliers live in :mod:`sms_lint.checks.services`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.wording import (
    current,
    entry_place,
    item_label,
    lacking,
    lacking_words,
    listing,
    named,
    unchecked,
    untyped,
)
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact

# Policies that must exist besides the service management policy, with their clauses.
_REQUIRED_POLICIES = (("change-management", "8.5.1.1"), ("information-security", "8.7.3.1"))
_KPI_FIELDS = ("name", "target", "unit")


class _Absent(NamedTuple):
    """A required document with no approved artifact: what it is, how to write it, its
    clause, the current artifacts of its kind and type (drafts) and those of its kind whose
    type is unusable (perhaps it, misspelt)."""

    what: str
    how: str
    clause: str
    found: list[Artifact]
    untyped: list[Artifact]
    typed_by: str = "policy_type"
    kind: str = "policy"


def core_documents(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One approved scope, one approved service management policy, the two other policies."""
    absent: list[_Absent] = []
    scopes = current(ctx.of_kind("scope"))
    yield from _exactly_one(scopes, "scope of the SMS", absent, ("kind: scope", "4.3", [], "scope"))
    policies = current(ctx.of_kind("policy"))
    odd = untyped(policies, "policy_type")
    yield from _exactly_one(
        _typed(policies, "service-management"),
        "service-management policy",
        absent,
        ("kind: policy, policy_type: service-management", "5.2", odd, "policy"),
    )
    for policy_type, clause in _REQUIRED_POLICIES:
        typed = _typed(policies, policy_type)
        if not any(p.approved for p in typed):
            how = f"kind: policy, policy_type: {policy_type}"
            absent.append(_Absent(f"{policy_type} policy", how, clause, typed, odd))
    yield from _report_absent(ctx, absent, _approved_documents)


def _exactly_one(
    found: list[Artifact],
    what: str,
    absent: list[_Absent],
    spec: tuple[str, str, list[str], str],
) -> Iterator[Hit]:
    """Note the document as absent when none is approved; a second approved one is a hit."""
    how, clause, odd, kind = spec
    approved = [a for a in found if a.approved]
    if not approved:
        absent.append(_Absent(what, how, clause, found, odd, kind=kind))
        return
    first = approved[0]
    for extra in approved[1:]:
        yield Hit(
            f"a second approved {what}: {named(first)} ({first.path}) is already approved; "
            "retire this one (status: retired) or merge the two into one",
            extra,
            at=("status",),
            clause=clause,
            grade="duplicate",
        )


def _report_absent(
    ctx: Context, absent: list[_Absent], describe: Callable[[list[_Absent]], str]
) -> Iterator[Hit]:
    """Each absent document, but one hit saying those an unread file may hold could not be
    checked (``describe`` words them)."""
    unsure = [a for a in absent if ctx.unread_cause(a.kind) is not None]
    if unsure:
        clause = unsure[0].clause if len(unsure) == 1 else None
        cascade = unchecked(ctx, describe(unsure), clause, unsure[0].kind)
        if cascade is not None:
            yield cascade
    for item in absent:
        if item not in unsure:
            yield _missing(item)


def _approved_documents(absent: list[_Absent]) -> str:
    return listing([f"the approved {a.what}" for a in absent])


def _process_documentation(absent: list[_Absent]) -> str:
    if len(absent) > 4:  # a long list says nothing the count does not
        return f"the documentation of {len(absent)} processes"
    names = listing([a.what.split(" the ", 1)[1].removesuffix(" process") for a in absent])
    return f"the documentation of the {names} process{'es' if len(absent) > 1 else ''}"


def _missing(item: _Absent) -> Hit:
    """A draft (or an unusable status) is named at its status, since approving it is the
    quick fix; else a repository-wide hit."""
    pending = [a for a in item.found if not a.approved]
    if pending:
        names = listing([named(a) for a in pending], "or")
        return Hit(
            f"no approved {item.what}: {names} {_is(pending)} not approved; have it approved "
            "and set status: approved with approved_by and approved_on",
            pending[0],
            at=("status",),
            clause=item.clause,
        )
    if item.untyped:  # perhaps it, with its type misspelt or left out: the fix is there
        first = item.untyped[0]
        wanted = item.how.rpartition(", ")[2]
        others = listing([named(a) for a in item.untyped[1:]], "or")
        also = f" (or {others})" if others else ""
        return Hit(
            f"no approved {item.what}: {named(first)}{also} gives no usable {item.typed_by}; "
            f"if it is the {item.what}, set {wanted}, else write one ({item.how})",
            first,
            at=(item.typed_by,) if first.written(item.typed_by) else ("status",),
            clause=item.clause,
            about=((item.typed_by,),),
        )
    return Hit(
        f"no approved {item.what}: write one ({item.how}) and have it approved",
        None,
        clause=item.clause,
    )


def processes_documented(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Every process of the framework has an approved process artifact with KPIs that can
    be measured: a name, a numeric target and a unit each."""
    processes = current(ctx.of_kind("process"))
    odd = untyped(processes, "process")
    absent: list[_Absent] = []
    for name, clauses in ctx.framework.value_clauses.get("process", {}).items():
        clause = clauses[0] if clauses else rule.clause
        documented = [a for a in processes if a.text("process") == name]
        approved = [a for a in documented if a.approved]
        if approved:
            yield from _kpi_hits(name, clause, approved)
        else:
            how = f"kind: process, process: {name}, with at least one KPI"
            what = f"process artifact documents the {name} process"
            absent.append(_Absent(what, how, clause, documented, odd, "process", "process"))
    yield from _report_absent(ctx, absent, _process_documentation)


def _kpi_hits(name: str, clause: str, approved: list[Artifact]) -> Iterator[Hit]:
    """Each KPI lacking what it takes to be measured, and each artifact with no KPI. When
    the process keeps at least one measurable KPI the lapse is isolated."""
    measured = any(_complete_kpis(a) for a in approved)
    grade = "isolated" if measured else None
    for process in approved:
        where = f"the {name} process ({named(process)})"
        entries = process.data.get("kpis")
        if not isinstance(entries, list) or not entries:
            yield Hit(
                f"{where} has no KPI: add kpis with at least one entry giving its name, a "
                "numeric target and a unit",
                process,
                at=("kpis",) if process.written("kpis") else ("process",),
                clause=clause,
                about=(("kpis",),),
                grade=grade,
            )
            continue
        for index, kpi in enumerate(entries):
            yield from _kpi_hit(process, where, index, kpi, clause, grade)


def _kpi_hit(
    process: Artifact, where: str, index: int, kpi: Any, clause: str, grade: str | None
) -> Iterator[Hit]:
    missing = lacking(process, kpi, _KPI_FIELDS)
    if not missing:
        return
    path = ("kpis", index)
    what, fixes = lacking_words(missing)
    yield Hit(
        f"{item_label('KPI', kpi, index)} of {where} has no {what}: add {fixes}",
        process,
        at=entry_place(process, path, missing),
        clause=clause,
        about=tuple((*path, f) for f in missing) if isinstance(kpi, dict) else (path,),
        grade=grade,
    )


def _complete_kpis(process: Artifact) -> bool:
    return any(not lacking(process, kpi, _KPI_FIELDS) for _, kpi in process.items("kpis"))


def _typed(policies: list[Artifact], policy_type: str) -> list[Artifact]:
    return [p for p in policies if p.text("policy_type") == policy_type]


def _is(artifacts: list[Artifact]) -> str:
    return "is" if len(artifacts) == 1 else "are"
