"""``--format sarif``: valid SARIF 2.1.0 with one result per finding (and the JSON report's
hostile-text guarantee, since both are JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

import jsonschema
from conftest import EXAMPLE, TODAY
from report_repos import failing_repo, hostile_result, result_for

from sms_lint.finding import Finding, Severity
from sms_lint.reporters.json_report import JsonReporter
from sms_lint.reporters.sarif import FINGERPRINT, SarifReporter

SCHEMA_FILE = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
LEVELS = {"major": "error", "minor": "warning", "observation": "note"}


@cache
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    # The draft the schema declares (draft-04). Its $refs are all local ("#/definitions/..."):
    # nothing is fetched.
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid(text: str) -> dict:
    assert text.isascii()
    log = json.loads(text)
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:3]]
    return log


def sarif(invoke: Callable, root: Path, *extra: str) -> tuple[int, dict]:
    run = invoke("check", str(root), "--format", "sarif", "--today", TODAY, *extra)
    assert run.exit_code in (0, 1), run.output
    return run.exit_code, assert_valid(run.stdout)


def json_findings(invoke: Callable, root: Path) -> list[dict]:
    run = invoke("check", str(root), "--format", "json", "--today", TODAY)
    return json.loads(run.stdout)["findings"]


def test_example_repo_describes_every_rule_and_has_no_result(invoke):
    code, log = sarif(invoke, EXAMPLE)
    assert code == 0
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "sms-lint" and driver["version"] and driver["informationUri"]
    result = result_for(EXAMPLE)
    enabled = result.rulebook.enabled()
    assert [r["id"] for r in driver["rules"]] == [rule.id for rule in enabled]
    for described, rule in zip(driver["rules"], enabled, strict=True):
        assert described["name"] == rule.name
        assert described["shortDescription"]["text"] == rule.description
        assert described["fullDescription"]["text"].startswith(rule.description)
        assert described["help"]["text"] and rule.rationale in described["help"]["markdown"]
        assert rule.clause in described["properties"]["tags"]
        level = LEVELS[result.rulebook.severities[rule.id].value]
        assert described["defaultConfiguration"]["level"] == level
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True, "exitCode": 0}]


def test_failing_repo_one_result_per_finding(invoke, tmp_path):
    root = failing_repo(tmp_path)
    code, log = sarif(invoke, root)
    # The JSON report's order (path, line), regrouped most serious first as SARIF has it.
    findings = sorted(json_findings(invoke, root), key=lambda f: list(LEVELS).index(f["severity"]))
    assert code == 1
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    assert len(run["results"]) == len(findings) > 10
    for found, finding in zip(run["results"], findings, strict=True):
        assert found["ruleId"] == finding["rule"]
        assert rules[found["ruleIndex"]]["id"] == finding["rule"]
        assert found["level"] == LEVELS[finding["severity"]]
        assert found["message"]["text"] == finding["message"]
        assert found["properties"]["clause"] == finding["clause"]
        (where,) = found["locations"]
        artifact = where["physicalLocation"]["artifactLocation"]
        region = where["physicalLocation"]["region"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        if finding["path"] is None:  # repository-wide: shown on the config file
            assert (artifact["uri"], region["startLine"]) == (".sms-lint.yaml", 1)
        else:
            assert artifact["uri"] == finding["path"]
            assert (region["startLine"], region["startColumn"]) == (
                finding["line"],
                finding["column"],
            )
        assert found["partialFingerprints"][FINGERPRINT]
        if finding.get("waived"):
            (suppression,) = found["suppressions"]
            assert suppression["kind"] == "external"
            assert suppression["justification"] == finding["waiver_reason"]
        else:
            assert "suppressions" not in found
    fingerprints = [r["partialFingerprints"][FINGERPRINT] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def fingerprints(log: dict) -> dict[tuple[str, str], str]:
    return {
        (r["ruleId"], r["message"]["text"]): r["partialFingerprints"][FINGERPRINT]
        for r in log["runs"][0]["results"]
    }


def test_fingerprints_survive_unrelated_edits(invoke, tmp_path):
    root = failing_repo(tmp_path)
    before = fingerprints(sarif(invoke, root)[1])
    for name in ("slas/sla-backup.yaml", "suppliers/sup-carrier.yaml"):  # lines move down
        path = root / name
        path.write_text("# moved\n# down\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after_log = sarif(invoke, root)[1]
    lines = {r["ruleId"]: r["locations"][0] for r in after_log["runs"][0]["results"]}
    assert lines["SMS001"]["physicalLocation"]["region"]["startLine"] == 14
    after = fingerprints(after_log)
    moved = {key: value for key, value in after.items() if "first at line" in key[1]}
    assert len(moved) == 1  # the duplicate key's message now says "first at line 13"
    assert set(after.values()) == set(before.values())


def test_repository_wide_finding_without_config_points_at_evidence(invoke, tmp_path):
    root = failing_repo(tmp_path)
    (root / ".sms-lint.yaml").unlink()
    _, log = sarif(invoke, root)
    (audit,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "SMS013"]
    uri = audit["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    # The internal audit procedure: audits are records, and records document nothing.
    assert uri == "procedures/internal-audit.md"


def test_repository_wide_finding_without_anything_points_at_a_document(write, tmp_path):
    write("scope.yaml", "id: SCOPE\nkind: scope\ntitle: Scope\n")
    gap = Finding(None, None, None, "SMS016", "8.5.1", Severity.MAJOR, "no evidence for 8.5.1")
    log = assert_valid(SarifReporter().render(replace(result_for(tmp_path), findings=(gap,))))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "scope.yaml"  # no README.md here
    assert location["region"] == {"startLine": 1, "startColumn": 1}


def test_undecodable_file_name_keeps_its_bytes_in_the_uri(tmp_path):
    odd = Finding("a b/\udc80%.yaml", 2, 1, "SMS107", "7.5", Severity.MINOR, "unknown kind")
    log = assert_valid(SarifReporter().render(replace(result_for(EXAMPLE), findings=(odd,))))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "a%20b/%80%25.yaml"


def test_hostile_text_gives_valid_ascii_sarif_and_json(tmp_path):
    result = hostile_result(EXAMPLE)
    text = SarifReporter().render(result)
    log = assert_valid(text)
    messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert messages[0].startswith("bad \ufffd \ufffd \ufffd[31mred")
    assert not any(ch in "".join(messages) for ch in "\x00\x07\x1b\x9b\ufffe\udc80")
    assert "\\ud" not in text.lower()  # no escaped lone surrogate anywhere
    # The JSON report cleans messages and waiver reasons the same way (not paths: the first
    # finding's path is left out here).
    text = JsonReporter().render(replace(result, findings=result.findings[1:]))
    assert text.isascii() and "\\ud" not in text.lower()
    report = json.loads(text)
    assert report["findings"][0]["message"] in messages[1:]


def test_hostile_yaml_through_the_cli(invoke, write, tmp_path):
    write("bad.yaml", 'id: X-1\nkind: "pol\\ufffe\\x1b[31m\\x00\\x85icy"\ntitle: t\n')
    _, log = sarif(invoke, tmp_path)
    texts = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert any("unknown kind 'pol\ufffd\ufffd[31m\ufffd\ufffdicy'" in t for t in texts)
    run = invoke("check", str(tmp_path), "--format", "json", "--today", TODAY)
    assert run.stdout.isascii()
    messages = [f["message"] for f in json.loads(run.stdout)["findings"]]
    assert any("unknown kind 'pol\ufffd\ufffd[31m\ufffd\ufffdicy'" in m for m in messages)
