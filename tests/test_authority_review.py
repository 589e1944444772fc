"""The review of issue 15's approval-authority rules, from the user's side: SMS030 knows the
internal audit function by who performs the internal audits of the cycle, not only by who owns
the audit procedure; SMS029 reads an approval by a role whose holder also holds a
top-management role as top management's."""

from __future__ import annotations

import json
import shutil

from auditor_repos import AUDIT_ROLES, procedure
from conftest import EXAMPLE, located
from sms_texts import roles_artifact
from test_authority import NEIGHBOURS, RULES, as_file, audit_report, check, policy, scope

# An internal audit of clause 8 by internal-auditor (YAML: auditor on line 12).
OTHER_AUDIT = audit_report(scope_clauses=["8"]).replace("AUD-1", "AUD-2")


def performs(auditor: str, member: str, audits: str, why: str = "") -> str:
    return (
        f"auditor '{auditor}' of internal audit 'AUD-1' audits clause 9.2, the internal audit "
        f"process, which '{member}' performs (auditor of {audits}){why}: nobody audits their "
        f"own work; have 9.2 audited by someone independent of '{member}', or take 9.2 out of "
        "this audit's scope_clauses"
    )


# SMS030: the auditors of the other internal audits of the cycle


def test_the_auditor_of_the_other_audits_auditing_9_2(write, tmp_path, check_json) -> None:
    files = {"aud-1.yaml": audit_report(scope_clauses=["9", "10"]), "aud-2.yaml": OTHER_AUDIT}
    assert located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS) == [
        (
            "aud-1.yaml:12",
            "SMS030",
            "9.2",
            "minor",
            performs("internal-auditor", "internal-auditor", "internal audit 'AUD-2'"),
        )
    ]


def test_a_markdown_audit_by_the_holder_of_the_auditors_name(write, tmp_path, check_json) -> None:
    # The other audits name their auditor by name; the role internal-auditor is that person.
    other = OTHER_AUDIT.replace("auditor: internal-auditor", "auditor: gareth  llewellyn")
    third = other.replace("AUD-2", "AUD-3").replace("date: 2026-10-01", "date: 2027-03-01")
    report_text = audit_report(scope_clauses=["4", "9.2"])
    files = {"aud-1.md": as_file(report_text, True), "aud-2.yaml": other, "aud-3.yaml": third}
    assert located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS) == [
        (
            "aud-1.md:13",
            "SMS030",
            "9.2",
            "minor",
            performs(
                "internal-auditor",
                "gareth  llewellyn",
                "internal audits 'AUD-2' and 'AUD-3'",
                ", and 'gareth  llewellyn' holds 'internal-auditor'",
            ),
        )
    ]


def test_the_owner_who_also_performs_audits(write, tmp_path, check_json) -> None:
    other = OTHER_AUDIT.replace("auditor: internal-auditor", "auditor: sms-manager")
    files = {
        "procedures/ia.yaml": procedure("PROC-IA", ["9.2"]),  # owned by sms-manager
        "aud-1.yaml": audit_report(auditor="sms-manager", scope_clauses=["9"]),
        "aud-2.yaml": other,
    }
    [(place, _, _, _, message)] = located(check(write, tmp_path, check_json, files), "SMS030")
    assert place == "aud-1.yaml:12"
    assert "which 'sms-manager' runs (owner of 'PROC-IA'; auditor of internal audit 'AUD-2')" in (
        message
    )


def test_a_planned_audit_of_9_2_is_judged_before_it_is_held(write, tmp_path, check_json) -> None:
    planned = (
        audit_report(scope_clauses=["9.2"])
        .replace("status: approved", "status: draft")
        .replace("date: 2026-10-01", "date: 2027-04-01")
    )
    files = {"aud-1.yaml": planned, "aud-2.yaml": OTHER_AUDIT}
    assert [
        (p, r, s)
        for p, r, _, s, _ in located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS)
    ] == [("aud-1.yaml:12", "SMS030", "minor")]


def test_an_audited_auditor_is_the_independence_finding_only(write, tmp_path, check_json) -> None:
    # internal-auditor is among the auditees too: SMS023 reports it, once.
    mine = audit_report(
        "managing-director", auditees=["sms-manager", "internal-auditor"], scope_clauses=["9"]
    )
    files = {"aud-1.yaml": mine, "aud-2.yaml": OTHER_AUDIT}
    report = check(write, tmp_path, check_json, files)
    assert [(p, r) for p, r, *_ in located(report, *RULES, *NEIGHBOURS)] == [
        ("aud-1.yaml:12", "SMS023")
    ]


