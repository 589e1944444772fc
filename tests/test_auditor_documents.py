"""Issue 14 from the user's side for the document-control rules: SMS004 approval-fields,
SMS024 clause-known, SMS005 review-current, SMS019 review-due-soon, SMS006 past-dates, and with
``--base`` on real git repositories SMS017 version-bumped and SMS025 artifact-deleted; each on
a YAML and a Markdown artifact.

Every finding is asserted with its exact rule, path:line, clause, severity and message.
"""

from __future__ import annotations

from pathlib import Path

from conftest import located, quiet_config
from sms_texts import roles_artifact
from test_git_support import GitRepo, policy, process

RULES = ("SMS001", "SMS004", "SMS005", "SMS006", "SMS019", "SMS024")


def findings(report: dict, *rules: str) -> list[tuple]:
    """(path:line, rule, clause, severity, message) of the report's findings of ``rules``."""
    return located(report, *(rules or RULES))


def header(artifact_id: str, kind: str, status: str = "approved", approval: str = "") -> str:
    """id, kind, title, owner, status on lines 1-5; ``approval`` lines from line 6."""
    return (
        f"id: {artifact_id}\nkind: {kind}\ntitle: {artifact_id} title\nowner: sms-manager\n"
        f"status: {status}\n{approval}"
    )


def approval(reviewed: str = "2026-06-01", approved_on: str = "2026-01-10") -> str:
    """Four approval lines (version, approved_by, approved_on, last_reviewed)."""
    return (
        f'version: "1.0"\napproved_by: managing-director\napproved_on: {approved_on}\n'
        f"last_reviewed: {reviewed}\n"
    )


POLICY_FIELDS = "policy_type: service-management\ncommitments: [Meet the agreed requirements]\n"


def markdown(front: str) -> str:
    """A Markdown document: ``---`` on line 1, so front-matter line N is file line N + 1."""
    return "---\n" + front + "---\n# Title\n\nText.\n"


def repo(write, files: dict[str, str], *keep: str) -> None:
    write("roles.yaml", roles_artifact())
    write(".sms-lint.yaml", quiet_config(*(keep or RULES)))
    for relative, text in files.items():
        write(relative, text)


# SMS004 approval-fields: one finding at status: naming every missing field


def test_missing_approval_fields_are_one_finding_at_status(write, tmp_path, check_json) -> None:
    policy = markdown(header("POL-1", "policy", approval='version: "1.0"\n') + POLICY_FIELDS)
    procedure = header("PROC-1", "procedure", approval="approved_by: managing-director\n")
    repo(write, {"pol.md": policy, "proc.yaml": procedure})
    _, report = check_json(tmp_path)
    assert findings(report) == [
        (
            "pol.md:6",
            "SMS004",
            "7.5.2",
            "minor",
            "status is approved but approved_by, approved_on and last_reviewed are missing: "
            "add the approving role, the approval date and the date of the last review, or "
            "set status: draft until it is approved",
        ),
        (
            "proc.yaml:5",
            "SMS004",
            "7.5.2",
            "minor",
            "status is approved but version, approved_on and last_reviewed are missing: add "
            "the version, the approval date and the date of the last review, or set status: "
            "draft until it is approved",
        ),
    ]


def test_one_missing_field_is_named_alone(write, tmp_path, check_json) -> None:
    text = header(
        "PROC-1", "procedure", approval=approval().replace("approved_on: 2026-01-10\n", "")
    )
    repo(write, {"proc.yaml": text})
    _, report = check_json(tmp_path)
    assert findings(report) == [
        (
            "proc.yaml:5",
            "SMS004",
            "7.5.2",
            "minor",
            "status is approved but approved_on is missing: add the approval date, or set "
            "status: draft until it is approved",
        )
    ]


def test_an_impossible_date_is_one_finding_at_that_field(write, tmp_path, check_json) -> None:
    """The schema's finding about 2026-02-30 folds into SMS004's: one finding, at the field,
    saying what is wrong with what was written; no advice to add a field that is there."""
    front = header("POL-1", "policy", approval=approval(reviewed="2026-02-30")) + POLICY_FIELDS
    repo(write, {"pol.md": markdown(front), "pol.yaml": front.replace("POL-1", "POL-2")})
    _, report = check_json(tmp_path)
    got = findings(report)
    assert [g[:4] for g in got] == [
        ("pol.md:10", "SMS004", "7.5.2", "minor"),
        ("pol.yaml:9", "SMS004", "7.5.2", "minor"),
    ]
    for *_, message in got:
        assert "last_reviewed" in message
        assert "missing" not in message and "add it" not in message


def test_drafts_and_retired_documents_need_no_approval_fields(write, tmp_path, check_json) -> None:
    repo(
        write,
        {
            "a.yaml": header("PROC-1", "procedure", status="draft"),
            "b.md": markdown(header("PROC-2", "procedure", status="retired")),
        },
    )
    _, report = check_json(tmp_path)
    assert findings(report) == []


