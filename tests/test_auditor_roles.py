"""SMS003 owner-role and SMS018 references-resolve as an auditor reads them (issue 14): the
exact rule, place, clause, grade and words, for YAML and Markdown artifacts."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditor_repos import NOT_UTF8, waits
from sms_texts import MANAGING_DIRECTOR, SMS_MANAGER, roles_artifact

UNHELD = "{id: unheld-role, title: Unheld, responsibilities: [Nothing yet]}"
ROLES = roles_artifact(SMS_MANAGER, MANAGING_DIRECTOR, UNHELD)  # unheld-role on line 9


def header(artifact_id: str, kind: str = "procedure", owner: str = "sms-manager") -> str:
    """id, kind, title, owner, status on lines 1-5; the artifact's own fields from line 6."""
    return (
        f"id: {artifact_id}\nkind: {kind}\ntitle: {artifact_id} title\n"
        f"owner: {owner}\nstatus: draft\n"
    )


def as_markdown(yaml_text: str) -> str:
    """The same fields as front matter: every line one further down."""
    return f"---\n{yaml_text}---\n\n# Body\n"


FORMATS = [("yaml", 0), ("md", 1)]  # extension, lines the front matter's `---` adds


def write_as(write, name: str, text: str, ext: str) -> str:
    relative = f"{name}.{ext}"
    write(relative, as_markdown(text) if ext == "md" else text)
    return relative


def rows(report: dict, rule: str) -> list[tuple]:
    """(path, line, clause, severity, message) of ``rule``'s findings."""
    return [
        (f["path"], f["line"], f["clause"], f["severity"], f["message"])
        for f in report["findings"]
        if f["rule"] == rule
    ]


def on_file(report: dict, path: str) -> list[tuple]:
    """(line, rule, clause, severity, message) of the findings on the file at ``path``."""
    return [
        (f["line"], f["rule"], f["clause"], f["severity"], f["message"])
        for f in report["findings"]
        if f["path"] == path
    ]


def mentioning(report: dict, text: str) -> list[dict]:
    """The findings whose message contains ``text``."""
    return [f for f in report["findings"] if text in f["message"]]


# SMS003 owner-role


@pytest.mark.parametrize(("ext", "shift"), FORMATS)
def test_owner_not_a_role_is_minor_at_the_owner_value(
    write, tmp_path: Path, check_json, ext, shift
):
    write("roles.yaml", ROLES)
    path = write_as(write, "proc", header("PROC-1", owner="sms-manger"), ext)
    _, report = check_json(tmp_path)
    assert rows(report, "SMS003") == [
        (
            path,
            4 + shift,
            "5.3",
            "minor",
            "owner 'sms-manger' is not a role in ROLES-1 (did you mean 'sms-manager'?): "
            "set owner to a role id defined there, or add the role with its holder",
        )
    ]


def test_an_unrelated_owner_gets_no_guess(write, tmp_path: Path, check_json):
    write("roles.yaml", ROLES)
    write("proc.yaml", header("PROC-1", owner="quality-lead"))
    _, report = check_json(tmp_path)
    [(_, _, _, _, message)] = rows(report, "SMS003")
    assert message.startswith("owner 'quality-lead' is not a role in ROLES-1: ")


def test_no_roles_artifact_is_one_major_finding(write, tmp_path: Path, check_json):
    write("proc.yaml", header("PROC-1", owner="nobody"))
    _, report = check_json(tmp_path)
    assert rows(report, "SMS003") == [
        (
            None,
            None,
            "5.3",
            "major",
            "no roles artifact defines the SMS roles, so no owner can be traced to a person: "
            "add one (kind: roles) listing each role and its holder",
        )
    ]


@pytest.mark.parametrize(("owned", "severity"), [(1, "minor"), (2, "major")])
def test_a_vacant_role_is_one_finding_at_the_role(
    write, tmp_path: Path, check_json, owned: int, severity: str
):
    write("roles.yaml", ROLES)
    for n in range(1, owned + 1):
        write(f"proc{n}.md", as_markdown(header(f"PROC-{n}", owner="unheld-role")))
    _, report = check_json(tmp_path)
    owns = ", ".join(f"PROC-{n}" for n in range(1, owned + 1))
    assert rows(report, "SMS003") == [
        (
            "roles.yaml",
            9,
            "5.3",
            severity,
            f"role 'unheld-role' has no holder, yet it owns {owns}: "
            "name who holds it (holder: ...)",
        )
    ]
    # the schema's "has no holder: add it" is folded into it: one defect, one finding
    assert [f for f in report["findings"] if f["rule"] == "SMS001"] == []


