"""Issue 21's rules after an adversarial review: what they must not claim (fix 21)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from conftest import graded, quiet_config

TODAY = "2026-12-01"
HEAD = (
    'owner: sms-manager\nstatus: {status}\nversion: "1.0"\napproved_by: sms-manager\n'
    "approved_on: 2026-01-15\nlast_reviewed: 2026-01-15\n"
)
SERVICE = (
    "id: SVC-PAY\nkind: service\ntitle: Payments\n"
    + HEAD.format(status="approved")
    + ("service_status: live\n")
)


def supplier(supplier_id: str, contract_end: str, status: str = "approved") -> str:
    """A supplier of SVC-PAY whose contract_end is on line 13."""
    return (
        f"id: {supplier_id}\nkind: supplier\ntitle: {supplier_id}\n"
        + HEAD.format(status=status)
        + f"supplier_name: {supplier_id} Ltd\nsupports: [SVC-PAY]\n"
        f"contract_ref: C-{supplier_id}\ncontract_end: {contract_end}\n"
        "targets:\n"
        '  - {metric: availability, target: 99.9, unit: percent, comparator: ">="}\n'
        "last_performance_review: 2026-06-01\n"
    )


def findings(invoke: Callable[..., Result], root: Path, *rules: str) -> list[tuple]:
    result = invoke("check", str(root), "--format", "json", "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    return graded(json.loads(result.stdout), *rules)


def test_a_draft_supplier_binds_no_service(invoke, write, tmp_path: Path) -> None:
    write(".sms-lint.yaml", quiet_config("SMS011"))
    write("services/pay.yaml", SERVICE)
    write("suppliers/a.yaml", supplier("SUP-A", "2026-09-30"))
    write("suppliers/b.yaml", supplier("SUP-B", "2028-06-30", status="draft"))
    found = findings(invoke, tmp_path, "SMS011")
    assert [f[:5] for f in found] == [("suppliers/a.yaml", 13, "SMS011", "8.3.4", "major")]
    assert "no other supplier" not in found[0][5]  # its one live service is named already


def test_the_major_names_the_services_left_unbound(invoke, write, tmp_path: Path) -> None:
    write(".sms-lint.yaml", quiet_config("SMS011"))
    write("services/pay.yaml", SERVICE)
    write("services/web.yaml", SERVICE.replace("SVC-PAY", "SVC-WEB"))
    write(
        "suppliers/a.yaml",
        supplier("SUP-A", "2026-09-30").replace("[SVC-PAY]", "[SVC-PAY, SVC-WEB]"),
    )
    write("suppliers/b.yaml", supplier("SUP-B", "2028-06-30"))
    found = findings(invoke, tmp_path, "SMS011")
    assert [f[:5] for f in found] == [("suppliers/a.yaml", 13, "SMS011", "8.3.4", "major")]
    assert "and no other supplier under contract supports 'SVC-WEB':" in found[0][5]


SLA = (
    "id: SLA-PAY\nkind: sla\ntitle: Payments SLA\n"
    + HEAD.replace("{status}", "%s")
    + (
        "service: SVC-PAY\ntargets:\n"
        '  - {metric: availability, target: 99.99, unit: percent, comparator: ">="}\n'
        '  - {metric: P1 response, target: 15, unit: minutes, comparator: "<="}\n'
    )
)


def test_a_draft_sla_is_not_weighed(invoke, write, tmp_path: Path) -> None:
    write(".sms-lint.yaml", quiet_config("SMS044", "SMS045"))
    write("services/pay.yaml", SERVICE)
    write("suppliers/a.yaml", supplier("SUP-A", "2028-06-30"))
    write("slas/pay.yaml", SLA % "draft")
    assert findings(invoke, tmp_path, "SMS044", "SMS045") == []
    write("slas/pay.yaml", SLA % "approved")
    assert [f[:5] for f in findings(invoke, tmp_path, "SMS044", "SMS045")] == [
        ("slas/pay.yaml", 13, "SMS045", "8.3.3", "observation"),
        ("suppliers/a.yaml", 15, "SMS044", "8.3.4", "minor"),
    ]


def test_a_review_held_before_the_due_date_does_not_grade_it_major(
    write, check_json, tmp_path: Path
) -> None:
    from auditor_repos import AUDIT_ROLES, only, review
    from conftest import located
    from sms_texts import roles_artifact

    from sms_lint.checks.management_review import review_inputs

    without = [i for i in review_inputs() if i != "previous-actions"]
    action = (
        "actions:\n  - id: MR-A1\n    description: Staff the late shift\n"
        "    owner: sms-manager\n    due: 2026-09-30\n    state: open\n"
    )
    only(write, "SMS050")
    write("roles.yaml", roles_artifact(*AUDIT_ROLES))
    write("mr1.yaml", review("MR-1", "2026-04-21", actions=action))
    write("mr2.yaml", review("MR-2", "2026-07-27", inputs=without))  # before the due date
    _, report = check_json(tmp_path, "--today", TODAY)
    assert [f[:3] for f in located(report, "SMS050")] == [("mr1.yaml:13", "SMS050", "9.3")]
    assert located(report, "SMS050")[0][3] == "minor"
    write("mr2.yaml", review("MR-2", "2026-10-27", inputs=without))  # once it was due
    _, report = check_json(tmp_path, "--today", TODAY)
    assert located(report, "SMS050")[0][3] == "major"


def test_an_objective_a_nonconformity_follows_up_is_an_observation(
    write, check_json, tmp_path: Path
) -> None:
    from test_record_story import goal, nc, objectives, run

    files = {"obj.yaml": objectives(goal("O-1", "2025-12-31"))}
    assert [g[3] for g in run(write, check_json, tmp_path, files, "SMS049")] == ["minor"]
    files["nc.yaml"] = nc("NC-9").replace("description: Found.", "description: O-1 missed.")
    got = run(write, check_json, tmp_path, files, "SMS049")
    assert [(where, rule, severity) for where, rule, _, severity, _ in got] == [
        ("obj.yaml:17", "SMS049", "observation")
    ]
    assert got[0][4].endswith("(a record follows it up: keep the objective with that record)")


def test_a_continuity_plan_without_services_covers_every_service(
    write, check_json, tmp_path: Path
) -> None:
    from issue21_repos import plan, run, service

    files = {
        "services/app.yaml": service("SVC-APP"),
        "services/net.yaml": service("SVC-NET"),
        "plans/c1.md": plan("PLAN-C1", "continuity", "services: [SVC-APP]\n"),
        "plans/c2.md": plan("PLAN-C2", "continuity", ""),  # covers all
    }
    assert run(write, check_json, tmp_path, "SMS041", files) == []
    files["plans/c2.md"] = plan("PLAN-C2", "continuity", "services: [SVC-APP]\n")
    assert [f[:2] for f in run(write, check_json, tmp_path, "SMS041", files)] == [
        ("plans/c1.md:12", "SMS041")
    ]


def test_a_qualified_metric_or_an_impossible_percent_is_not_compared(
    invoke, write, tmp_path: Path
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS044"))
    write("services/pay.yaml", SERVICE)
    sla = SLA % "approved"
    own = '  - {metric: availability, target: 99.9, unit: percent, comparator: ">="}\n'
    per_circuit = own.replace("availability, target: 99.9", "Availability per circuit, target: 99")
    write("suppliers/a.yaml", supplier("SUP-A", "2028-06-30").replace(own, per_circuit))
    write("slas/pay.yaml", sla.replace("{metric: availability", "{metric: End-to-end availability"))
    assert findings(invoke, tmp_path, "SMS044") == []
    write("slas/pay.yaml", sla.replace("target: 99.99,", "target: 999,"))  # a slip
    write("suppliers/a.yaml", supplier("SUP-A", "2028-06-30"))
    assert findings(invoke, tmp_path, "SMS044") == []
    write("slas/pay.yaml", sla.replace("{metric: availability", "{metric: Uptime"))
    assert [f[:3] for f in findings(invoke, tmp_path, "SMS044")] == [
        ("suppliers/a.yaml", 15, "SMS044")
    ]


def test_a_draft_audit_is_not_weighed_against_its_nonconformities(
    write, check_json, tmp_path: Path
) -> None:
    from test_record_story import audit_listing, nc, run

    files = {
        "aud.yaml": audit_listing("AUD-1", "2026-05-13").replace(
            "status: approved", "status: draft"
        ),
        "nc.yaml": nc("NC-1", source="AUD-1"),
    }
    assert [g[:2] for g in run(write, check_json, tmp_path, files, "SMS047")] == []


def test_a_source_naming_no_audit_and_a_listed_twice_entry(
    write, check_json, tmp_path: Path
) -> None:
    from test_record_story import audit_listing, nc, run

    files = {
        "aud.yaml": audit_listing("AUD-1", "2026-05-13", "NC-1", "NC-1", "NC-2"),
        "aud2.yaml": audit_listing("AUD-2", "2026-05-13", "NC-1"),
        "nc.yaml": nc("NC-1", source="AUD-2"),
        "nc2.yaml": nc("NC-2", source="AUD-404"),  # SMS018's finding, not SMS047's
    }
    got = run(write, check_json, tmp_path, files, "SMS047")
    assert [g[:2] for g in got if g[1] == "SMS047"] == [("aud.yaml:11", "SMS047")]
    assert [g[:2] for g in got if g[1] == "SMS018"] == [("nc2.yaml:11", "SMS018")]


def test_a_failed_test_with_placeholder_or_non_list_actions_has_none(
    write, check_json, tmp_path: Path
) -> None:
    from issue21_repos import run
    from test_issue21_plans import continuity

    front = (
        "tests:\n"
        "  - date: 2026-06-20\n    scenario: Hall failover\n    result: failed\n"
        "    actions: [TBD]\n"
        "  - date: 2026-07-20\n    scenario: Payments failover\n    result: failed\n"
        "    actions: [Replace the failed switch]\n"
        "  - date: 2026-08-20\n    result: failed\n    actions: {fix: later}\n"
    )
    got = run(write, check_json, tmp_path, "SMS042", continuity(front))
    assert [g[:2] for g in got if g[1] == "SMS042"] == [
        ("plans/continuity.md:15", "SMS042"),
        ("plans/continuity.md:23", "SMS042"),  # the schema's finding on actions folds in
    ]


def test_a_service_listed_twice_is_named_once(write, check_json, tmp_path: Path) -> None:
    from issue21_repos import run, service
    from issue21_repos import supplier as dependent

    files = {
        "services/old.yaml": service("SVC-OLD", "retired"),
        "suppliers/tape.yaml": dependent("SUP-TAPE", "SVC-OLD, SVC-OLD"),
    }
    got = run(write, check_json, tmp_path, "SMS040", files)
    assert [g[:2] for g in got] == [("suppliers/tape.yaml:11", "SMS040")]
    assert "supports only retired service 'SVC-OLD': retire" in got[0][4]


def test_one_time_unit_is_singular(invoke, write, tmp_path: Path) -> None:
    write(".sms-lint.yaml", quiet_config("SMS044"))
    write("services/pay.yaml", SERVICE)
    write("slas/pay.yaml", SLA % "approved")
    own = '  - {metric: availability, target: 99.9, unit: percent, comparator: ">="}\n'
    response = '  - {metric: P1 response, target: 1, unit: working days, comparator: "<="}\n'
    write("suppliers/a.yaml", supplier("SUP-A", "2028-06-30").replace(own, response))
    found = findings(invoke, tmp_path, "SMS044")
    assert [f[:3] for f in found] == [("suppliers/a.yaml", 15, "SMS044")]
    assert "is 1 working day, weaker than the 15 minutes SLA" in found[0][5]
