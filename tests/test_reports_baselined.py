"""Every report shows baselined (``check --baseline``) and pre-existing (``--new-only``)
findings as excused, never as failures, and a plain run's reports stay as they were.

The results are the in-process check of :func:`report_repos.failing_repo`, marked by hand with
``dataclasses.replace`` (the matching itself is the baseline tests' business).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from conftest import TODAY
from markdown_it import MarkdownIt
from report_repos import failing_repo, result_for
from test_reports_junit import assert_valid as assert_valid_junit
from test_reports_sarif import assert_valid as assert_valid_sarif

from sms_lint.coverage import compute_coverage
from sms_lint.finding import Finding, Severity
from sms_lint.html import build_page, render_page
from sms_lint.pipeline.engine import Result
from sms_lint.reporters.azure import AzureReporter
from sms_lint.reporters.base import counts, totals_line
from sms_lint.reporters.github import GithubReporter
from sms_lint.reporters.gitlab import GitlabReporter
from sms_lint.reporters.json_report import JsonReporter
from sms_lint.reporters.junit import JunitReporter
from sms_lint.reporters.sarif import SarifReporter
from sms_lint.reporters.text import TextReporter

DATE = "2026-11-30"
REF = "main"
BASELINED = ("SMS013", "SMS018")  # no internal audit (major, repo-wide), dangling references
PRE_EXISTING = ("SMS102",)  # the duplicate key
FIXED = Finding("slas/sla-backup.yaml", 4, 1, "SMS005", "7.5.3", Severity.MINOR, "gone now")


def plain(tmp_path: Path) -> Result:
    """A fresh copy under ``tmp_path`` each call (a test may build several results)."""
    target = tmp_path / f"copy-{sum(1 for _ in tmp_path.glob('copy-*'))}"
    target.mkdir(parents=True)
    return result_for(failing_repo(target))


def baselined(tmp_path: Path) -> Result:
    """``SMS013`` and ``SMS018`` findings recorded in a baseline of ``DATE``."""
    result = plain(tmp_path)
    findings = tuple(
        replace(f, baselined=DATE) if f.rule in BASELINED else f for f in result.findings
    )
    return replace(result, findings=findings, baseline=".sms-lint-baseline.yaml")


def new_only(tmp_path: Path) -> Result:
    """``--base main --new-only``: ``SMS102`` was there at main; one finding was fixed."""
    result = plain(tmp_path)
    findings = tuple(replace(f, new=f.rule not in PRE_EXISTING) for f in result.findings)
    return replace(result, findings=findings, new_only=REF, fixed=(FIXED,))


def open_findings(result: Result) -> list[Finding]:
    return [f for f in result.findings if not f.excused]


def test_plain_run_reports_are_unchanged_by_the_modes(tmp_path: Path, invoke) -> None:
    result = plain(tmp_path)
    report = json.loads(JsonReporter().render(result))
    assert report["summary"]["baselined"] == 0
    assert not {"baseline", "base", "fixed"} & set(report)
    assert all("baselined" not in f and "new" not in f for f in report["findings"])
    assert "baselined" not in TextReporter().render(result)
    assert "baselined" not in totals_line(result) and "pre-existing" not in totals_line(result)
    log = assert_valid_sarif(SarifReporter().render(result))
    assert all("baselineState" not in r for r in log["runs"][0]["results"])
    # Through the CLI too: the plain run's JSON has the summary count and nothing else new.
    run = invoke("check", result.root, "--format", "json", "--today", TODAY)
    assert run.exit_code == 1 and json.loads(run.stdout)["summary"]["baselined"] == 0


def test_json_marks_baselined_findings(tmp_path: Path) -> None:
    result = baselined(tmp_path)
    report = json.loads(JsonReporter().render(result))
    marked = [f for f in report["findings"] if f["rule"] in BASELINED]
    assert marked and all(f["baselined"] is True for f in marked)
    assert all(f["baselined_since"] == DATE for f in marked)
    others = [f for f in report["findings"] if f["rule"] not in BASELINED]
    assert all("baselined" not in f for f in others)
    assert report["summary"]["baselined"] == len(marked) == counts(result)["baselined"]
    assert report["summary"]["major"] == 1  # SMS104 only: the baselined SMS013 does not count
    assert report["baseline"] == ".sms-lint-baseline.yaml"
    assert "pre_existing" not in report["summary"] and "fixed" not in report


def test_json_under_new_only(tmp_path: Path) -> None:
    report = json.loads(JsonReporter().render(new_only(tmp_path)))
    assert all(f["new"] is (f["rule"] not in PRE_EXISTING) for f in report["findings"])
    pre = sum(1 for f in report["findings"] if f["rule"] in PRE_EXISTING)
    assert pre and report["summary"]["pre_existing"] == pre
    assert report["summary"]["fixed"] == 1 and report["base"] == REF
    (fixed,) = report["fixed"]
    assert fixed["rule"] == "SMS005" and fixed["message"] == "gone now" and fixed["new"] is False


def test_text_marks_findings_and_lists_the_fixed(tmp_path: Path) -> None:
    text = TextReporter().render(baselined(tmp_path))
    lines = [line for line in text.splitlines() if " SMS013 " in line or " SMS018 " in line]
    assert lines and all(line.endswith(f"(baselined since {DATE})") for line in lines)
    assert f"{len(lines)} baselined" in text.splitlines()[-1]
    text = TextReporter().render(new_only(tmp_path))
    lines = [line for line in text.splitlines() if " SMS102 " in line]
    assert lines and all(line.endswith(f"(pre-existing at {REF})") for line in lines)
    block = text.split(f"fixed since {REF}:\n", 1)[1].split("\n\n", 1)[0]
    assert block == "  slas/sla-backup.yaml: SMS005 gone now"
    last = text.splitlines()[-1]
    assert f"{len(lines)} pre-existing" in last and "1 fixed" in last and "0 baselined" not in last


def test_totals_line_counts_the_mode(tmp_path: Path) -> None:
    result = baselined(tmp_path)
    assert f", {counts(result)['baselined']} baselined;" in totals_line(result)
    line = totals_line(new_only(tmp_path))
    assert "1 pre-existing, 1 fixed;" in line and "baselined" not in line


def skipped_message(tree: ET.Element, rule: str) -> list[str]:
    return [
        case.find("skipped").get("message")
        for case in tree.iter("testcase")
        if case.get("classname", "").startswith(rule + " ") and case.find("skipped") is not None
    ]


def test_junit_skips_excused_cases_in_both_families(tmp_path: Path) -> None:
    for family in ("xunit2", "xunit1"):
        text = JunitReporter(family=family).render(baselined(tmp_path / family))
        # xunit1's file and line are outside both schemas (see test_junit_family).
        tree = assert_valid_junit(text) if family == "xunit2" else ET.fromstring(text)
        for rule in BASELINED:
            assert skipped_message(tree, rule) == [f"in the baseline since {DATE}"] * len(
                skipped_message(tree, rule)
            )
            assert skipped_message(tree, rule)
        failed = {
            c.get("classname").split()[0]
            for c in tree.iter("testcase")
            if c.find("failure") is not None
        }
        assert not failed & set(BASELINED) and "SMS104" in failed
        tree = ET.fromstring(JunitReporter(family=family).render(new_only(tmp_path / family)))
        assert skipped_message(tree, "SMS102") == [f"present at {REF} before this change"]
    assert_valid_junit(JunitReporter().render(new_only(tmp_path / "again")))


def test_sarif_baseline_state(tmp_path: Path) -> None:
    for result, known in (
        (baselined(tmp_path / "b"), BASELINED),
        (new_only(tmp_path), PRE_EXISTING),
    ):
        log = assert_valid_sarif(SarifReporter().render(result))
        states = {(r["ruleId"], r["baselineState"]) for r in log["runs"][0]["results"]}
        assert {rule for rule, state in states if state == "unchanged"} == set(known)
        assert {rule for rule, state in states if state == "new"} >= {"SMS104", "SMS001"}


def test_ci_formats_leave_excused_findings_out(tmp_path: Path) -> None:
    for result, known in ((baselined(tmp_path / "b"), "SMS013"), (new_only(tmp_path), "SMS102")):
        wanted = len(open_findings(result))
        annotations = GithubReporter().render(result).splitlines()[:-1]
        assert len(annotations) == wanted
        azure = [x for x in AzureReporter().render(result).splitlines() if "task.logissue" in x]
        assert len(azure) == wanted
        assert len(json.loads(GitlabReporter().render(result))) == wanted
        assert not any(f"{known} " in a or f"={known};" in a for a in [*annotations, *azure])


def test_azure_succeeds_when_only_excused_findings_remain(tmp_path: Path) -> None:
    result = plain(tmp_path)
    result = replace(result, findings=tuple(replace(f, baselined="") for f in result.findings))
    assert not result.failed
    assert (
        AzureReporter()
        .render(result)
        .splitlines()[-1]
        .startswith("##vso[task.complete result=Succeeded;]")
    )


def summary_cells(markdown: str) -> dict[str, str]:
    """The first table of the job summary (the counts), parsed as GitHub would: key -> count."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    start = next(i for i, t in enumerate(tokens) if t.type == "table_open")
    end = next(i for i, t in enumerate(tokens) if t.type == "table_close")
    texts = [t.content for t in tokens[start:end] if t.type == "inline"][2:]  # no header
    return dict(zip(texts[::2], texts[1::2], strict=True))


