"""Issue 15, point 4, from the user's side: who may approve the scope and the service-management
policy (SMS029), who may audit the internal audit process (SMS030), and who may approve an audit
report (SMS031), on YAML and Markdown-with-front-matter artifacts, by role id and by holder
name, with a config severity override and a roles file that could not be read."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from auditor_repos import AUDIT_ROLES, NOT_UTF8, header, procedure, waits
from conftest import EXAMPLE, located, quiet_config
from sms_texts import roles_artifact

ROLES = roles_artifact(*AUDIT_ROLES)
RULES = ("SMS029", "SMS030", "SMS031")
# Also reported where these rules stay silent: the schema, unknown roles, auditor independence.
NEIGHBOURS = ("SMS001", "SMS018", "SMS023", "SMS100")
# The service every scope names (a pipeline draft, so that it needs no SLA).
SERVICE = (
    "id: SVC-1\nkind: service\ntitle: Payments\nowner: sms-manager\nstatus: draft\n"
    "name: Payments\ndescription: Card payments\nservice_status: pipeline\ncustomers: [Kestrel]\n"
)


def unreadable(kind: str, ident: str) -> bytes:
    """A file declaring ``kind`` and ``ident`` whose third line is not UTF-8 (NOT_UTF8)."""
    return f"id: {ident}\nkind: {kind}\n".encode() + b"title: Caf\xe9\n"


def as_file(fields: str, markdown: bool) -> str:
    """The fields as a YAML file, or as a Markdown file's front matter (every line one down)."""
    return f"---\n{fields}---\n\n# Document\n\nWhat it says.\n" if markdown else fields


def approved(art_id: str, kind: str, approver: str) -> str:
    """An approved artifact's header: ``approved_by`` on line 7, its own fields from line 10."""
    return header(art_id, kind).replace("approved_by: sms-manager", f"approved_by: {approver}")


def scope(approver: str = "managing-director") -> str:
    return approved("SCOPE-1", "scope", approver) + "services: [SVC-1]\nlocations: [Leeds]\n"


def policy(approver: str, policy_type: str = "service-management", status: str = "") -> str:
    text = approved("POL-1", "policy", approver)
    if status:
        text = text.replace("status: approved", f"status: {status}")
    return text + f"policy_type: {policy_type}\ncommitments: [Meet agreed service levels]\n"


def audit_report(
    approver: str = "internal-auditor",
    *,
    auditor: str = "internal-auditor",
    auditees: Sequence[str] = ("change-manager",),
    scope_clauses: Sequence[str] = ("8",),
    audit_type: str = "internal",
) -> str:
    """An approved audit: approved_by on line 7, auditor 12, auditee_roles 13 (YAML)."""
    return approved("AUD-1", "audit", approver) + (
        f"audit_type: {audit_type}\ndate: 2026-10-01\nauditor: {auditor}\n"
        f"auditee_roles: {json.dumps(list(auditees))}\n"
        f"scope_clauses: {json.dumps(list(scope_clauses))}\nfindings: []\n"
    )


def check(write, tmp_path: Path, check_json, files: dict, extra: str = "") -> dict:
    """Check ``files`` (with ROLES as roles.yaml unless given, and SERVICE) with only these
    rules and their neighbours on."""
    write(".sms-lint.yaml", quiet_config(*RULES, *NEIGHBOURS, extra=extra))
    for relative, content in {"roles.yaml": ROLES, "svc.yaml": SERVICE, **files}.items():
        write(relative, content)
    _, report = check_json(tmp_path)
    return report


# SMS029 top-management-approval


def not_top(what: str, approver: str = "sms-manager") -> str:
    return (
        f"{what} is approved by '{approver}', which is not a top-management role: have it "
        "approved by 'managing-director' (Bo Chan, top_management: true)"
    )


