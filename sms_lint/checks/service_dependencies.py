"""SMS039 and SMS040 (clauses 8.2.4 and 8.3.4): what services and suppliers rest on is live.

A live service that depends on a retired or pipeline service rests on something nobody
delivers now (or the catalogue is out of date); a supplier that supports only retired services
supports nothing delivered. A dependency or supported id that names no service is SMS018's
finding, so these checks stay silent about it.
"""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.wording import current, listing, named
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact


def lifecycle(service: Artifact) -> str | None:
    """``live``, ``pipeline`` or ``retired`` (a retired document is a retired service, whatever
    its service_status says); None when the service gives no usable state (the schema's
    finding)."""
    if service.status == "retired":
        return "retired"
    state = service.text("service_status")
    return state if state in ("live", "pipeline", "retired") else None


def live_services(ctx: Context) -> list[Artifact]:
    """The services delivered now, in path order, each with an id."""
    return [s for s in ctx.of_kind("service") if s.id and lifecycle(s) == "live"]


def excluded_ids(ctx: Context) -> set[str]:
    """Ids an approved scope names in ``excluded_services``: delivered, but outside the SMS."""
    return {
        ident.strip()
        for scope in ctx.of_kind("scope")
        if scope.approved
        for _, ident in scope.strings("excluded_services")
    }


def sms_services(ctx: Context) -> list[Artifact]:
    """The live services the SMS covers: every live one the scope does not exclude."""
    excluded = excluded_ids(ctx)
    return [s for s in live_services(ctx) if (s.id or "").strip() not in excluded]


def service_dependencies(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One hit per ``depends_on`` entry of a live service that names a retired or pipeline
    service, at that entry."""
    for service in live_services(ctx):
        for index, ident in service.strings("depends_on"):
            target = ctx.by_id.get(ident.strip())
            if target is None or target.kind != "service" or target is service:
                continue
            state = lifecycle(target)
            if state == "retired":
                what = (
                    "which is retired: remove it from depends_on, or name the live service "
                    "that took its place"
                )
            elif state == "pipeline":
                what = (
                    "which is still in the pipeline (service_status: pipeline), so it is not "
                    "delivered yet: remove it from depends_on until it goes live, or set its "
                    "service_status to live if it is delivered now"
                )
            else:
                continue
            yield Hit(
                f"live service {named(service)} depends on '{ident.strip()}' ({target.path}), "
                f"{what}",
                service,
                at=("depends_on", index),
            )


def supplier_retired_services(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """A current supplier whose ``supports`` names only retired services, at ``supports``.
    When its contract has ended SMS011 already says to retire it: no second finding."""
    for supplier in current(ctx.of_kind("supplier")):
        # Each service once, in the order written: a repeated entry is one service.
        ids = list(dict.fromkeys(v.strip() for _, v in supplier.strings("supports") if v.strip()))
        services = [ctx.by_id.get(i) for i in ids]
        if not ids or any(s is None or s.kind != "service" for s in services):
            continue  # an unknown id is SMS018's finding; a supplier of nothing, the schema's
        if any(lifecycle(s) != "retired" for s in services if s is not None):
            continue
        ended = supplier.date("contract_end")
        if ended is not None and ended < ctx.today:
            continue
        plural = "s" if len(ids) > 1 else ""
        quoted = listing([f"'{i}'" for i in ids])
        yield Hit(
            f"supplier {_name(supplier)} supports only retired service{plural} "
            f"{quoted}: retire the supplier (status: retired) if the "
            "relationship has ended, or list under supports the services it supports now",
            supplier,
            at=("supports",),
        )


def _name(supplier: Artifact) -> str:
    name = supplier.text("supplier_name")
    if name is None:
        return named(supplier)
    return f"'{name.strip()}' ({supplier.id})" if supplier.id else f"'{name.strip()}'"