def test_owners_are_not_checked_while_a_file_could_not_be_read(write, tmp_path, check_json):
    # 'quality-lead' may be a role in more-roles.yaml: no "not a role", no "add the role";
    # that file's own finding says the owner rule waits for it, once for both owners.
    write("roles.yaml", ROLES)
    write("more-roles.yaml", b"id: ROLES-2\nkind: roles\ntitle: Caf\xe9\n")
    write("a.yaml", header("PROC-1", owner="quality-lead"))
    write("b.md", as_markdown(header("PROC-2", owner="quality-lead")))
    _, report = check_json(tmp_path)
    assert rows(report, "SMS003") == []
    assert on_file(report, "more-roles.yaml") == [
        (
            3,
            "SMS100",
            "7.5",
            "major",
            NOT_UTF8 + waits("SMS003 and SMS016"),
        )
    ]
    assert mentioning(report, "quality-lead") == []
    assert mentioning(report, "more-roles.yaml") == []  # no other finding blames it


def test_the_roles_themselves_are_not_checked_while_a_file_could_not_be_read(
    write, tmp_path, check_json
):
    write("roles.yaml", b"id: ROLES-1\nkind: roles\ntitle: Caf\xe9\n")
    write("a.yaml", header("PROC-1"))
    _, report = check_json(tmp_path)
    assert rows(report, "SMS003") == []  # no "no roles artifact ...: add one"
    assert on_file(report, "roles.yaml") == [
        (
            3,
            "SMS100",
            "7.5",
            "major",
            NOT_UTF8 + waits("SMS003 and SMS016"),
        )
    ]
    assert mentioning(report, "add one (kind: roles)") == []
    assert mentioning(report, "sms-manager") == []  # a.yaml's owner: not guessed at


def test_a_misspelt_roles_kind_waits_with_the_grade_of_the_missing_roles(
    write, tmp_path, check_json
):
    # 'rols' is a typo of roles: the file is the roles, so SMS107 (minor on its own) is
    # graded as SMS003 would grade the roles it cannot check: major.
    write("roles.yaml", ROLES.replace("kind: roles", "kind: rols"))
    write("a.yaml", header("PROC-1", owner="quality-lead"))
    _, report = check_json(tmp_path)
    assert rows(report, "SMS003") == []
    [(line, rule, clause, severity, message)] = on_file(report, "roles.yaml")
    assert (line, rule, clause, severity) == (2, "SMS107", "7.5", "major")
    assert message.startswith("unknown kind 'rols' (did you mean 'roles'?)")
    assert message.endswith("; until then SMS003 and SMS016 cannot check what may depend on it")
    assert mentioning(report, "quality-lead") == []


# SMS018 references-resolve

RELATED = "related:\n  - SVC-1\n  - {missing}\n"  # the dangling entry on line 8


@pytest.mark.parametrize(("ext", "shift"), FORMATS)
@pytest.mark.parametrize(
    ("missing", "hint"),
    [
        ("SVC-01", " (did you mean 'SVC-1'?)"),  # a plausible typo
        ("ROLES-001", ""),  # not a typo of POL-001: another kind of document
        ("POL-002", ""),  # another number is another document
    ],
)
def test_dangling_related_entry_is_minor_at_the_entry(
    write, tmp_path: Path, check_json, ext, shift, missing, hint
):
    write("roles.yaml", ROLES)
    write("svc.yaml", header("SVC-1", "service"))
    write("pol.yaml", header("POL-001", "policy"))
    path = write_as(write, "proc", header("PROC-1") + RELATED.format(missing=missing), ext)
    _, report = check_json(tmp_path)
    assert rows(report, "SMS018") == [
        (
            path,
            8 + shift,
            "7.5.3",
            "minor",
            f"related '{missing}' matches no artifact id{hint}: correct the id, or remove it "
            "if that document no longer exists",
        )
    ]


def test_a_dangling_reference_in_a_retired_document_is_an_observation(write, tmp_path, check_json):
    write("roles.yaml", ROLES)
    retired = header("PROC-1").replace("status: draft", "status: retired") + "related: [GONE-1]\n"
    write("proc.md", as_markdown(retired))
    _, report = check_json(tmp_path)
    assert rows(report, "SMS018") == [
        (
            "proc.md",
            7,
            "7.5.3",
            "observation",
            "related 'GONE-1' matches no artifact id: correct the id, or remove it if that "
            "document no longer exists",
        )
    ]


def test_hints_come_only_from_ids_of_the_kind_the_field_wants(write, tmp_path, check_json):
    write("roles.yaml", ROLES)
    write("svc1.yaml", header("SVC-1", "procedure"))  # an SVC-1 that is no service
    write("sla.yaml", header("SLA-1", "sla") + "service: SVC-01\n")
    _, report = check_json(tmp_path)
    assert rows(report, "SMS018") == [
        (
            "sla.yaml",
            6,
            "8.3.3",
            "minor",
            "service 'SVC-01' matches no artifact id: correct the id, or remove it if that "
            "document no longer exists",
        )
    ]