def test_job_summary_counts_both(tmp_path: Path) -> None:
    result = baselined(tmp_path / "b")
    markdown = GithubReporter().step_summary(result) or ""
    table = summary_cells(markdown)
    assert table["baselined"] == str(counts(result)["baselined"]) and table["major"] == "1"
    assert f"(in the baseline since {DATE})" in markdown
    table = summary_cells(GithubReporter().step_summary(new_only(tmp_path)) or "")
    assert table["pre-existing"] == "1" and table["fixed"] == "1"
    assert "pre-existing" not in summary_cells(GithubReporter().step_summary(plain(tmp_path / "p")))


def page(result: Result) -> ET.Element:
    from sms_lint.config.file import load_config

    config = load_config(Path(result.root))
    statuses = compute_coverage(
        result.artifacts, result.framework, result.findings, result.today, config.intervals
    )
    return ET.fromstring(render_page(build_page(result, statuses, config, {}, None)))


def test_readiness_page_shows_baselined_as_not_open(tmp_path: Path) -> None:
    tree = page(baselined(tmp_path / "b"))
    ids = [h.get("id") for h in tree.iter("h3") if (h.get("id") or "").startswith("findings-")]
    assert ids[-2:] == ["findings-waived", "findings-baselined"] and "findings-major" in ids
    text = " ".join(" ".join(tree.itertext()).split())
    assert f"Not open: in the baseline since {DATE}" in text
    assert "in the baseline" in text and "1 major" in text  # the verdict: SMS104 alone is open
    tree = page(new_only(tmp_path))
    ids = [h.get("id") for h in tree.iter("h3") if (h.get("id") or "").startswith("findings-")]
    assert ids[-1] == "findings-pre-existing"
    text = " ".join(" ".join(tree.itertext()).split())
    assert "1 present before this change" in text
    assert "Baselined" not in text  # no column for a group that is empty


