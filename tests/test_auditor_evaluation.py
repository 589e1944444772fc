"""Issue 14 for the clause 9, 10.1 and coverage rules, from the user's side: every finding of
SMS013, SMS022, SMS023, SMS014, SMS015, SMS026 and SMS016 at its file and line, under its
clause, with its grade and a message that says what is wrong and what to do, on YAML and on
Markdown-with-front-matter records (audits and reviews are usually Markdown)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from auditor_repos import AUDIT_ROLES, NOT_UTF8, audit, procedure, review, waits
from conftest import located, quiet_config
from sms_texts import roles_artifact

from sms_lint.checks.management_review import review_inputs

ROLES = roles_artifact(*AUDIT_ROLES)
# Invalid UTF-8: the file cannot be read, so whatever it holds is unknown.
UNREADABLE = b"id: X-1\nkind: procedure\ntitle: Caf\xe9\n"
ZERO_BASED = re.compile(r"\w\[\d+\]|#\d")


def unreadable(kind: str, ident: str = "X-1") -> bytes:
    """Like UNREADABLE, declaring ``kind`` and ``ident`` in its raw lines."""
    return f"id: {ident}\nkind: {kind}\n".encode() + b"title: Caf\xe9\n"


def as_file(fields: str, markdown: bool) -> str:
    """The fields as a YAML file, or as a Markdown file's front matter (every line one down)."""
    return f"---\n{fields}---\n\n# Record\n\nNotes.\n" if markdown else fields


def nonconformity(nc_status: str, due: str, grade: str = "minor", **extra: str) -> str:
    """Lines (YAML): grade 8, due 11, nc_status 12, then ``extra`` from line 13."""
    return (
        "id: NC-7\nkind: nonconformity\ntitle: NC 7\nowner: sms-manager\nstatus: draft\n"
        f'raised_on: 2026-03-12\nclause: "8.5.1"\ngrade: {grade}\n'
        "description: Emergency changes not reviewed.\n"
        f"correction: Changes reviewed retroactively.\ndue: {due}\nnc_status: {nc_status}\n"
        + "".join(f"{k}: {v}\n" for k, v in extra.items())
    )


def check(write, tmp_path: Path, check_json, files: dict, *rules: str) -> dict:
    """Check a repo of ``files`` (plus the roles, unless ``files`` has its own) with only
    ``rules`` and the per-file rules enabled (SMS001 for folding, SMS100 and SMS107 for files
    that do not become artifacts)."""
    write(".sms-lint.yaml", quiet_config(*rules, "SMS001", "SMS100", "SMS107"))
    for relative, content in {"roles.yaml": ROLES, **files}.items():
        write(relative, content)
    _, report = check_json(tmp_path)
    for finding in report["findings"]:
        assert not ZERO_BASED.search(finding["message"]), finding["message"]
    return report


# SMS013 internal-audit


@pytest.mark.parametrize("markdown", [False, True])
def test_a_late_internal_audit_is_minor_at_its_date(write, tmp_path, check_json, markdown) -> None:
    name = "audits/aud-1.md" if markdown else "audits/aud-1.yaml"
    files = {name: as_file(audit("AUD-1", "2025-06-12"), markdown)}
    report = check(write, tmp_path, check_json, files, "SMS013")
    assert located(report, "SMS013") == [
        (
            f"{name}:{8 if markdown else 7}",
            "SMS013",
            "9.2",
            "minor",
            "the latest internal audit, 'AUD-1', was held on 2025-06-12, more than the planned "
            "interval of 12 months (intervals.internal_audit_months) before 2026-11-22: hold "
            "the next internal audit and record it (kind: audit, audit_type: internal)",
        )
    ]


def test_an_internal_audit_over_two_intervals_old_is_major(write, tmp_path, check_json) -> None:
    files = {"aud.md": as_file(audit("AUD-1", "2024-10-01"), True)}
    report = check(write, tmp_path, check_json, files, "SMS013")
    assert [f[:4] for f in located(report, "SMS013")] == [("aud.md:8", "SMS013", "9.2", "major")]


