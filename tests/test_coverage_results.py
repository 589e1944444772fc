"""Coverage of 9.1 and 9.4 from measured results (issue 15, point 3): `results` on an objective
or a process KPI show 9.1 operating, `results` on an SLA target 9.4, the latest period not
after today within the management-review interval; a month or a quarter counts as its last
day. A malformed period is the schema's finding at its line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from auditor_repos import header, markdown, objective, only
from conftest import EXAMPLE, TODAY, located

EXAMPLE_TODAY = "2026-12-02"


def results(*periods: str, indent: int = 4) -> str:
    pad = " " * indent
    rows = "".join(f"{pad}  - {{period: {p}, value: 96}}\n" for p in periods)
    return f"{pad}results:\n{rows}"


def objectives(*periods: str, status: str = "approved") -> str:
    """An objectives document: header lines 1-9, the objective's id on 11, results from 20."""
    return (
        header("OBJ-A", "objectives", status)
        + "objectives:\n"
        + objective("O-1")
        + results(*periods)
    )


def process(*periods: str) -> str:
    """A process: header lines 1-9, the KPI's name on 13, its results from 16 (YAML)."""
    return header("PRC-A", "process") + (
        "process: incident\ndescription: Restore service fast.\nkpis:\n"
        "  - name: P1 responded to within 15 minutes\n    target: 98\n    unit: percent\n"
    ) + results(*periods)  # fmt: skip


def sla(*periods: str) -> str:
    """An SLA: header lines 1-9, the target's metric on 13, its results from 17 (YAML)."""
    return header("SLA-A", "sla") + (
        "service: SVC-A\ncustomer: All customers\ntargets:\n"
        "  - metric: Monthly availability\n    target: 99.9\n    unit: percent\n"
        '    comparator: ">="\n'
    ) + results(*periods)  # fmt: skip


def coverage(invoke, root: Path, today: str = TODAY, *extra: str) -> tuple[int, dict[str, dict]]:
    result = invoke("coverage", str(root), "--format", "json", "--today", today, *extra)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, {c["clause"]: c for c in json.loads(result.stdout)["clauses"]}


def operating(invoke, root: Path, clause: str) -> tuple[bool, list[str]]:
    entry = coverage(invoke, root)[1][clause]
    return entry["operating"], entry["records"]


# 9.1: results on objectives and process KPIs


def test_results_on_an_approved_objective_show_9_1_operating(invoke, write, tmp_path) -> None:
    write("obj.yaml", objectives("2026-08", "2026-09", "2026-10"))
    _, clauses = coverage(invoke, tmp_path)
    assert (clauses["9.1"]["operating"], clauses["9.1"]["records"]) == (True, ["OBJ-A"])
    assert clauses["9.4"]["operating"] is False  # an objective is no service report


def test_results_on_a_draft_objectives_document_do_not_count(invoke, write, tmp_path) -> None:
    write("obj.yaml", objectives("2026-10", status="draft"))
    assert operating(invoke, tmp_path, "9.1") == (False, [])


@pytest.mark.parametrize("name", ["prc.yaml", "prc.md"])
def test_results_on_a_process_kpi_show_9_1_operating(invoke, write, tmp_path, name) -> None:
    text = process("2026-10")
    write(name, markdown(text) if name.endswith(".md") else text)
    assert operating(invoke, tmp_path, "9.1") == (True, ["PRC-A"])


@pytest.mark.parametrize(
    ("period", "counts"),
    [
        ("2025-11", True),  # ends 30 November 2025: within 12 months of 22 November 2026
        ("2025-10", False),  # ends 31 October 2025: older than the interval
        ("2025-11-21", False),  # a date counts as itself
        ("2025-11-22", True),
    ],
)
def test_a_result_older_than_the_interval_does_not_count(
    invoke, write, tmp_path, period: str, counts: bool
) -> None:
    write("obj.yaml", objectives(period))
    assert operating(invoke, tmp_path, "9.1") == (counts, ["OBJ-A"] if counts else [])


def test_the_interval_is_the_configs_management_review_interval(invoke, write, tmp_path) -> None:
    write("obj.yaml", objectives("2025-06"))
    assert operating(invoke, tmp_path, "9.1") == (False, [])
    write(".sms-lint.yaml", "intervals:\n  management_review_months: 24\n")
    assert operating(invoke, tmp_path, "9.1") == (True, ["OBJ-A"])
    text = invoke("coverage", str(tmp_path), "--today", TODAY).stdout
    [row] = [line for line in text.splitlines() if line.startswith("9.4 ")]
    assert "no service reports (results on SLA targets) within 24 months" in row


def test_a_period_not_over_by_today_is_not_a_result(invoke, write, tmp_path) -> None:
    write("obj.yaml", objectives("2026-11", "2026-Q4", "2027-01"))  # November ends on the 30th
    assert operating(invoke, tmp_path, "9.1") == (False, [])


