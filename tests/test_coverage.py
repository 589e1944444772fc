"""SMS016 clause-coverage, the shared coverage computation and ``sms-lint coverage``."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from auditor_repos import procedure
from conftest import EXAMPLE, TODAY, found

from sms_lint.config.pack import load_framework
from sms_lint.coverage import compute_coverage, evidence_counts_for
from sms_lint.finding import Finding, Severity

FRAMEWORK = load_framework()
COVERAGE_CLAUSES = [c.number for c in FRAMEWORK.coverage_clauses()]


def coverage_json(invoke, root: Path, *extra: str) -> tuple[int, dict]:
    result = invoke("coverage", str(root), "--format", "json", "--today", TODAY, *extra)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


# SMS016 clause-coverage


def test_every_clause_with_approved_evidence_passes(write, tmp_path: Path, check_json) -> None:
    write("p.yaml", procedure("PROC-ALL", COVERAGE_CLAUSES))
    _, report = check_json(tmp_path)
    assert found(report, "SMS016") == []


def test_clause_without_approved_evidence_is_a_gap(write, tmp_path: Path, check_json) -> None:
    claimed = [c for c in COVERAGE_CLAUSES if c not in ("8.4.2", "8.5.1")]
    write("p.yaml", procedure("PROC-ALL", [*claimed, "8", "8.4"]))  # coarser: no evidence
    write("q.yaml", procedure("PROC-CHG", ["8.5.1.1"]))  # finer: evidence for 8.5.1
    write("r.yaml", procedure("PROC-DRAFT", ["8.4.2"], status="draft"))  # not approved
    _, report = check_json(tmp_path)
    # The gap is one approval away: reported at the draft's status, graded minor.
    assert found(report, "SMS016") == [
        (
            "r.yaml",
            5,
            "SMS016",
            "8.4.2",
            "no approved artifact gives evidence for 8.4.2 Demand management: only "
            "'PROC-DRAFT', not approved, gives evidence for it: approve it (status: approved, "
            "with approved_by, approved_on, version and last_reviewed)",
        )
    ]
    assert [f["severity"] for f in report["findings"] if f["rule"] == "SMS016"] == ["minor"]


def test_example_repository_has_no_gap(check_json) -> None:
    _, report = check_json(EXAMPLE)
    assert found(report, "SMS016") == []


# The computation


def test_evidence_counts_for_the_clause_or_a_finer_one_only() -> None:
    assert evidence_counts_for("8.5.1", "8.5.1")
    assert evidence_counts_for("8.5.1.1", "8.5.1")
    assert not evidence_counts_for("8", "8.5.1")
    assert not evidence_counts_for("8.5.10", "8.5.1")
    assert not evidence_counts_for("10.1", "1")


def test_findings_are_counted_for_their_clause_and_coarser_ones() -> None:
    def finding(clause: str, waived: str | None = None) -> Finding:
        return Finding(None, None, None, "SMS999", clause, Severity.MINOR, "m", None, waived)

    findings = [finding("8.5.1"), finding("8.5.1.1"), finding("8.5.1", "accepted"), finding("8")]
    statuses = {
        s.clause: s
        for s in compute_coverage([], FRAMEWORK, findings, datetime.date.fromisoformat(TODAY))
    }
    assert [s.clause for s in statuses.values()] == COVERAGE_CLAUSES
    assert statuses["8.5.1"].findings == 2  # the waived one and the clause-8 one do not count
    assert statuses["8.5.2"].findings == 0
    assert statuses["8.5.1"].as_dict() == {
        "clause": "8.5.1",
        "title": "Change management",
        "status": "gap",
        "evidence": [],
        "findings": 2,
        "documented": False,
        "operating": None,
        "records": [],
    }


# The command


# What the example holds: every clause documented and, where records are expected, shown
# operating (9.1 by results on objectives and KPIs, 9.4 by results on SLA targets).


def test_example_repository_is_covered_where_its_records_exist(invoke) -> None:
    code, report = coverage_json(invoke, EXAMPLE)
    assert code == 0
    assert list(report)[:2] == ["framework", "clauses"]
    assert report["framework"] == "ISO/IEC 20000-1:2018"
    assert [c["clause"] for c in report["clauses"]] == COVERAGE_CLAUSES
    assert len(COVERAGE_CLAUSES) == 44 and COVERAGE_CLAUSES[0] == "4.1"
    assert COVERAGE_CLAUSES[-1] == "10.2"
    assert all(c["documented"] for c in report["clauses"])
    assert {c["status"] for c in report["clauses"]} == {"covered"}
    expected = [c for c in report["clauses"] if c["operating"] is not None]
    assert all(c["operating"] and c["records"] for c in expected)
    demand = next(c for c in report["clauses"] if c["clause"] == "8.4.2")
    assert demand == {
        "clause": "8.4.2",
        "title": "Demand management",
        "status": "covered",
        "evidence": ["PRC-08"],
        "findings": 0,
        "documented": True,
        "operating": None,
        "records": [],
    }
    assert report["summary"] == {"clauses": 44, "covered": 44, "gaps": 0, "documented_only": 0}


def test_deleting_the_demand_process_opens_a_gap(invoke, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE, root)
    (root / "processes" / "prc-08-demand.md").unlink()
    code, report = coverage_json(invoke, root)
    assert code == 1
    gaps = [c for c in report["clauses"] if not c["documented"]]
    assert [(c["clause"], c["title"], c["evidence"], c["status"]) for c in gaps] == [
        ("8.4.2", "Demand management", [], "gap")
    ]
    assert gaps[0]["findings"] >= 1  # at least the SMS016 gap itself
    assert report["summary"] == {"clauses": 44, "covered": 43, "gaps": 1, "documented_only": 0}


def test_text_format_is_an_aligned_table_with_a_tally(invoke) -> None:
    result = invoke("coverage", str(EXAMPLE), "--today", TODAY)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[-4] == "44 clauses: 44 covered, 0 gaps"
    assert lines[-2:] == [
        "sms-lint reads documents and records; it cannot observe practice.",
        "'covered' means documented and, where records are expected, shown operating: not a "
        "certificate.",
    ]
    assert lines[0] == f"ISO/IEC 20000-1:2018 clause coverage of {EXAMPLE.as_posix()} on {TODAY}"
    table = lines[2:-5]
    assert len(table) == 45 and lines[1] == lines[-5] == lines[-3] == ""
    assert table[0].split() == ["clause", "title", "status", "findings", "detail", "evidence"]
    status, detail = table[0].index("status"), table[0].index("detail")
    rows = {line.split()[0]: line for line in table[1:]}
    assert len(rows) == 44 and all(line[status:].startswith("covered") for line in rows.values())
    assert rows["9.1"][detail:].startswith("documented, operating  ")
    assert rows["9.2"][detail:].startswith("documented, operating  ")
    assert rows["8.4.2"][detail:].startswith("documented  ")
    assert rows["7.2"][detail:].startswith(
        "documented; training and competence records not judged (kept elsewhere)"
    )


def test_text_tally_names_gaps(invoke, write, tmp_path: Path) -> None:
    write("p.yaml", procedure("PROC-1", ["7.5"]))
    result = invoke("coverage", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-4] == "44 clauses: 1 covered, 43 gaps"


def test_markdown_format_is_a_table(invoke) -> None:
    result = invoke("coverage", str(EXAMPLE), "--format", "markdown", "--today", TODAY)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "| Clause | Title | Status | Detail | Findings | Evidence | Records |" in lines
    assert "| 8.4.2 | Demand management | covered | documented | 0 | PRC-08 | - |" in lines
    assert (
        "| 9.3 | Management review | covered | documented, operating | 0 | MAN-SMS | "
        "MR-2026-01, MR-2026-02 |"
    ) in lines
    assert (
        "| 9.4 | Service reporting | covered | documented, operating | 0 | PROC-REPORTING | "
        "MEAS-SD-CALLS, SLA-BACKUP, SLA-HOSTING |"
    ) in lines
    assert lines[2].endswith("44 clauses: 44 covered, 0 gaps.")
    assert lines[-1].startswith("sms-lint reads documents and records; it cannot observe")


def test_output_file_and_stable_output(invoke, tmp_path: Path) -> None:
    out = tmp_path / "cov.json"
    result = invoke("coverage", str(EXAMPLE), "--format", "json", "-o", str(out), "--today", TODAY)
    assert (result.exit_code, result.stdout) == (0, "")
    again = invoke("coverage", str(EXAMPLE), "--format", "json", "--today", TODAY).stdout
    assert out.read_text(encoding="utf-8") == again


@pytest.mark.parametrize("args", [["--format", "html5"], ["--today", "2026-02-30"], ["--bogus"]])
def test_usage_errors_exit_2(invoke, args: list[str]) -> None:
    result = invoke("coverage", str(EXAMPLE), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("sms-lint: error: ")


def test_missing_root_exits_2(invoke, tmp_path: Path) -> None:
    result = invoke("coverage", str(tmp_path / "nope"), "--today", TODAY)
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