def test_no_internal_audit_at_all_is_major_and_repository_wide(write, tmp_path, check_json):
    files = {"ext.md": as_file(audit("AUD-X", "2026-10-01", audit_type="external"), True)}
    report = check(write, tmp_path, check_json, files, "SMS013")
    assert located(report, "SMS013") == [
        (
            "None:None",
            "SMS013",
            "9.2",
            "major",
            "no internal audit has been held: an internal audit is due within the planned "
            "interval of 12 months (intervals.internal_audit_months); hold one and record it "
            "(kind: audit, audit_type: internal)",
        )
    ]


def test_an_unreadable_file_makes_a_missing_audit_not_checked(write, tmp_path, check_json):
    # The unread file may be the internal audit: its own finding says SMS013 waits for it,
    # and nothing says to hold one.
    files = {"audits/aud-1.md": unreadable("audit", "AUD-1")}
    report = check(write, tmp_path, check_json, files, "SMS013")
    assert located(report, "SMS013", "SMS100", "SMS107") == [
        ("audits/aud-1.md:3", "SMS100", "7.5", "major", NOT_UTF8 + waits("SMS013"))
    ]


def test_a_misspelt_audit_kind_waits_with_the_grade_of_the_missing_audit(
    write, tmp_path, check_json
):
    # 'audt' is a typo of audit: the file may be the internal audit. Its SMS107 finding
    # (minor on its own) is graded as SMS013 would grade no internal audit: major.
    text = audit("AUD-1", "2026-05-01").replace("kind: audit", "kind: audt")
    report = check(write, tmp_path, check_json, {"aud.yaml": text}, "SMS013")
    [(where, rule, clause, severity, message)] = located(report, "SMS013", "SMS100", "SMS107")
    assert (where, rule, clause, severity) == ("aud.yaml:2", "SMS107", "7.5", "major")
    assert message.startswith("unknown kind 'audt' (did you mean 'audit'?), so no rule checks ")
    assert message.endswith(waits("SMS013"))


def test_an_unreadable_file_of_another_kind_leaves_the_missing_audit_reported(
    write, tmp_path, check_json
):
    # A procedure cannot be the internal audit: no internal audit is the finding.
    files = {"audits/aud-1.md": UNREADABLE}
    report = check(write, tmp_path, check_json, files, "SMS013")
    assert located(report, "SMS013", "SMS100", "SMS107") == [
        (
            "None:None",
            "SMS013",
            "9.2",
            "major",
            "no internal audit has been held: an internal audit is due within the planned "
            "interval of 12 months (intervals.internal_audit_months); hold one and record it "
            "(kind: audit, audit_type: internal)",
        ),
        ("audits/aud-1.md:3", "SMS100", "7.5", "major", NOT_UTF8),
    ]


def test_an_impossible_audit_date_is_one_finding_at_it(write, tmp_path, check_json) -> None:
    files = {"aud.md": as_file(audit("AUD-1", "2026-02-30"), True)}
    report = check(write, tmp_path, check_json, files, "SMS013")
    # Folded: the schema's words about the value written, under the audit rule and clause.
    [(where, rule, clause, _, message)] = located(report, "SMS013", "SMS001")
    assert (where, rule, clause) == ("aud.md:8", "SMS013", "9.2")
    assert "2026-02-30" in message


def test_an_audit_without_audit_type_is_reported_at_that_audit(write, tmp_path, check_json):
    text = audit("AUD-1", "2026-05-01").replace("audit_type: internal\n", "")
    report = check(write, tmp_path, check_json, {"aud.yaml": text}, "SMS013")
    assert located(report, "SMS013", "SMS001") == [
        (
            "aud.yaml:1",  # the key is absent: the artifact itself
            "SMS013",
            "9.2",
            "major",
            "audit 'AUD-1' gives no valid audit_type, so it cannot count as the internal "
            "audit due within the planned interval of 12 months "
            "(intervals.internal_audit_months): write audit_type: internal (or external)",
        )
    ]