@pytest.mark.parametrize(("ext", "shift"), FORMATS)
def test_role_references_name_entries_by_id_or_ordinal(write, tmp_path, check_json, ext, shift):
    write("roles.yaml", ROLES)
    risks = "risks:\n  - {id: R-1, owner: sms-manager}\n  - {owner: risk-owner}\n"
    path = write_as(write, "risks", header("RR-1", "risk-register") + risks, ext)
    audit = "auditee_roles:\n  - sms-manager\n  - sms-manger\n"
    audit_path = write_as(write, "audit", header("AUD-1", "audit") + audit, ext)
    _, report = check_json(tmp_path)
    fix = ": use a role id defined there, or add the role with its holder"
    assert sorted(rows(report, "SMS018")) == [
        (
            audit_path,
            8 + shift,
            "9.2",  # a kind's own field: the kind's clause
            "minor",
            "auditee_roles entry 'sms-manger' is not a role in ROLES-1 "
            "(did you mean 'sms-manager'?)" + fix,
        ),
        (
            path,
            8 + shift,
            "6.1",
            "minor",
            "owner 'risk-owner' of the 2nd risk is not a role in ROLES-1" + fix,
        ),
    ]


def test_a_wrong_kind_says_which_kind_belongs_there(write, tmp_path, check_json):
    write("roles.yaml", ROLES)
    write("nc.md", as_markdown(header("NC-1", "nonconformity") + "source: PROC-1\n"))
    write("proc.yaml", header("PROC-1"))
    _, report = check_json(tmp_path)
    assert rows(report, "SMS018") == [
        (
            "nc.md",
            7,
            "10.1",
            "minor",
            "source 'PROC-1' is a procedure, not an audit: put the id of an audit here",
        )
    ]


def test_references_matching_nothing_while_a_file_is_unread_are_one_per_id(
    write, tmp_path, check_json
):
    write("roles.yaml", ROLES)
    write("scope.yaml", "id: SCOPE-1\nkind: scope\n\ttitle: tab\n")  # unparsable
    for n in (1, 2, 3):
        write(f"p{n}.md", as_markdown(header(f"PROC-{n}") + "related: [SCOPE-1, SCOPF-1]\n"))
    _, report = check_json(tmp_path)
    dangling = (
        "related 'SCOPF-1' matches no artifact id: correct the id, or remove it if that "
        "document no longer exists"
    )
    # the unread file declares SCOPE-1, not SCOPF-1: that one is simply dangling
    assert rows(report, "SMS018") == [
        ("p1.md", 7, "7.5.3", "minor", dangling),
        ("p2.md", 7, "7.5.3", "minor", dangling),
        ("p3.md", 7, "7.5.3", "minor", dangling),
    ]
    # SCOPE-1 is said once, by the unread file, naming the rules that wait for it
    assert on_file(report, "scope.yaml") == [
        (
            3,
            "SMS101",
            "7.5",
            "major",
            "a tab is used for indentation (YAML allows only spaces): indent with spaces; "
            "until then SMS008, SMS016 and SMS018 cannot check what may depend on it",
        )
    ]
    assert mentioning(report, "'SCOPE-1'") == []
    assert [f for f in mentioning(report, "scope") if f["path"] != "scope.yaml"] == []


def test_a_broken_procedure_does_not_keep_owners_or_references_from_being_checked(
    write, tmp_path, check_json
):
    write("roles.yaml", ROLES)
    write("broken.yaml", b"id: PROC-9\nkind: procedure\ntitle: Caf\xe9\n")
    write("a.yaml", header("PROC-1", owner="quality-lead") + "related: [GONE-1]\n")
    _, report = check_json(tmp_path)
    assert [(r[1], r[3]) for r in rows(report, "SMS003")] == [(4, "minor")]
    assert [(r[1], r[3]) for r in rows(report, "SMS018")] == [(6, "minor")]


def test_a_role_defined_twice_is_one_finding_at_the_later_entry(tmp_path, check_json) -> None:
    import shutil

    from conftest import EXAMPLE

    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    roles = root / "governance" / "roles.yaml"
    text = roles.read_text()
    line = text.splitlines().index("  - id: finance-director") + 1
    roles.write_text(text.replace("  - id: finance-director", "  - id: operations-director"))
    _, report = check_json(root)
    twice = [f for f in report["findings"] if f["path"] == "governance/roles.yaml"]
    assert [(f["line"], f["rule"], f["clause"], f["severity"]) for f in twice] == [
        (line, "SMS003", "5.3", "minor")
    ]
    assert twice[0]["message"] == (
        "role 'operations-director' is defined twice (earlier in this file): this entry is "
        "ignored, so the role it describes is undefined; give it that role's id, or remove it"
    )
