"""SMS013 internal-audit, SMS022 audit-programme, SMS023 auditor-independence,
SMS014 management-review."""

from __future__ import annotations

from pathlib import Path

from auditor_repos import AUDIT_ROLES, audit, review
from conftest import EXAMPLE, found
from sms_texts import roles_artifact

from sms_lint.checks.management_review import review_inputs

ROLES = roles_artifact(
    *AUDIT_ROLES,
    # The same person as the auditor, written differently: independence compares people.
    "{id: problem-manager, title: Problem manager, holder: gareth  LLEWELLYN,\n"
    "     responsibilities: [Problems]}",
)


def repo(write, files: dict[str, str]) -> None:
    write("roles.yaml", ROLES)
    for relative, content in files.items():
        write(relative, content)


def test_example_repository_passes_every_clause_9_rule(check_json) -> None:
    _, report = check_json(EXAMPLE)
    for rule in ("SMS013", "SMS014", "SMS022", "SMS023"):
        assert found(report, rule) == []


# SMS013 internal-audit


def test_recent_internal_audit_passes(write, tmp_path: Path, check_json) -> None:
    # Exactly 12 months before today is still current.
    repo(write, {"a.yaml": audit("AUD-1", "2025-11-22")})
    _, report = check_json(tmp_path)
    assert found(report, "SMS013") == []


def test_old_internal_audit_is_flagged(write, tmp_path: Path, check_json) -> None:
    repo(
        write,
        {
            "a.yaml": audit("AUD-1", "2025-06-12"),
            "b.yaml": audit("AUD-0", "2024-05-01"),
            "c.yaml": audit("AUD-EXT", "2026-10-01", audit_type="external"),
            "d.yaml": audit("AUD-R", "2026-10-02", status="retired"),
        },
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS013") == [
        (
            "a.yaml",
            7,  # the latest audit's date
            "SMS013",
            "9.2",
            "the latest internal audit, 'AUD-1', was held on 2025-06-12, more than the planned "
            "interval of 12 months (intervals.internal_audit_months) before 2026-11-22: hold "
            "the next internal audit and record it (kind: audit, audit_type: internal)",
        )
    ]


def test_no_internal_audit_is_flagged(write, tmp_path: Path, check_json) -> None:
    # A planned (future) internal audit is not a held one; an external audit does not count.
    repo(
        write,
        {
            "a.yaml": audit("AUD-PLAN", "2026-12-01"),
            "b.yaml": audit("AUD-EXT", "2026-10-01", audit_type="external"),
        },
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS013") == [
        (
            None,
            None,
            "SMS013",
            "9.2",
            "no internal audit has been held ('AUD-PLAN' is planned for 2026-12-01): an "
            "internal audit is due within the planned interval of 12 months "
            "(intervals.internal_audit_months); hold one and record it (kind: audit, "
            "audit_type: internal)",
        )
    ]


# SMS022 audit-programme