# SMS022 audit-programme


@pytest.mark.parametrize("markdown", [False, True])
def test_clauses_left_out_of_the_programme_are_minor_at_the_latest_scope(
    write, tmp_path, check_json, markdown
) -> None:
    ext = "md" if markdown else "yaml"
    files = {
        f"a.{ext}": as_file(audit("AUD-1", "2026-01-13", scope=["4", "5", "6", "7"]), markdown),
        f"b.{ext}": as_file(audit("AUD-2", "2026-06-01", scope=["8", "9"]), markdown),
    }
    report = check(write, tmp_path, check_json, files, "SMS022")
    assert located(report, "SMS022") == [
        (
            f"b.{ext}:{11 if markdown else 10}",
            "SMS022",
            "9.2",
            "minor",
            # The cycle began with AUD-1 and runs on: the clauses left out are to be planned.
            "the internal audits of the audit cycle from 2026-01-13 to 2029-01-13 (36 months "
            "from the first internal audit, intervals.audit_cycle_months), 'AUD-1' and 'AUD-2' "
            "held and none planned, do not cover 10.1 Nonconformity and corrective action and "
            "10.2 Continual improvement: include them in the scope_clauses of an internal "
            "audit planned by 2029-01-13",
        )
    ]


def test_a_programme_missing_most_clauses_is_major(write, tmp_path, check_json) -> None:
    files = {"a.md": as_file(audit("AUD-1", "2026-01-13", scope=["4", "5"]), True)}
    report = check(write, tmp_path, check_json, files, "SMS022")
    [(where, _, clause, severity, message)] = located(report, "SMS022")
    assert (where, clause, severity) == ("a.md:11", "9.2", "major")
    assert "do not cover 6.1, 6.2, 6.3, 7.1" in message  # many: numbers only
    assert "Objectives" not in message


def test_an_unreadable_file_leaves_the_programme_not_checked(write, tmp_path, check_json):
    # b.md may be an audit of the clauses a.md left out: no "include them", and b.md's own
    # finding says the programme rule waits for it.
    files = {"a.md": as_file(audit("AUD-1", "2026-01-13", scope=["4", "5"]), True)}
    files["b.md"] = unreadable("audit", "AUD-2")
    report = check(write, tmp_path, check_json, files, "SMS022")
    assert located(report, "SMS022", "SMS100", "SMS107") == [
        ("b.md:3", "SMS100", "7.5", "major", NOT_UTF8 + waits("SMS022"))
    ]


def test_an_unreadable_procedure_leaves_the_programme_checked(write, tmp_path, check_json):
    # A procedure audits nothing: the programme's gap is reported as if b.md were fixed.
    files = {"a.md": as_file(audit("AUD-1", "2026-01-13", scope=["4", "5"]), True)}
    files["b.md"] = UNREADABLE
    report = check(write, tmp_path, check_json, files, "SMS022")
    [(where, _, clause, severity, message)] = located(report, "SMS022")
    assert (where, clause, severity) == ("a.md:11", "9.2", "major")
    assert "do not cover 6.1, 6.2, 6.3, 7.1" in message
    assert message.endswith(
        "include them in the scope_clauses of an internal audit planned by 2029-01-13"
    )
    assert "could not" not in message
    assert located(report, "SMS100") == [("b.md:3", "SMS100", "7.5", "major", NOT_UTF8)]


# SMS023 auditor-independence


