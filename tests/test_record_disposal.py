"""Disposing of records: ``retain_until`` and SMS025 artifact-deleted (issue 16, point 2).

A record (audit report, management-review minutes, closed nonconformity) whose base version says
``retain_until`` a day before today may be deleted: that is its disposal, and the deleting
commit records it. Before then (and on the day itself) deleting it is still a major finding,
which says until when it is to be kept. On a document ``retain_until`` changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, located, quiet_config
from sms_texts import roles_artifact
from test_git_support import GitRepo, policy

APPROVAL = """\
status: approved
version: "1.0"
approved_by: sms-manager
approved_on: 2020-01-10
last_reviewed: 2020-01-10
"""

AUDIT = f"""\
id: AUD-1
kind: audit
title: Internal audit
owner: sms-manager
{APPROVAL}audit_type: internal
date: 2020-01-05
auditor: sms-manager
auditee_roles: [managing-director]
scope_clauses: ["8"]
findings: []
"""

MINUTES = f"""\
id: MR-1
kind: management-review
title: Management review
owner: sms-manager
{APPROVAL}date: 2020-01-08
attendees: [managing-director]
inputs_covered: [previous-actions]
actions: []
"""


def nonconformity(state: str) -> str:
    closing = "closed_on: 2020-03-01\neffectiveness_verified: true\n" if state == "closed" else ""
    return f"""\
id: NC-1
kind: nonconformity
title: Missed supplier review
owner: sms-manager
{APPROVAL}raised_on: 2020-01-05
clause: "8.3.4"
grade: minor
description: The supplier review was not held.
correction: Review held.
root_cause: The reminder was not set up in the new tool.
corrective_action: Review dates are checked on every merge.
due: 2020-04-01
nc_status: {state}
{closing}"""


def kept(text: str, until: str) -> str:
    return text + f"retain_until: {until}\n"


def deleted(tmp_path: Path, *files: tuple[str, str]) -> GitRepo:
    """A repository with ``files`` committed, then a commit that deletes them all."""
    sms = GitRepo(tmp_path / "sms")
    sms.write("roles.yaml", roles_artifact())
    sms.write(".sms-lint.yaml", quiet_config("SMS001", "SMS025"))
    for relative, text in files:
        sms.write(relative, text)
    sms.commit("The SMS and its records", "2020-01-10")
    for relative, _ in files:
        (sms.path / relative).unlink()
    sms.commit("Dispose of them", "2026-11-20")
    return sms


def test_records_past_their_retention_are_disposed_of_without_a_finding(
    tmp_path, check_json
) -> None:
    sms = deleted(
        tmp_path,
        ("audits/aud-1.yaml", kept(AUDIT, "2026-11-21")),
        ("reviews/mr-1.yaml", kept(MINUTES, "2025-12-31")),
        ("nc/nc-1.yaml", kept(nonconformity("closed"), "2026-01-01")),
    )
    code, report = check_json(sms.path, "--base", "HEAD~1")
    assert located(report, "SMS025") == []
    assert code == 0


def test_a_record_within_its_retention_says_until_when_it_is_kept(tmp_path, check_json) -> None:
    sms = deleted(
        tmp_path,
        ("audits/aud-1.yaml", kept(AUDIT, "2030-12-31")),
        # On the last day of its retention the record must still be kept.
        ("reviews/mr-1.yaml", kept(MINUTES, TODAY)),
    )
    code, report = check_json(sms.path, "--base", "HEAD~1")
    assert code == 1
    assert located(report, "SMS025") == [
        (
            "audits/aud-1.yaml:5",
            "SMS025",
            "7.5.3",
            "major",
            "AUD-1 was deleted since HEAD~1, but it is an audit report, a record retained as "
            "evidence, and it is to be retained until 2030-12-31: restore the file (a rename "
            "is fine)",
        ),
        (
            "reviews/mr-1.yaml:5",
            "SMS025",
            "7.5.3",
            "major",
            "MR-1 was deleted since HEAD~1, but it is management-review minutes, a record "
            f"retained as evidence, and it is to be retained until {TODAY}: restore the file "
            "(a rename is fine)",
        ),
    ]


def test_a_record_without_retain_until_is_reported_as_before(tmp_path, check_json) -> None:
    sms = deleted(tmp_path, ("audits/aud-1.yaml", AUDIT))
    _, report = check_json(sms.path, "--base", "HEAD~1")
    assert [message for *_, message in located(report, "SMS025")] == [
        "AUD-1 was deleted since HEAD~1, but it is an audit report, a record retained as "
        "evidence: restore the file (a rename is fine)"
    ]


def test_retain_until_does_nothing_for_documents(tmp_path, check_json) -> None:
    """A policy, and a nonconformity still open (a document until it is closed), are retired,
    never disposed of: a past retain_until does not excuse deleting them."""
    sms = deleted(
        tmp_path,
        ("policies/pol-001.md", policy().replace("---\n#", "retain_until: 2021-01-01\n---\n#")),
        ("nc/nc-1.yaml", kept(nonconformity("open"), "2021-01-01")),
    )
    _, report = check_json(sms.path, "--base", "HEAD~1")
    assert [(where, grade) for where, _, _, grade, _ in located(report, "SMS025")] == [
        ("nc/nc-1.yaml:5", "minor"),
        ("policies/pol-001.md:6", "minor"),
    ]
    assert all("retained until" not in f[4] for f in located(report, "SMS025"))


def test_retain_until_is_a_date_in_the_header_schema(tmp_path, check_json) -> None:
    sms = GitRepo(tmp_path / "sms")
    sms.write("roles.yaml", roles_artifact())
    sms.write(".sms-lint.yaml", quiet_config("SMS001"))
    sms.write("audits/aud-1.yaml", kept(AUDIT, "2030-12-31"))
    sms.write("audits/aud-2.yaml", kept(AUDIT.replace("AUD-1", "AUD-2"), "31/12/2030"))
    _, report = check_json(sms.path)
    wrong = located(report, "SMS001")
    assert [where for where, *_ in wrong] == ["audits/aud-2.yaml:16"]
    assert "retain_until" in wrong[0][4]


def test_setting_retain_until_on_an_approved_record_needs_no_new_version(
    tmp_path, check_json
) -> None:
    """How long a record is kept is records keeping, not a revision of what it records."""
    sms = GitRepo(tmp_path / "sms")
    sms.write("roles.yaml", roles_artifact())
    sms.write(".sms-lint.yaml", quiet_config("SMS001", "SMS017"))
    sms.write("audits/aud-1.yaml", AUDIT)
    sms.commit("The audit report", "2020-01-10")
    sms.write("audits/aud-1.yaml", kept(AUDIT, "2030-12-31"))
    sms.commit("Keep the report until 2030", "2026-11-20")
    code, report = check_json(sms.path, "--base", "HEAD~1")
    assert located(report, "SMS017") == []
    assert code == 0
