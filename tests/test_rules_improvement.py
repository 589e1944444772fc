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
        ("a.yaml", 12, "SMS015", "10.1", "nonconformity NC-1 is open and overdue since 2026-05-31")
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


def test_every_missing_closure_piece_is_flagged(write, tmp_path: Path, check_json) -> None:
    fields = {
        "root_cause": None,  # absent: reported at nc_status (line 13)
        "corrective_action": "'  '",  # blank: reported at the field (line 14)
        "closed_on": None,
        "effectiveness_verified": "false",  # line 15
    }
    report = run(
        write,
        tmp_path,
        check_json,
        {"a.yaml": nonconformity("NC-1", "closed", "2026-05-31", **fields)},
    )
    tail = ": record it, or reopen the nonconformity (nc_status: open)"
    assert found(report, "SMS026") == [
        (
            "a.yaml",
            13,
            "SMS026",
            "10.1",
            f"nonconformity NC-1 is closed but no closing date (closed_on) is recorded{tail}",
        ),
        (
            "a.yaml",
            13,
            "SMS026",
            "10.1",
            f"nonconformity NC-1 is closed but no root cause (root_cause) is recorded{tail}",
        ),
        (
            "a.yaml",
            14,
            "SMS026",
            "10.1",
            "nonconformity NC-1 is closed but no corrective action (corrective_action) is "
            f"recorded{tail}",
        ),
        (
            "a.yaml",
            15,
            "SMS026",
            "10.1",
            "nonconformity NC-1 is closed but the corrective action's effectiveness is not "
            f"verified (effectiveness_verified: true){tail}",
        ),
    ]


def test_wrong_types_read_as_absent_at_their_line(write, tmp_path: Path, check_json) -> None:
    # Rules see only schema-valid values: a closing date that is no date records no closing
    # date (SMS026, at the field) besides being a schema finding (SMS001).
    wrong = {**CLOSURE, "closed_on": '"2026-04-31"', "effectiveness_verified": '"yes"'}
    report = run(
        write,
        tmp_path,
        check_json,
        {"a.yaml": nonconformity("NC-1", "closed", "2026-05-31", **wrong)},
    )
    assert [(f[1], f[4].split(" is ")[1]) for f in found(report, "SMS026")] == [
        (16, "closed but no closing date (closed_on)"),
        (17, "closed but the corrective action's effectiveness"),
    ]
    assert {f[1] for f in found(report, "SMS001")} == {16, 17}


def test_open_nonconformity_needs_no_closure_fields(write, tmp_path: Path, check_json) -> None:
    report = run(
        write, tmp_path, check_json, {"a.yaml": nonconformity("NC-1", "open", "2027-01-31")}
    )
    assert found(report, "SMS026") == []