def test_audits_together_covering_every_clause_pass(write, tmp_path: Path, check_json) -> None:
    repo(
        write,
        {
            "a.yaml": audit("AUD-1", "2024-01-10", scope=[4, 5, 6, 7]),  # numbers read as clauses
            "b.yaml": audit("AUD-2", "2026-05-13", scope=["8", "9", "10"]),
        },
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS022") == []


def test_clauses_not_audited_in_the_window_are_listed(write, tmp_path: Path, check_json) -> None:
    partial_8 = ["8.1", "8.2", "8.3", "8.4.1", "8.4.3", "8.5", "8.6", "8.7.2", "8.7.3"]
    repo(
        write,
        {
            "a.yaml": audit("AUD-1", "2026-05-13", scope=["4", "5", "6", "7", "9", "10"]),
            "b.yaml": audit("AUD-2", "2026-06-01", scope=partial_8),
            # Outside the 36 months (before 2023-11-22) and external audits do not count.
            "c.yaml": audit("AUD-OLD", "2023-11-21", scope=["8"]),
            "d.yaml": audit("AUD-EXT", "2026-06-24", audit_type="external", scope=["8"]),
        },
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS022") == [
        (
            "b.yaml",
            10,  # the scope_clauses of the latest internal audit
            "SMS022",
            "9.2",
            "the internal audits of the last 36 months (the audit cycle, "
            "intervals.audit_cycle_months) ('AUD-1' and 'AUD-2') did not audit "
            "8.4.2 Demand management and 8.7.1 Service availability management: include them "
            "in the scope_clauses of the next internal audit",
        )
    ]


def test_no_audit_in_the_window_is_one_finding(write, tmp_path: Path, check_json) -> None:
    # One defect, one finding: SMS013 reports the audit as too old, SMS022 adds nothing.
    repo(write, {"a.yaml": audit("AUD-OLD", "2022-03-01")})
    _, report = check_json(tmp_path)
    assert found(report, "SMS022") == []
    assert [f[:4] for f in found(report, "SMS013")] == [("a.yaml", 7, "SMS013", "9.2")]
    assert "'AUD-OLD', was held on 2022-03-01" in found(report, "SMS013")[0][4]


def test_programme_is_silent_without_any_internal_audit(write, tmp_path, check_json) -> None:
    repo(write, {"a.yaml": audit("AUD-EXT", "2026-06-24", audit_type="external")})
    _, report = check_json(tmp_path)
    assert found(report, "SMS022") == []
    assert len(found(report, "SMS013")) == 1  # reported once, by SMS013


# SMS023 auditor-independence


def test_independent_auditor_passes(write, tmp_path: Path, check_json) -> None:
    repo(
        write,
        {
            "a.yaml": audit("AUD-1", "2026-05-13", auditees=["change-manager", "sms-manager"]),
            # An external auditor's independence is the certification body's business.
            "b.yaml": audit(
                "AUD-EXT", "2026-06-24", audit_type="external", auditor="change-manager"
            ),
        },
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS023") == []


def test_auditor_in_auditee_roles_is_flagged(write, tmp_path: Path, check_json) -> None:
    auditees = ["change-manager", "sms-manager"]
    repo(
        write, {"a.yaml": audit("AUD-1", "2026-05-13", auditor="change-manager", auditees=auditees)}
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS023") == [
        (
            "a.yaml",
            8,
            "SMS023",
            "9.2",
            "auditor 'change-manager' of internal audit 'AUD-1' is not independent: "
            "'change-manager' is itself one of the audited roles (auditee_roles); assign an "
            "auditor who holds none of the audited roles, or leave those roles to another "
            "auditor",
        )
    ]


def test_auditor_named_as_holder_of_an_auditee_role_is_flagged(write, tmp_path, check_json):
    repo(write, {"a.yaml": audit("AUD-1", "2026-05-13", auditor="Marcus Bell")})
    _, report = check_json(tmp_path)
    assert found(report, "SMS023") == [
        (
            "a.yaml",
            8,
            "SMS023",
            "9.2",
            "auditor 'Marcus Bell' of internal audit 'AUD-1' is not independent: 'Marcus Bell' "
            "holds the audited role 'change-manager'; assign an auditor who holds none of the "
            "audited roles, or leave those roles to another auditor",
        )
    ]


def test_auditor_role_held_by_the_auditee_person_is_flagged(write, tmp_path, check_json):
    # internal-auditor and problem-manager are held by the same person (spelled differently).
    repo(write, {"a.yaml": audit("AUD-1", "2026-05-13", auditees=["problem-manager"])})
    _, report = check_json(tmp_path)
    assert found(report, "SMS023") == [
        (
            "a.yaml",
            8,
            "SMS023",
            "9.2",
            "auditor 'internal-auditor' of internal audit 'AUD-1' is not independent: the "
            "audited role 'problem-manager' is held by 'gareth  LLEWELLYN', who also holds "
            "'internal-auditor'; assign an auditor who holds none of the audited roles, or "
            "leave those roles to another auditor",
        )
    ]


# SMS014 management-review


def test_recent_complete_review_passes(write, tmp_path: Path, check_json) -> None:
    repo(write, {"mr.yaml": review("MR-1", "2026-04-21")})
    _, report = check_json(tmp_path)
    assert found(report, "SMS014") == []


def test_no_management_review_is_flagged(write, tmp_path: Path, check_json) -> None:
    repo(write, {"mr.yaml": review("MR-PLAN", "2027-01-15")})  # planned, not held
    _, report = check_json(tmp_path)
    assert found(report, "SMS014") == [
        (
            None,
            None,
            "SMS014",
            "9.3",
            "no management review has been held ('MR-PLAN' is planned for 2027-01-15): a "
            "management review is due within the planned interval of 12 months "
            "(intervals.management_review_months); hold one and record it (kind: "
            "management-review)",
        )
    ]


def test_old_review_is_flagged_and_its_content_not_judged(write, tmp_path, check_json) -> None:
    repo(
        write,
        {"mr.yaml": review("MR-1", "2025-10-01", attendees=["sms-manager"], inputs=["risks"])},
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS014") == [
        (
            "mr.yaml",
            6,  # its date
            "SMS014",
            "9.3",
            "the latest management review, 'MR-1', was held on 2025-10-01, more than the "
            "planned interval of 12 months (intervals.management_review_months) before "
            "2026-11-22: hold the next management review and record it (kind: "
            "management-review)",
        )
    ]


def test_review_without_top_management_is_flagged(write, tmp_path: Path, check_json) -> None:
    repo(write, {"mr.yaml": review("MR-1", "2026-04-21", attendees=["sms-manager"])})
    _, report = check_json(tmp_path)
    assert found(report, "SMS014") == [
        (
            "mr.yaml",
            7,
            "SMS014",
            "9.3",
            "management review 'MR-1' was not attended by top management: none of its "
            "attendees ('sms-manager') is a role marked top_management: true "
            "('managing-director'): record top management's attendance, or hold the review "
            "again with top management",
        )
    ]


def test_review_missing_inputs_is_flagged(write, tmp_path: Path, check_json) -> None:
    inputs = [i for i in review_inputs() if i not in ("customer-feedback", "resources")]
    repo(write, {"mr.yaml": review("MR-1", "2026-04-21", inputs=inputs)})
    _, report = check_json(tmp_path)
    assert found(report, "SMS014") == [
        (
            "mr.yaml",
            8,
            "SMS014",
            "9.3",
            "management review 'MR-1' did not consider 2 of the 11 required inputs: "
            "'customer-feedback' and 'resources': list them in inputs_covered if the review "
            "considered them, else consider them at the next review",
        )
    ]


def test_review_inputs_come_from_the_schema() -> None:
    assert review_inputs()[0] == "previous-actions"
    assert len(review_inputs()) == 11
