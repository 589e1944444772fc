"""SMS003 owner-role and SMS018 references-resolve."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLE, found
from sms_texts import MANAGING_DIRECTOR, SMS_MANAGER, roles_artifact

VACANT = '{id: vacant-role, title: Vacant, holder: " ", responsibilities: [Nothing yet]}'
UNHELD = "{id: unheld-role, title: Unheld, responsibilities: [Nothing yet]}"


def artifact(
    artifact_id: str, kind: str = "procedure", body: str = "", owner: str = "sms-manager"
) -> str:
    """Header on lines 1-5 (id, kind, title, owner, status); ``body`` starts on line 6."""
    header = (
        f"id: {artifact_id}\nkind: {kind}\ntitle: {artifact_id} title\n"
        f"owner: {owner}\nstatus: draft\n"
    )
    return header + textwrap.dedent(body).lstrip("\n")


def repo(write, files: dict[str, str], roles: str | None = "draft") -> None:
    """A repository with a roles artifact of status ``roles`` (None: none) plus ``files``."""
    if roles is not None:
        write(
            "roles.yaml",
            roles_artifact(SMS_MANAGER, MANAGING_DIRECTOR, VACANT, UNHELD, status=roles),
        )
    for relative, content in files.items():
        write(relative, content)


# SMS003 owner-role

NO_ROLES = (
    "no roles artifact defines the SMS roles: add one (kind: roles) listing each role "
    "and its holder"
)


def test_owners_that_are_held_roles_pass(write, tmp_path: Path, check_json) -> None:
    repo(
        write,
        {"a.yaml": artifact("PROC-1"), "b.yaml": artifact("PROC-2", owner="managing-director")},
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS003") == []


@pytest.mark.parametrize("roles_status", [None, "retired"])
def test_without_a_roles_artifact_one_repository_finding(
    write, tmp_path: Path, check_json, roles_status: str | None
) -> None:
    files = {"a.yaml": artifact("PROC-1"), "b.yaml": artifact("PROC-2", owner="nobody")}
    repo(write, files, roles=roles_status)
    _, report = check_json(tmp_path)
    assert found(report, "SMS003") == [(None, None, "SMS003", "5.3", NO_ROLES)]


def test_owner_that_is_no_role_is_a_finding_with_a_hint(write, tmp_path, check_json) -> None:
    repo(
        write,
        {"a.yaml": artifact("PROC-1", owner="sms-manger"), "b.yaml": artifact("P-2", owner="zz")},
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS003") == [
        (
            "a.yaml",
            4,
            "SMS003",
            "5.3",
            "owner 'sms-manger' is not a role defined in the roles artifact "
            "(did you mean 'sms-manager'?): use a defined role id or add the role with its holder",
        ),
        (
            "b.yaml",
            4,
            "SMS003",
            "5.3",
            "owner 'zz' is not a role defined in the roles artifact: "
            "use a defined role id or add the role with its holder",
        ),
    ]


@pytest.mark.parametrize("role", ["vacant-role", "unheld-role"])
def test_owner_role_without_holder_is_a_finding(write, tmp_path, check_json, role) -> None:
    repo(write, {"a.yaml": artifact("PROC-1", owner=role)})
    _, report = check_json(tmp_path)
    message = f"owner role '{role}' has no holder: name who holds it in the roles artifact"
    assert found(report, "SMS003") == [("a.yaml", 4, "SMS003", "5.3", message)]


def test_missing_owner_is_left_to_the_schema(write, tmp_path: Path, check_json) -> None:
    repo(write, {"a.yaml": "id: PROC-1\nkind: procedure\ntitle: T\nstatus: draft\n"})
    _, report = check_json(tmp_path)
    assert found(report, "SMS003") == []
    schema = [(f["path"], f["line"]) for f in report["findings"] if f["rule"] == "SMS001"]
    assert ("a.yaml", 1) in schema  # the schema names the missing owner


# SMS018 references-resolve: a repository where every kind of reference resolves, then one
# broken reference at a time.

VALID = {
    "svc.yaml": artifact("SVC-1", "service", "sla: SLA-1\ndepends_on: [SVC-2]\n"),
    "svc2.yaml": artifact("SVC-2", "service", "related: [RET-1]\n"),
    "sla.yaml": artifact("SLA-1", "sla", "service: SVC-1\n"),
    "scope.yaml": artifact("SCOPE-1", "scope", "services:\n  - SVC-1\n  - SVC-2\n"),
    "sup.yaml": artifact("SUP-1", "supplier", "supports: [SVC-1]\n"),
    "aud.yaml": artifact(
        "AUD-1",
        "audit",
        "auditee_roles: [sms-manager]\nauditor: Jane Outside\nfindings: [NC-1]\n",
    ),
    "nc.yaml": artifact("NC-1", "nonconformity", "source: AUD-1\n"),
    "mr.yaml": artifact(
        "MR-1",
        "management-review",
        "attendees: [managing-director, sms-manager]\n"
        "actions:\n  - {id: A-1, owner: sms-manager}\n",
    ),
    "obj.yaml": artifact("OBJ-1", "objectives", "objectives:\n  - {id: O-1, owner: sms-manager}\n"),
    "risk.yaml": artifact("RR-1", "risk-register", "risks:\n  - {id: R-1, owner: sms-manager}\n"),
    "imp.yaml": artifact(
        "IMP-1", "improvement", "opportunities:\n  - {id: OP-1, owner: sms-manager}\n"
    ),
    "ret.yaml": artifact("RET-1").replace("status: draft", "status: retired"),
    "p.yaml": artifact("PROC-1", body="approved_by: managing-director\n"),
}

ROLE_FIX = ": use a role defined in the roles artifact"
BROKEN = [
    ("svc.yaml", artifact("SVC-1", "service", "sla: NOPE\n"), 6, "8.3.3",
     "sla 'NOPE' matches no artifact id"),
    ("svc.yaml", artifact("SVC-1", "service", "sla: SVC-2\n"), 6, "8.3.3",
     "sla 'SVC-2' is a service, not an sla"),
    ("sla.yaml", artifact("SLA-1", "sla", "service: SLA-1\n"), 6, "8.3.3",
     "service 'SLA-1' is an sla, not a service"),
    ("scope.yaml", artifact("SCOPE-1", "scope", "services:\n  - SVC-1\n  - SVC-2\n  - XYZ\n"),
     9, "4.3", "services 'XYZ' matches no artifact id"),
    ("sup.yaml", artifact("SUP-1", "supplier", "supports: [SVC-1, SUP-1]\n"), 6, "8.3.4",
     "supports 'SUP-1' is a supplier, not a service"),
    ("svc.yaml", artifact("SVC-1", "service", "sla: SLA-1\ndepends_on:\n  - SVC-2\n  - NC-1\n"),
     9, "8.2.4", "depends_on 'NC-1' is a nonconformity, not a service"),
    ("nc.yaml", artifact("NC-1", "nonconformity", "source: MR-1\n"), 6, "10.1",
     "source 'MR-1' is a management-review, not an audit"),
    ("aud.yaml", artifact("AUD-1", "audit", "findings:\n  - NC-1\n  - AUD-1\n"), 8, "9.2",
     "findings 'AUD-1' is an audit, not a nonconformity"),
    ("p.yaml", artifact("PROC-1", body="related: [SVC-1, QQQ]\n"), 6, "7.5.3",
     "related 'QQQ' matches no artifact id"),
    ("p.yaml", artifact("PROC-1", body="approved_by: boss\n"), 6, "5.3",
     "approved_by 'boss' matches no role id" + ROLE_FIX),
    ("aud.yaml", artifact("AUD-1", "audit", "auditee_roles: [sms-manager, ghost]\n"), 6, "5.3",
     "auditee_roles 'ghost' matches no role id" + ROLE_FIX),
    ("mr.yaml", artifact("MR-1", "management-review", "attendees:\n  - ghost\n"), 7, "5.3",
     "attendees 'ghost' matches no role id" + ROLE_FIX),
    ("mr.yaml", artifact("MR-1", "management-review", "actions:\n  - {id: A-1, owner: x}\n"),
     7, "5.3", "action A-1 owner 'x' matches no role id" + ROLE_FIX),
    ("obj.yaml", artifact("OBJ-1", "objectives", "objectives:\n  - {id: O-1, owner: x}\n"),
     7, "5.3", "objective O-1 owner 'x' matches no role id" + ROLE_FIX),
    ("risk.yaml", artifact("RR-1", "risk-register", "risks:\n  - owner: x\n"),
     7, "5.3", "risk #1 owner 'x' matches no role id" + ROLE_FIX),
    ("imp.yaml", artifact("IMP-1", "improvement", "opportunities:\n  - {id: OP-1, owner: x}\n"),
     7, "5.3", "opportunity OP-1 owner 'x' matches no role id" + ROLE_FIX),
]  # fmt: skip


def test_resolving_references_pass(write, tmp_path: Path, check_json) -> None:
    repo(write, VALID)
    _, report = check_json(tmp_path)
    assert found(report, "SMS018") == []


@pytest.mark.parametrize(("path", "content", "line", "clause", "message"), BROKEN)
def test_each_broken_reference_is_a_finding_at_its_item(
    write, tmp_path: Path, check_json, path, content, line, clause, message
) -> None:
    repo(write, {**VALID, path: content})
    _, report = check_json(tmp_path)
    assert found(report, "SMS018") == [(path, line, "SMS018", clause, message)]


def test_close_miss_gets_a_hint(write, tmp_path: Path, check_json) -> None:
    repo(write, {**VALID, "p.yaml": artifact("PROC-1", body="related: [SVC-01]\n")})
    _, report = check_json(tmp_path)
    message = "related 'SVC-01' matches no artifact id (did you mean 'SVC-1'?)"
    assert found(report, "SMS018") == [("p.yaml", 6, "SMS018", "7.5.3", message)]


def test_artifact_owner_and_auditor_are_not_references_here(write, tmp_path, check_json) -> None:
    audit = artifact("AUD-1", "audit", "auditor: Someone Else\n", owner="nobody")
    repo(write, {**VALID, "aud.yaml": audit})
    _, report = check_json(tmp_path)
    assert found(report, "SMS018") == []
    assert [f["path"] for f in report["findings"] if f["rule"] == "SMS003"] == ["aud.yaml"]


def test_without_roles_artifact_only_artifact_references_are_checked(
    write, tmp_path: Path, check_json
) -> None:
    files = {**VALID, "p.yaml": artifact("PROC-1", body="approved_by: boss\nrelated: [QQQ]\n")}
    repo(write, files, roles=None)
    _, report = check_json(tmp_path)
    message = "related 'QQQ' matches no artifact id"
    assert found(report, "SMS018") == [("p.yaml", 7, "SMS018", "7.5.3", message)]


def test_example_repository_has_no_finding_from_these_rules(check_json) -> None:
    _, report = check_json(EXAMPLE)
    assert [f for f in report["findings"] if f["rule"] in {"SMS003", "SMS018"}] == []
