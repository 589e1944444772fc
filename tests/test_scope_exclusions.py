"""A scope's ``excluded_services``: live services the organization delivers outside the SMS.
SMS043 does not ask them into the scope, SMS041 does not ask the plans to cover them, SMS018
resolves their ids, and a service both in and out of the scope is one finding."""

from __future__ import annotations

from pathlib import Path

from conftest import located
from issue21_repos import plan, run, scope, service

SERVICES = {
    "services/app.yaml": service("SVC-APP"),
    "services/net.yaml": service("SVC-NET"),
    "services/old.yaml": service("SVC-OLD", "retired"),
}


def excluding(services: str, excluded: str) -> str:
    """The scope with services on line 10, excluded_services on 11."""
    return scope(services).replace("locations:", f"excluded_services: [{excluded}]\nlocations:")


def test_an_excluded_live_service_is_not_asked_into_the_scope(
    write, check_json, tmp_path: Path
) -> None:
    files = {**SERVICES, "scope.yaml": excluding("SVC-APP", "SVC-NET")}
    assert run(write, check_json, tmp_path, "SMS043", files) == []


def test_a_service_both_in_and_excluded_is_one_finding_at_the_exclusion(
    write, check_json, tmp_path: Path
) -> None:
    files = {**SERVICES, "scope.yaml": excluding("SVC-APP, SVC-NET", "SVC-NET")}
    assert run(write, check_json, tmp_path, "SMS043", files) == [
        (
            "scope.yaml:11",
            "SMS043",
            "4.3",
            "minor",
            "'SVC-NET' is both in the scope's services and in excluded_services of 'SCOPE-1': "
            "keep it in one of the two",
        )
    ]


def test_a_retired_service_in_the_exclusions_is_found_there(
    write, check_json, tmp_path: Path
) -> None:
    files = {**SERVICES, "scope.yaml": excluding("SVC-APP", "SVC-NET, SVC-OLD")}
    got = run(write, check_json, tmp_path, "SMS043", files)
    assert [g[:2] for g in got] == [("scope.yaml:11", "SMS043")]
    assert "lists 'SVC-OLD' (services/old.yaml) in excluded_services, which is retired" in got[0][4]


def test_the_plans_need_not_cover_an_excluded_service(write, check_json, tmp_path: Path) -> None:
    files = {
        **SERVICES,
        "scope.yaml": excluding("SVC-APP", "SVC-NET"),
        "plans/continuity.md": plan("PLAN-C", "continuity", "services: [SVC-APP]\n"),
    }
    assert run(write, check_json, tmp_path, "SMS041", files) == []


def test_an_exclusion_naming_no_service_is_an_unresolved_reference(
    write, check_json, tmp_path: Path
) -> None:
    files = {**SERVICES, "scope.yaml": excluding("SVC-APP, SVC-NET", "SVC-NTE")}
    got = run(write, check_json, tmp_path, "SMS018", files)
    assert [g[:2] for g in got] == [("scope.yaml:11", "SMS018")]


def test_a_draft_scope_excludes_nothing(write, check_json, tmp_path: Path) -> None:
    files = {
        **SERVICES,
        "scope.yaml": scope("SVC-APP, SVC-NET"),
        "draft.yaml": excluding("SVC-APP", "SVC-NET")
        .replace("SCOPE-1", "SCOPE-2")
        .replace("status: approved", "status: draft"),
        "plans/continuity.md": plan("PLAN-C", "continuity", "services: [SVC-APP]\n"),
    }
    got = run(write, check_json, tmp_path, "SMS041", files)
    assert [g[:2] for g in got] == [("plans/continuity.md:12", "SMS041")]


def test_an_excluded_service_needs_no_sla(write, check_json, tmp_path: Path) -> None:
    """The services here name no SLA: the one in the scope is asked for one, not the other."""
    files = {**SERVICES, "scope.yaml": excluding("SVC-APP", "SVC-NET")}
    got = run(write, check_json, tmp_path, "SMS010", files)
    assert [(g[0].split(":")[0], g[1]) for g in got] == [("services/app.yaml", "SMS010")]


def test_the_schema_accepts_excluded_services(check_json, write, tmp_path: Path) -> None:
    files = {**SERVICES, "scope.yaml": excluding("SVC-APP", "SVC-NET")}
    got = run(write, check_json, tmp_path, "SMS043", files)
    _, report = check_json(tmp_path)
    assert located(report, "SMS001") == [] and got == []
