"""Issue 21, item 2: SMS041 plan-coverage (continuity and availability plans that list services
cover every live service) and SMS042 continuity-tested (tests recorded, recent, acted on)."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE, located
from issue21_repos import plan, run, service

SERVICES = {
    "services/app.yaml": service("SVC-APP"),
    "services/net.yaml": service("SVC-NET"),
    "services/new.yaml": service("SVC-NEW", "pipeline"),
    "services/old.yaml": service("SVC-OLD", "retired"),
}


def test_the_example_sms_plans_cover_its_services_and_are_tested(check_json) -> None:
    _, report = check_json(EXAMPLE, "--today", "2026-12-01")
    assert located(report, "SMS041", "SMS042") == []


def test_a_live_service_missing_from_the_continuity_plans_is_found_at_services(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        **SERVICES,
        "plans/continuity.md": plan("PLAN-C", "continuity", "services: [SVC-APP]\n"),
        "plans/availability.md": plan("PLAN-A", "availability", "services: [SVC-APP, SVC-NET]\n"),
    }
    assert run(write, check_json, tmp_path, "SMS041", files) == [
        (
            "plans/continuity.md:12",
            "SMS041",
            "8.7.2",
            "minor",
            "live service 'SVC-NET' (services/net.yaml) is in no continuity plan: continuity "
            "plan 'PLAN-C' lists the services it covers, not it; add 'SVC-NET' to services of "
            "the continuity plan that covers it, or write a continuity plan for it",
        )
    ]


def test_availability_plans_are_judged_under_8_7_1_and_together(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        **SERVICES,
        "plans/a1.md": plan("PLAN-A1", "availability", "services:\n  - SVC-NEW\n"),
        "plans/a2.md": plan("PLAN-A2", "availability", "services: [SVC-NET]\n"),
    }
    assert run(write, check_json, tmp_path, "SMS041", files) == [
        (
            "plans/a1.md:12",
            "SMS041",
            "8.7.1",
            "minor",
            "live service 'SVC-APP' (services/app.yaml) is in no availability plan: the "
            "availability plans 'PLAN-A1' and 'PLAN-A2' list the services they cover, and none "
            "lists it; add 'SVC-APP' to services of the availability plan that covers it, or "
            "write an availability plan for it",
        )
    ]


def test_plans_that_list_no_services_ask_nothing(write, check_json, tmp_path: Path) -> None:
    draft = plan("PLAN-D", "continuity", "services: [SVC-APP]\n").replace(
        "status: approved", "status: draft"
    )
    files = {
        **SERVICES,
        "plans/continuity.md": plan("PLAN-C", "continuity"),
        "plans/draft.md": draft,  # a draft is not in force: its list asks nothing either
    }
    assert run(write, check_json, tmp_path, "SMS041", files) == []


TESTED = "tests:\n  - {date: 2026-06-20, scenario: Hall failover, result: passed}\n"


def continuity(front: str = TESTED) -> dict[str, str]:
    return {"plans/continuity.md": plan("PLAN-C", "continuity", front)}


def test_a_plan_tested_within_its_interval_passes(write, check_json, tmp_path: Path) -> None:
    assert run(write, check_json, tmp_path, "SMS042", continuity()) == []


def test_a_plan_with_no_test_is_an_observation_at_plan_type(
    write, check_json, tmp_path: Path
) -> None:
    assert run(write, check_json, tmp_path, "SMS042", continuity("")) == [
        (
            "plans/continuity.md:11",
            "SMS042",
            "8.7.2",
            "observation",
            "continuity plan 'PLAN-C' records no test held: test it (at least every 12 "
            "months) and record each test under tests (date, scenario, result, actions), or "
            "show an auditor where the evidence of its tests is kept",
        )
    ]


def test_only_planned_tests_are_no_test_held(write, check_json, tmp_path: Path) -> None:
    front = "tests:\n  - {date: 2027-02-01, scenario: Hall failover}\n"
    got = run(write, check_json, tmp_path, "SMS042", continuity(front))
    assert [(g[0], g[3]) for g in got] == [("plans/continuity.md:12", "observation")]


def test_a_latest_test_older_than_the_interval_is_minor_at_its_date(
    write, check_json, tmp_path: Path
) -> None:
    front = (
        "test_interval_months: 6\ntests:\n"
        "  - {date: 2025-10-01, scenario: Tabletop, result: passed}\n"
        "  - date: 2026-05-10\n    scenario: Hall failover\n    result: passed\n"
        "  - {date: 2027-01-15, scenario: Full failover}\n"
    )
    assert run(write, check_json, tmp_path, "SMS042", continuity(front)) == [
        (
            "plans/continuity.md:15",
            "SMS042",
            "8.7.2",
            "minor",
            "the latest test of continuity plan 'PLAN-C' was held on 2026-05-10, more than its "
            "test interval of 6 months (test_interval_months) before 2026-11-22: test the plan "
            "and record the test under tests",
        )
    ]


def test_a_failed_test_without_actions_is_minor_at_its_result(
    write, check_json, tmp_path: Path
) -> None:
    front = (
        "tests:\n"
        "  - date: 2026-06-20\n    scenario: Hall failover\n    result: failed\n"
        "  - date: 2026-07-20\n    scenario: Payments failover\n    result: failed\n"
        "    actions: [Replace the failed switch]\n"
        "  - date: 2026-08-20\n    result: Failed\n    actions: []\n"
    )
    assert run(write, check_json, tmp_path, "SMS042", continuity(front)) == [
        (
            "plans/continuity.md:15",
            "SMS042",
            "8.7.2",
            "minor",
            "the test ('Hall failover') of continuity plan 'PLAN-C' on 2026-06-20 failed and "
            "records no actions: record under actions what was done to correct the plan or the "
            "arrangements, and test them again",
        ),
        (
            "plans/continuity.md:21",
            "SMS042",
            "8.7.2",
            "minor",
            "the test of continuity plan 'PLAN-C' on 2026-08-20 failed and records no actions: "
            "record under actions what was done to correct the plan or the arrangements, and "
            "test them again",
        ),
    ]


def test_other_plans_and_drafts_are_not_examined(write, check_json, tmp_path: Path) -> None:
    draft = plan("PLAN-D", "continuity").replace("status: approved", "status: draft")
    files = {"plans/capacity.md": plan("PLAN-K", "capacity"), "plans/draft.md": draft}
    assert run(write, check_json, tmp_path, "SMS042", files) == []


def test_a_test_without_a_date_is_the_schemas_finding_only(
    write, check_json, tmp_path: Path
) -> None:
    front = "tests:\n  - {scenario: Hall failover, result: passed}\n"
    got = run(write, check_json, tmp_path, "SMS042", continuity(front))
    assert [(g[0], g[1]) for g in got] == [("plans/continuity.md:13", "SMS001")]