def test_cli_baseline_then_check_reports_every_finding_baselined(tmp_path: Path, invoke) -> None:
    """End to end: record the baseline, then check against it (JSON, SARIF, text)."""
    root = failing_repo(tmp_path)
    recorded = tmp_path / "baseline.yaml"
    run = invoke("baseline", str(root), "-o", str(recorded), "--today", TODAY)
    assert run.exit_code == 0, run.output
    args = ("check", str(root), "--baseline", str(recorded), "--today", TODAY)
    run = invoke(*args, "--format", "json")
    assert run.exit_code == 0, run.output
    report = json.loads(run.stdout)
    # Waiver upkeep (SMS020, SMS021, SMS036) is never baselined: a waiver is a decision.
    upkeep = {"SMS020", "SMS021", "SMS036"}
    unwaived = [f for f in report["findings"] if not f.get("waived") and f["rule"] not in upkeep]
    assert unwaived and all(f["baselined"] is True for f in unwaived)
    assert not [f for f in report["findings"] if f["rule"] in upkeep and f.get("baselined")]
    assert report["summary"]["baselined"] == len(unwaived) and report["summary"]["major"] == 0
    log = assert_valid_sarif(invoke(*args, "--format", "sarif").stdout)
    # The waived finding is not in the baseline: "new", and suppressed by its waiver; so is
    # the waiver upkeep finding (new, not suppressed).
    states = {(r["baselineState"], "suppressions" in r) for r in log["runs"][0]["results"]}
    assert states == {("unchanged", False), ("new", True), ("new", False)}
    last = invoke(*args).stdout.splitlines()[-1]
    assert f"{len(unwaived)} baselined" in last and last.endswith("outside the baseline.")