def test_a_scope_approved_below_top_management(write, tmp_path, check_json) -> None:
    report = check(write, tmp_path, check_json, {"scope.yaml": scope("sms-manager")})
    assert located(report, *RULES, *NEIGHBOURS) == [
        ("scope.yaml:7", "SMS029", "5.1", "minor", not_top("scope 'SCOPE-1'"))
    ]


def test_a_markdown_policy_approved_below_top_management(write, tmp_path, check_json) -> None:
    files = {"policy.md": as_file(policy("change-manager"), markdown=True)}
    report = check(write, tmp_path, check_json, files)
    assert located(report, *RULES, *NEIGHBOURS) == [
        (
            "policy.md:8",
            "SMS029",
            "5.1",
            "minor",
            not_top("service-management policy 'POL-1'", "change-manager"),
        )
    ]


def test_every_top_management_role_is_offered(write, tmp_path, check_json) -> None:
    ceo = "{id: ceo, title: CEO, holder: Ida Hart, top_management: true, responsibilities: [x]}"
    files = {"roles.yaml": roles_artifact(*AUDIT_ROLES, ceo), "policy.yaml": policy("sms-manager")}
    [(_, _, _, _, message)] = located(check(write, tmp_path, check_json, files), "SMS029")
    assert message.endswith(
        "have it approved by 'ceo' (Ida Hart, top_management: true) or 'managing-director' "
        "(Bo Chan, top_management: true)"
    )


def test_top_management_drafts_and_other_policies_pass(write, tmp_path, check_json) -> None:
    files = {
        "scope.yaml": scope("managing-director"),
        "policy.yaml": policy("sms-manager", status="draft"),  # no approval to judge yet
        "change.yaml": policy("sms-manager", "change-management").replace("POL-1", "POL-2"),
    }
    assert located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS) == []


def test_an_unknown_approver_is_only_the_reference_finding(write, tmp_path, check_json) -> None:
    report = check(write, tmp_path, check_json, {"scope.yaml": scope("ceo")})
    assert [(place, rule) for place, rule, *_ in located(report, *RULES, *NEIGHBOURS)] == [
        ("scope.yaml:7", "SMS018")
    ]


def test_no_role_marked_top_management_is_left_to_the_review_rule(
    write, tmp_path, check_json
) -> None:
    # SMS014 says once, at the roles list, that no role is marked top_management.
    unmarked = ROLES.replace(" top_management: true,", "")
    files = {"roles.yaml": unmarked, "scope.yaml": scope("sms-manager")}
    assert located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS) == []


def test_an_unread_roles_file_leaves_the_approval_unchecked(write, tmp_path, check_json) -> None:
    files = {"roles.yaml": unreadable("roles", "ROLES-1"), "scope.yaml": scope("sms-manager")}
    report = check(write, tmp_path, check_json, files)
    assert located(report, *RULES, *NEIGHBOURS) == [
        # without any roles SMS018 leaves approvers to SMS003 (disabled here)
        ("roles.yaml:3", "SMS100", "7.5", "major", NOT_UTF8 + waits("SMS029"))
    ]


def test_a_known_role_is_judged_beside_an_unread_roles_file(write, tmp_path, check_json) -> None:
    # sms-manager is defined and not top management: a second roles file changes nothing.
    files = {"more-roles.yaml": unreadable("roles", "ROLES-2"), "scope.yaml": scope("sms-manager")}
    report = check(write, tmp_path, check_json, files)
    assert located(report, *RULES, *NEIGHBOURS) == [
        ("more-roles.yaml:3", "SMS100", "7.5", "major", NOT_UTF8),
        ("scope.yaml:7", "SMS029", "5.1", "minor", not_top("scope 'SCOPE-1'")),
    ]


def test_the_config_sets_the_approval_severity(write, tmp_path, check_json) -> None:
    extra = "  SMS029: {severity: major}\n"
    report = check(write, tmp_path, check_json, {"scope.yaml": scope("sms-manager")}, extra)
    assert [severity for _, _, _, severity, _ in located(report, "SMS029")] == ["major"]