@pytest.mark.parametrize("markdown", [False, True])
def test_an_auditor_of_their_own_role_is_minor_at_the_auditor(
    write, tmp_path, check_json, markdown
) -> None:
    name = "aud.md" if markdown else "aud.yaml"
    text = audit("AUD-1", "2026-05-13", auditor="Marcus Bell", auditees=["change-manager"])
    report = check(write, tmp_path, check_json, {name: as_file(text, markdown)}, "SMS023")
    assert located(report, "SMS023") == [
        (
            f"{name}:{9 if markdown else 8}",
            "SMS023",
            "9.2",
            "minor",
            "auditor 'Marcus Bell' of internal audit 'AUD-1' is not independent: 'Marcus Bell' "
            "holds the audited role 'change-manager'; assign an auditor who holds none of the "
            "audited roles, or leave those roles to another auditor",
        )
    ]


# SMS014 management-review


@pytest.mark.parametrize("markdown", [False, True])
def test_an_action_without_owner_or_due_is_one_minor_finding_at_the_action(
    write, tmp_path, check_json, markdown
) -> None:
    actions = (
        "actions:\n"
        "  - {id: MR-1-A1, description: Staff the desk, owner: sms-manager, due: 2027-01-31}\n"
        "  - id: MR-1-A2\n"  # line 11 (YAML)
        "    description: Renew the backup contract\n"
        "  - description: Train the CAB\n"  # line 13: no id, named by ordinal
        "    owner: sms-manager\n"
    )
    name = "mr.md" if markdown else "mr.yaml"
    text = as_file(review("MR-1", "2026-10-20", actions=actions), markdown)
    report = check(write, tmp_path, check_json, {name: text}, "SMS014")
    shift = 1 if markdown else 0
    # The schema's "actions (MR-1-A2) has no owner or due" folds in: one finding per action.
    assert located(report, "SMS014", "SMS001") == [
        (
            f"{name}:{11 + shift}",
            "SMS014",
            "9.3",
            "minor",
            "action 'MR-1-A2' of management review 'MR-1' has no owner or due date: add the "
            "role responsible for it (owner) and the date it is due (due)",
        ),
        (
            f"{name}:{13 + shift}",
            "SMS014",
            "9.3",
            "minor",
            "the 3rd action of management review 'MR-1' has no id or due date: add an id to "
            "track it by (id) and the date it is due (due)",
        ),
    ]


@pytest.mark.parametrize("markdown", [False, True])
def test_a_review_without_top_management_is_major_at_attendees(
    write, tmp_path, check_json, markdown
) -> None:
    name = "mr.md" if markdown else "mr.yaml"
    text = as_file(review("MR-1", "2026-10-20", attendees=["sms-manager"]), markdown)
    report = check(write, tmp_path, check_json, {name: text}, "SMS014")
    assert located(report, "SMS014") == [
        (
            f"{name}:{8 if markdown else 7}",
            "SMS014",
            "9.3",
            "major",
            "management review 'MR-1' was not attended by top management: none of its "
            "attendees ('sms-manager') is a role marked top_management: true "
            "('managing-director'): record top management's attendance, or hold the review "
            "again with top management",
        )
    ]


def test_an_attendee_that_may_be_in_an_unread_file_is_not_checked(write, tmp_path, check_json):
    # 'ceo' may be a top-management role in more-roles.yaml: no "not attended", and that
    # file's own finding says the review rule waits for it.
    files = {
        "mr.md": as_file(review("MR-1", "2026-10-20", attendees=["ceo", "sms-manager"]), True),
        "more-roles.yaml": unreadable("roles", "ROLES-2"),
    }
    report = check(write, tmp_path, check_json, files, "SMS014")
    assert located(report, "SMS014", "SMS100", "SMS107") == [
        ("more-roles.yaml:3", "SMS100", "7.5", "major", NOT_UTF8 + waits("SMS014"))
    ]


