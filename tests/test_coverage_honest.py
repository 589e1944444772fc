"""Coverage means documented and operating (issue 15, point 3): what an auditor would accept.

From the user's side: copies of the example SMS with bodies stripped, internal audits or the
document-control procedure deleted, and small repositories in YAML and Markdown, through
``sms-lint coverage --format json`` and ``sms-lint check``.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from auditor_repos import procedure
from conftest import EXAMPLE, TODAY, graded, located, quiet_config

from sms_lint.config.pack import load_framework
from sms_lint.evidence import RecordSource, record_date
from sms_lint.model import Artifact
from sms_lint.parse.documents import Document

FRAMEWORK = load_framework()
COVERAGE_CLAUSES = [c.number for c in FRAMEWORK.coverage_clauses()]
# The clauses YAML documents describe in the example (judged by their fields); records (audit
# reports, minutes, nonconformities) document nothing, whatever their fields.
BY_FIELDS = ["4.1", "4.2", "4.3", "5.3", "6.1", "6.2", "8.2.4", "8.3.3", "8.3.4", "10.2"]
SHOWN_BY_RECORDS = ["9.2", "9.3", "10.1"]


def coverage(invoke, root: Path) -> tuple[int, dict[str, dict]]:
    result = invoke("coverage", str(root), "--format", "json", "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    return result.exit_code, {c["clause"]: c for c in report["clauses"]}


def check(invoke, root: Path) -> dict:
    result = invoke("check", str(root), "--format", "json", "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    return root


def test_json_clauses_say_documented_operating_and_records(invoke) -> None:
    code, clauses = coverage(invoke, EXAMPLE)
    assert code == 0  # 9.1 and 9.4 operating through results on objectives, KPIs, SLA targets
    for entry in clauses.values():
        assert list(entry) == [
            "clause", "title", "status", "evidence", "findings", "documented", "operating",
            "records",
        ]  # fmt: skip
        assert entry["status"] == (
            "covered" if entry["documented"] and entry["operating"] is not False else "gap"
        )
    assert clauses["9.2"]["records"] == ["AUD-2025-02", "AUD-2026-01", "AUD-2026-02"]
    assert clauses["9.2"]["operating"] is True
    assert "AUD-2026-EXT1" not in clauses["9.2"]["evidence"]  # the certification body's audit
    assert clauses["9.3"]["records"] == ["MR-2026-01", "MR-2026-02"]
    assert clauses["10.1"]["operating"] is True and len(clauses["10.1"]["records"]) == 6
    assert clauses["8.3.4"]["operating"] is True
    assert (clauses["9.1"]["status"], clauses["9.1"]["operating"]) == ("covered", True)
    assert clauses["9.1"]["records"] == ["MEAS-OBJ-02", "MEAS-PRC13-NOTIFY", "OBJ-2026", "PRC-13"]
    assert (clauses["9.4"]["evidence"], clauses["9.4"]["records"]) == (
        ["PROC-REPORTING"], ["MEAS-SD-CALLS", "SLA-BACKUP", "SLA-HOSTING"],
    )  # fmt: skip
    for no_record in ("7.2", "7.3", "8.2.1", "8.2.2", "8.2.3", "8.5.2", "4.4"):
        assert clauses[no_record]["operating"] is None
        assert clauses[no_record]["status"] == "covered"
    assert clauses["7.5"]["evidence"] == ["PROC-DOC-CONTROL"]  # no longer every procedure


def test_bodies_stripped_to_nothing_document_nothing(invoke, example: Path) -> None:
    for path in example.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.index("\n---\n", 4) + 5
            path.write_text(text[:end] + "\n# Only a heading\n", encoding="utf-8")
    _, clauses = coverage(invoke, example)
    documented = [c for c, entry in clauses.items() if entry["documented"]]
    assert documented == BY_FIELDS
    assert (clauses["7.4"]["status"], clauses["7.4"]["evidence"]) == ("gap", [])
    assert clauses["7.4"]["operating"] is None
    # The audit reports, minutes and nonconformities show their clause operating; with the
    # procedures and the manual emptied, nothing documents it.
    for clause in SHOWN_BY_RECORDS:
        entry = clauses[clause]
        assert (entry["status"], entry["documented"], entry["operating"]) == ("gap", False, True)
        assert entry["evidence"] == [] and entry["records"]
    # Each empty document is one finding (SMS028's); SMS016 does not add a gap per clause.
    assert [f for f in check(invoke, example)["findings"] if f["rule"] == "SMS016"] == []


def test_without_internal_audits_9_2_is_documented_but_not_operating(invoke, example: Path) -> None:
    for name in ("aud-2025-02.md", "aud-2026-01.md", "aud-2026-02.md"):
        (example / "audits" / name).unlink()
    code, clauses = coverage(invoke, example)
    assert code == 1
    assert (example / "audits" / "aud-2026-ext1.md").exists()
    nine_two = clauses["9.2"]
    assert nine_two["evidence"] == ["PROC-INTERNAL-AUDIT"]
    assert (nine_two["status"], nine_two["documented"], nine_two["operating"]) == (
        "gap", True, False,
    )  # fmt: skip
    assert nine_two["records"] == []
    text = invoke("coverage", str(example), "--today", TODAY).stdout
    [row] = [line for line in text.splitlines() if line.startswith("9.2 ")]
    assert "documented, no internal audit reports within 12 months" in row
    # The missing audit is SMS013's finding, not also SMS016's.
    rules = {f["rule"] for f in check(invoke, example)["findings"] if f["clause"] == "9.2"}
    assert "SMS013" in rules and "SMS016" not in rules


def test_without_the_document_control_procedure_7_5_is_a_gap(invoke, example: Path) -> None:
    (example / "procedures" / "document-control.md").unlink()
    _, clauses = coverage(invoke, example)
    assert (clauses["7.5"]["status"], clauses["7.5"]["documented"]) == ("gap", False)
    assert clauses["7.5"]["evidence"] == []
    assert graded(check(invoke, example), "SMS016") == [
        (
            None,
            None,
            "SMS016",
            "7.5",
            "major",
            "no approved artifact gives evidence for 7.5 Documented information: none of the "
            "approved procedures 'MAN-SMS', 'PROC-COMMUNICATION', 'PROC-COMPETENCE' and 6 more "
            'is recognised as the document-control procedure (by its title or id, or "7.5" '
            "under its clauses): if one of them is the document-control procedure, list "
            '"7.5" under its clauses; else write and approve a document-control procedure',
        )
    ]


def test_a_draft_document_control_procedure_is_minor_at_its_status(invoke, example: Path) -> None:
    path = example / "procedures" / "document-control.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: approved", "status: draft"),
        encoding="utf-8",
    )
    assert located(check(invoke, example), "SMS016") == [
        (
            "procedures/document-control.md:6",
            "SMS016",
            "7.5",
            "minor",
            "no approved artifact gives evidence for 7.5 Documented information: only "
            "'PROC-DOC-CONTROL', not approved, gives evidence for it: approve it (status: "
            "approved, with approved_by, approved_on, version and last_reviewed)",
        )
    ]


AUDIT = (
    "id: AUD-1\nkind: audit\ntitle: Audit 1\nowner: sms-manager\nstatus: approved\n"
    'version: "1.0"\napproved_by: sms-manager\napproved_on: 2026-03-20\n'
    "last_reviewed: 2026-03-20\naudit_type: {type}\ndate: {date}\nauditor: internal-auditor\n"
    'auditee_roles: [sms-manager]\nscope_clauses: ["9"]\nfindings: []\n'
)


@pytest.mark.parametrize("markdown", [False, True])
def test_an_external_audit_documents_and_evidences_nothing(
    invoke, write, tmp_path: Path, markdown: bool
) -> None:
    text = AUDIT.format(type="external", date="2026-03-10")
    write(
        "aud.md" if markdown else "aud.yaml", f"---\n{text}---\n\nReport.\n" if markdown else text
    )
    _, clauses = coverage(invoke, tmp_path)
    assert clauses["9.2"] == {
        "clause": "9.2", "title": "Internal audit", "status": "gap", "evidence": [],
        "findings": clauses["9.2"]["findings"], "documented": False, "operating": False,
        "records": [],
    }  # fmt: skip


@pytest.mark.parametrize(("months", "operating"), [(None, False), (24, True)])
def test_the_internal_audit_interval_comes_from_the_config(
    invoke, write, tmp_path: Path, months: int | None, operating: bool
) -> None:
    write("aud.yaml", AUDIT.format(type="internal", date="2025-06-10"))  # 17 months before
    if months:
        write(".sms-lint.yaml", f"intervals:\n  internal_audit_months: {months}\n")
    _, clauses = coverage(invoke, tmp_path)
    assert clauses["9.2"]["documented"] is False  # a record shows 9.2 operating, never documents it
    assert clauses["9.2"]["operating"] is operating
    assert clauses["9.2"]["records"] == (["AUD-1"] if operating else [])


def test_a_planned_audit_is_not_a_record(invoke, write, tmp_path: Path) -> None:
    planned = AUDIT.format(type="internal", date="2027-02-10")
    write("aud.yaml", planned.replace("status: approved", "status: draft"))
    _, clauses = coverage(invoke, tmp_path)
    assert (clauses["9.2"]["documented"], clauses["9.2"]["operating"]) == (False, False)


def test_an_empty_markdown_procedure_documents_nothing(invoke, write, tmp_path: Path) -> None:
    others = [c for c in COVERAGE_CLAUSES if c != "7.4"]
    write("all.yaml", procedure("PROC-ALL", others))
    write("comms.md", f"---\n{procedure('PROC-COMMS', ['7.4'])}---\n\n# Communication\n")
    _, clauses = coverage(invoke, tmp_path)
    assert (clauses["7.4"]["documented"], clauses["7.4"]["status"]) == (False, "gap")
    # The empty document is SMS028's finding; with SMS028 off, SMS016 reports the gap.
    write(".sms-lint.yaml", quiet_config("SMS016", "SMS028"))
    report = check(invoke, tmp_path)
    assert [f["rule"] for f in report["findings"]] == ["SMS028"]
    write(".sms-lint.yaml", quiet_config("SMS016"))
    assert [(f["rule"], f["clause"]) for f in check(invoke, tmp_path)["findings"]] == [
        ("SMS016", "7.4")
    ]
    (tmp_path / "comms.md").write_text(
        f"---\n{procedure('PROC-COMMS', ['7.4'])}---\n\n# Communication\n\nWho tells whom.\n",
        encoding="utf-8",
    )
    _, clauses = coverage(invoke, tmp_path)
    assert clauses["7.4"]["evidence"] == ["PROC-COMMS"] and clauses["7.4"]["status"] == "covered"


def test_no_review_at_all_is_sms014s_finding_only(invoke, example: Path) -> None:
    for path in (example / "reviews").iterdir():
        path.unlink()
    _, clauses = coverage(invoke, example)
    # The SMS manual describes the management review; no minutes show one held.
    assert (clauses["9.3"]["documented"], clauses["9.3"]["operating"]) == (True, False)
    assert clauses["9.3"]["evidence"] == ["MAN-SMS"]
    rules = {f["rule"] for f in check(invoke, example)["findings"] if f["clause"] == "9.3"}
    assert "SMS014" in rules and "SMS016" not in rules


@pytest.mark.parametrize(
    ("period", "day"),
    [
        ("2026-05", datetime.date(2026, 5, 31)),
        ("2026-Q1", datetime.date(2026, 3, 31)),
        ("2026-02-14", datetime.date(2026, 2, 14)),
        ("2026-13", None),
        ("0000-01", None),
        ("soon", None),
    ],
)
def test_a_measured_period_counts_as_its_last_day(period: str, day: datetime.date | None) -> None:
    data = {"kind": "measurements", "results": [{"period": period, "value": 1}, "junk"]}
    artifact = Artifact(Document("m.yaml", data), "measurements")
    assert record_date(artifact, RecordSource("measurements", date="results[].period")) == day


def test_the_pack_names_the_records_of_9_1_and_9_4() -> None:
    sources = {c: FRAMEWORK.evidence.for_clause(c).sources for c in ("9.1", "9.4")}
    assert [(s.kind, s.date) for s in sources["9.1"]] == [
        ("objectives", "objectives[].results[].period"),
        ("process", "kpis[].results[].period"),
        ("measurements", "results[].period"),
    ]
    assert [(s.kind, s.date) for s in sources["9.4"]] == [
        ("sla", "targets[].results[].period"),
        ("measurements", "results[].period"),
    ]
    assert FRAMEWORK.kind_clauses["procedure"] == ()