# SMS024 clause-known: at the list entry that writes the number


def test_unknown_clause_in_clauses_is_an_observation_at_its_entry(
    write, tmp_path, check_json
) -> None:
    yaml_text = header("PROC-1", "procedure", status="draft") + 'clauses:\n  - "7.2"\n  - "8.9"\n'
    md = markdown(header("PROC-2", "procedure", status="draft") + 'clauses: ["7.2", "7.9"]\n')
    repo(write, {"proc.yaml": yaml_text, "proc.md": md})
    _, report = check_json(tmp_path)
    tail = (
        "which is not a clause of ISO/IEC 20000-1:2018: correct the number (sms-lint coverage "
        "lists the clauses)"
    )
    assert findings(report) == [
        (
            "proc.md:7",
            "SMS024",
            "7.5",
            "observation",
            f"clauses claims evidence for clause '7.9', {tail}",
        ),
        (
            "proc.yaml:8",
            "SMS024",
            "7.5",
            "observation",
            f"clauses claims evidence for clause '8.9', {tail}",
        ),
    ]
    column = [f["column"] for f in report["findings"] if f["path"] == "proc.md"]
    assert column == [18]  # the entry "7.9" in the flow list, not the key


def test_unknown_clause_in_records_is_minor(write, tmp_path, check_json) -> None:
    audit = header("AUD-1", "audit", status="draft") + (
        "audit_type: internal\ndate: 2026-05-13\nauditor: sms-manager\n"
        'auditee_roles: [managing-director]\nscope_clauses: ["8", "8.9"]\nfindings: []\n'
    )
    nc = header("NC-1", "nonconformity", status="draft") + (
        'raised_on: 2026-06-01\nclause: "12.1"\ngrade: minor\ndescription: Something broke\n'
        "correction: Fixed it\ndue: 2026-12-31\nnc_status: open\n"
    )
    repo(write, {"aud.md": markdown(audit), "nc.yaml": nc})
    _, report = check_json(tmp_path)
    tail = (
        "which is not a clause of ISO/IEC 20000-1:2018: correct the number (sms-lint coverage "
        "lists the clauses)"
    )
    assert findings(report) == [
        (
            "aud.md:11",
            "SMS024",
            "7.5",
            "minor",
            f"scope_clauses says the audit covered clause '8.9', {tail}",
        ),
        (
            "nc.yaml:7",
            "SMS024",
            "7.5",
            "minor",
            f"the nonconformity is raised against clause '12.1', {tail}",
        ),
    ]


# SMS005 review-current: at last_reviewed or next_review


def test_overdue_review_is_minor_at_the_date_it_comes_from(write, tmp_path, check_json) -> None:
    yaml_text = header("PROC-1", "procedure", approval=approval(reviewed="2024-09-30"))
    front = header("POL-1", "policy", approval=approval()) + POLICY_FIELDS
    md = markdown(front + "next_review: 2026-11-21\n")
    repo(write, {"proc.yaml": yaml_text, "pol.md": md, "other.yaml": _current("PROC-2")})
    _, report = check_json(tmp_path)
    assert findings(report) == [
        (
            "pol.md:13",
            "SMS005",
            "7.5.3",
            "minor",
            "next_review 2026-11-21 has passed and no later review is recorded: review the "
            "document, then set last_reviewed to the date of that review and next_review to "
            "the next one",
        ),
        (
            "proc.yaml:9",
            "SMS005",
            "7.5.3",
            "minor",
            "last reviewed on 2024-09-30, so with a 12-month review interval the review was "
            "due on 2025-09-30: review the document, then set last_reviewed to the date of "
            "that review",
        ),
    ]


def _current(artifact_id: str) -> str:
    return header(artifact_id, "procedure", approval=approval())


def test_most_documents_overdue_is_systemic_and_major(write, tmp_path, check_json) -> None:
    files = {
        f"p{n}.yaml": header(f"PROC-{n}", "procedure", approval=approval("2024-01-15"))
        for n in range(1, 4)
    }
    files["p4.md"] = markdown(_current("PROC-4"))
    repo(write, files)
    _, report = check_json(tmp_path)
    message = (
        "last reviewed on 2024-01-15, so with a 12-month review interval the review was due "
        "on 2025-01-15: review the document, then set last_reviewed to the date of that "
        "review (3 of 4 documents under review are overdue)"
    )
    assert findings(report) == [
        (f"p{n}.yaml:9", "SMS005", "7.5.3", "major", message) for n in range(1, 4)
    ]


SERVICE_FIELDS = (
    "name: Old service\ndescription: Retired\nservice_status: {status}\ncustomers: [A]\n"
)


