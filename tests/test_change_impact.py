"""SMS052 change-impact with ``--base`` (issue 20, point 3): an approved document revised in the
change asks every approved document that refers to it, and that the change left alone, for a
review. Real git repositories in tmp_path; today is pinned."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE, TODAY, graded, quiet_config
from sms_texts import roles_artifact
from test_git_support import GitRepo

DOCUMENT = """\
---
id: {id}
kind: {kind}
title: {title}
owner: sms-manager
status: {status}
version: "{version}"
approved_by: sms-manager
approved_on: {approved}
last_reviewed: {reviewed}
{extra}---
# {title}

{body}
"""

BASE = {"version": "2.0", "approved": "2026-03-02", "reviewed": "2026-03-02", "extra": ""}
BASE.update(status="approved", body="What we do.")

AUDIT = """\
---
id: AUD-1
kind: audit
title: Internal audit
owner: sms-manager
status: approved
version: "1.0"
approved_by: sms-manager
approved_on: 2026-03-01
related: [POL-001]
audit_type: internal
date: 2026-02-20
auditor: sms-manager
scope_clauses: ["8"]
---
# Audit report

All good.
"""


def document(ident: str, kind: str = "procedure", **fields: str) -> str:
    return DOCUMENT.format(**{**BASE, **fields}, id=ident, kind=kind, title=f"Document {ident}")


def policy(**fields: str) -> str:
    return document("POL-001", "policy", **{"extra": "policy_type: service-management\n", **fields})


def procedure(ident: str, related: str = "[POL-001]", **fields: str) -> str:
    return document(ident, **{"extra": f"related: {related}\n", **fields})


def revision(**fields: str) -> dict[str, str]:
    """The fields of version 3.0 of a document, approved and reviewed in September."""
    return {"version": "3.0", "approved": "2026-09-15", "reviewed": "2026-09-15", **fields}


def sms(tmp_path: Path, config: str = "") -> GitRepo:
    """An approved policy that two procedures refer to (``related``, line 11)."""
    repo = GitRepo(tmp_path / "sms")
    repo.write("roles.yaml", roles_artifact())
    repo.write(".sms-lint.yaml", quiet_config("SMS052", extra=config))
    repo.write("policies/pol-001.md", policy())
    repo.write("procedures/pro-001.md", procedure("PRO-001"))
    repo.write("procedures/pro-002.md", procedure("PRO-002"))
    repo.commit("Version 2.0 of everything", "2026-03-02")
    return repo


def revise_policy(repo: GitRepo, **fields: str) -> None:
    repo.write("policies/pol-001.md", policy(body="What we do now.", **revision(**fields)))


def impact(check_json, repo: GitRepo, *extra: str) -> list[tuple]:
    _, report = check_json(repo.path, "--base", "main", *extra)
    return graded(report, "SMS052")


def asked(name: str, old: str = "2.0", new: str = "3.0") -> str:
    return (
        f"'POL-001' was revised since main (version '{old}' to '{new}') and '{name}' refers to "
        f"it: review whether '{name}' still agrees with the new version, then record the "
        "review (last_reviewed) or revise it"
    )


def observation(path: str, name: str, line: int = 11) -> tuple:
    return (path, line, "SMS052", "7.5.3", "observation", asked(name))


def test_each_procedure_referring_to_a_revised_policy_is_asked_once(
    tmp_path: Path, check_json
) -> None:
    repo = sms(tmp_path)
    revise_policy(repo)
    assert impact(check_json, repo) == [
        observation("procedures/pro-001.md", "PRO-001"),
        observation("procedures/pro-002.md", "PRO-002"),
    ]


def test_a_committed_revision_on_a_branch_is_compared_with_main(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.git("checkout", "-q", "-b", "revise")
    revise_policy(repo)
    repo.commit("Version 3.0 of the policy", "2026-09-15")
    assert [row[0] for row in impact(check_json, repo)] == [
        "procedures/pro-001.md",
        "procedures/pro-002.md",
    ]


def test_procedures_revised_or_reviewed_in_the_same_change_are_not_asked(
    tmp_path: Path, check_json
) -> None:
    repo = sms(tmp_path)
    revise_policy(repo)
    repo.write("procedures/pro-001.md", procedure("PRO-001", body="Changed.", **revision()))
    repo.write("procedures/pro-002.md", procedure("PRO-002", reviewed="2026-09-15"))
    assert impact(check_json, repo) == []


def test_a_review_only_change_of_the_policy_asks_nothing(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("policies/pol-001.md", policy(reviewed="2026-09-15"))
    assert impact(check_json, repo) == []


def test_a_layout_only_change_of_the_policy_asks_nothing(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("policies/pol-001.md", policy().replace("title:", "# a note\ntitle:"))
    assert impact(check_json, repo) == []


def test_documents_the_policy_refers_to_are_not_asked(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("procedures/pro-003.md", procedure("PRO-003", related="[]"))
    repo.write("policies/pol-001.md", policy(extra="related: [PRO-003]\n"))
    repo.commit("The policy names PRO-003", "2026-03-03")
    revise_policy(repo, extra="related: [PRO-003]\n")
    assert [row[0] for row in impact(check_json, repo)] == [
        "procedures/pro-001.md",
        "procedures/pro-002.md",
    ]


def test_a_record_referring_to_the_policy_is_not_asked(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("audits/aud-1.md", AUDIT)
    repo.commit("The audit report", "2026-03-03")
    revise_policy(repo)
    assert [row[0] for row in impact(check_json, repo)] == [
        "procedures/pro-001.md",
        "procedures/pro-002.md",
    ]


def test_drafts_and_retired_documents_are_not_asked(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("procedures/pro-001.md", procedure("PRO-001", status="draft"))
    repo.write("procedures/pro-002.md", procedure("PRO-002", status="retired"))
    repo.commit("One draft, one retired", "2026-03-03")
    revise_policy(repo)
    assert impact(check_json, repo) == []


def test_a_policy_that_was_a_draft_at_the_base_asks_nothing(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("policies/pol-001.md", policy(status="draft"))
    repo.commit("The policy back to draft", "2026-03-03")
    revise_policy(repo)
    assert impact(check_json, repo) == []


def test_a_policy_added_in_the_change_asks_nothing(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("policies/pol-009.md", document("POL-009", "policy", extra="policy_type: x\n"))
    repo.write("procedures/pro-001.md", procedure("PRO-001", related="[POL-001, POL-009]"))
    repo.commit("PRO-001 names POL-009 too", "2026-03-03")
    repo.git("rm", "-q", "policies/pol-009.md")
    repo.commit("POL-009 not yet", "2026-03-04")
    repo.write("policies/pol-009.md", document("POL-009", "policy", extra="policy_type: x\n"))
    assert impact(check_json, repo) == []


def test_a_document_added_in_the_change_is_not_asked(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    revise_policy(repo)
    repo.write("procedures/pro-004.md", procedure("PRO-004"))
    assert [row[0] for row in impact(check_json, repo)] == [
        "procedures/pro-001.md",
        "procedures/pro-002.md",
    ]


def test_any_field_holding_the_id_counts_at_its_own_line(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("procedures/pro-002.md", procedure("PRO-002", related="[]"))
    repo.write(
        "slas/sla.md",
        procedure("PRO-005", related="[]").replace(
            "related: []\n", "related: []\nx-implements:\n  - clause: '5.2'\n    policy: POL-001\n"
        ),
    )
    repo.commit("A reference in a field of our own", "2026-03-03")
    revise_policy(repo)
    found = impact(check_json, repo)
    assert [row[:2] for row in found] == [("procedures/pro-001.md", 11), ("slas/sla.md", 14)]
    assert found[1][-1] == asked("PRO-005")


def test_a_document_referring_twice_is_asked_once_at_the_first(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write(
        "procedures/pro-002.md",
        procedure("PRO-002", extra="x-policy: POL-001\nrelated: [POL-001]\n"),
    )
    repo.commit("PRO-002 names the policy twice", "2026-03-03")
    revise_policy(repo)
    assert [row[:2] for row in impact(check_json, repo)] == [
        ("procedures/pro-001.md", 11),
        ("procedures/pro-002.md", 11),
    ]


def test_the_config_narrows_the_fields_that_count(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path, config="change_impact: {fields: [x-policy]}\n")
    repo.write(
        "procedures/pro-002.md",
        procedure("PRO-002", extra="related: [POL-001]\nx-policy: POL-001\n"),
    )
    repo.commit("PRO-002 names the policy in x-policy", "2026-03-03")
    revise_policy(repo)
    assert [row[:2] for row in impact(check_json, repo)] == [("procedures/pro-002.md", 12)]


def test_the_severity_is_configurable(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path, config="  SMS052: {severity: minor}\n")
    revise_policy(repo)
    code, report = check_json(repo.path, "--base", "main")
    assert {f["severity"] for f in report["findings"] if f["rule"] == "SMS052"} == {"minor"}
    assert code == 1


def test_the_rule_can_be_disabled(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path, config="  SMS052: {enabled: false}\n")
    revise_policy(repo)
    assert impact(check_json, repo) == []


def test_the_versions_are_the_users_own(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    revise_policy(repo, version="2.0-rev B")
    assert impact(check_json, repo)[0][-1] == asked("PRO-001", new="2.0-rev B")


def test_without_base_the_rule_finds_nothing(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    revise_policy(repo)
    _, report = check_json(repo.path)
    assert graded(report, "SMS052") == []


def test_new_only_counts_every_impact_as_new(tmp_path: Path, invoke) -> None:
    repo = sms(tmp_path)
    revise_policy(repo)
    result = invoke(
        "check",
        str(repo.path),
        "--base",
        "main",
        "--new-only",
        "--format",
        "json",
        "--today",
        TODAY,
    )
    findings = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "SMS052"]
    assert [(f["path"], f["new"]) for f in findings] == [
        ("procedures/pro-001.md", True),
        ("procedures/pro-002.md", True),
    ]
    assert result.exit_code == 0  # observations do not fail the check


def test_sarif_points_at_the_reference_line(tmp_path: Path, invoke) -> None:
    repo = sms(tmp_path)
    revise_policy(repo)
    result = invoke(
        "check", str(repo.path), "--base", "main", "--format", "sarif", "--today", TODAY
    )
    results = json.loads(result.stdout)["runs"][0]["results"]
    places = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in results
        if r["ruleId"] == "SMS052"
    ]
    assert sorted(places) == [
        ("SMS052", "procedures/pro-001.md", 11),
        ("SMS052", "procedures/pro-002.md", 11),
    ]


def test_a_renamed_revised_policy_still_asks(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.git("mv", "policies/pol-001.md", "policies/service-management.md")
    repo.write("policies/service-management.md", policy(body="What we do now.", **revision()))
    assert [row[0] for row in impact(check_json, repo)] == [
        "procedures/pro-001.md",
        "procedures/pro-002.md",
    ]


def test_a_renamed_unchanged_procedure_is_still_asked(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.git("mv", "procedures/pro-002.md", "procedures/handling.md")
    revise_policy(repo)
    assert [row[0] for row in impact(check_json, repo)] == [
        "procedures/handling.md",
        "procedures/pro-001.md",
    ]


def test_a_warm_cache_gives_the_same_and_sees_the_config(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    revise_policy(repo)
    cold = impact(check_json, repo)
    assert impact(check_json, repo) == cold == impact(check_json, repo, "--no-cache")
    config = repo.path / ".sms-lint.yaml"
    config.write_text(config.read_text() + "change_impact: {fields: [x-policy]}\n")
    assert impact(check_json, repo) == []


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("[related]", "'change_impact' must be a mapping with 'fields'"),
        ("{kinds: [policy]}", "unknown key 'change_impact.kinds' (known keys: fields)"),
        ("{fields: related}", "'change_impact.fields' must be a list of field names"),
        ("{fields: []}", "to turn the rule off, set rules.SMS052.enabled: false"),
        ("{fields: [related, 3]}", "'change_impact.fields' must be a list of field names"),
        ("{fields: [relatd]}", "'change_impact.fields' names 'relatd', which holds no document"),
    ],
)
def test_a_bad_change_impact_config_is_exit_2(
    tmp_path: Path, invoke, value: str, said: str
) -> None:
    repo = sms(tmp_path, config=f"change_impact: {value}\n")
    result = invoke("check", str(repo.path), "--today", TODAY)
    assert result.exit_code == 2
    assert said in result.output
    assert "Traceback" not in result.output


def test_the_known_reference_fields_are_the_schemas() -> None:
    from sms_lint.config.change_impact import REFERENCE_FIELDS
    from sms_lint.schema.diagram import references
    from sms_lint.schema.validation import load_schemas

    schemas = load_schemas(Path(__file__).resolve().parent.parent / "schemas")
    declared = {r.field for r in references(schemas) if r.targets != ("roles",)}
    assert set(REFERENCE_FIELDS) == declared
    assert all("." not in field and "[]" not in field for field in declared)


def test_an_open_nonconformity_referring_to_the_policy_is_not_asked(
    tmp_path: Path, check_json
) -> None:
    repo = sms(tmp_path)
    repo.write(
        "nonconformities/nc-1.yaml",
        "id: NC-1\nkind: nonconformity\ntitle: A lapse\nowner: sms-manager\nstatus: approved\n"
        'version: "1.0"\napproved_by: sms-manager\napproved_on: 2026-03-02\n'
        "related: [POL-001]\nraised_on: 2026-03-01\nclause: '8.5.1'\ngrade: minor\n"
        "description: Something went wrong.\nnc_status: open\n",
    )
    repo.commit("A nonconformity", "2026-03-03")
    revise_policy(repo)
    assert [row[0] for row in impact(check_json, repo)] == [
        "procedures/pro-001.md",
        "procedures/pro-002.md",
    ]


def test_a_revised_sla_of_the_example_asks_its_dependants(tmp_path: Path, check_json) -> None:
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(EXAMPLE, repo.path / "sms")
    repo.commit("the example SMS", "2026-11-30")
    sla = repo.path / "sms/slas/sla-hosting.yaml"
    text = sla.read_text()
    for old, new in (
        ('version: "2.2"', 'version: "2.3"'),
        ("approved_on: 2026-02-16", "approved_on: 2026-11-22"),
        ("last_reviewed: 2026-08-24", "last_reviewed: 2026-11-22"),
        ("customer: All Managed", "customer: Every Managed"),
    ):
        assert old in text
        text = text.replace(old, new)
    sla.write_text(text)
    found = graded(check_json(repo.path / "sms", "--base", "HEAD")[1], "SMS052")
    # the service names it in `sla` (a YAML file, at that line), the rest in `related`
    assert [row[:2] for row in found] == [
        ("governance/plans/plan-availability.md", 12),
        ("processes/prc-04-business-relationship.md", 11),
        ("processes/prc-05-service-level.md", 11),
        ("processes/prc-16-availability.md", 11),
        ("services/svc-hosting.yaml", 22),
    ]
    assert "(version '2.2' to '2.3')" in found[-1][-1]
