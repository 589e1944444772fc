"""Performance evaluation as data (issue 22, point 3): every objective, process KPI and SLA
target with a numeric target is a measured item, its results in period order, each met or
missed, the trend of the latest three, and a status; ``coverage --format json`` and
``--format markdown`` carry it."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from auditor_repos import header, markdown
from conftest import EXAMPLE, TODAY

from sms_lint.model import Artifact
from sms_lint.parse.documents import parse_document
from sms_lint.performance import MeasuredResult, measured_items, ref
from sms_lint.performance.evaluate import meets, number_text, trend

DAY = datetime.date.fromisoformat(TODAY)  # 2026-11-22: November is not over yet


def results(*pairs: tuple[str, float], indent: int = 4) -> str:
    pad = " " * indent
    rows = "".join(f"{pad}  - {{period: {p}, value: {v}}}\n" for p, v in pairs)
    return f"{pad}results:\n{rows}"


OBJECTIVE = """\
  - id: OBJ-9
    statement: Keep availability at or above 99.9 percent
    metric: Monthly availability
    target: 99.9
    unit: percent
    comparator: ">="
    due: 2027-06-30
    owner: sms-manager
    frequency: monthly
"""


def objectives(*pairs: tuple[str, float], status: str = "approved") -> str:
    """Header lines 1-9, ``objectives:`` on 10, the objective from line 11."""
    return header("OBJ-A", "objectives", status) + "objectives:\n" + OBJECTIVE + results(*pairs)


def process() -> str:
    """Two KPIs without a comparator: one measured (from line 13), one not (a target of 0)."""
    return header("PRC-A", "process") + (
        "process: incident\ndescription: Restore service fast.\nkpis:\n"
        "  - name: P1 responded to within 15 minutes\n    target: 98\n    unit: percent\n"
        + results(("2026-09", 97.5), ("2026-10", 98.5))
        + "  - name: Unauthorised changes\n    target: 0\n    unit: changes\n"
    )  # fmt: skip


def sla(metric: str = "Monthly availability") -> str:
    return header("SLA-A", "sla") + (
        "service: SVC-A\ncustomer: All customers\ntargets:\n"
        f"  - metric: {json.dumps(metric)}\n    target: 15\n    unit: minutes\n"
        '    comparator: "<="\n'
    )  # fmt: skip


def artifact(path: Path) -> Artifact:
    doc = parse_document(path.name, path.read_bytes())
    assert isinstance(doc.data, dict)
    return Artifact(doc, doc.data["kind"])


def performance(invoke, root: Path) -> dict:
    result = invoke("coverage", str(root), "--format", "json", "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["performance"]


# Met, trend, numbers


@pytest.mark.parametrize(
    ("value", "comparator", "met"),
    [(99.95, ">=", True), (99.949, ">=", False), (3.0, "<=", True), (3.1, "<=", False),
     (100, "=", True), (99.99, "=", False), (0.1 + 0.2, "<=", True)],
)  # fmt: skip
def test_a_result_meets_its_target_as_the_comparator_says(value, comparator, met) -> None:
    target = {">=": 99.95, "<=": 3.0 if value != 0.1 + 0.2 else 0.3, "=": 100}[comparator]
    assert meets(value, target, comparator) is met


def test_the_trend_reads_better_or_worse_for_the_comparator() -> None:
    assert trend([1, 2, 3, 4], 5, ">=").as_dict() == {
        "direction": "up",
        "verdict": "better",
        "over": 3,
    }
    assert (trend([4, 3], 2, "<=").direction, trend([4, 3], 2, "<=").verdict) == ("down", "better")
    assert trend([2, 3], 2, "<=").verdict == "worse"
    assert trend([96, 104], 100, "=").verdict == "steady"  # as far from the target
    assert trend([90, 99], 100, "=").verdict == "better"
    assert trend([5, 9, 5], 1, ">=").direction == "flat"  # the first and last of three
    assert trend([7], 1, ">=") is None


def test_numbers_are_written_the_same_in_every_run() -> None:
    assert [number_text(v) for v in (99.95, 3.0, 98, 0.1 + 0.2, -0.0, 1e-7)] == [
        "99.95", "3", "98", "0.3", "0", "1e-07",
    ]  # fmt: skip


# Items from the repository


def test_items_are_found_with_their_lines_results_and_status(invoke, write, tmp_path) -> None:
    write("obj.yaml", objectives(("2026-10", 99.8), ("2026-08", 99.95), ("2026-09", 99.85)))
    write("prc.md", markdown(process()))
    write("sla.yaml", sla())
    found = performance(invoke, tmp_path)
    assert found["summary"] == {"items": 4, "met": 1, "missed": 1, "not_measured": 2}
    by_ref = {item["ref"]: item for item in found["items"]}
    assert list(by_ref) == [
        "objective:OBJ-9",
        "kpi:PRC-A:P1 responded to within 15 minutes",
        "kpi:PRC-A:Unauthorised changes",
        "sla:SLA-A:Monthly availability",
    ]  # by path and line
    objective = by_ref["objective:OBJ-9"]
    assert (objective["path"], objective["line"], objective["artifact"]) == (
        "obj.yaml",
        11,
        "OBJ-A",
    )
    assert objective["latest"] == {"period": "2026-10", "value": 99.8, "met": False}
    assert objective["trend"] == {"direction": "down", "verdict": "worse", "over": 3}
    assert (objective["status"], objective["results"], objective["missed"]) == ("missed", 3, 2)
    assert objective["frequency"] == "monthly"
    kpi = by_ref["kpi:PRC-A:P1 responded to within 15 minutes"]
    assert (kpi["line"], kpi["comparator"], kpi["comparator_given"]) == (14, ">=", False)
    assert (kpi["status"], kpi["frequency"], kpi["trend"]["verdict"]) == ("met", None, "better")
    zero = by_ref["kpi:PRC-A:Unauthorised changes"]
    assert (zero["comparator"], zero["status"], zero["latest"]) == ("<=", "not measured", None)


def test_a_period_not_over_is_no_result_yet(invoke, write, tmp_path) -> None:
    write("obj.yaml", objectives(("2026-10", 99.95), ("2026-11", 10), ("2026-Q4", 10)))
    [item] = performance(invoke, tmp_path)["items"]
    assert (item["results"], item["status"], item["latest"]["period"]) == (1, "met", "2026-10")


def test_a_retired_document_measures_nothing(invoke, write, tmp_path) -> None:
    write("obj.yaml", objectives(("2026-10", 99.95), status="retired"))
    assert performance(invoke, tmp_path)["items"] == []


def test_results_kept_elsewhere_join_their_item_by_ref(write, tmp_path) -> None:
    path = write("obj.yaml", objectives(("2026-09", 99.95)))
    extra = {
        ref("objective", "OBJ-9"): [
            MeasuredResult("2026-10", 99.1, "outage"),
            MeasuredResult("2026-09", 1.0),  # given by the item itself: the item's stays
        ],
        ref("sla", "SLA-A", "  Monthly   availability "): [MeasuredResult("2026-10", 1.0)],
    }
    assert ref("sla", "SLA-A", "  Monthly   availability ") == "sla:SLA-A:Monthly availability"
    [item] = measured_items([artifact(path)], DAY, extra)
    assert [(p.period, p.value, p.met, p.note) for p in item.results] == [
        ("2026-09", 99.95, True, ""),
        ("2026-10", 99.1, False, "outage"),
    ]
    assert (item.status, item.latest and item.latest.period) == ("missed", "2026-10")


# The reports


def test_coverage_json_keeps_its_keys_and_adds_performance(invoke) -> None:
    result = invoke("coverage", str(EXAMPLE), "--format", "json", "--today", TODAY)
    report = json.loads(result.stdout)
    assert list(report) == ["framework", "clauses", "root", "today", "summary", "performance"]
    found = report["performance"]
    assert found["summary"] == {"items": 70, "met": 10, "missed": 1, "not_measured": 59}
    [missed] = [item for item in found["items"] if item["status"] == "missed"]
    assert missed["ref"] == "kpi:PRC-13:P1 incidents resolved within 4 hours"
    assert missed["latest"] == {"period": "2026-10", "value": 89.6, "met": False}
    hosting = {i["ref"]: i for i in found["items"]}["sla:SLA-HOSTING:P1 incident response time"]
    assert (hosting["results"], hosting["missed"], hosting["status"]) == (11, 1, "met")


def test_coverage_markdown_has_a_performance_section_before_the_limits(invoke) -> None:
    result = invoke("coverage", str(EXAMPLE), "--format", "markdown", "--today", TODAY)
    lines = result.stdout.splitlines()
    start = lines.index("Performance")
    assert lines[start + 1] == "-----------"  # a heading, with no line a CI log would run
    assert lines[start + 3] == "70 measured items: 1 missed, 10 met, 59 not measured."
    assert lines[start + 5] == "| Item | Target | Latest | Period | Met | Trend | Status |"
    assert lines[start + 7] == (
        "| PRC-13: P1 incidents resolved within 4 hours | at least 90 percent (assumed: no "
        "comparator given) | 89.6 percent | 2026-10 | **no** | down, worse (last 2) | missed |"
    )  # missed first
    # OBJ-02's results are kept in a measurements record: they join the objective
    assert (
        "| OBJ-02 | at least 98 percent | 98.7 percent | 2026-10 | yes | up, better (last 3) "
        "| met |" in lines
    )
    assert lines[-1].startswith("sms-lint reads documents and records; it cannot observe")


def test_hostile_names_stay_inert_in_markdown_and_json(invoke, write, tmp_path) -> None:
    hostile = "<img src=x onerror=alert(1)> | ![x](https://evil.example/t.png) ::error::x"
    write("sla.yaml", sla(hostile))
    result = invoke("coverage", str(tmp_path), "--format", "markdown", "--today", TODAY)
    [line] = [line for line in result.stdout.splitlines() if line.startswith("| SLA-A:")]
    assert "<img" not in line and "&lt;img" in line and "\\|" in line and "!\\[x]" in line
    [item] = performance(invoke, tmp_path)["items"]
    assert item["name"] == hostile  # data stays data in JSON