# SMS030 internal-audit-impartiality

PROCEDURE = {"procedures/ia.yaml": procedure("PROC-IA", ["9.2"])}  # owned by sms-manager


def self_audit(auditor: str, why: str = "") -> str:
    return (
        f"auditor '{auditor}' of internal audit 'AUD-1' audits clause 9.2, the internal audit "
        f"process, which 'sms-manager' runs (owner of 'PROC-IA'){why}: nobody audits their own "
        "work; have 9.2 audited by someone independent of 'sms-manager', or take 9.2 out of "
        "this audit's scope_clauses"
    )


def test_the_audit_owner_auditing_clause_9(write, tmp_path, check_json) -> None:
    files = {**PROCEDURE, "aud.yaml": audit_report(auditor="sms-manager", scope_clauses=["9"])}
    assert located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS) == [
        ("aud.yaml:12", "SMS030", "9.2", "minor", self_audit("sms-manager"))
    ]


def test_the_audit_owner_named_by_holder_in_markdown(write, tmp_path, check_json) -> None:
    report_text = audit_report(auditor="Ann  lee", scope_clauses=["4", "9.2"])
    files = {**PROCEDURE, "aud.md": as_file(report_text, markdown=True)}
    assert located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS) == [
        (
            "aud.md:13",
            "SMS030",
            "9.2",
            "minor",
            self_audit("Ann  lee", ", and 'Ann  lee' holds 'sms-manager'"),
        )
    ]


def test_an_auditor_role_held_by_the_audit_owner(write, tmp_path, check_json) -> None:
    deputy = "{id: lead-auditor, title: Lead auditor, holder: Ann Lee, responsibilities: [x]}"
    files = {
        **PROCEDURE,
        "roles.yaml": roles_artifact(*AUDIT_ROLES, deputy),
        "aud.yaml": audit_report(auditor="lead-auditor", scope_clauses=["9"]),
    }
    assert located(check(write, tmp_path, check_json, files), "SMS030") == [
        (
            "aud.yaml:12",
            "SMS030",
            "9.2",
            "minor",
            self_audit("lead-auditor", ", and both are held by 'Ann Lee'"),
        )
    ]


def test_an_audited_audit_owner_is_the_independence_finding(write, tmp_path, check_json) -> None:
    # sms-manager audits itself: SMS023's finding, not a second one from SMS030.
    report_text = audit_report(auditor="sms-manager", auditees=["sms-manager"], scope_clauses=["9"])
    files = {**PROCEDURE, "aud.yaml": report_text}
    report = check(write, tmp_path, check_json, files)
    assert [(place, rule) for place, rule, *_ in located(report, *RULES, *NEIGHBOURS)] == [
        ("aud.yaml:12", "SMS023")
    ]


def test_audits_that_leave_9_2_to_others_pass(write, tmp_path, check_json) -> None:
    files = {
        **PROCEDURE,
        "a.yaml": audit_report(auditor="sms-manager", scope_clauses=["8", "9.1"]),
        "b.yaml": audit_report(scope_clauses=["9"]).replace("AUD-1", "AUD-2"),
        "c.yaml": audit_report(
            auditor="sms-manager", scope_clauses=["9"], audit_type="external"
        ).replace("AUD-1", "AUD-3"),
        # a performance-evaluation procedure claiming all of clause 9 does not run audits
        "procedures/pe.yaml": procedure("PROC-PE", ["9"]).replace(
            "owner: sms-manager", "owner: change-manager"
        ),
        "d.yaml": audit_report(
            auditor="change-manager", auditees=["sms-manager"], scope_clauses=["9"]
        ).replace("AUD-1", "AUD-4"),
    }
    assert located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS) == []


