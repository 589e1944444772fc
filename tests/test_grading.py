"""Issue 14, point 9: every rule is graded for a reason written down, grades may depend on what
is affected (named grades in the pack), and the config's severity applies to every grade."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO_ROOT, TODAY, found

from sms_lint.config.pack import load_framework

SUPPLIER = """\
id: SUP-{n}
kind: supplier
title: Supplier {n}
owner: supplier-manager
status: draft
supplier_name: Supplier {n} Ltd
supports: [SVC-{n}]
contract_ref: C-{n}
contract_end: 2026-01-31
"""
SERVICE = """\
id: SVC-{n}
kind: service
title: Service {n}
owner: sms-manager
status: draft
service_status: {state}
"""


def test_every_built_in_rule_says_why_it_is_graded_so() -> None:
    rules = load_framework().rules
    assert [r.id for r in rules if not r.grading.strip()] == []
    page = (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page.count("\n**Grading.** ") == len(rules)


def test_explain_shows_the_grading(invoke) -> None:
    result = invoke("explain", "SMS011")
    assert result.exit_code == 0
    assert "Grading:\n" in result.stdout and "live" in result.stdout


def _suppliers(write, tmp_path: Path) -> None:
    for n, state in (("LIVE", "live"), ("OLD", "retired")):
        write(f"suppliers/{n}.yaml", SUPPLIER.format(n=n))
        write(f"services/{n}.yaml", SERVICE.format(n=n, state=state))


def test_the_grade_depends_on_what_is_affected(write, tmp_path: Path, check_json) -> None:
    _suppliers(write, tmp_path)
    write(
        ".sms-lint.yaml",
        "rules:\n"
        + "".join(
            f"  {r.id}: {{enabled: false}}\n" for r in load_framework().rules if r.id != "SMS011"
        ),
    )
    _, report = check_json(tmp_path)
    grades = {f["path"]: f["severity"] for f in report["findings"] if f["rule"] == "SMS011"}
    assert grades == {"suppliers/LIVE.yaml": "major", "suppliers/OLD.yaml": "observation"}


def test_a_severity_set_in_the_config_applies_to_every_grade(write, tmp_path, check_json):
    _suppliers(write, tmp_path)
    others = "".join(
        f"  {r.id}: {{enabled: false}}\n" for r in load_framework().rules if r.id != "SMS011"
    )
    write(".sms-lint.yaml", f"rules:\n  SMS011: {{severity: minor}}\n{others}")
    _, report = check_json(tmp_path)
    assert {f["severity"] for f in report["findings"] if f["rule"] == "SMS011"} == {"minor"}
    assert len(found(report, "SMS011")) == 2


PACK = """\
rules:
  - id: ORG001
    name: named
    clause: "8.3.3"
    severity: major
    check: require-schema
    description: x
    grades: {grades}
    params:
      select: {{kind: sla}}
      message: m
      schema: {{required: [customer]}}
"""


@pytest.mark.parametrize("grades", ["[minor]", "{retired: fatal}", "{late: [minor]}", "minor"])
def test_an_organization_pack_with_bad_grades_exits_2(write, tmp_path, invoke, grades) -> None:
    write("org/rules.yaml", PACK.format(grades=grades))
    write(".sms-lint.yaml", "policies: [org/rules.yaml]\nexclude: [org]\n")
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    assert "'grades' must map names to major, minor or observation" in result.stderr
