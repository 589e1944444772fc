"""SMS041 (clauses 8.7.1 and 8.7.2): the continuity and availability plans cover every live
service, once they say which services they cover.

A plan may list the services it covers (``services``). A plan that lists none may cover them
all, and an SMS written before the field existed lists none anywhere: nothing is asked of a
kind of plan while one of its approved plans lists no services (that plan covers every
service). Once every approved plan of a kind lists services, every live service the scope does
not exclude (``excluded_services``) is listed by
at least one of them, and the finding for one that is not points at the ``services`` of the
first such plan, where it would be added.
"""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.service_dependencies import sms_services
from sms_lint.checks.wording import listing, named
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact

# The kinds of plan whose coverage is judged, with the clause each serves.
PLAN_CLAUSES = {"continuity": "8.7.2", "availability": "8.7.1"}


def plan_coverage(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One hit per live service and kind of plan (continuity, availability) that lists
    services without listing that one."""
    plans = [a for a in ctx.of_kind("plan") if a.approved]
    for plan_type, clause in PLAN_CLAUSES.items():
        of_kind = [p for p in plans if p.text("plan_type") == plan_type]
        listing_plans = [p for p in of_kind if covered_ids(p)]
        # A plan of the kind that lists no services covers them all: every service has one.
        if not listing_plans or len(listing_plans) < len(of_kind):
            continue
        covered = set().union(*(covered_ids(p) for p in listing_plans))
        for service in sms_services(ctx):
            if service.id is not None and service.id.strip() not in covered:
                yield _uncovered(service, plan_type, listing_plans, clause)


def covered_ids(plan: Artifact) -> set[str]:
    return {value.strip() for _, value in plan.strings("services") if value.strip()}


def _uncovered(service: Artifact, plan_type: str, plans: list[Artifact], clause: str) -> Hit:
    ident = (service.id or "").strip()
    if len(plans) == 1:
        where = f"{plan_type} plan {named(plans[0])} lists the services it covers, not it"
    else:
        where = f"the {plan_type} plans {listing([named(p) for p in plans])} list the "
        where += "services they cover, and none lists it"
    return Hit(
        f"live service '{ident}' ({service.path}) is in no {plan_type} plan: {where}; add "
        f"'{ident}' to services of the {plan_type} plan that covers it, or write "
        f"{'an' if plan_type[0] in 'aeiou' else 'a'} {plan_type} plan for it",
        plans[0],
        at=("services",),
        clause=clause,
    )