def test_a_future_period_does_not_hide_an_earlier_result(invoke, write, tmp_path) -> None:
    write("obj.yaml", objectives("2025-10", "2026-12"))
    assert operating(invoke, tmp_path, "9.1") == (False, [])  # 2025-10 too old, 2026-12 ahead
    write("obj.yaml", objectives("2026-09", "2026-12"))
    assert operating(invoke, tmp_path, "9.1") == (True, ["OBJ-A"])


@pytest.mark.parametrize(
    ("quarter", "counts"),
    [
        ("2026-Q3", True),
        ("2025-Q4", True),  # ends 31 December 2025, though it began 13 months before today
        ("2025-Q3", False),  # ends 30 September 2025
        ("2026-Q4", False),  # not over on 22 November 2026
    ],
)
def test_a_quarter_counts_as_its_last_day(
    invoke, write, tmp_path, quarter: str, counts: bool
) -> None:
    write("obj.yaml", objectives(quarter))
    assert operating(invoke, tmp_path, "9.1")[0] is counts


# 9.4: results on SLA targets


def test_results_on_sla_targets_show_9_4_operating(invoke, write, tmp_path) -> None:
    write("sla.yaml", sla("2026-Q3", "2026-10"))
    _, clauses = coverage(invoke, tmp_path)
    assert (clauses["9.4"]["operating"], clauses["9.4"]["records"]) == (True, ["SLA-A"])
    assert clauses["9.1"]["operating"] is False  # 9.1 reads objectives and KPIs


def test_sla_results_in_markdown_front_matter_count(invoke, write, tmp_path) -> None:
    write("sla.md", markdown(sla("2026-10")))
    assert operating(invoke, tmp_path, "9.4") == (True, ["SLA-A"])


def test_sla_results_older_than_the_interval_do_not_count(invoke, write, tmp_path) -> None:
    write("sla.yaml", sla("2025-09", "2025-10"))
    assert operating(invoke, tmp_path, "9.4") == (False, [])


# A malformed period: one schema finding at its line


def test_a_malformed_period_on_an_sla_target_is_one_schema_finding(
    write, check_json, tmp_path
) -> None:
    write("sla.yaml", sla("2026-10", "2026-13"))
    only(write)
    _, report = check_json(tmp_path)
    assert located(report, "SMS001") == [
        (
            "sla.yaml:19",
            "SMS001",
            "8.3.3",
            "minor",
            "targets (Monthly availability).results (2nd item)."
            "period must be written YYYY-MM (a month), YYYY-Qn (a quarter) or YYYY-MM-DD (a day) "
            '(got "2026-13")',
        )
    ]


def test_a_malformed_period_on_a_markdown_process_kpi_is_one_schema_finding(
    invoke, write, check_json, tmp_path
) -> None:
    write("prc.md", markdown(process("2026-Q5")))
    only(write)
    _, report = check_json(tmp_path)
    assert located(report, "SMS001") == [
        (
            "prc.md:18",  # line 17 in YAML: the front matter starts on line 2
            "SMS001",
            "8.6.1",
            "minor",
            "kpis (P1 responded to within 15 minutes).results (1st item)."
            "period must be written YYYY-MM (a month), YYYY-Qn (a quarter) or YYYY-MM-DD (a day) "
            '(got "2026-Q5")',
        )
    ]
    assert operating(invoke, tmp_path, "9.1") == (False, [])


# The example SMS


def test_the_example_shows_9_1_and_9_4_operating_with_no_gap(invoke) -> None:
    code, clauses = coverage(invoke, EXAMPLE, EXAMPLE_TODAY)
    assert code == 0
    assert clauses["9.1"]["records"] == ["MEAS-OBJ-02", "MEAS-PRC13-NOTIFY", "OBJ-2026", "PRC-13"]
    assert clauses["9.4"]["records"] == ["MEAS-SD-CALLS", "SLA-BACKUP", "SLA-HOSTING"]
    result = invoke("check", str(EXAMPLE), "--today", EXAMPLE_TODAY)
    assert result.exit_code == 0 and "no findings" in result.stdout.splitlines()[-1]


def test_the_example_without_sla_results_is_documented_only_for_9_4(invoke, tmp_path) -> None:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    for name in ("sla-backup.yaml", "sla-hosting.yaml"):
        path = root / "slas" / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if "period:" not in line and "results:" not in line]
        path.write_text("".join(kept), encoding="utf-8")
    (root / "measurements" / "sla-servicedesk-calls.yaml").unlink()  # the other service report
    code, clauses = coverage(invoke, root, EXAMPLE_TODAY)
    assert code == 1
    assert [c for c, entry in clauses.items() if entry["status"] == "gap"] == ["9.4"]
    assert (clauses["9.4"]["documented"], clauses["9.4"]["operating"]) == (True, False)
    md = invoke("coverage", str(root), "--format", "markdown", "--today", EXAMPLE_TODAY).stdout
    assert (
        "| 9.4 | Service reporting | **gap** | documented, no service reports (results on SLA "
        "targets) within 12 months | 0 | PROC-REPORTING | - |"
    ) in md.splitlines()
    assert "1 gap (1 documented only: no records within their interval)." in md
    page = invoke("coverage", str(root), "--format", "html", "--today", EXAMPLE_TODAY).stdout
    assert "Gap: no records" in page
