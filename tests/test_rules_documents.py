"""SMS002 unique-id, SMS004 approval-fields, SMS024 clause-known."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLE, found
from sms_texts import roles_artifact

ROLES = roles_artifact()
APPROVED = """
version: "1.0"
approved_by: managing-director
approved_on: 2026-01-10
last_reviewed: 2026-06-01
"""


def artifact(
    artifact_id: str, kind: str = "procedure", status: str = "draft", body: str = ""
) -> str:
    """Header on lines 1-5 (id, kind, title, owner, status); ``body`` starts on line 6."""
    header = (
        f"id: {artifact_id}\nkind: {kind}\ntitle: {artifact_id} title\n"
        f"owner: sms-manager\nstatus: {status}\n"
    )
    return header + textwrap.dedent(body).lstrip("\n")


def repo(write, files: dict[str, str]) -> None:
    """A repository with a valid roles artifact plus ``files``."""
    write("roles.yaml", ROLES)
    for relative, content in files.items():
        write(relative, content)


# SMS002 unique-id


def test_distinct_ids_pass(write, tmp_path: Path, check_json) -> None:
    repo(write, {"a.yaml": artifact("PROC-1"), "b.yaml": artifact("PROC-2")})
    _, report = check_json(tmp_path)
    assert found(report, "SMS002") == []


def test_duplicate_id_outside_git_is_reported_on_every_artifact(
    write, tmp_path, check_json
) -> None:
    # No git to say which came first (tests/test_auditor_duplicate_ids.py has git): each
    # file with the id has a finding naming the others, at its id line.
    repo(
        write,
        {
            "b/first.yaml": artifact("PROC-1"),
            "c/second.md": "---\n" + artifact("PROC-1") + "---\nBody\n",
            "d/third.yaml": artifact("PROC-1"),
        },
    )
    _, report = check_json(tmp_path)

    def message(others: str) -> str:
        return (
            f"id 'PROC-1' is also used by {others}: keep it on the document that had it "
            "first and give the others their own ids"
        )

    assert found(report, "SMS002") == [
        ("b/first.yaml", 1, "SMS002", "7.5.3", message("c/second.md and d/third.yaml")),
        ("c/second.md", 2, "SMS002", "7.5.3", message("b/first.yaml and d/third.yaml")),
        ("d/third.yaml", 1, "SMS002", "7.5.3", message("b/first.yaml and c/second.md")),
    ]
    assert {f["severity"] for f in report["findings"] if f["rule"] == "SMS002"} == {"minor"}


# SMS004 approval-fields


def test_approved_artifact_with_every_approval_field_passes(write, tmp_path, check_json) -> None:
    repo(write, {"p.yaml": artifact("PROC-1", status="approved", body=APPROVED)})
    _, report = check_json(tmp_path)
    assert found(report, "SMS004") == []


def test_draft_needs_no_approval_fields(write, tmp_path: Path, check_json) -> None:
    repo(write, {"p.yaml": artifact("PROC-1")})
    _, report = check_json(tmp_path)
    assert found(report, "SMS004") == []


def test_missing_approval_fields_are_one_finding_at_status(
    write, tmp_path: Path, check_json
) -> None:
    body = 'version: "1.0"\napproved_on: 2026-01-10\n'
    md = "---\n" + artifact("PROC-1", status="approved", body=body) + "---\nText\n"
    repo(write, {"p.md": md, "q.yaml": artifact("PROC-2", status="approved", body=body)})
    _, report = check_json(tmp_path)
    message = (
        "status is approved but approved_by and last_reviewed are missing: add the approving "
        "role and the date of the last review, or set status: draft until it is approved"
    )
    assert found(report, "SMS004") == [
        ("p.md", 6, "SMS004", "7.5.2", message),
        ("q.yaml", 5, "SMS004", "7.5.2", message),
    ]


def test_empty_approval_field_is_a_finding_at_that_field(write, tmp_path, check_json) -> None:
    body = APPROVED.replace('version: "1.0"', 'version: ""')
    repo(write, {"p.yaml": artifact("PROC-1", status="approved", body=body)})
    write(".sms-lint.yaml", "rules:\n  SMS001: {enabled: false}\n")
    _, report = check_json(tmp_path)
    message = (
        "status is approved but version has no valid value: write the version in quotes (e.g. "
        '"1.0"), or set status: draft until it is approved'
    )
    assert found(report, "SMS004") == [("p.yaml", 6, "SMS004", "7.5.2", message)]


# SMS024 clause-known


@pytest.mark.parametrize("clause", ['"7.2"', "7.5", '"7.5.1"', '"8.3.1"', '"6.2.1"', "8", '"10.2"'])
def test_known_clauses_pass(write, tmp_path: Path, check_json, clause: str) -> None:
    repo(write, {"p.yaml": artifact("PROC-1", body=f"clauses: [{clause}]\n")})
    _, report = check_json(tmp_path)
    assert found(report, "SMS024") == []


@pytest.mark.parametrize("clause", ["8.9", "11", "7.9", "8.9.1", "4.4.4.4"])
def test_unknown_clause_in_clauses_is_a_finding(write, tmp_path, check_json, clause) -> None:
    repo(write, {"p.yaml": artifact("PROC-1", body=f'clauses:\n  - "7.2"\n  - "{clause}"\n')})
    _, report = check_json(tmp_path)
    message = (
        f"clauses claims evidence for clause '{clause}', which is not a clause of ISO/IEC "
        "20000-1:2018: correct the number (sms-lint coverage lists the clauses)"
    )
    assert found(report, "SMS024") == [("p.yaml", 8, "SMS024", "7.5", message)]


def test_audit_scope_clauses_and_nonconformity_clause_are_checked(
    write, tmp_path: Path, check_json
) -> None:
    audit = artifact("AUD-1", kind="audit", body='scope_clauses: ["8", 8.9, "9.2"]\n')
    nc = artifact("NC-1", kind="nonconformity", body="raised_on: 2026-01-01\nclause: 12.1\n")
    other = artifact("PROC-1", body='scope_clauses: ["99"]\nclause: "99"\n')
    repo(write, {"aud.yaml": audit, "nc.yaml": nc, "proc.yaml": other})
    _, report = check_json(tmp_path)
    name = (
        "which is not a clause of ISO/IEC 20000-1:2018: correct the number (sms-lint coverage "
        "lists the clauses)"
    )
    assert found(report, "SMS024") == [
        (
            "aud.yaml",
            6,
            "SMS024",
            "7.5",
            f"scope_clauses says the audit covered clause '8.9', {name}",
        ),
        (
            "nc.yaml",
            7,
            "SMS024",
            "7.5",
            f"the nonconformity is raised against clause '12.1', {name}",
        ),
    ]


# The example repository


def test_example_repository_has_no_finding_from_these_rules(check_json) -> None:
    _, report = check_json(EXAMPLE)
    assert [f for f in report["findings"] if f["rule"] in {"SMS002", "SMS004", "SMS024"}] == []
