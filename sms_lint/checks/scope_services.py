"""SMS043 (clause 4.3): the scope's services are the services delivered.

Every live service is in the ``services`` of an approved scope, and no retired service is. A
pipeline service may be in it or not: it is being designed and will be in the scope when it
goes live. Without an approved scope SMS008 reports the gap; an id that names no service is
SMS018's finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.service_dependencies import lifecycle, live_services
from sms_lint.checks.wording import listing, named
from sms_lint.config.pack import Rule


def scope_services(ctx: Context, rule: Rule) -> Iterator[Hit]:
    scopes = [a for a in ctx.of_kind("scope") if a.approved and a.strings("services")]
    if not scopes:
        return
    listed: set[str] = set()
    for scope in scopes:
        for index, ident in scope.strings("services"):
            listed.add(ident.strip())
            target = ctx.by_id.get(ident.strip())
            if target is not None and target.kind == "service" and lifecycle(target) == "retired":
                yield Hit(
                    f"the scope {named(scope)} lists '{ident.strip()}' ({target.path}), which "
                    "is retired: remove it from services (the SMS no longer delivers it)",
                    scope,
                    at=("services", index),
                )
    names = listing([named(s) for s in scopes])
    for service in live_services(ctx):
        ident = (service.id or "").strip()
        if ident not in listed:
            yield Hit(
                f"live service '{ident}' ({service.path}) is not in the scope of the SMS: add "
                f"'{ident}' to services in {names}, or set its service_status to retired if "
                "it is no longer delivered",
                scopes[0],
                at=("services",),
            )
