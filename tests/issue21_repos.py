"""Builders for the issue 21 rule tests (services, plans, scope and agreements): small YAML and
Markdown artifacts whose own fields start on line 10, after the nine header lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from auditor_repos import header, markdown, only
from conftest import located
from sms_texts import SMS_MANAGER, roles_artifact


def service(art_id: str, state: str = "live", extra: str = "", status: str = "approved") -> str:
    """Lines 10-13: name, description, service_status, customers; ``extra`` from line 14."""
    return header(art_id, "service", status) + (
        f"name: {art_id} name\ndescription: A service\nservice_status: {state}\n"
        f"customers: [Kestrel]\n{extra}"
    )


def supplier(art_id: str, supports: str, extra: str = "", end: str = "2028-03-31") -> str:
    """Line 10 supplier_name, 11 supports, 12 contract_ref, 13 contract_end, 14
    last_performance_review, 15 targets: then ``extra`` (the targets' entries) from 16."""
    return header(art_id, "supplier") + (
        f"supplier_name: {art_id} Ltd\nsupports: [{supports}]\ncontract_ref: C-1\n"
        f"contract_end: {end}\nlast_performance_review: 2026-10-01\ntargets:\n"
        + (extra or '  - {metric: Availability, target: 99.9, unit: percent, comparator: ">="}\n')
    )


def sla(art_id: str, for_service: str, targets: str) -> str:
    """Line 10 service, 11 customer, 12 targets:, entries from 13."""
    return header(art_id, "sla") + f"service: {for_service}\ncustomer: Kestrel\ntargets:\n{targets}"


def plan(art_id: str, plan_type: str, front: str = "") -> str:
    """A Markdown plan: front matter from line 2 (header to line 10), plan_type on 11, then
    ``front`` from 12."""
    return markdown(header(art_id, "plan") + f"plan_type: {plan_type}\n{front}")


def scope(services: str) -> str:
    """Line 10 services, 11 locations."""
    return header("SCOPE-1", "scope") + f"services: [{services}]\nlocations: [Leeds]\n"


def run(
    write: Callable[..., Path],
    check_json: Callable[..., tuple[int, dict]],
    tmp_path: Path,
    rule: str,
    files: dict[str, str],
) -> list[tuple]:
    """Check ``files`` with only SMS001 and ``rule`` enabled: (path:line, rule, clause,
    severity, message) of both rules' findings."""
    only(write, rule)
    write("roles.yaml", roles_artifact(SMS_MANAGER))
    for name, text in files.items():
        write(name, text)
    _, report = check_json(tmp_path)
    return located(report, "SMS001", rule)
