"""Coverage after the adversarial review (issue 15, point 3): a record shows a clause operating
and never documents it; the document-control procedure is recognised by its title or id, not
only by `clauses: ["7.5"]`; the readiness page names the records the pack expects.

From the user's side: copies of the example SMS and small repositories in YAML and Markdown,
through ``sms-lint coverage`` and ``sms-lint check``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from auditor_repos import procedure
from conftest import EXAMPLE, TODAY, graded, located, quiet_config

from sms_lint.config.pack import load_framework

FRAMEWORK = load_framework()
COVERAGE_CLAUSES = [c.number for c in FRAMEWORK.coverage_clauses()]
HEADER = (
    "id: {id}\nkind: procedure\ntitle: {title}\nowner: sms-manager\nstatus: {status}\n"
    'version: "1.0"\napproved_by: sms-manager\napproved_on: 2026-01-10\n'
    "last_reviewed: 2026-06-01\n"
)
AUDIT = (
    "id: AUD-1\nkind: audit\ntitle: Audit 1\nowner: sms-manager\nstatus: approved\n"
    'version: "1.0"\napproved_by: sms-manager\napproved_on: 2026-03-20\n'
    "last_reviewed: 2026-03-20\naudit_type: internal\ndate: 2026-03-10\n"
    'auditor: internal-auditor\nauditee_roles: [sms-manager]\nscope_clauses: ["9"]\n'
    "findings: []\n"
)


def coverage(invoke, root: Path) -> dict[str, dict]:
    result = invoke("coverage", str(root), "--format", "json", "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    return {c["clause"]: c for c in json.loads(result.stdout)["clauses"]}


def check(invoke, root: Path) -> dict:
    result = invoke("check", str(root), "--format", "json", "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def proc(proc_id: str, title: str, markdown: bool, status: str = "approved") -> tuple[str, str]:
    """(file name, text) of a procedure without `clauses`: YAML, or Markdown with prose."""
    front = HEADER.format(id=proc_id, title=title, status=status)
    if markdown:
        return f"{proc_id.lower()}.md", f"---\n{front}---\n\n# {title}\n\nHow we do it.\n"
    return f"{proc_id.lower()}.yaml", front


def everything_but(write, *left_out: str) -> None:
    """A plan documenting every coverage clause but ``left_out`` (a plan never counts for 7.5)."""
    clauses = [c for c in COVERAGE_CLAUSES if c not in left_out]
    write("plan.yaml", procedure("PLAN-ALL", clauses).replace("kind: procedure", "kind: plan"))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    return root


# Records never document


def test_stripped_bodies_leave_9_2_and_10_1_shown_by_records_only(invoke, example: Path) -> None:
    for path in example.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.index("\n---\n", 4) + 5
            path.write_text(text[:end] + "\n# Only a heading\n", encoding="utf-8")
    clauses = coverage(invoke, example)
    assert clauses["9.2"] == {
        "clause": "9.2", "title": "Internal audit", "status": "gap", "evidence": [],
        "findings": clauses["9.2"]["findings"], "documented": False, "operating": True,
        "records": ["AUD-2025-02", "AUD-2026-01", "AUD-2026-02"],
    }  # fmt: skip
    assert (clauses["10.1"]["documented"], clauses["10.1"]["evidence"]) == (False, [])
    assert clauses["10.1"]["operating"] is True
    report = check(invoke, example)
    # The emptied procedure and manual are SMS028's findings; SMS016 does not repeat them.
    assert [f for f in report["findings"] if f["rule"] == "SMS016"] == []
    empty = {f["path"] for f in report["findings"] if f["rule"] == "SMS028"}
    assert {"procedures/internal-audit.md", "governance/sms-manual.md"} <= empty


def test_audit_reports_without_the_procedure_are_an_observation(invoke, example: Path) -> None:
    (example / "procedures" / "internal-audit.md").unlink()
    nine_two = coverage(invoke, example)["9.2"]
    assert (nine_two["status"], nine_two["documented"], nine_two["operating"]) == (
        "gap", False, True,
    )  # fmt: skip
    assert graded(check(invoke, example), "SMS016") == [
        (
            None,
            None,
            "SMS016",
            "9.2",
            "observation",
            "no approved artifact gives evidence for 9.2 Internal audit: its records "
            "('AUD-2025-02', 'AUD-2026-01' and 'AUD-2026-02') show it operating, but a record "
            "does not describe how it is done: write and approve a procedure (or plan) for it, "
            'or list "9.2" under clauses in an approved document that describes it',
        )
    ]


def test_minutes_without_a_document_are_an_observation(invoke, example: Path) -> None:
    manual = example / "governance" / "sms-manual.md"
    text = manual.read_text(encoding="utf-8")
    manual.write_text(text.replace('"8.1", "9.3", "10.1"', '"8.1", "10.1"'), encoding="utf-8")
    assert coverage(invoke, example)["9.3"]["documented"] is False
    [(rule, clause, severity, message)] = [
        (f["rule"], f["clause"], f["severity"], f["message"])
        for f in check(invoke, example)["findings"]
    ]
    assert (rule, clause, severity) == ("SMS016", "9.3", "observation")
    assert "its records ('MR-2026-01' and 'MR-2026-02') show it operating" in message


def test_a_yaml_audit_record_alone_documents_nothing(invoke, write, tmp_path: Path) -> None:
    everything_but(write, "9.2")
    write("aud.yaml", AUDIT)
    write(".sms-lint.yaml", quiet_config("SMS016"))
    nine_two = coverage(invoke, tmp_path)["9.2"]
    assert (nine_two["documented"], nine_two["operating"], nine_two["records"]) == (
        False, True, ["AUD-1"],
    )  # fmt: skip
    [(clause, severity, message)] = [
        (f["clause"], f["severity"], f["message"])
        for f in check(invoke, tmp_path)["findings"]
        if f["rule"] == "SMS016"
    ]
    assert (clause, severity) == ("9.2", "observation")
    assert message.startswith(
        "no approved artifact gives evidence for 9.2 Internal audit: its records ('AUD-1') "
        "show it operating"
    )


def test_neither_procedure_nor_audit_is_sms013s_finding_alone(
    invoke, write, tmp_path: Path
) -> None:
    everything_but(write, "9.2")
    write(".sms-lint.yaml", quiet_config("SMS013", "SMS016"))
    assert [f["rule"] for f in check(invoke, tmp_path)["findings"]] == ["SMS013"]
    # With SMS013 off, nothing else says internal audit is absent: SMS016 does.
    write(".sms-lint.yaml", quiet_config("SMS016"))
    assert graded(check(invoke, tmp_path), "SMS016") == [
        (
            None,
            None,
            "SMS016",
            "9.2",
            "major",
            "no approved artifact gives evidence for 9.2 Internal audit: write and approve a "
            'document for it, or list "9.2" under clauses in an approved document that '
            "addresses it",
        )
    ]


# The document-control procedure, recognised by what it is called


@pytest.mark.parametrize("markdown", [False, True])
@pytest.mark.parametrize(
    ("proc_id", "title"),
    [
        ("PROC-DOCS", "Control of documented information"),
        ("PROC-07", "DOCUMENT CONTROL"),
        ("PROC-DOCUMENT-CONTROL", "How we look after our SMS files"),
        ("PROC-RM", "Records management"),
    ],
)
def test_the_document_control_procedure_needs_no_clauses_list(
    invoke, write, tmp_path: Path, markdown: bool, proc_id: str, title: str
) -> None:
    everything_but(write, "7.5")
    write(*proc(proc_id, title, markdown))
    write(".sms-lint.yaml", quiet_config("SMS016"))
    seven_five = coverage(invoke, tmp_path)["7.5"]
    assert (seven_five["status"], seven_five["evidence"]) == ("covered", [proc_id])
    assert check(invoke, tmp_path)["findings"] == []


@pytest.mark.parametrize("markdown", [False, True])
def test_a_tape_rotation_procedure_alone_leaves_7_5_a_gap(
    invoke, write, tmp_path: Path, markdown: bool
) -> None:
    everything_but(write, "7.5")
    name, text = proc("PROC-TAPE", "Offsite backup tape rotation", markdown)
    write(name, text)
    write(".sms-lint.yaml", quiet_config("SMS016"))
    assert coverage(invoke, tmp_path)["7.5"]["status"] == "gap"
    assert graded(check(invoke, tmp_path), "SMS016") == [
        (
            None,
            None,
            "SMS016",
            "7.5",
            "major",
            "no approved artifact gives evidence for 7.5 Documented information: the approved "
            "procedure 'PROC-TAPE' is not recognised as the document-control procedure (by its "
            'title or id, or "7.5" under its clauses): if it is the document-control '
            'procedure, list "7.5" under its clauses; else write and approve a '
            "document-control procedure",
        )
    ]
    # Listing 7.5 is the other way to say it is the document-control procedure.
    write(
        name,
        text.replace(
            "last_reviewed: 2026-06-01\n", 'last_reviewed: 2026-06-01\nclauses: ["7.5"]\n'
        ),
    )
    assert coverage(invoke, tmp_path)["7.5"]["evidence"] == ["PROC-TAPE"]


def test_a_title_matches_whole_words_only(invoke, write, tmp_path: Path) -> None:
    everything_but(write, "7.5")
    write(*proc("PROC-ROTA", "Document controller rota", markdown=False))
    write(*proc("PROC-INFO", "Undocumented information requests", markdown=False))
    write(".sms-lint.yaml", quiet_config("SMS016"))
    assert coverage(invoke, tmp_path)["7.5"]["documented"] is False
    [message] = [f["message"] for f in check(invoke, tmp_path)["findings"]]
    assert "none of the approved procedures 'PROC-INFO' and 'PROC-ROTA' is recognised" in message
    assert 'if one of them is the document-control procedure, list "7.5"' in message


@pytest.mark.parametrize(("markdown", "line"), [(False, 5), (True, 6)])
def test_a_draft_document_control_procedure_is_minor_at_its_status(
    invoke, write, tmp_path: Path, markdown: bool, line: int
) -> None:
    everything_but(write, "7.5")
    name, text = proc("PROC-DOCS", "Control of documented information", markdown, "draft")
    write(name, text)
    write(".sms-lint.yaml", quiet_config("SMS016"))
    assert located(check(invoke, tmp_path), "SMS016") == [
        (
            f"{name}:{line}",
            "SMS016",
            "7.5",
            "minor",
            "no approved artifact gives evidence for 7.5 Documented information: only "
            "'PROC-DOCS', not approved, gives evidence for it: approve it (status: approved, "
            "with approved_by, approved_on, version and last_reviewed)",
        )
    ]


def test_an_empty_document_control_procedure_is_sms028s_finding(
    invoke, write, tmp_path: Path
) -> None:
    everything_but(write, "7.5")
    front = HEADER.format(id="PROC-DOCS", title="Document control", status="approved")
    write("docs.md", f"---\n{front}---\n\n# Document control\n")
    write(".sms-lint.yaml", quiet_config("SMS016", "SMS028"))
    assert coverage(invoke, tmp_path)["7.5"]["documented"] is False
    assert [f["rule"] for f in check(invoke, tmp_path)["findings"]] == ["SMS028"]


def test_the_pack_says_which_documents_count_for_7_5() -> None:
    [named] = FRAMEWORK.evidence.named_documents
    assert (named.name, named.kind, named.clauses) == (
        "document-control procedure", "procedure", ("7.5",),
    )  # fmt: skip
    assert {"document control", "documented information"} <= set(named.title_words)
    assert FRAMEWORK.kind_clauses["procedure"] == ()
    pack = (Path(__file__).parents[1] / "policies" / "iso20000-1-2018.yaml").read_text("utf-8")
    assert "Records document the clause" not in pack


# The readiness page names the records the pack expects


def test_the_readiness_page_names_the_packs_records(invoke, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = invoke("coverage", str(EXAMPLE), "--format", "html", "-o", str(out), "--today", TODAY)
    assert result.exit_code == 0, result.output
    [limits] = re.findall(r'<p class="limits">([^<]*)</p>', out.read_text(encoding="utf-8"))
    expected = []
    for clause in COVERAGE_CLAUSES:
        evidence = FRAMEWORK.evidence.for_clause(clause)
        if evidence.expects_records:
            expected.append(f"{evidence.records} for {clause}")
    assert len(expected) == 6
    assert ", ".join(expected[:-1]) + " and " + expected[-1] in limits.replace("&#x27;", "'")
    assert "results on objectives and process KPIs for 9.1" in limits
    assert "service reports (results on SLA targets) for 9.4" in limits
    assert "A record shows a clause operating; it never documents it." in limits
