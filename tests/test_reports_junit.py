"""``--format junit``: valid under both JUnit schemas, one case per (rule, examined artifact)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
import xmlschema
from conftest import EXAMPLE, TODAY
from report_repos import HOSTILE, failing_repo, hostile_result, result_for

from sms_lint.config.pack import load_framework
from sms_lint.reporters.base import clause_key
from sms_lint.reporters.junit import JunitReporter

DATA = Path(__file__).parent / "data"
SCHEMAS = ("junit-10.xsd", "JUnit.xsd")  # Jenkins xUnit plugin; Apache Ant (windyroad)
FRAMEWORK = load_framework()
RULES = {rule.id: rule for rule in FRAMEWORK.rules}


@cache
def schema(name: str) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(DATA / name))


def assert_valid(text: str) -> ET.Element:
    for name in SCHEMAS:
        errors = list(schema(name).iter_errors(text))
        assert not errors, (name, errors[:3])
    return ET.fromstring(text.encode("utf-8"))


def junit(invoke: Callable, root: Path, *extra: str) -> tuple[int, ET.Element, str]:
    run = invoke("check", str(root), "--format", "junit", "--today", TODAY, *extra)
    assert run.exit_code in (0, 1), run.output
    return run.exit_code, assert_valid(run.stdout), run.stdout


def json_findings(invoke: Callable, root: Path, *extra: str) -> list[dict]:
    run = invoke("check", str(root), "--format", "json", "--today", TODAY, *extra)
    return json.loads(run.stdout)["findings"]


def cases(tree: ET.Element) -> dict[tuple[str, str], ET.Element]:
    found = [((c.get("classname"), c.get("name")), c) for c in tree.iter("testcase")]
    repeated = [key for key, n in Counter(key for key, _ in found).items() if n > 1]
    assert not repeated, repeated[:5]
    return dict(found)


def case_key(finding: dict) -> tuple[str, str]:
    return f"{finding['rule']} {finding['name']}", finding["path"] or "(repository)"


def failed_keys(tree: ET.Element) -> set[tuple[str, str]]:
    return {key for key, case in cases(tree).items() if case.find("failure") is not None}


def suite_output(tree: ET.Element) -> str:
    return "\n".join(s.findtext("system-out") or "" for s in tree.iter("testsuite"))


def test_example_repo_every_case_passes(invoke):
    code, tree, _ = junit(invoke, EXAMPLE)
    assert code == 0
    suites = tree.findall("testsuite")
    clauses = [s.find("properties/property[@name='clause']").get("value") for s in suites]
    assert clauses == sorted(clauses, key=clause_key)
    for suite, clause in zip(suites, clauses, strict=True):
        assert suite.get("name") == f"{clause} {FRAMEWORK.title(clause)}"
        assert suite.get("tests") == str(len(suite.findall("testcase")))
        assert (suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("0",) * 3
        assert suite.get("timestamp") == f"{TODAY}T00:00:00"
        assert suite.get("hostname") == "sms-lint"
        for case in suite.iter("testcase"):
            rule_id = case.get("classname").split()[0]
            assert RULES[rule_id].clause == clause
            assert list(case) == []


def test_example_repo_cases_follow_applies_to(invoke):
    _, tree, _ = junit(invoke, EXAMPLE)
    result = result_for(EXAMPLE)
    names: dict[str, set[str]] = {}
    for classname, name in cases(tree):
        names.setdefault(classname, set()).add(name)
    assert names["SMS005 review-current"] == set(result.paths)  # applies_to: all
    assert names["SMS016 clause-coverage"] == {"(repository)"}  # applies_to: repository
    suppliers = {a.path for a in result.artifacts if a.kind == "supplier"}
    assert names["SMS011 supplier-control"] == suppliers  # applies_to: [supplier]
    # Every enabled rule has cases, except the change rules, which examine nothing without
    # --base, and the baseline upkeep rules, which examine nothing without a baseline.
    enabled = {r.id for r in result.rulebook.enabled()}
    examined = enabled - {"SMS017", "SMS025", "SMS052", "SMS053", "SMS054", "SMS037", "SMS038"}
    assert {c.split()[0] for c in names} == examined


def test_failing_repo_one_failure_per_failing_rule_and_artifact(invoke, tmp_path):
    root = failing_repo(tmp_path)
    code, tree, _ = junit(invoke, root)
    findings = json_findings(invoke, root)
    assert code == 1
    failing = [f for f in findings if not f.get("waived") and f["severity"] != "observation"]
    assert {f["rule"] for f in failing} >= {"SMS001", "SMS013", "SMS018", "SMS102"}
    assert failed_keys(tree) == {case_key(f) for f in failing}
    by_key: dict[tuple[str, str], list[dict]] = {}
    for finding in failing:
        by_key.setdefault(case_key(finding), []).append(finding)
    all_cases = cases(tree)
    for key, group in by_key.items():
        failures = all_cases[key].findall("failure")
        assert len(failures) == 1, key
        failure = failures[0]
        assert failure.get("message") and failure.text, key
        assert failure.get("type") in {f["severity"] for f in group}
        if len(group) == 1:
            assert failure.get("message") == group[0]["message"]
        else:
            assert failure.get("message").startswith(f"{len(group)} findings: ")
        rule = RULES[group[0]["rule"]]
        assert rule.rationale in failure.text and rule.remediation in failure.text
        for finding in group:
            assert finding["message"] in failure.text
            assert f"Clause: {finding['clause']} {FRAMEWORK.title(finding['clause'])}" in (
                failure.text
            )
            if finding["path"] is not None:
                where = f"{finding['path']}:{finding['line']}:{finding['column']}"
                assert where in failure.text
    several = all_cases[("SMS018 references-resolve", "procedures/internal-audit.md")]
    assert several.find("failure").get("message").startswith("3 findings: ")


def test_waived_finding_is_skipped_with_reason_and_expiry(invoke, tmp_path):
    _, tree, _ = junit(invoke, failing_repo(tmp_path))
    case = cases(tree)[("SMS107 not-an-artifact", "misc/notes.yaml")]
    assert case.find("failure") is None
    skipped = case.find("skipped")
    assert "notes file kept for the migration" in skipped.get("message")
    assert "expires 2027-01-31" in skipped.get("message")
    assert "unknown kind 'polcy'" in skipped.text


def test_finding_below_fail_on_passes_with_detail_in_system_out(invoke, tmp_path):
    _, tree, _ = junit(invoke, failing_repo(tmp_path))
    case = cases(tree)[("SMS021 waiver-unused", ".sms-lint.yaml")]  # an observation
    assert list(case) == []
    assert "waiver for SMS011 on SUP-NOPE matches no finding" in suite_output(tree)


def test_fail_on_major_turns_minor_failures_into_passes(invoke, tmp_path):
    root = failing_repo(tmp_path)
    code, tree, _ = junit(invoke, root, "--fail-on", "major")
    findings = json_findings(invoke, root)
    assert code == 1  # SMS013 and SMS102 are major
    majors = [f for f in findings if f["severity"] == "major" and not f.get("waived")]
    assert failed_keys(tree) == {case_key(f) for f in majors}
    assert "customer must be text" in suite_output(tree)  # SMS001, minor: now a pass
    assert all(f.get("type") == "major" for f in tree.iter("failure"))


def test_fail_on_major_exits_zero_when_only_minor_remain(invoke, tmp_path):
    root = failing_repo(tmp_path, major=False)
    code, tree, _ = junit(invoke, root)
    assert code == 1 and failed_keys(tree) == {("SMS001 schema", "slas/sla-backup.yaml")}
    code, tree, _ = junit(invoke, root, "--fail-on", "major")
    assert code == 0 and failed_keys(tree) == set()
    assert all(s.get("failures") == "0" for s in tree.iter("testsuite"))


def test_report_is_byte_stable_and_ascii(invoke, tmp_path):
    root = failing_repo(tmp_path)
    first, second = junit(invoke, root)[2], junit(invoke, root)[2]
    assert first == second
    assert first.isascii()
    assert "disabled" not in first  # junit-xml 1.9's attribute that both schemas reject


def test_hostile_text_gives_well_formed_valid_junit(tmp_path):
    text = JunitReporter().render(hostile_result(EXAMPLE))
    tree = assert_valid(text)
    assert text.isascii()
    failure_texts = [f.text for f in tree.iter("failure")]
    assert any("bad \ufffd \ufffd \ufffd[31mred" in t for t in failure_texts)
    assert not any(ch in "".join(failure_texts) for ch in "\x00\x07\x1b\x9b\ufffe\udc80")
    assert HOSTILE not in text


def test_hostile_yaml_through_the_cli(invoke, write, tmp_path):
    write("bad.yaml", 'id: X-1\nkind: "pol\\ufffe\\x1b[31m\\x00\\x85icy"\ntitle: t\n')
    _, tree, _ = junit(invoke, tmp_path)
    message = cases(tree)[("SMS107 not-an-artifact", "bad.yaml")].find("failure").get("message")
    assert "unknown kind 'pol\ufffd\ufffd[31m\ufffd\ufffdicy'" in message


@pytest.mark.parametrize("main", ["text", "json"])
def test_several_reports_in_one_run(invoke, tmp_path, main):
    root = failing_repo(tmp_path)
    junit_path, sarif_path = tmp_path / "out" / "sms.xml", tmp_path / "out" / "sms.sarif"
    run = invoke(
        "check", str(root), "--today", TODAY, "--format", main,
        "--report", f"junit:{junit_path}", "--report", f"sarif:{sarif_path}",
    )  # fmt: skip
    assert run.exit_code == 1
    if main == "text":
        assert "SMS102 duplicate-key" in run.stdout and not run.stdout.startswith("<")
    else:
        assert json.loads(run.stdout)["summary"]["major"] == 2
    assert junit_path.read_text(encoding="utf-8") == junit(invoke, root)[2]
    sarif = invoke("check", str(root), "--today", TODAY, "--format", "sarif").stdout
    assert sarif_path.read_text(encoding="utf-8") == sarif
