"""Issue 21, item 5: SMS043 scope-services (the scope lists the live services, no retired one),
SMS044 supplier-target-strength (a supplier's target carries the SLA's) and SMS045
sla-time-share (a time target says what share of cases it holds for)."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE, located
from issue21_repos import run, scope, service, sla, supplier

SERVICES = {
    "services/app.yaml": service("SVC-APP"),
    "services/net.yaml": service("SVC-NET"),
    "services/new.yaml": service("SVC-NEW", "pipeline"),
    "services/old.yaml": service("SVC-OLD", "retired"),
}


def test_the_example_sms_scope_and_agreements_agree(check_json) -> None:
    _, report = check_json(EXAMPLE, "--today", "2026-12-01")
    assert located(report, "SMS043", "SMS044", "SMS045") == []


def test_a_live_service_outside_the_scope_and_a_retired_one_inside_are_found(
    write, check_json, tmp_path: Path
) -> None:
    files = {**SERVICES, "scope.yaml": scope("SVC-APP, SVC-NEW, SVC-OLD")}
    assert run(write, check_json, tmp_path, "SMS043", files) == [
        (
            "scope.yaml:10",
            "SMS043",
            "4.3",
            "minor",
            "live service 'SVC-NET' (services/net.yaml) is not in the scope of the SMS: add "
            "'SVC-NET' to services in 'SCOPE-1' (or to excluded_services, if it is delivered "
            "outside the SMS), or set its service_status to retired if it is no longer delivered",
        ),
        (
            "scope.yaml:10",
            "SMS043",
            "4.3",
            "minor",
            "the scope 'SCOPE-1' lists 'SVC-OLD' (services/old.yaml), which is retired: remove "
            "it from services (the SMS no longer delivers it)",
        ),
    ]


def test_a_retired_entry_in_a_block_list_is_found_at_its_line(
    write, check_json, tmp_path: Path
) -> None:
    text = scope("SVC-APP").replace("services: [SVC-APP]", "services:\n  - SVC-APP\n  - SVC-NET")
    files = {**SERVICES, "scope.yaml": text.replace("  - SVC-NET", "  - SVC-NET\n  - SVC-OLD")}
    got = run(write, check_json, tmp_path, "SMS043", files)
    assert [(g[0], g[1]) for g in got] == [("scope.yaml:13", "SMS043")]


def test_without_an_approved_scope_nothing_is_examined(write, check_json, tmp_path: Path) -> None:
    draft = scope("SVC-OLD").replace("status: approved", "status: draft")
    assert run(write, check_json, tmp_path, "SMS043", {**SERVICES, "scope.yaml": draft}) == []


HOSTING_SLA = (
    '  - {metric: Availability, target: 99.9, unit: percent, comparator: ">="}\n'
    '  - {metric: P1 response time, target: 15, unit: minutes, comparator: "<=", '
    "compliance: 95}\n"
)


def test_a_supplier_availability_below_the_slas_is_minor_at_its_target(
    write, check_json, tmp_path: Path
) -> None:
    targets = (
        '  - {metric: Uptime, target: 99.5, unit: percent, comparator: ">="}\n'
        '  - {metric: P1 Response-time, target: 1, unit: hours, comparator: "<="}\n'
        '  - {metric: Fix time, target: 8, unit: hours, comparator: "<="}\n'
    )
    files = {
        **SERVICES,
        "slas/app.yaml": sla("SLA-APP", "SVC-APP", HOSTING_SLA),
        "suppliers/dc.yaml": supplier("SUP-DC", "SVC-APP", targets),
    }
    assert run(write, check_json, tmp_path, "SMS044", files) == [
        (
            "suppliers/dc.yaml:16",
            "SMS044",
            "8.3.4",
            "minor",
            "target 'Uptime' of supplier 'SUP-DC' is 99.5 percent, weaker than the "
            "99.9 percent SLA 'SLA-APP' promises for 'Availability' of live service "
            "'SVC-APP': agree at least 99.9 percent with the supplier, or change the SLA's "
            "target to one the supplier's target can carry",
        ),
        (
            "suppliers/dc.yaml:17",
            "SMS044",
            "8.3.4",
            "minor",
            "target 'P1 Response-time' of supplier 'SUP-DC' is 1 hour, weaker than the 15 "
            "minutes SLA 'SLA-APP' promises for 'P1 response time' of live service 'SVC-APP': "
            "agree at most 15 minutes with the supplier, or change the SLA's target to one "
            "the supplier's target can carry",
        ),
    ]


def test_a_supplier_as_strong_as_the_sla_or_of_retired_services_passes(
    write, check_json, tmp_path: Path
) -> None:
    strong = '  - {metric: Availability, target: 99.95, unit: percent, comparator: ">="}\n'
    weak = '  - {metric: Availability, target: 99.0, unit: percent, comparator: ">="}\n'
    files = {
        **SERVICES,
        "slas/app.yaml": sla("SLA-APP", "SVC-APP", HOSTING_SLA),
        "slas/old.yaml": sla("SLA-OLD", "SVC-OLD", HOSTING_SLA),
        "suppliers/dc.yaml": supplier("SUP-DC", "SVC-APP", strong),
        "suppliers/old.yaml": supplier("SUP-OLD", "SVC-OLD", weak),
    }
    assert run(write, check_json, tmp_path, "SMS044", files) == []


def test_under_a_pipeline_service_only_it_is_an_observation(
    write, check_json, tmp_path: Path
) -> None:
    weak = '  - {metric: Availability, target: 99.0, unit: "%", comparator: ">="}\n'
    files = {
        **SERVICES,
        "slas/new.yaml": sla("SLA-NEW", "SVC-NEW", HOSTING_SLA),
        "suppliers/dc.yaml": supplier("SUP-DC", "SVC-NEW", weak),
    }
    got = run(write, check_json, tmp_path, "SMS044", files)
    assert [(g[0], g[3]) for g in got] == [("suppliers/dc.yaml:16", "observation")]
    assert "of pipeline service 'SVC-NEW'" in got[0][4]


def test_a_time_target_without_its_share_is_an_observation_at_its_target(
    write, check_json, tmp_path: Path
) -> None:
    targets = (
        HOSTING_SLA + "  - metric: P2 resolution time\n    target: 8\n    unit: working hours\n"
        '    comparator: "<="\n'
        '  - {metric: Mean time to restore, target: 4, unit: hours, comparator: "<="}\n'
        '  - {metric: 95% of calls answered, target: 30, unit: seconds, comparator: "<="}\n'
        '  - {metric: Calls answered in 30 s, target: 90, unit: percent, comparator: ">="}\n'
    )
    files = {**SERVICES, "slas/app.yaml": sla("SLA-APP", "SVC-APP", targets)}
    assert run(write, check_json, tmp_path, "SMS045", files) == [
        (
            "slas/app.yaml:16",
            "SMS045",
            "8.3.3",
            "observation",
            "target 'P2 resolution time' of SLA 'SLA-APP' is a time (8 working hours) that "
            "does not say for what share of cases it holds: add compliance, the percentage of "
            "cases to meet it (compliance: 95 for 95 percent), so that whether it was met can "
            "be reported",
        )
    ]


def test_compliance_must_be_a_percentage(write, check_json, tmp_path: Path) -> None:
    targets = '  - {metric: Response, target: 15, unit: minutes, comparator: "<=", compliance: 0}\n'
    files = {**SERVICES, "slas/app.yaml": sla("SLA-APP", "SVC-APP", targets)}
    got = run(write, check_json, tmp_path, "SMS045", files)
    assert [(g[0], g[1]) for g in got] == [("slas/app.yaml:13", "SMS001")]


def test_the_sla_of_a_retired_service_is_not_examined(write, check_json, tmp_path: Path) -> None:
    target = '  - {metric: P1 response time, target: 15, unit: minutes, comparator: "<="}\n'
    files = {**SERVICES, "slas/old.yaml": sla("SLA-OLD", "SVC-OLD", target)}
    assert run(write, check_json, tmp_path, "SMS045", files) == []
