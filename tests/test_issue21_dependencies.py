"""Issue 21, item 1: SMS039 service-dependencies (a live service rests only on live services)
and SMS040 supplier-retired-services (a supplier supporting only retired services)."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE, located
from issue21_repos import run, service, supplier


def test_the_example_sms_has_no_stale_dependency_or_supplier(check_json) -> None:
    _, report = check_json(EXAMPLE, "--today", "2026-12-01")
    assert located(report, "SMS039", "SMS040") == []


def test_a_retired_and_a_pipeline_dependency_are_one_finding_each_at_their_entry(
    write, check_json, tmp_path: Path
) -> None:
    deps = "depends_on:\n  - SVC-NET\n  - SVC-OLD\n  - SVC-NEW\n"
    files = {
        "services/app.yaml": service("SVC-APP", extra=deps),
        "services/net.yaml": service("SVC-NET"),
        "services/old.yaml": service("SVC-OLD", "retired"),
        "services/new.yaml": service("SVC-NEW", "pipeline"),
    }
    assert run(write, check_json, tmp_path, "SMS039", files) == [
        (
            "services/app.yaml:16",
            "SMS039",
            "8.2.4",
            "minor",
            "live service 'SVC-APP' depends on 'SVC-OLD' (services/old.yaml), which is "
            "retired: remove it from depends_on, or name the live service that took its place",
        ),
        (
            "services/app.yaml:17",
            "SMS039",
            "8.2.4",
            "minor",
            "live service 'SVC-APP' depends on 'SVC-NEW' (services/new.yaml), which is still "
            "in the pipeline (service_status: pipeline), so it is not delivered yet: remove it "
            "from depends_on until it goes live, or set its service_status to live if it is "
            "delivered now",
        ),
    ]


def test_a_retired_document_is_a_retired_dependency_whatever_its_state(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "services/app.yaml": service("SVC-APP", extra="depends_on: [SVC-OLD]\n"),
        "services/old.yaml": service("SVC-OLD", "live", status="retired"),
    }
    got = run(write, check_json, tmp_path, "SMS039", files)
    assert [(g[0], g[3]) for g in got] == [("services/app.yaml:14", "minor")]
    assert "which is retired" in got[0][4]


def test_pipeline_and_retired_services_and_unknown_ids_are_not_examined(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "services/new.yaml": service("SVC-NEW", "pipeline", "depends_on: [SVC-OLD]\n"),
        "services/old.yaml": service("SVC-OLD", "retired", "depends_on: [SVC-NEW]\n"),
        "services/app.yaml": service("SVC-APP", extra="depends_on: [SVC-GONE]\n"),
    }
    assert run(write, check_json, tmp_path, "SMS039", files) == []  # SVC-GONE: SMS018's


def test_a_supplier_of_retired_services_only_is_an_observation_at_supports(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "services/old.yaml": service("SVC-OLD", "retired"),
        "services/tape.yaml": service("SVC-TAPE", "live", status="retired"),
        "services/app.yaml": service("SVC-APP"),
        "suppliers/tape.yaml": supplier("SUP-TAPE", "SVC-OLD, SVC-TAPE"),
        "suppliers/mixed.yaml": supplier("SUP-MIX", "SVC-OLD, SVC-APP"),
    }
    assert run(write, check_json, tmp_path, "SMS040", files) == [
        (
            "suppliers/tape.yaml:11",
            "SMS040",
            "8.3.4",
            "observation",
            "supplier 'SUP-TAPE Ltd' (SUP-TAPE) supports only retired services 'SVC-OLD' and "
            "'SVC-TAPE': retire the supplier (status: retired) if the relationship has ended, "
            "or list under supports the services it supports now",
        )
    ]


def test_an_ended_contract_of_such_a_supplier_is_left_to_sms011(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "services/old.yaml": service("SVC-OLD", "retired"),
        "suppliers/tape.yaml": supplier("SUP-TAPE", "SVC-OLD", end="2026-06-30"),
    }
    got = run(write, check_json, tmp_path, "SMS040", files)
    assert got == []
    only_sms011 = run(write, check_json, tmp_path, "SMS011", files)
    assert [(g[0], g[1], g[3]) for g in only_sms011] == [
        ("suppliers/tape.yaml:13", "SMS011", "observation")
    ]


def test_a_retired_supplier_is_not_examined(write, check_json, tmp_path: Path) -> None:
    retired = supplier("SUP-TAPE", "SVC-OLD").replace("status: approved", "status: retired")
    files = {"services/old.yaml": service("SVC-OLD", "retired"), "suppliers/tape.yaml": retired}
    assert run(write, check_json, tmp_path, "SMS040", files) == []
