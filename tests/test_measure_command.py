"""``sms-lint measure ID --period P --value V`` (issue 22, point 4): one result appended to the
measurements record of ID, the file otherwise byte for byte as it was (comments, key order,
quoting), in YAML and in Markdown front matter; refusals exit 2 with one sentence and leave
every file as it was."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

import pytest
from auditor_repos import header, objective
from conftest import TODAY, located

OBJECTIVES = header("OBJ-A", "objectives") + "objectives:\n" + objective("OBJ-01")
PROCESS = header("PRC-13", "process") + (
    "process: incident\nkpis:\n  - name: P1 incidents resolved within 4 hours\n"
    '    target: 90\n    unit: percent\n    comparator: ">="\n'
)

YAML_RECORD = """\
# Figures from the service desk export; do not edit by hand.
id: MEAS-1
kind: measurements
title: "Measurements - OBJ-01 'P2 resolved'"   # quoted on purpose
owner: 'sms-manager'
status: approved
version: "1.0"
approved_by: sms-manager
approved_on: 2026-01-10
last_reviewed: 2026-01-10
measures: OBJ-01
results:
  # the first months, from the old tool
  - {period: 2026-08, value: 94.1, note: "Old tool, sampled"}
  - {period: 2026-09, value: 95.0}   # first month on the new tool
x-source: 'desk export, "monthly"'
"""

BLOCK_RECORD = """\
id: MEAS-2
kind: measurements
title: Measurements - P1 resolution
owner: sms-manager
status: approved
version: "1.0"
approved_by: sms-manager
approved_on: 2026-01-10
last_reviewed: 2026-01-10
measures: PRC-13/P1 incidents resolved within 4 hours
results:
    -   period: 2026-09
        value: 92.0   # after the rota change
    -   period: "2026-10"
        value: 91.3
"""

MARKDOWN_RECORD = """\
---
id: MEAS-3
kind: measurements
title: 'Measurements - OBJ-01, as Markdown'
owner: sms-manager
status: approved
version: "1.0"
approved_by: sms-manager
approved_on: 2026-01-10
last_reviewed: 2026-01-10
measures: obj-01   # any case
results:
- period: 2026-08
  value: 94.1
---

# OBJ-01 results

---

