"""SMS008-SMS011: core documents, processes, services with SLAs, suppliers (clauses 4.3-8)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import EXAMPLE, found
from sms_texts import APPROVED_HEADER

PROCESS_CLAUSES = {
    "service-catalogue": "8.2.4",
    "asset": "8.2.5",
    "configuration": "8.2.6",
    "business-relationship": "8.3.2",
    "service-level": "8.3.3",
    "supplier": "8.3.4",
    "budgeting-accounting": "8.4.1",
    "demand": "8.4.2",
    "capacity": "8.4.3",
    "change": "8.5.1",
    "service-design-transition": "8.5.2",
    "release-deployment": "8.5.3",
    "incident": "8.6.1",
    "service-request": "8.6.2",
    "problem": "8.6.3",
    "availability": "8.7.1",
    "continuity": "8.7.2",
    "information-security": "8.7.3",
}

KPI = "  - {name: Share on time, target: 90, unit: percent}\n"
TARGET = '  - {metric: availability, target: 99.9, unit: percent, comparator: ">="}\n'


def put(write: Callable, path: str, kind: str, art_id: str, body: str, status: str) -> None:
    write(path, APPROVED_HEADER.format(id=art_id, kind=kind, status=status) + body)


def scope(write: Callable, path: str, art_id: str, status: str = "approved") -> None:
    put(write, path, "scope", art_id, "services: [SVC-PAY]\nlocations: [Leeds]\n", status)


def policy(write: Callable, policy_type: str, art_id: str, status: str = "approved") -> None:
    body = f"policy_type: {policy_type}\ncommitments: [Meet agreed service levels]\n"
    put(write, f"policies/{policy_type}.yaml", "policy", art_id, body, status)


def process(write: Callable, name: str, status: str = "approved", kpis: str = KPI) -> None:
    body = f"process: {name}\nkpis:\n{kpis}"
    put(write, f"processes/{name}.yaml", "process", f"PRC-{name.upper()}", body, status)


def service(
    write: Callable, art_id: str, sla: str | None, state: str = "live", status: str = "approved"
) -> None:
    body = (
        f"name: {art_id}\ndescription: A service\nservice_status: {state}\ncustomers: [Kestrel]\n"
    )
    body += f"sla: {sla}\n" if sla else ""
    put(write, f"services/{art_id.lower()}.yaml", "service", art_id, body, status)


def sla(
    write: Callable, art_id: str, for_service: str, targets: str = "", status: str = "approved"
) -> None:
    """``targets`` follows ``targets:`` on its line; by default one measurable target."""
    body = f"service: {for_service}\ncustomer: Kestrel\ntargets:{targets or chr(10) + TARGET}"
    put(write, f"slas/{art_id.lower()}.yaml", "sla", art_id, body, status)


def supplier(write: Callable, contract_end: str, reviewed: str, status: str = "approved") -> None:
    body = (
        "supplier_name: Pennine Fibre\nsupports: [SVC-PAY]\ncontract_ref: PFN-1\n"
        f"contract_end: {contract_end}\ntargets:\n{TARGET}last_performance_review: {reviewed}\n"
    )
    put(write, "suppliers/pennine.yaml", "supplier", "SUP-PENNINE", body, status)


# SMS008 core-documents


def core_documents(write: Callable) -> None:
    scope(write, "scope.yaml", "SCOPE")
    for number, policy_type in enumerate(
        ("service-management", "change-management", "information-security"), 1
    ):
        policy(write, policy_type, f"POL-00{number}")


def test_core_documents_present(write: Callable, tmp_path: Path, check_json) -> None:
    core_documents(write)
    scope(write, "old-scope.yaml", "SCOPE-OLD", status="retired")  # history does not count
    _, report = check_json(tmp_path)
    assert found(report, "SMS008") == []


def test_core_documents_missing(write: Callable, tmp_path: Path, check_json) -> None:
    policy(write, "change-management", "POL-002", status="draft")
    scope(write, "scope.yaml", "SCOPE", status="retired")  # retired is as good as absent
    _, report = check_json(tmp_path)
    by_clause = sorted(found(report, "SMS008"), key=lambda finding: finding[3])
    assert by_clause == [
        (
            None,
            None,
            "SMS008",
            "4.3",
            "no approved scope of the SMS: write one (kind: scope) and have it approved",
        ),
        (
            None,
            None,
            "SMS008",
            "5.2",
            "no approved service-management policy: write one (kind: policy, policy_type: "
            "service-management) and have it approved",
        ),
        (  # the draft is named at its status: approving it is the fix
            "policies/change-management.yaml",
            5,
            "SMS008",
            "8.5.1.1",
            "no approved change-management policy: 'POL-002' is not approved; have it "
            "approved and set status: approved with approved_by and approved_on",
        ),
        (
            None,
            None,
            "SMS008",
            "8.7.3.1",
            "no approved information-security policy: write one (kind: policy, policy_type: "
            "information-security) and have it approved",
        ),
    ]


def test_second_approved_scope(write: Callable, tmp_path: Path, check_json) -> None:
    core_documents(write)
    scope(write, "z-scope.yaml", "SCOPE-2")
    _, report = check_json(tmp_path)
    assert found(report, "SMS008") == [
        (
            "z-scope.yaml",
            5,
            "SMS008",
            "4.3",
            "a second approved scope of the SMS: 'SCOPE' (scope.yaml) is already approved; "
            "retire this one (status: retired) or merge the two into one",
        )
    ]


def test_second_approved_service_management_policy(
    write: Callable, tmp_path: Path, check_json
) -> None:
    core_documents(write)
    body = "policy_type: service-management\ncommitments: [Continual improvement]\n"
    put(write, "policies/sm-2.yaml", "policy", "POL-SM2", body, "approved")
    _, report = check_json(tmp_path)
    assert found(report, "SMS008") == [
        (
            "policies/sm-2.yaml",
            5,
            "SMS008",
            "5.2",
            "a second approved service-management policy: 'POL-001' "
            "(policies/service-management.yaml) is already approved; "
            "retire this one (status: retired) or merge the two into one",
        )
    ]


# SMS009 processes-documented


def test_every_process_documented(write: Callable, tmp_path: Path, check_json) -> None:
    for name in PROCESS_CLAUSES:
        process(write, name)
    _, report = check_json(tmp_path)
    assert found(report, "SMS009") == []


def test_missing_draft_and_kpi_less_processes(write: Callable, tmp_path: Path, check_json) -> None:
    for name in PROCESS_CLAUSES:
        if name not in ("demand", "incident", "problem"):
            process(write, name)
    process(write, "incident", status="draft")
    process(write, "problem", kpis="  - {name: Known errors recorded, unit: percent}\n")
    _, report = check_json(tmp_path)
    assert found(report, "SMS009") == [
        (
            None,
            None,
            "SMS009",
            "8.4.2",
            "no approved process artifact documents the demand process: write one (kind: "
            "process, process: demand, with at least one KPI) and have it approved",
        ),
        (
            "processes/incident.yaml",
            5,
            "SMS009",
            "8.6.1",
            "no approved process artifact documents the incident process: 'PRC-INCIDENT' is "
            "not approved; have it approved and set status: approved with approved_by and "
            "approved_on",
        ),
        (  # at the KPI that lacks its target, named by its name
            "processes/problem.yaml",
            12,
            "SMS009",
            "8.6.3",
            "KPI 'Known errors recorded' of the problem process ('PRC-PROBLEM') has no "
            "numeric target: add target (a number)",
        ),
    ]


def test_deleting_the_demand_process_from_the_example(tmp_path: Path, check_json) -> None:
    repo = tmp_path / "sms"
    shutil.copytree(EXAMPLE, repo)
    (repo / "processes" / "prc-08-demand.md").unlink()
    code, report = check_json(repo)
    assert code == 1
    hits = [f for f in report["findings"] if f["rule"] == "SMS009"]
    assert [(f["clause"], f["path"], f["line"], f["severity"]) for f in hits] == [
        ("8.4.2", None, None, "major")
    ]
    assert hits[0]["message"].startswith(
        "no approved process artifact documents the demand process"
    )


# SMS010 service-sla


def test_live_services_with_their_slas(write: Callable, tmp_path: Path, check_json) -> None:
    service(write, "SVC-PAY", "SLA-PAY")
    sla(write, "SLA-PAY", "SVC-PAY")
    service(write, "SVC-NEW", None, state="pipeline")  # not live yet: no SLA needed
    service(write, "SVC-OLD", None, status="retired")  # retired: never checked
    service(write, "SVC-GHOST", "SLA-NOWHERE")  # dangling: SMS018's finding
    _, report = check_json(tmp_path)
    assert found(report, "SMS010") == []


def test_live_service_without_sla(write: Callable, tmp_path: Path, check_json) -> None:
    service(write, "SVC-PAY", None)
    _, report = check_json(tmp_path)
    assert found(report, "SMS010") == [
        (
            "services/svc-pay.yaml",
            12,
            "SMS010",
            "8.3.3",
            "live service 'SVC-PAY' has no SLA: agree a service level agreement with its "
            "customers (kind: sla, service: SVC-PAY) and set sla to its id",
        )
    ]


def test_sla_of_another_service(write: Callable, tmp_path: Path, check_json) -> None:
    service(write, "SVC-PAY", "SLA-HOST")
    service(write, "SVC-HOST", "SLA-HOST")
    sla(write, "SLA-HOST", "SVC-HOST")
    _, report = check_json(tmp_path)
    assert found(report, "SMS010") == [
        (
            "services/svc-pay.yaml",
            14,
            "SMS010",
            "8.3.3",
            "SLA 'SLA-HOST' is the agreement for 'SVC-HOST', not for 'SVC-PAY': point sla at "
            "the SLA of 'SVC-PAY', or correct service in slas/sla-host.yaml if it is meant for it",
        )
    ]


def test_sla_targets_not_measurable(write: Callable, tmp_path: Path, check_json) -> None:
    service(write, "SVC-PAY", "SLA-PAY")
    targets = "\n" + TARGET + "  - metric: latency\n    target: fast\n"
    sla(write, "SLA-PAY", "SVC-PAY", targets=targets)
    service(write, "SVC-HOST", "SLA-HOST")
    sla(write, "SLA-HOST", "SVC-HOST", targets=" []\n")
    _, report = check_json(tmp_path)
    assert found(report, "SMS010") == [
        (
            "slas/sla-host.yaml",
            12,
            "SMS010",
            "8.3.3",
            # the schema's finding about the empty list is folded into this one
            "SLA 'SLA-HOST' has no targets: agree measurable targets for live service "
            "'SVC-HOST', each with a metric, a numeric target, a unit and a comparator",
        ),
        (  # named by its metric, at the value the schema rejected
            "slas/sla-pay.yaml",
            15,
            "SMS010",
            "8.3.3",
            'targets (latency).target must be a number (got "fast"); '
            "target 'latency' of 'SLA-PAY' is not measurable: it has no numeric target, unit "
            "or comparator; add target (a number), unit (e.g. percent) and comparator (>=, <= "
            "or =)",
        ),
    ]


def test_retired_sla(write: Callable, tmp_path: Path, check_json) -> None:
    service(write, "SVC-PAY", "SLA-PAY")
    sla(write, "SLA-PAY", "SVC-PAY", targets=" []\n", status="retired")
    _, report = check_json(tmp_path)
    assert found(report, "SMS010") == [
        (
            "services/svc-pay.yaml",
            14,
            "SMS010",
            "8.3.3",
            "SLA 'SLA-PAY' is retired, so live service 'SVC-PAY' has no current SLA: agree a "
            "new SLA for it and point sla at it",
        )
    ]


# SMS011 supplier-control


def test_supplier_under_control(write: Callable, tmp_path: Path, check_json) -> None:
    supplier(write, contract_end="2026-11-22", reviewed="2025-11-22")  # both on the limit
    _, report = check_json(tmp_path)
    assert found(report, "SMS011") == []


def test_supplier_expired_and_not_reviewed(write: Callable, tmp_path: Path, check_json) -> None:
    supplier(write, contract_end="2026-06-30", reviewed="2025-02-01")
    _, report = check_json(tmp_path)
    assert found(report, "SMS011") == [
        (
            "suppliers/pennine.yaml",
            13,
            "SMS011",
            "8.3.4",
            "the contract with 'Pennine Fibre' (SUP-PENNINE) ended on 2026-06-30: renew it and "
            "set contract_end to the new end date, or end the relationship and retire this "
            "supplier (status: retired)",
        ),
        (
            "suppliers/pennine.yaml",
            16,
            "SMS011",
            "8.3.4",
            "the performance of 'Pennine Fibre' (SUP-PENNINE) was last reviewed on 2025-02-01, "
            "more than the planned interval of 12 months (intervals.supplier_review_months) "
            "ago: review it against the contract's targets and set last_performance_review to "
            "the date of that review",
        ),
    ]


def test_review_one_day_too_old(write: Callable, tmp_path: Path, check_json) -> None:
    supplier(write, contract_end="2027-01-31", reviewed="2025-11-21")
    _, report = check_json(tmp_path)
    assert [f[1] for f in found(report, "SMS011")] == [16]


def test_retired_supplier_not_checked(write: Callable, tmp_path: Path, check_json) -> None:
    supplier(write, contract_end="2024-06-30", reviewed="2023-02-01", status="retired")
    _, report = check_json(tmp_path)
    assert found(report, "SMS011") == []


def test_example_repository_passes_the_operation_rules(check_json) -> None:
    _, report = check_json(EXAMPLE)
    rules = ("SMS008", "SMS009", "SMS010", "SMS011")
    assert [f for f in report["findings"] if f["rule"] in rules] == []
