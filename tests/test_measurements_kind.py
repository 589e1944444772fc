"""The `measurements` record kind (issue 22): its schema, YAML and Markdown forms, a record never
asked for a review, a malformed result as one schema finding at its line, and
``record_results`` for the readiness page's series."""

from __future__ import annotations

import json
from pathlib import Path

from auditor_repos import KPI, TARGET, header, markdown, objective, only
from conftest import TODAY, located, quiet_config
from sms_texts import SMS_MANAGER, roles_artifact
from test_git_support import GitRepo

from sms_lint.measure.records import record_results
from sms_lint.parse.documents import parse_document

OBJECTIVES = header("OBJ-A", "objectives") + "objectives:\n" + objective("OBJ-01")
PROCESS = header("PRC-13", "process") + "process: incident\nkpis:\n" + KPI
SLA = header("SLA-01", "sla") + "service: SVC-1\ncustomer: All\ntargets:\n" + TARGET


def record(ident: str, measures: str, results: str = "  - {period: 2026-10, value: 97.5}\n"):
    """An approved measurements record: header lines 1-9, ``measures`` on 10, results from 12."""
    return header(ident, "measurements") + f"measures: {measures}\nresults:\n{results}"


def repo(write, files: dict[str, str], *rules: str) -> None:
    only(write, *rules)
    write("roles.yaml", roles_artifact(SMS_MANAGER))
    for name, text in {"obj.yaml": OBJECTIVES, "prc.yaml": PROCESS, "sla.yaml": SLA}.items():
        write(name, text)
    for name, text in files.items():
        write(name, text)


def test_schema_prints_the_kind(invoke) -> None:
    result = invoke("schema", "measurements")
    schema = json.loads(result.stdout)
    assert result.exit_code == 0
    assert schema["required"] == ["measures", "results"]
    assert "OBJ-01" in schema["properties"]["measures"]["description"]


def test_yaml_and_markdown_records_check_clean_and_are_never_reviewed(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "m/obj.yaml": record("MEAS-1", "OBJ-01"),
        "m/kpi.md": markdown(record("MEAS-2", "PRC-13/share on time")),
    }
    repo(write, files, "SMS005", "SMS004", "SMS018", "SMS028")
    # Reviewed in January 2026, on a 12-month cycle: a document would be overdue in 2027.
    _, report = check_json(tmp_path, "--today", "2027-06-01")
    rules = ("SMS001", "SMS005", "SMS004", "SMS018", "SMS028")
    assert [f for f in located(report, *rules) if f[0].startswith("m/")] == []
    assert [f[0] for f in located(report, "SMS005")] == ["obj.yaml:9", "prc.yaml:9", "sla.yaml:9"]


def test_a_malformed_result_is_one_schema_finding_at_its_line(
    write, check_json, tmp_path: Path
) -> None:
    results = (
        "  - {period: 2026-09, value: 97.5}\n"
        "  - {period: 2026-13, value: 97.5}\n"
        "  - {period: 2026-11, value: high}\n"
        "  - {period: 2026-12, value: 97, unit: percent}\n"
    )
    repo(write, {"m.yaml": record("MEAS-1", "OBJ-01", results)})
    _, report = check_json(tmp_path)
    lines = [(where, rule) for where, rule, *_ in located(report, "SMS001")]
    assert lines == [("m.yaml:13", "SMS001"), ("m.yaml:14", "SMS001"), ("m.yaml:15", "SMS001")]


def test_record_results_keys_each_item_by_its_ref(tmp_path: Path) -> None:
    texts = {
        "obj.yaml": OBJECTIVES,
        "prc.yaml": PROCESS,
        "sla.yaml": SLA,
        "a.yaml": record("MEAS-A", "obj-01", "  - {period: 2026-10, value: 2}\n"),
        "b.md": markdown(record("MEAS-B", "OBJ-A/OBJ-01", "  - {period: 2026-09, value: 1}\n")),
        "c.yaml": record("MEAS-C", "PRC-13 / Share  on time"),
        "d.yaml": record("MEAS-D", "sla:SLA-01:availability"),
        "e.yaml": record("MEAS-E", "PRC-13/nothing of that name"),
        "f.yaml": record("MEAS-F", "{sla: SLA-01, target: Availability}"),
        "g.yaml": record("MEAS-G", "{process: PRC-13, kpi: x}"),
    }
    documents = [parse_document(name, text.encode()) for name, text in texts.items()]
    found = record_results(documents)
    assert sorted(found) == [
        "kpi:PRC-13:Share on time",
        "objective:OBJ-01",
        "sla:SLA-01:availability",
    ]
    assert [r.path for r in found["sla:SLA-01:availability"]] == ["d.yaml", "f.yaml"]
    assert [(r.period, r.value, r.path) for r in found["objective:OBJ-01"]] == [
        ("2026-09", 1, "b.md"),
        ("2026-10", 2, "a.yaml"),
    ]


def test_results_added_to_an_approved_record_need_no_new_version(check_json, tmp_path) -> None:
    repo = GitRepo(tmp_path / "sms")
    repo.write(".sms-lint.yaml", quiet_config("SMS017"))
    repo.write("m.yaml", record("MEAS-1", "OBJ-01"))
    repo.commit("The record", "2026-10-27")
    repo.git("checkout", "-q", "-b", "november")
    repo.write("m.yaml", record("MEAS-1", "OBJ-01") + "  - {period: 2026-11, value: 98}\n")
    repo.commit("November's figure", "2026-11-20")
    _, report = check_json(repo.path, "--base", "main", "--today", TODAY)
    assert located(report, "SMS017") == []
    repo.write("m.yaml", record("MEAS-1", "OBJ-02") + "  - {period: 2026-11, value: 98}\n")
    _, report = check_json(repo.path, "--base", "main", "--today", TODAY)
    assert [f[1] for f in located(report, "SMS017")] == ["SMS017"]  # what it measures: a revision