def test_stale_review_of_a_retired_service_is_an_observation(write, tmp_path, check_json) -> None:
    stale = approval(reviewed="2025-06-01")
    service = header("SVC-OLD", "service", approval=stale) + SERVICE_FIELDS.format(status="retired")
    live = header("SVC-NEW", "service", approval=stale) + SERVICE_FIELDS.format(status="live")
    sla = header("SLA-OLD", "sla", approval=stale) + (
        "service: SVC-OLD\ncustomer: Everyone\ntargets:\n"
        "  - {metric: Availability, target: 99, unit: percent, comparator: '>='}\n"
    )
    files = {"svc-old.yaml": service, "svc-new.yaml": live, "sla-old.md": markdown(sla)}
    files.update({f"p{n}.yaml": _current(f"PROC-{n}") for n in range(1, 5)})
    repo(write, files)
    _, report = check_json(tmp_path)
    message = (
        "last reviewed on 2025-06-01, so with a 12-month review interval the review was due "
        "on 2026-06-01: review the document, then set last_reviewed to the date of that review"
    )
    assert findings(report) == [
        ("sla-old.md:10", "SMS005", "7.5.3", "observation", message),
        ("svc-new.yaml:9", "SMS005", "7.5.3", "minor", message),
        ("svc-old.yaml:9", "SMS005", "7.5.3", "observation", message),
    ]


def test_records_drafts_and_retired_documents_are_not_reviewed(write, tmp_path, check_json) -> None:
    old = approval(reviewed="2020-01-01")
    audit = header("AUD-1", "audit", approval=old) + (
        "audit_type: internal\ndate: 2019-12-01\nauditor: sms-manager\n"
        'auditee_roles: [managing-director]\nscope_clauses: ["8"]\nfindings: []\n'
    )
    files = {
        "aud.md": markdown(audit),
        "draft.yaml": header("PROC-1", "procedure", status="draft", approval=old),
        "retired.md": markdown(header("PROC-2", "procedure", status="retired", approval=old)),
    }
    repo(write, files)
    _, report = check_json(tmp_path)
    assert findings(report) == []


# SMS019 review-due-soon


def test_review_due_soon_is_an_observation_at_its_date(write, tmp_path, check_json) -> None:
    yaml_text = header("PROC-1", "procedure", approval=approval(reviewed="2025-12-01"))
    md = markdown(_current("PROC-2") + "next_review: 2026-11-23\n")
    repo(write, {"proc.yaml": yaml_text, "proc.md": md})
    _, report = check_json(tmp_path)
    assert findings(report) == [
        (
            "proc.md:11",
            "SMS019",
            "7.5.3",
            "observation",
            "next_review 2026-11-23 is in 1 day: schedule the review before then",
        ),
        (
            "proc.yaml:9",
            "SMS019",
            "7.5.3",
            "observation",
            "the review is due on 2026-12-01, in 9 days (last reviewed on 2025-12-01, every 12 "
            "months): schedule the review before then",
        ),
    ]


# SMS006 past-dates


def test_future_dates_are_findings_at_the_date(write, tmp_path, check_json) -> None:
    yaml_text = header("PROC-1", "procedure", approval=approval(approved_on="2027-03-02"))
    md = markdown(header("PROC-2", "procedure", status="draft") + "last_reviewed: 2026-12-01\n")
    repo(write, {"proc.yaml": yaml_text, "proc.md": md})
    _, report = check_json(tmp_path)
    assert findings(report) == [
        (
            "proc.md:7",
            "SMS006",
            "7.5.2",
            "observation",
            "last_reviewed 2026-12-01 is after today (2026-11-22): a review cannot have "
            "happened yet; write the date it took place, or leave last_reviewed out until then",
        ),
        (
            "proc.yaml:8",
            "SMS006",
            "7.5.2",
            "minor",
            "approved_on 2027-03-02 is after today (2026-11-22): an approval cannot have "
            "happened yet; write the date it took place, or leave approved_on out until then",
        ),
    ]
    assert {f["column"] for f in report["findings"]} == {1}


def test_future_kind_dates_name_their_event(write, tmp_path: Path, check_json) -> None:
    nc = header("NC-1", "nonconformity", approval=approval()) + (
        'raised_on: 2026-12-24\nclause: "8.6.1"\ngrade: minor\ndescription: Something broke\n'
        "correction: Fixed it\ndue: 2027-01-31\nnc_status: open\n"
    )
    repo(write, {"nc.md": markdown(nc)})
    _, report = check_json(tmp_path)
    assert findings(report) == [
        (
            "nc.md:11",
            "SMS006",
            "7.5.2",
            "minor",
            "raised_on 2026-12-24 is after today (2026-11-22): raising the nonconformity cannot "
            "have happened yet; write the date it took place, or leave raised_on out until then",
        )
    ]


