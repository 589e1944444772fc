"""Clauses 8.3.3 and 8.3.4: live services have measurable SLAs; suppliers are under control.

Retired artifacts are history: never checked. A reference that does not resolve is SMS018's
finding, so these checks stay silent about it. A missing or unusable field they need is
theirs (the schema's finding about it folds into theirs through ``about``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.service_dependencies import excluded_ids
from sms_lint.checks.wording import (
    current,
    entry_place,
    item_label,
    lacking,
    lacking_words,
    listing,
    named,
)
from sms_lint.config.pack import Rule
from sms_lint.facts import add_months
from sms_lint.model import Artifact
from sms_lint.parse.placeholders import marker_pattern

_TARGET_FIELDS = ("metric", "target", "unit", "comparator")


def service_sla(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Every live service has an SLA agreed for it, with measurable targets (one the scope
    excludes needs none, but an SLA it names is judged like any other)."""
    checked: set[str] = set()
    excluded = excluded_ids(ctx)
    for service in current(ctx.of_kind("service")):
        if service.text("service_status") != "live":
            continue
        if service.data.get("sla") is None:
            if (service.id or "").strip() not in excluded:  # outside the SMS: none needed
                yield _no_sla(service)
            continue
        sla = ctx.by_id.get(service.text("sla") or "")
        if sla is None or sla.kind != "sla":
            continue  # SMS018 reports the dangling reference
        yield from _sla_for_service(service, sla, marker_pattern(ctx.config.placeholders))
        if sla.status != "retired" and sla.path not in checked:
            checked.add(sla.path)
            yield from _sla_targets(sla, named(service))


def _no_sla(service: Artifact) -> Hit:
    """At ``sla`` when the file writes one the schema rejected, else at the status that makes
    the SLA necessary."""
    how = f"kind: sla, service: {service.id}" if service.id else "kind: sla"
    return Hit(
        f"live service {named(service)} has no SLA: agree a service level agreement with its "
        f"customers ({how}) and set sla to its id",
        service,
        at=("sla",) if service.written("sla") else ("service_status",),
        about=(("sla",),),
    )


def _sla_for_service(service: Artifact, sla: Artifact, markers: re.Pattern[str]) -> Iterator[Hit]:
    sla_name, label = named(sla), named(service)
    if sla.status == "retired":
        yield Hit(
            f"SLA {sla_name} is retired, so live service {label} has no current SLA: agree "
            "a new SLA for it and point sla at it",
            service,
            at=("sla",),
        )
        return
    covered = sla.text("service")
    if covered is not None and markers.search(covered):
        return  # the SLA's service is still a placeholder: SMS027's finding, in the SLA
    if covered is not None and service.id is not None and covered != service.id:
        yield Hit(
            f"SLA {sla_name} is the agreement for '{covered}', not for {label}: point sla at "
            f"the SLA of {label}, or correct service in {sla.path} if it is meant for it",
            service,
            at=("sla",),
        )


def _sla_targets(sla: Artifact, service_label: str) -> Iterator[Hit]:
    """One hit per target that cannot be measured. One weak target among measurable ones is
    an isolated lapse; when none can be measured the service has no agreed level at all."""
    entries = sla.data.get("targets")
    if not isinstance(entries, list) or not entries:
        yield Hit(
            f"SLA {named(sla)} has no targets: agree measurable targets for live service "
            f"{service_label}, each with a metric, a numeric target, a unit and a comparator",
            sla,
            at=("targets",) if sla.written("targets") else ("service",),
            about=(("targets",),),
        )
        return
    weak = [(i, t, m) for i, t in enumerate(entries) if (m := lacking(sla, t, _TARGET_FIELDS))]
    grade = "isolated" if len(weak) < len(entries) else None
    for index, target, missing in weak:
        yield _weak_target(sla, index, target, missing, grade)


def _weak_target(
    sla: Artifact, index: int, target: Any, missing: list[str], grade: str | None
) -> Hit:
    path = ("targets", index)
    what, fixes = lacking_words(missing)
    return Hit(
        f"{item_label('target', target, index)} of {named(sla)} is not measurable: it has "
        f"no {what}; add {fixes}",
        sla,
        at=entry_place(sla, path, missing),
        about=tuple((*path, f) for f in missing) if isinstance(target, dict) else (path,),
        grade=grade,
    )