The figures come from the service desk's monthly export.
"""


@pytest.fixture
def sms(write, tmp_path: Path) -> Path:
    write("roles.yaml", "id: ROLES-1\nkind: roles\ntitle: Roles\nowner: sms-manager\n"
          "status: draft\nroles:\n  - {id: sms-manager, title: SMS manager, holder: Ann Lee,\n"
          "     responsibilities: [Runs the SMS]}\n")  # fmt: skip
    write("governance/objectives.yaml", OBJECTIVES)
    write("processes/incident.yaml", PROCESS)
    return tmp_path


def added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``, asserting it removes or changes none."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [line for line in diff if line.startswith(("- ", "? "))], diff
    return [line[2:] for line in diff if line.startswith("+ ")]


def measure(invoke, root: Path, *args: str):
    return invoke("measure", *args, "--root", str(root))


def test_a_yaml_record_gains_exactly_one_flow_entry(invoke, write, sms: Path) -> None:
    path = write("measurements/obj-01.yaml", YAML_RECORD)
    result = measure(invoke, sms, "OBJ-01", "--period", "2026-10", "--value", "96.2")
    assert result.exit_code == 0, result.output
    assert result.stdout == "added 2026-10: 96.2 to measurements/obj-01.yaml (OBJ-01)\n"
    after = path.read_text(encoding="utf-8")
    assert added_lines(YAML_RECORD, after) == ["  - {period: 2026-10, value: 96.2}"]
    assert after.index("period: 2026-10") < after.index("x-source")  # in results, in order


def test_a_block_entry_with_a_note_keeps_the_file_s_indentation(invoke, write, sms) -> None:
    path = write("measurements/prc-13.yaml", BLOCK_RECORD)
    result = measure(
        invoke, sms, "PRC-13/P1 incidents resolved within 4 hours",
        "--period", "2026-11", "--value", "93", "--note", "Rota: two on call",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert added_lines(BLOCK_RECORD, path.read_text(encoding="utf-8")) == [
        "    -   period: 2026-11",
        "        value: 93",
        "        note: 'Rota: two on call'",
    ]


def test_a_markdown_record_changes_only_in_its_front_matter(invoke, write, sms) -> None:
    path = write("measurements/obj-01.md", MARKDOWN_RECORD)
    result = measure(invoke, sms, "OBJ-01", "--period", "2026-09", "--value", "95")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert added_lines(MARKDOWN_RECORD, after) == ["- period: 2026-09", "  value: 95"]
    assert after.endswith(MARKDOWN_RECORD.split("---\n", 2)[2])  # the body as it was


def test_the_record_still_checks_clean_and_its_mode_is_kept(invoke, write, sms, check_json) -> None:
    path = write("measurements/obj-01.yaml", YAML_RECORD)
    os.chmod(path, 0o640)
    assert measure(invoke, sms, "OBJ-01", "--period", "2026-10", "--value", "96").exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in path.parent.iterdir()] == ["obj-01.yaml"]  # no temporary left
    _, report = check_json(sms)
    assert [f for f in located(report, "SMS001", "SMS055") if "measurements/" in f[0]] == []


def test_the_record_with_the_latest_result_gets_it(invoke, write, sms) -> None:
    old = write("measurements/2025.yaml", YAML_RECORD.replace("2026-0", "2025-0"))
    new = write("measurements/2026.yaml", YAML_RECORD.replace("MEAS-1", "MEAS-9"))
    before = old.read_text(encoding="utf-8")
    assert measure(invoke, sms, "OBJ-01", "--period", "2026-10", "--value", "96").exit_code == 0
    assert old.read_text(encoding="utf-8") == before
    assert "2026-10" in new.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("OBJ-01", "--period", "2026-09", "--value", "1"),
            "OBJ-01 already has a result for 2026-09 (in measurements/obj-01.yaml): correct "
            "that one instead of adding another",
        ),
        (
            ("OBJ-02", "--period", "2026-10", "--value", "1"),
            "no objective, process KPI or SLA target 'OBJ-02' in {root}: write an objective "
            "id, or a process or SLA id, a slash and the KPI name or target metric",
        ),
        (
            ("OBJ-01", "--period", "2026-10-32", "--value", "1"),
            "--period must be a month YYYY-MM, a quarter YYYY-Qn or a date YYYY-MM-DD (got "
            "'2026-10-32')",
        ),
        (
            ("OBJ-01", "--period", "2026-10", "--value", "97,5"),
            "--value must be a number such as 97.5 (got '97,5')",
        ),
        (
            ("PRC-13/P1 incidents resolved within 4 hours", "--period", "2026-10", "--value", "1"),
            "no measurements record measures PRC-13/P1 incidents resolved within 4 hours, and "
            "results are not added to the approved processes/incident.yaml: create a record "
            "(kind: measurements, measures: PRC-13/P1 incidents resolved within 4 hours, "
            "results: []) and run this again",
        ),
    ],
)
def test_refusals_exit_2_and_write_nothing(invoke, write, sms, args, message) -> None:
    path = write("measurements/obj-01.yaml", YAML_RECORD)
    files = {p: p.read_bytes() for p in sms.rglob("*") if p.is_file()}
    result = measure(invoke, sms, *args)
    assert result.exit_code == 2
    assert result.stderr == f"sms-lint: error: {message.format(root=sms)}\n"
    assert {p: p.read_bytes() for p in sms.rglob("*") if p.is_file()} == files
    assert path.read_text(encoding="utf-8") == YAML_RECORD


def test_a_duplicate_in_the_item_s_own_results_is_refused(invoke, write, sms) -> None:
    own = OBJECTIVES + "    results:\n      - {period: 2026-10, value: 95}\n"
    write("governance/objectives.yaml", own)
    write("measurements/obj-01.yaml", YAML_RECORD)
    result = measure(invoke, sms, "OBJ-01", "--period", "2026-10", "--value", "96")
    assert result.exit_code == 2
    assert "already has a result for 2026-10 (in governance/objectives.yaml)" in result.stderr


def test_today_does_not_matter(invoke, write, sms) -> None:
    """The command judges nothing by date: a pipeline may record the month just ended."""
    write("measurements/obj-01.yaml", YAML_RECORD)
    result = invoke(
        "measure", "OBJ-01", "--period", "2026-11", "--value", "1", "--root", str(sms),
        env={"SMS_LINT_TODAY": TODAY},
    )  # fmt: skip
    assert result.exit_code == 0


def test_crlf_line_endings_are_kept(invoke, write, sms) -> None:
    crlf = MARKDOWN_RECORD.replace("\n", "\r\n").encode()
    path = write("measurements/obj-01.md", crlf)
    assert measure(invoke, sms, "OBJ-01", "--period", "2026-09", "--value", "95").exit_code == 0
    after = path.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n") == crlf.count(b"\n") + 2
    assert added_lines(crlf.decode(), after.decode()) == ["- period: 2026-09", "  value: 95"]


def test_a_layout_the_round_trip_cannot_keep_is_refused(invoke, write, sms) -> None:
    """A flow list of results over two lines would be rejoined: nothing is written."""
    text = YAML_RECORD.split("results:\n")[0] + (
        "results: [{period: 2026-08, value: 94.1},\n  {period: 2026-09, value: 95.0}]\n"
    )
    path = write("measurements/obj-01.yaml", text)
    result = measure(invoke, sms, "OBJ-01", "--period", "2026-10", "--value", "96")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("sms-lint: error: adding the result would rewrite line 12")
    assert path.read_text(encoding="utf-8") == text
