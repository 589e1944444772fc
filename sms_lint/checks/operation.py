"""Clauses 4.3, 5.2 and 8: core documents, processes, services and suppliers.

Retired artifacts are history: they never satisfy a requirement and are never checked. A
reference that does not resolve is SMS018's finding and a missing field SMS001's, so these
checks stay silent about both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.facts import add_months
from sms_lint.model import Artifact
from sms_lint.pack import Rule

# Policies that must exist besides the service management policy, with their clauses.
_REQUIRED_POLICIES = (("change-management", "8.5.1.1"), ("information-security", "8.7.3.1"))
_COMPARATORS = frozenset({">=", "<=", "="})


def core_documents(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One approved scope, one approved service management policy, the two other policies."""
    scopes = _current(ctx.of_kind("scope"))
    yield from _exactly_one(scopes, "scope of the SMS", "kind: scope", "4.3")
    policies = _current(ctx.of_kind("policy"))
    yield from _exactly_one(
        _typed(policies, "service-management"),
        "service-management policy",
        "kind: policy, policy_type: service-management",
        "5.2",
    )
    for policy_type, clause in _REQUIRED_POLICIES:
        typed = _typed(policies, policy_type)
        if not any(p.approved for p in typed):
            yield _missing(typed, f"{policy_type} policy", f"policy_type: {policy_type}", clause)


def _exactly_one(found: list[Artifact], what: str, how: str, clause: str) -> Iterator[Hit]:
    approved = [a for a in found if a.approved]
    if not approved:
        yield _missing(found, what, how, clause)
        return
    first = approved[0]
    for extra in approved[1:]:
        yield Hit(
            f"a second approved {what}: {_name(first)} ({first.path}) is already approved; "
            "retire this one or merge the two",
            extra,
            at=("status",),
            clause=clause,
        )


def _missing(found: list[Artifact], what: str, how: str, clause: str) -> Hit:
    """A repository-wide hit; drafts are named, since approving one is the quick fix."""
    drafts = [_name(a) for a in found if a.status == "draft"]
    if drafts:
        return Hit(
            f"the {what} exists only as draft ({', '.join(drafts)}): approve it",
            None,
            clause=clause,
        )
    return Hit(f"no approved {what}: write it ({how}) and approve it", None, clause=clause)


def processes_documented(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Every process of the framework has an approved process artifact with a KPI."""
    processes = _current(ctx.of_kind("process"))
    for name, clauses in ctx.framework.value_clauses.get("process", {}).items():
        clause = clauses[0] if clauses else rule.clause
        documented = [a for a in processes if a.text("process") == name]
        approved = [a for a in documented if a.approved]
        if not approved:
            drafts = [_name(a) for a in documented if a.status == "draft"]
            advice = (
                f"approve {', '.join(drafts)}"
                if drafts
                else f"add one with process: {name} and at least one KPI"
            )
            yield Hit(
                f"no approved process artifact documents the {name} process: {advice}",
                None,
                clause=clause,
            )
        elif not any(_has_kpi(a) for a in approved):
            yield Hit(
                f"the {name} process has no KPI: give kpis at least one entry with a name, "
                "a numeric target and a unit",
                approved[0],
                at=("kpis",),
                clause=clause,
            )


def _has_kpi(process: Artifact) -> bool:
    return any(process.number("target", kpi) is not None for _, kpi in process.items("kpis"))


def service_sla(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Every live service has an SLA agreed for it, with measurable targets."""
    checked: set[str] = set()
    for service in _current(ctx.of_kind("service")):
        if service.text("service_status") != "live":
            continue
        label = _name(service)
        if service.data.get("sla") is None:
            yield Hit(
                f"live service {label} has no SLA: agree one and set sla to its id",
                service,
                at=("service_status",),
            )
            continue
        sla = ctx.by_id.get(service.text("sla") or "")
        if sla is None or sla.kind != "sla":
            continue  # SMS018 reports the dangling reference
        yield from _sla_for_service(service, sla)
        if sla.status != "retired" and sla.path not in checked:
            checked.add(sla.path)
            yield from _sla_targets(sla, label)


def _sla_for_service(service: Artifact, sla: Artifact) -> Iterator[Hit]:
    sla_name, label = _name(sla), _name(service)
    if sla.status == "retired":
        yield Hit(
            f"{sla_name} is retired: agree a current SLA for live service {label} "
            "and point sla at it",
            service,
            at=("sla",),
        )
        return
    covered = sla.text("service")
    if covered is not None and service.id is not None and covered != service.id:
        yield Hit(
            f"{sla_name} is the agreement for {covered}, not {label}: "
            f"point sla at the SLA of {label}",
            service,
            at=("sla",),
        )


def _sla_targets(sla: Artifact, service_label: str) -> Iterator[Hit]:
    targets = sla.data.get("targets")
    if targets is None or targets == []:
        yield Hit(
            f"{_name(sla)} has no targets: agree measurable targets for live service "
            f"{service_label}",
            sla,
            at=("targets",),
        )
        return
    if not isinstance(targets, list):
        return  # a schema finding
    for index, target in enumerate(targets):
        lacking = _unmeasurable(sla, target)
        if lacking:
            yield Hit(
                f"target {index + 1} of {_name(sla)} is not measurable (no {', '.join(lacking)}):"
                " give it a metric, a numeric target, a unit and a comparator",
                sla,
                at=("targets", index),
            )


def _unmeasurable(sla: Artifact, target: Any) -> list[str]:
    """What a target lacks to be measured: its metric, numeric target, unit, comparator."""
    if not isinstance(target, dict):
        return ["metric", "numeric target", "unit", "comparator"]
    lacking = []
    if sla.text("metric", target) is None:
        lacking.append("metric")
    if sla.number("target", target) is None:
        lacking.append("numeric target")
    if sla.text("unit", target) is None:
        lacking.append("unit")
    if sla.text("comparator", target) not in _COMPARATORS:
        lacking.append("comparator")
    return lacking


def supplier_control(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """A supplier's contract is in force and its performance was reviewed recently."""
    months = _positive_int(rule.params.get("review_months"), 12)
    oldest_review = add_months(ctx.today, -months)
    for supplier in _current(ctx.of_kind("supplier")):
        contract_end = supplier.date("contract_end")
        if contract_end is not None and contract_end < ctx.today:
            yield Hit(
                f"contract expired on {contract_end}: renew it or end the supplier relationship",
                supplier,
                at=("contract_end",),
            )
        reviewed = supplier.date("last_performance_review")
        if reviewed is not None and reviewed < oldest_review:
            yield Hit(
                f"supplier performance last reviewed on {reviewed}, more than {months} months "
                "ago: review it and record last_performance_review",
                supplier,
                at=("last_performance_review",),
            )


def _current(artifacts: list[Artifact]) -> list[Artifact]:
    return [a for a in artifacts if a.status != "retired"]


def _typed(policies: list[Artifact], policy_type: str) -> list[Artifact]:
    return [p for p in policies if p.text("policy_type") == policy_type]


def _name(artifact: Artifact) -> str:
    """The artifact's id, or its path when the id is missing (a schema finding)."""
    return artifact.id or artifact.path


def _positive_int(value: Any, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return default
