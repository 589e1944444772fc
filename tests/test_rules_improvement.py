"""SMS015 nonconformity-overdue, SMS026 nonconformity-closure."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE, found
from sms_texts import SMS_MANAGER, roles_artifact

ROLES = roles_artifact(SMS_MANAGER)
CLOSURE = {
    "root_cause": "No second approver for emergency changes",
    "corrective_action": "Emergency CAB rota with two approvers",
    "closed_on": "2026-09-01",
    "effectiveness_verified": "true",
}


def nonconformity(nc_id: str, nc_status: str, due: str, **extra: str | None) -> str:
    """Lines: due 12, nc_status 13, then ``extra`` fields in order from line 14 (None: left
    out)."""
    text = (
        f"id: {nc_id}\nkind: nonconformity\ntitle: NC {nc_id}\nowner: sms-manager\n"
        'status: draft\nraised_on: 2026-03-12\nclause: "8.5.1"\ngrade: minor\n'
        "description: Emergency changes not reviewed.\n"
        "correction: Changes reviewed retroactively.\nx-note: none\n"
        f"due: {due}\nnc_status: {nc_status}\n"
    )
    return text + "".join(f"{k}: {v}\n" for k, v in extra.items() if v is not None)


def run(write, tmp_path: Path, check_json, files: dict[str, str]) -> dict:
    write("roles.yaml", ROLES)
    for relative, content in files.items():
        write(relative, content)
    _, report = check_json(tmp_path)
    return report


def test_example_repository_passes_every_clause_10_rule(check_json) -> None:
    _, report = check_json(EXAMPLE)
    assert found(report, "SMS015") == found(report, "SMS026") == []


# SMS015 nonconformity-overdue


def test_open_nonconformity_not_yet_due_passes(write, tmp_path: Path, check_json) -> None:
    files = {
        "a.yaml": nonconformity("NC-1", "open", "2026-11-22"),  # due today is not overdue
        "b.yaml": nonconformity("NC-2", "closed", "2026-05-31", **CLOSURE),
    }
    report = run(write, tmp_path, check_json, files)
    assert found(report, "SMS015") == []


def test_open_nonconformity_past_due_is_flagged(write, tmp_path: Path, check_json) -> None:
    report = run(
        write, tmp_path, check_json, {"a.yaml": nonconformity("NC-1", "open", "2026-05-31")}
    )
    assert found(report, "SMS015") == [
        (
            "a.yaml",
            12,
            "SMS015",
            "10.1",
            "nonconformity 'NC-1' is still open and was due on 2026-05-31, 175 days ago: "
            "complete the corrective action and close it (nc_status: closed), or set a new due "
            "date with the reason for the delay",
        )
    ]


# SMS026 nonconformity-closure


def test_complete_closure_passes(write, tmp_path: Path, check_json) -> None:
    report = run(
        write,
        tmp_path,
        check_json,
        {"a.yaml": nonconformity("NC-1", "closed", "2026-05-31", **CLOSURE)},
    )
    assert found(report, "SMS026") == []


def test_every_missing_closure_piece_is_one_finding(write, tmp_path: Path, check_json) -> None:
    fields = {
        "root_cause": None,  # absent
        "corrective_action": None,
        "closed_on": None,
        "effectiveness_verified": "false",  # line 15
    }
    report = run(
        write,
        tmp_path,
        check_json,
        {"a.yaml": nonconformity("NC-1", "closed", "2026-05-31", **fields)},
    )
    # One defect (a closure the record does not support), one finding at nc_status: closed.
    assert found(report, "SMS026") == [
        (
            "a.yaml",
            13,
            "SMS026",
            "10.1",
            "nonconformity 'NC-1' is closed but records no root cause (root_cause), no "
            "corrective action (corrective_action) and no closing date (closed_on), and "
            "effectiveness_verified is false: record the root cause, corrective action and "
            "closing date, then verify that the corrective action worked and set "
            "effectiveness_verified: true; or reopen it (nc_status: open) until then",
        ),
    ]


def test_a_false_verification_alone_is_at_its_value(write, tmp_path: Path, check_json) -> None:
    closure = {**CLOSURE, "effectiveness_verified": "false"}  # line 17
    report = run(
        write,
        tmp_path,
        check_json,
        {"a.yaml": nonconformity("NC-1", "closed", "2026-05-31", **closure)},
    )
    assert found(report, "SMS026") == [
        (
            "a.yaml",
            17,
            "SMS026",
            "10.1",
            "nonconformity 'NC-1' is closed but effectiveness_verified is false: verify that "
            "the corrective action worked and set effectiveness_verified: true; or reopen it "
            "(nc_status: open) until then",
        ),
    ]


def test_wrong_values_of_a_closure_are_one_finding_saying_what_is_wrong(
    write, tmp_path: Path, check_json
) -> None:
    # Rules see only schema-valid values: the closing date that is no date and the verdict
    # that is no boolean read as absent to SMS026; the schema's findings about them fold into
    # SMS026's one finding, which says what is wrong with each as written, at the first.
    wrong = {**CLOSURE, "closed_on": '"2026-04-31"', "effectiveness_verified": '"yes"'}
    report = run(
        write,
        tmp_path,
        check_json,
        {"a.yaml": nonconformity("NC-1", "closed", "2026-05-31", **wrong)},
    )
    assert found(report, "SMS026") == [
        (
            "a.yaml",
            16,
            "SMS026",
            "10.1",
            "closed_on 2026-04-31 is not a date in the calendar (April 2026 has 30 days): "
            'correct it; effectiveness_verified must be true or false (got "yes")',
        )
    ]
    assert found(report, "SMS001") == []


def test_open_nonconformity_needs_no_closure_fields(write, tmp_path: Path, check_json) -> None:
    report = run(
        write, tmp_path, check_json, {"a.yaml": nonconformity("NC-1", "open", "2027-01-31")}
    )
    assert found(report, "SMS026") == []