def supplier_control(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """A supplier's contract (an internal supplier's internal agreement, which may have no
    end date) is in force and its performance was reviewed recently. How much a lapse weighs
    depends on the services the supplier supports."""
    months = ctx.config.intervals.supplier_review_months
    for supplier in current(ctx.of_kind("supplier")):
        live, retired_only = _supported(ctx, supplier)
        who = _supplier_name(supplier)
        if live:
            plural = "s" if len(live) > 1 else ""
            serving = f", yet it supports live service{plural} {listing(live)}"
        else:
            serving = " (it supports only retired services)" if retired_only else ""
        internal = supplier.text("supplier_type") == "internal"
        contract_end = supplier.date("contract_end")
        if contract_end is not None and contract_end < ctx.today:
            unbound = _left_unbound(ctx, supplier, live)
            grade = "live" if unbound else "retired" if retired_only else None
            if live and not unbound:
                serving += ", each also supported by a supplier under contract"
            elif len(unbound) < len(live):
                # Name which of its live services nothing else binds (all of them: no need).
                serving += f", and no other supplier under contract supports {listing(unbound)}"
            yield _ended(supplier, f"{who} ended on {contract_end}{serving}", internal, grade)
        reviewed = supplier.date("last_performance_review")
        # Due ``months`` after the review (as sms-lint due lists it), overdue the day after.
        if reviewed is not None and add_months(reviewed, months) < ctx.today:
            agreement = "internal agreement" if internal else "contract"
            yield Hit(
                f"the performance of {who} was last reviewed on {reviewed}, more than the "
                f"planned interval of {months} months (intervals.supplier_review_months) "
                f"ago{serving}: review it against the {agreement}'s targets and set "
                "last_performance_review to the date of that review",
                supplier,
                at=("last_performance_review",),
                grade="retired" if retired_only else None,
            )


def _ended(supplier: Artifact, ended: str, internal: bool, grade: str | None) -> Hit:
    """The contract (or an internal supplier's internal agreement) has ended. An internal
    agreement may be open-ended, so removing its end date is a fix too."""
    if internal:
        message = (
            f"the internal agreement with {ended}: renew it and set "
            "contract_end to the new end date (or remove contract_end if the agreement is now "
            "open-ended), or end the arrangement and retire this supplier (status: retired)"
        )
    else:
        message = (
            f"the contract with {ended}: renew it and set "
            "contract_end to the new end date, or end the relationship and retire this "
            "supplier (status: retired)"
        )
    return Hit(message, supplier, at=("contract_end",), grade=grade)


def _supported(ctx: Context, supplier: Artifact) -> tuple[list[str], bool]:
    """The quoted ids of the live services the supplier supports, and whether every service
    it supports is known and retired (an unknown id is SMS018's finding: no lower grade)."""
    live: list[str] = []
    retired = 0
    ids = [value for _, value in supplier.strings("supports")]
    for service_id in ids:
        service = ctx.by_id.get(service_id)
        if service is None or service.kind != "service":
            continue
        if service.status == "retired" or service.text("service_status") == "retired":
            retired += 1
        elif service.text("service_status") == "live":
            live.append(f"'{service_id}'")
    return live, bool(ids) and retired == len(ids)


def _left_unbound(ctx: Context, supplier: Artifact, live: list[str]) -> list[str]:
    """The live services the supplier supports that no other supplier binds: then the lapse
    leaves them unbound (major), not an isolated one. Only an approved supplier whose contract
    is in force binds a service: a draft supplier has no agreement yet."""
    bound: set[str] = set()
    for other in current(ctx.of_kind("supplier")):
        ends = other.date("contract_end")
        if other is supplier or other.status != "approved":
            continue
        if ends is not None and ends < ctx.today:
            continue
        bound.update(value for _, value in other.strings("supports"))
    return [quoted for quoted in live if quoted.strip("'") not in bound]


def _supplier_name(supplier: Artifact) -> str:
    """``'Pennine Fibre' (SUP-PENNINE)``: the name people know, then the id."""
    name = supplier.text("supplier_name")
    if name is None:
        return named(supplier)
    return f"'{name}' ({supplier.id})" if supplier.id else f"'{name}'"
