"""SMS043 (clause 4.3): the scope's services are the services delivered.

Every live service is in the ``services`` of an approved scope, or in its
``excluded_services`` (delivered outside the SMS, as the scope statement says), and no retired
service is in either; a service both in and excluded is a contradiction to resolve. A
pipeline service may be in it or not: it is being designed and will be in the scope when it
goes live. Without an approved scope SMS008 reports the gap; an id that names no service is
SMS018's finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.service_dependencies import excluded_ids, lifecycle, live_services
from sms_lint.checks.wording import listing, named
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact


def scope_services(ctx: Context, rule: Rule) -> Iterator[Hit]:
    scopes = [a for a in ctx.of_kind("scope") if a.approved and a.strings("services")]
    if not scopes:
        return
    listed: set[str] = set()
    for scope in scopes:
        for field in ("services", "excluded_services"):
            yield from _retired_listed(ctx, scope, field)
        listed.update(ident.strip() for _, ident in scope.strings("services"))
    yield from _both(scopes, listed)
    names = listing([named(s) for s in scopes])
    excluded = excluded_ids(ctx)
    for service in live_services(ctx):
        ident = (service.id or "").strip()
        if ident not in listed and ident not in excluded:
            yield Hit(
                f"live service '{ident}' ({service.path}) is not in the scope of the SMS: add "
                f"'{ident}' to services in {names} (or to excluded_services, if it is "
                "delivered outside the SMS), or set its service_status to retired if it is no "
                "longer delivered",
                scopes[0],
                at=("services",),
            )


def _retired_listed(ctx: Context, scope: Artifact, field: str) -> Iterator[Hit]:
    where = "" if field == "services" else f" in {field}"
    why = "the SMS no longer delivers it" if field == "services" else "it is no longer delivered"
    for index, ident in scope.strings(field):
        target = ctx.by_id.get(ident.strip())
        if target is not None and target.kind == "service" and lifecycle(target) == "retired":
            yield Hit(
                f"the scope {named(scope)} lists '{ident.strip()}' ({target.path}){where}, "
                f"which is retired: remove it from {field} ({why})",
                scope,
                at=(field, index),
            )


def _both(scopes: list[Artifact], listed: set[str]) -> Iterator[Hit]:
    """A service the scope both covers and excludes: reported at the exclusion."""
    for scope in scopes:
        for index, ident in scope.strings("excluded_services"):
            if ident.strip() in listed:
                yield Hit(
                    f"'{ident.strip()}' is both in the scope's services and in "
                    f"excluded_services of {named(scope)}: keep it in one of the two",
                    scope,
                    at=("excluded_services", index),
                )
