"""Organization rule packs: select artifacts and require a JSON Schema fragment, no Python."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY

SLA = """
id: SLA-{n}
kind: sla
title: SLA {n}
owner: sms-manager
status: approved
service: SVC-{n}
customer: Retail
targets:
  - {{metric: availability, target: {target}, unit: percent, comparator: ">="}}
"""

PACK = """
rules:
  - id: ORG001
    name: sla-availability-floor
    clause: "8.3.3"
    severity: major
    check: require-schema
    description: Our SLAs promise at least 99.5 % availability.
    params:
      select: {kind: sla, where: {status: approved}}
      message: the SLA must promise at least 99.5 percent availability
      schema:
        properties:
          targets:
            contains:
              properties: {metric: {const: availability}, target: {minimum: 99.5}}
              required: [metric, target]
"""


def org_findings(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] == "ORG001"]


def test_org_rule_flags_only_the_artifacts_that_break_it(write, tmp_path: Path, check_json):
    write("slas/good.yaml", SLA.format(n=1, target=99.9))
    write("slas/bad.yaml", SLA.format(n=2, target=99.0))
    write("org/rules.yaml", PACK)
    write(".sms-lint.yaml", "policies: [org/rules.yaml]\nexclude: [org]\n")
    code, report = check_json(tmp_path)
    [finding] = org_findings(report)
    assert code == 1
    assert (finding["path"], finding["line"], finding["clause"], finding["severity"]) == (
        "slas/bad.yaml",
        8,
        "8.3.3",
        "major",
    )
    assert finding["message"].startswith("the SLA must promise at least 99.5 percent availability")
    assert finding["name"] == "sla-availability-floor"


def test_org_rule_severity_can_be_overridden_and_waived(write, tmp_path: Path, check_json):
    write("slas/bad.yaml", SLA.format(n=2, target=99.0))
    write("org/rules.yaml", PACK)
    write(
        ".sms-lint.yaml",
        """
        policies: [org/rules.yaml]
        exclude: [org]
        rules:
          sla-availability-floor: {severity: observation}
        """,
    )
    _, report = check_json(tmp_path)
    assert org_findings(report)[0]["severity"] == "observation"


@pytest.mark.parametrize(
    ("pack", "says"),
    [
        ("rules: nope\n", "'rules' list"),
        ("rules:\n  - {id: ORG1}\n", "needs a text 'name'"),
        (PACK.replace("check: require-schema", "check: magic"), "unknown check 'magic'"),
        (PACK.replace("minimum: 99.5", "minimum: high"), "not a valid JSON Schema"),
        (PACK.replace("select:", "choose:"), "unknown parameter 'choose'"),
        (PACK.replace("id: ORG001", "id: SMS001"), "defined twice"),
        ("a: &x [1]\nb: *x\n", "alias"),
    ],
)
def test_broken_org_pack_exits_2_with_one_sentence(write, tmp_path, invoke, pack, says):
    write("org/rules.yaml", pack)
    write(".sms-lint.yaml", "policies: [org/rules.yaml]\nexclude: [org]\n")
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_missing_org_pack_exits_2(write, tmp_path, invoke):
    write(".sms-lint.yaml", "policies: [org/none.yaml]\n")
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    assert "cannot read rule pack" in result.stderr


def test_root_config_cannot_read_packs_outside_the_repository(write, tmp_path, invoke):
    write("outside.yaml", PACK)
    write("repo/.sms-lint.yaml", "policies: [../outside.yaml]\n")
    result = invoke("check", str(tmp_path / "repo"), "--today", TODAY)
    assert result.exit_code == 2
    assert "outside the SMS root" in result.stderr


def test_explicit_config_may_use_packs_next_to_it(write, tmp_path, invoke):
    write("ci/pack.yaml", PACK)
    write("ci/sms-lint.yaml", "policies: [pack.yaml]\n")
    write("repo/slas/bad.yaml", SLA.format(n=2, target=99.0))
    result = invoke(
        "check",
        str(tmp_path / "repo"),
        "--config",
        str(tmp_path / "ci/sms-lint.yaml"),
        "--format",
        "json",
        "--today",
        TODAY,
    )
    assert '"ORG001"' in result.stdout


def test_org_schema_refs_must_be_our_own(write, tmp_path, invoke):
    pack = PACK.replace(
        "targets:\n", "targets:\n            $ref: 'https://example.invalid/x.json'\n", 1
    )
    write("org/rules.yaml", pack)
    write(".sms-lint.yaml", "policies: [org/rules.yaml]\nexclude: [org]\n")
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    assert "is not allowed" in result.stderr