def test_without_an_audit_procedure_an_unread_file_is_waited_for(
    write, tmp_path, check_json
) -> None:
    files = {
        "procedures/ia.yaml": unreadable("procedure", "PROC-IA"),
        "aud.yaml": audit_report(auditor="sms-manager", scope_clauses=["9"]),
    }
    report = check(write, tmp_path, check_json, files)
    assert located(report, *RULES, *NEIGHBOURS) == [
        ("procedures/ia.yaml:3", "SMS100", "7.5", "major", NOT_UTF8 + waits("SMS030"))
    ]


# SMS031 auditee-approved-report


def approved_by_auditee(why: str) -> str:
    return (
        f"audit report 'AUD-1' is approved by 'sms-manager', {why}: an auditee approving the "
        "report of their own audit is a risk to its impartiality; have it approved by someone "
        "outside the audited roles, such as the lead auditor"
    )


def test_a_report_approved_by_its_auditee(write, tmp_path, check_json) -> None:
    files = {"aud.yaml": audit_report("sms-manager", auditees=["change-manager", "sms-manager"])}
    report = check(write, tmp_path, check_json, files)
    assert located(report, *RULES, *NEIGHBOURS) == [
        (
            "aud.yaml:7",
            "SMS031",
            "9.2",
            "observation",
            approved_by_auditee("one of its auditees (auditee_roles)"),
        )
    ]
    assert report["summary"]["conformant"] is True  # an observation fails nothing by default


def test_a_markdown_report_approved_by_the_holder_of_an_auditee_role(
    write, tmp_path, check_json
) -> None:
    # Ann Lee holds sms-manager, the approver, and service-owner, an audited role.
    owner = "{id: service-owner, title: Service owner, holder: ann lee, responsibilities: [x]}"
    files = {
        "roles.yaml": roles_artifact(*AUDIT_ROLES, owner),
        "aud.md": as_file(audit_report("sms-manager", auditees=["service-owner"]), markdown=True),
    }
    assert located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS) == [
        (
            "aud.md:8",
            "SMS031",
            "9.2",
            "observation",
            approved_by_auditee(
                "held by 'Ann Lee', who also holds the audited role 'service-owner'"
            ),
        )
    ]


def test_reports_approved_outside_the_audit_pass(write, tmp_path, check_json) -> None:
    files = {
        "a.yaml": audit_report("sms-manager", auditees=["change-manager"]),
        "b.yaml": audit_report(
            "sms-manager", auditees=["sms-manager"], audit_type="external"
        ).replace("AUD-1", "AUD-2"),
        "c.yaml": audit_report("internal-auditor", auditees=["sms-manager"]).replace(
            "AUD-1", "AUD-3"
        ),
    }
    assert located(check(write, tmp_path, check_json, files), *RULES, *NEIGHBOURS) == []


def test_the_config_makes_an_auditee_approval_fail(write, tmp_path, check_json, invoke) -> None:
    extra = "  SMS031: {severity: minor}\n"
    files = {"aud.yaml": audit_report("sms-manager", auditees=["sms-manager"])}
    report = check(write, tmp_path, check_json, files, extra)
    assert [severity for _, _, _, severity, _ in located(report, "SMS031")] == ["minor"]
    assert invoke("check", str(tmp_path), "--today", "2026-11-22").exit_code == 1


def test_an_approver_in_an_unread_roles_file_is_waited_for(write, tmp_path, check_json) -> None:
    files = {
        "more-roles.yaml": unreadable("roles", "ROLES-2"),
        "aud.yaml": audit_report("qa-lead", auditees=["change-manager"]),
    }
    report = check(write, tmp_path, check_json, files)
    assert located(report, *RULES, *NEIGHBOURS) == [
        ("more-roles.yaml:3", "SMS100", "7.5", "major", NOT_UTF8 + waits("SMS018 and SMS031"))
    ]


# The example SMS


def test_the_example_passes_the_authority_rules(check_json) -> None:
    _, report = check_json(EXAMPLE, "--no-cache")
    assert located(report, *RULES) == []