def test_auditors_outside_the_function_pass(write, tmp_path, check_json) -> None:
    associate = (
        "{id: associate-auditor, title: Auditor, holder: Bethany Clarke, responsibilities: [x]}"
    )
    consultant = "auditor: Priya Raman (Albion Audit Ltd)"
    outsider = audit_report(scope_clauses=["9.2"]).replace("auditor: internal-auditor", consultant)
    files = {
        "roles.yaml": roles_artifact(*AUDIT_ROLES, associate),
        "aud-2.yaml": OTHER_AUDIT,
        # a second auditor who performs no other audit of the cycle
        "aud-1.yaml": audit_report(auditor="associate-auditor", scope_clauses=["9", "10"]),
        # an external auditor, named by name, who audits 9.2 alone every year
        "aud-3.yaml": outsider.replace("AUD-1", "AUD-3"),
        "aud-4.yaml": outsider.replace("AUD-1", "AUD-4").replace("2026-10-01", "2025-10-01"),
    }
    assert located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS) == []


def test_audits_outside_the_cycle_or_retired_do_not_count(write, tmp_path, check_json) -> None:
    old = OTHER_AUDIT.replace("date: 2026-10-01", "date: 2022-05-01")  # before the 36 months
    retired = OTHER_AUDIT.replace("AUD-2", "AUD-3").replace("status: approved", "status: retired")
    files = {"aud-1.yaml": audit_report(scope_clauses=["9"]), "aud-2.yaml": old, "r.yaml": retired}
    assert located(check(write, tmp_path, check_json, files), "SMS030") == []


def test_the_example_with_the_internal_auditor_auditing_9_2(invoke, tmp_path) -> None:
    """The example's AUD-2026-02 (scope 9) audited by internal-auditor, who performs the
    example's other internal audits: one finding, at its auditor."""
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    path = root / "audits" / "aud-2026-02.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("auditor: associate-auditor", "auditor: internal-auditor")
    path.write_text(text.replace("  - internal-auditor\n", ""), encoding="utf-8")
    result = invoke("check", str(root), "--format", "json", "--today", "2026-12-02")
    report = json.loads(result.stdout)
    assert located(report, "SMS030", "SMS023") == [
        (
            "audits/aud-2026-02.md:14",
            "SMS030",
            "9.2",
            "minor",
            "auditor 'internal-auditor' of internal audit 'AUD-2026-02' audits clause 9.2, the "
            "internal audit process, which 'internal-auditor' performs (auditor of internal "
            "audits 'AUD-2025-02', 'AUD-2026-01' and 'AUD-2027-01'): nobody audits their own "
            "work; have 9.2 audited by someone independent of 'internal-auditor', or take 9.2 "
            "out of this audit's scope_clauses",
        )
    ]
    assert result.exit_code == 1


# SMS029: the holder of a top-management role approving under another role


def test_the_managing_director_approving_as_quality_manager(write, tmp_path, check_json) -> None:
    qm = "{id: qm, title: Quality manager, holder: '  bo  CHAN ', responsibilities: [x]}"
    files = {
        "roles.yaml": roles_artifact(*AUDIT_ROLES, qm),
        "scope.yaml": scope("qm"),
        "policy.md": as_file(policy("qm"), markdown=True),
    }
    assert located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS) == []


def test_a_role_held_by_someone_else_or_nobody_is_not_top(write, tmp_path, check_json) -> None:
    qm = "{id: qm, title: Quality manager, holder: Ida Hart, responsibilities: [x]}"
    vacant = "{id: deputy, title: Deputy, responsibilities: [x]}"
    files = {
        "roles.yaml": roles_artifact(*AUDIT_ROLES, qm, vacant),
        "scope.yaml": scope("qm"),
        "policy.md": as_file(policy("deputy"), markdown=True),
    }
    report = check(write, tmp_path, check_json, files)
    assert [(p, r, c, s) for p, r, c, s, _ in located(report, "SMS029")] == [
        ("policy.md:8", "SMS029", "5.1", "minor"),
        ("scope.yaml:7", "SMS029", "5.1", "minor"),
    ]