def test_an_attendee_is_checked_when_the_unread_file_holds_no_roles(write, tmp_path, check_json):
    # A procedure defines no role: 'ceo' is simply no top-management role.
    files = {
        "mr.md": as_file(review("MR-1", "2026-10-20", attendees=["ceo", "sms-manager"]), True),
        "more-roles.yaml": UNREADABLE,
    }
    report = check(write, tmp_path, check_json, files, "SMS014")
    assert located(report, "SMS014", "SMS100", "SMS107") == [
        ("more-roles.yaml:3", "SMS100", "7.5", "major", NOT_UTF8),
        (
            "mr.md:8",
            "SMS014",
            "9.3",
            "major",
            "management review 'MR-1' was not attended by top management: none of its "
            "attendees ('ceo' and 'sms-manager') is a role marked top_management: true "
            "('managing-director'): record top management's attendance, or hold the review "
            "again with top management",
        ),
    ]


def test_roles_marking_no_top_management_are_one_finding_at_the_roles(
    write, tmp_path, check_json
) -> None:
    # Said once for the roles, not once for each of the two reviews.
    files = {
        "roles.yaml": roles_artifact(),  # nobody marked top_management
        "mr1.md": as_file(review("MR-1", "2026-04-20"), True),
        "mr2.md": as_file(review("MR-2", "2026-10-20"), True),
    }
    report = check(write, tmp_path, check_json, files, "SMS014")
    assert located(report, "SMS014") == [
        (
            "roles.yaml:6",
            "SMS014",
            "9.3",
            "minor",
            "no role in roles artifact 'ROLES-1' is marked top_management: true, so no "
            "management review can show that top management attended: mark the "
            "top-management roles with top_management: true",
        )
    ]


@pytest.mark.parametrize(
    ("left_out", "severity"), [(("customer-feedback", "resources"), "minor"), (None, "major")]
)
def test_inputs_not_considered_are_graded_by_how_many(
    write, tmp_path, check_json, left_out, severity
) -> None:
    required = review_inputs()
    inputs = [i for i in required if i not in left_out] if left_out else ["risks"]
    text = as_file(review("MR-1", "2026-10-20", inputs=inputs), True)
    report = check(write, tmp_path, check_json, {"mr.md": text}, "SMS014")
    [(where, _, clause, grade, message)] = located(report, "SMS014")
    assert (where, clause, grade) == ("mr.md:9", "9.3", severity)
    missing = 2 if left_out else 10
    assert message.startswith(
        f"management review 'MR-1' did not consider {missing} of the 11 required inputs: "
    )
    assert message.endswith("else consider them at the next review")


def test_a_late_review_is_minor_at_its_date(write, tmp_path, check_json) -> None:
    report = check(
        write,
        tmp_path,
        check_json,
        {"mr.md": as_file(review("MR-1", "2025-09-01"), True)},
        "SMS014",
    )
    assert located(report, "SMS014") == [
        (
            "mr.md:7",
            "SMS014",
            "9.3",
            "minor",
            "the latest management review, 'MR-1', was held on 2025-09-01, more than the "
            "planned interval of 12 months (intervals.management_review_months) before "
            "2026-11-22: hold the next management review and record it (kind: "
            "management-review)",
        )
    ]


# SMS015 nonconformity-overdue


@pytest.mark.parametrize(
    ("markdown", "grade", "severity"),
    [(False, "minor", "minor"), (True, "minor", "minor"), (False, "major", "major")],
)
def test_an_overdue_nonconformity_is_graded_as_the_nonconformity(
    write, tmp_path, check_json, markdown, grade, severity
) -> None:
    name = "nc.md" if markdown else "nc.yaml"
    text = as_file(nonconformity("open", "2026-11-21", grade), markdown)
    report = check(write, tmp_path, check_json, {name: text}, "SMS015")
    assert located(report, "SMS015") == [
        (
            f"{name}:{12 if markdown else 11}",
            "SMS015",
            "10.1",
            severity,
            "nonconformity 'NC-7' is still open and was due on 2026-11-21, 1 day ago: complete "
            "the corrective action and close it (nc_status: closed), or set a new due date "
            "with the reason for the delay",
        )
    ]