# SMS017 version-bumped and SMS025 artifact-deleted (with --base)


def based(tmp_path: Path, *extra: tuple[str, str]) -> GitRepo:
    """A committed roles artifact, policy (Markdown), demand process (YAML), ``extra`` files."""
    sms = GitRepo(tmp_path / "sms")
    sms.write("roles.yaml", roles_artifact())
    sms.write(".sms-lint.yaml", quiet_config("SMS017", "SMS025"))
    sms.write("policies/pol-001.md", policy())
    sms.write("processes/demand.yaml", process())
    for relative, text in extra:
        sms.write(relative, text)
    sms.commit("The approved SMS", "2026-01-10")
    return sms


def test_an_uncontrolled_change_is_one_finding_naming_what_was_not_updated(
    tmp_path, check_json
) -> None:
    sms = based(tmp_path)
    sms.write("policies/pol-001.md", policy(body="We deliver, and we say so."))
    edited = process().replace("2026-01-10\nprocess", "2026-01-09\nprocess")
    sms.write("processes/demand.yaml", edited.replace('"1.0"', '"1.1"') + "inputs: [plans]\n")
    sms.commit("Edit both", "2026-03-01")
    _, report = check_json(sms.path, "--base", "HEAD~1")
    assert findings(report, "SMS017", "SMS025") == [
        (
            "policies/pol-001.md:7",
            "SMS017",
            "7.5.3",
            "minor",
            "the content of 'POL-001' changed since HEAD~1 (the text) but version is still "
            "'1.0', approved_on is still 2026-01-10 and last_reviewed is still 2026-01-10: "
            "raise the version, record the approval of the new version (approved_on, "
            "approved_by) and set last_reviewed to the date this change was reviewed",
        ),
        (
            "processes/demand.yaml:8",
            "SMS017",
            "7.5.3",
            "minor",
            "the content of 'PRC-DEMAND' changed since HEAD~1 (inputs and version) but "
            "approved_on is still 2026-01-10 and last_reviewed 2026-01-09 is "
            "earlier than at HEAD~1 (2026-01-10): record the approval of version '1.1' "
            "(approved_on, approved_by) and set last_reviewed to the date this change was "
            "reviewed",
        ),
    ]


def test_a_same_day_review_with_a_new_version_passes(tmp_path, check_json) -> None:
    sms = based(tmp_path)
    sms.write("policies/pol-001.md", policy("1.1", "2026-01-10", "Changed text."))
    # Today is the day of the previous approval: a later approval date would be in the future.
    _, report = check_json(sms.path, "--base", "HEAD", "--today", "2026-01-10")
    assert findings(report, "SMS017") == []


AUDIT = """\
id: AUD-1
kind: audit
title: Internal audit
owner: sms-manager
status: approved
version: "1.0"
approved_by: sms-manager
approved_on: 2026-01-10
last_reviewed: 2026-01-10
audit_type: internal
date: 2026-01-05
auditor: sms-manager
auditee_roles: [managing-director]
scope_clauses: ["8"]
findings: []
"""


def test_deleted_artifacts_are_graded_by_what_was_lost(tmp_path, check_json) -> None:
    draft = process(status="draft", artifact_id="PRC-DRAFT")
    sms = based(tmp_path, ("audits/aud-1.yaml", AUDIT), ("processes/draft.yaml", draft))
    for relative in ("policies/pol-001.md", "audits/aud-1.yaml", "processes/draft.yaml"):
        (sms.path / relative).unlink()
    (sms.path / "processes/demand.yaml").unlink()
    sms.commit("Remove them", "2026-03-01")
    _, report = check_json(sms.path, "--base", "HEAD~1")
    assert findings(report, "SMS017", "SMS025") == [
        (
            "audits/aud-1.yaml:5",
            "SMS025",
            "7.5.3",
            "major",
            "AUD-1 was deleted since HEAD~1, but it is an audit report, a record retained as "
            "evidence: restore the file (a rename is fine)",
        ),
        (
            "policies/pol-001.md:6",
            "SMS025",
            "7.5.3",
            "minor",
            "POL-001 was deleted since HEAD~1, but approved documented information is retired, "
            "not deleted: restore the file and set status: retired (a rename is fine)",
        ),
        (
            "processes/demand.yaml:5",
            "SMS025",
            "7.5.3",
            "minor",
            "PRC-DEMAND was deleted since HEAD~1, but approved documented information is "
            "retired, not deleted: restore the file and set status: retired (a rename is fine)",
        ),
        (
            "processes/draft.yaml:5",
            "SMS025",
            "7.5.3",
            "observation",
            "PRC-DRAFT was deleted since HEAD~1, but an abandoned draft is retired, not "
            "deleted, so that the proposal stays on record: restore the file and set status: "
            "retired (a rename is fine)",
        ),
    ]
