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
    "no roles artifact defines the SMS roles, so no owner can be traced to a person: add one "
    "(kind: roles) listing each role and its holder"
)
RETIRED_ROLES = (
    "roles artifact ROLES-1 is retired and no current one defines the SMS roles: issue a "
    "current roles artifact (kind: roles) listing each role and its holder"
)


def test_owners_that_are_held_roles_pass(write, tmp_path: Path, check_json) -> None:
    repo(
        write,
        {"a.yaml": artifact("PROC-1"), "b.yaml": artifact("PROC-2", owner="managing-director")},
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS003") == []


@pytest.mark.parametrize(
    ("roles_status", "expected"),
    [(None, (None, None)), ("retired", ("roles.yaml", 5))],
)
def test_without_a_roles_artifact_one_finding(
    write, tmp_path: Path, check_json, roles_status: str | None, expected: tuple
) -> None:
    files = {"a.yaml": artifact("PROC-1"), "b.yaml": artifact("PROC-2", owner="nobody")}
    repo(write, files, roles=roles_status)
    _, report = check_json(tmp_path)
    message = NO_ROLES if roles_status is None else RETIRED_ROLES  # the retired one at its status
    assert found(report, "SMS003") == [(*expected, "SMS003", "5.3", message)]


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
            "owner 'sms-manger' is not a role in ROLES-1 (did you mean 'sms-manager'?): "
            "set owner to a role id defined there, or add the role with its holder",
        ),
        (
            "b.yaml",
            4,
            "SMS003",
            "5.3",
            "owner 'zz' is not a role in ROLES-1: "
            "set owner to a role id defined there, or add the role with its holder",
        ),
    ]


@pytest.mark.parametrize(
    ("role", "line", "message"),
    [
        # a blank holder holds nothing: this rule's words, at the role
        (
            "vacant-role",
            9,
            "role 'vacant-role' has no holder, yet it owns PROC-1: name who holds it (holder: ...)",
        ),
        (
            "unheld-role",
            10,
            "role 'unheld-role' has no holder, yet it owns PROC-1: name who holds it (holder: ...)",
        ),
    ],
)
def test_owner_role_without_holder_is_one_finding_at_the_role(
    write, tmp_path, check_json, role, line, message
) -> None:
    repo(write, {"a.yaml": artifact("PROC-1", owner=role)})
    _, report = check_json(tmp_path)
    assert found(report, "SMS003") == [("roles.yaml", line, "SMS003", "5.3", message)]
    assert [f for f in found(report, "SMS001") if f[1] == line] == []  # folded into it


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

ROLE_FIX = " is not a role in ROLES-1: use a role id defined there, or add the role with its holder"
A_SERVICE = ": put the id of a service here"
NO_ID = ": correct the id, or remove it if that document no longer exists"
BROKEN = [
    ("svc.yaml", artifact("SVC-1", "service", "sla: NOPE\n"), 6, "8.3.3",
     "sla 'NOPE' matches no artifact id" + NO_ID),
    ("svc.yaml", artifact("SVC-1", "service", "sla: SVC-2\n"), 6, "8.3.3",
     "sla 'SVC-2' is a service, not an sla: put the id of an sla here"),
    ("sla.yaml", artifact("SLA-1", "sla", "service: SLA-1\n"), 6, "8.3.3",
     "service 'SLA-1' is an sla, not a service: put the id of a service here"),
    ("scope.yaml", artifact("SCOPE-1", "scope", "services:\n  - SVC-1\n  - SVC-2\n  - XYZ\n"),
     9, "4.3", "services 'XYZ' matches no artifact id" + NO_ID),
    ("sup.yaml", artifact("SUP-1", "supplier", "supports: [SVC-1, SUP-1]\n"), 6, "8.3.4",
     "supports 'SUP-1' is a supplier, not a service: put the id of a service here"),
    ("svc.yaml", artifact("SVC-1", "service", "sla: SLA-1\ndepends_on:\n  - SVC-2\n  - NC-1\n"),
     9, "8.2.4", "depends_on 'NC-1' is a nonconformity, not a service" + A_SERVICE),
    ("nc.yaml", artifact("NC-1", "nonconformity", "source: MR-1\n"), 6, "10.1",
     "source 'MR-1' is a management-review, not an audit: put the id of an audit here"),
    ("aud.yaml", artifact("AUD-1", "audit", "findings:\n  - NC-1\n  - AUD-1\n"), 8, "9.2",
     "findings 'AUD-1' is an audit, not a nonconformity: put the id of a nonconformity here"),
    ("p.yaml", artifact("PROC-1", body="related: [SVC-1, QQQ]\n"), 6, "7.5.3",
     "related 'QQQ' matches no artifact id" + NO_ID),
    ("p.yaml", artifact("PROC-1", body="approved_by: boss\n"), 6, "7.5.2",
     "approved_by 'boss'" + ROLE_FIX),
    ("aud.yaml", artifact("AUD-1", "audit", "auditee_roles: [sms-manager, ghost]\n"), 6, "9.2",
     "auditee_roles entry 'ghost'" + ROLE_FIX),
    ("mr.yaml", artifact("MR-1", "management-review", "attendees:\n  - ghost\n"), 7, "9.3",
     "attendees entry 'ghost'" + ROLE_FIX),
    ("mr.yaml", artifact("MR-1", "management-review", "actions:\n  - {id: A-1, owner: x}\n"),
     7, "9.3", "owner 'x' of action A-1" + ROLE_FIX),
    ("obj.yaml", artifact("OBJ-1", "objectives", "objectives:\n  - {id: O-1, owner: x}\n"),
     7, "6.2", "owner 'x' of objective O-1" + ROLE_FIX),
    ("risk.yaml", artifact("RR-1", "risk-register", "risks:\n  - owner: x\n"),
     7, "6.1", "owner 'x' of the 1st risk" + ROLE_FIX),
    ("imp.yaml", artifact("IMP-1", "improvement", "opportunities:\n  - {id: OP-1, owner: x}\n"),
     7, "10.2", "owner 'x' of opportunity OP-1" + ROLE_FIX),
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
    message = "related 'SVC-01' matches no artifact id (did you mean 'SVC-1'?)" + NO_ID
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
    message = "related 'QQQ' matches no artifact id" + NO_ID
    assert found(report, "SMS018") == [("p.yaml", 7, "SMS018", "7.5.3", message)]


def test_example_repository_has_no_finding_from_these_rules(check_json) -> None:
    _, report = check_json(EXAMPLE)
    assert [f for f in report["findings"] if f["rule"] in {"SMS003", "SMS018"}] == []