# SMS026 nonconformity-closure


@pytest.mark.parametrize("markdown", [False, True])
def test_a_closure_lacking_several_pieces_is_one_finding_at_nc_status(
    write, tmp_path, check_json, markdown
) -> None:
    name = "nc.md" if markdown else "nc.yaml"
    text = nonconformity("closed", "2026-05-31", corrective_action="Two approvers")
    report = check(write, tmp_path, check_json, {name: as_file(text, markdown)}, "SMS026")
    assert located(report, "SMS026") == [
        (
            f"{name}:{13 if markdown else 12}",
            "SMS026",
            "10.1",
            "minor",
            "nonconformity 'NC-7' is closed but records no root cause (root_cause) and no "
            "closing date (closed_on), and effectiveness_verified is missing: record the root "
            "cause and closing date, then verify that the corrective action worked and set "
            "effectiveness_verified: true; or reopen it (nc_status: open) until then",
        )
    ]


def test_a_major_nonconformity_closed_unverified_is_major(write, tmp_path, check_json) -> None:
    closure = {
        "root_cause": "No second approver",
        "corrective_action": "Two approvers",
        "closed_on": "2026-09-01",
        "effectiveness_verified": "false",  # line 16
    }
    text = as_file(nonconformity("closed", "2026-05-31", "major", **closure), True)
    report = check(write, tmp_path, check_json, {"nc.md": text}, "SMS026")
    assert located(report, "SMS026") == [
        (
            "nc.md:17",  # the value written, the one thing wrong
            "SMS026",
            "10.1",
            "major",
            "nonconformity 'NC-7' is closed but effectiveness_verified is false: verify that "
            "the corrective action worked and set effectiveness_verified: true; or reopen it "
            "(nc_status: open) until then",
        )
    ]


# SMS016 clause-coverage


def all_but(*left_out: str) -> list[str]:
    from sms_lint.config.pack import load_framework

    return [c.number for c in load_framework().coverage_clauses() if c.number not in left_out]


def test_a_clause_nothing_addresses_is_a_major_gap(write, tmp_path, check_json) -> None:
    files = {"p.yaml": procedure("PROC-ALL", all_but("7.2"))}
    report = check(write, tmp_path, check_json, files, "SMS016")
    assert located(report, "SMS016") == [
        (
            "None:None",
            "SMS016",
            "7.2",
            "major",
            "no approved artifact gives evidence for 7.2 Competence: write and approve a "
            'document for it, or list "7.2" under clauses in an approved document that '
            "addresses it",
        )
    ]


def test_a_clause_only_a_draft_addresses_is_minor_at_its_status(
    write, tmp_path, check_json
) -> None:
    files = {
        "p.yaml": procedure("PROC-ALL", all_but("7.2")),
        "competence.md": as_file(procedure("PROC-COMP", ["7.2"], status="draft"), True),
    }
    report = check(write, tmp_path, check_json, files, "SMS016")
    assert located(report, "SMS016") == [
        (
            "competence.md:6",
            "SMS016",
            "7.2",
            "minor",
            "no approved artifact gives evidence for 7.2 Competence: only 'PROC-COMP', not "
            "approved, gives evidence for it: approve it (status: approved, with approved_by, "
            "approved_on, version and last_reviewed)",
        )
    ]


def test_an_unreadable_file_silences_coverage(write, tmp_path, check_json) -> None:
    # The evidence for 7.2 and 7.3 may be in q.md: its own finding is the one to fix.
    files = {"p.yaml": procedure("PROC-ALL", all_but("7.2", "7.3")), "q.md": UNREADABLE}
    report = check(write, tmp_path, check_json, files, "SMS016")
    assert located(report, "SMS016") == []
    assert [f[:4] for f in located(report, "SMS100")] == [("q.md:3", "SMS100", "7.5", "major")]
