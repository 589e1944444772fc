"""SARIF as GitHub code scanning turns it into alerts: one alert per finding (distinct rule, file
and primaryLocationLineHash), every file existing, the most serious first, and a notification
when code scanning will not show every result."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import EXAMPLE, TODAY
from report_repos import result_for
from test_reports_sarif import assert_valid

from sms_lint.finding import Finding, Severity
from sms_lint.reporters.sarif import SarifReporter
from sms_lint.reporters.sarif_alerts import ACCEPTED_LIMIT, SHOWN_LIMIT

ORDER = {"error": 0, "warning": 1, "note": 2}


def fresh_sms(invoke, tmp_path: Path, config: bool = True) -> Path:
    """A new SMS from ``init``: dozens of repository-wide SMS016 findings (no evidence yet)."""
    root = tmp_path / "sms"
    assert invoke("init", str(root), "--today", TODAY).exit_code == 0
    if not config:
        (root / ".sms-lint.yaml").unlink()
        (root / "README.md").unlink()
    return root


def sarif_of(root: Path) -> dict:
    return assert_valid(SarifReporter().render(result_for(root)))


def uri_and_hash(found: dict) -> tuple[str, str, str]:
    where = found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    return found["ruleId"], where, found["partialFingerprints"]["primaryLocationLineHash"]


@pytest.mark.parametrize("config", [True, False], ids=["with-config", "without-config"])
def test_repository_wide_findings_are_distinct_alerts_on_existing_files(invoke, tmp_path, config):
    root = fresh_sms(invoke, tmp_path, config)
    results = sarif_of(root)["runs"][0]["results"]
    wide = [r for r in results if r["ruleId"] == "SMS016"]
    assert len(wide) > 5  # several repository-wide findings of one rule
    keys = [uri_and_hash(r) for r in results]
    assert len(set(keys)) == len(keys)
    for _, uri, line_hash in keys:
        assert (root / unquote(uri)).is_file(), uri
        digest, _, count = line_hash.partition(":")
        assert len(digest) == 16 and count.isdigit()  # GitHub's own shape
    if config:
        assert {uri_and_hash(r)[1] for r in wide} == {".sms-lint.yaml"}
    assert not (root / "README.md").exists() or config


def test_line_hashes_are_stable_across_runs_and_line_moves(invoke, tmp_path):
    root = fresh_sms(invoke, tmp_path)
    before = {uri_and_hash(r) for r in sarif_of(root)["runs"][0]["results"]}
    assert before == {uri_and_hash(r) for r in sarif_of(root)["runs"][0]["results"]}
    config = root / ".sms-lint.yaml"
    config.write_text("# moved\n# down\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    for path in sorted(root.rglob("*.md"))[:5]:
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):  # a line more inside the front matter
            path.write_text("---\n# moved\n" + text[4:], encoding="utf-8")
    assert {uri_and_hash(r) for r in sarif_of(root)["runs"][0]["results"]} == before


def test_results_are_ordered_by_severity_then_place(invoke, tmp_path):
    results = sarif_of(fresh_sms(invoke, tmp_path))["runs"][0]["results"]
    assert len({r["level"] for r in results}) > 1
    levels = [ORDER[r["level"]] for r in results]
    assert levels == sorted(levels)


def many(count: int) -> tuple[Finding, ...]:
    return tuple(
        Finding(f"f{n:05}.yaml", 1, 1, "SMS001", "7.5", Severity.MINOR, f"bad {n}")
        for n in range(count)
    )


def test_over_the_shown_limit_a_notification_says_how_many_are_not_shown():
    base = result_for(EXAMPLE)
    quiet = json.loads(SarifReporter().render(replace(base, findings=many(SHOWN_LIMIT))))
    assert "toolExecutionNotifications" not in quiet["runs"][0]["invocations"][0]
    log = assert_valid(SarifReporter().render(replace(base, findings=many(SHOWN_LIMIT + 7))))
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert "7 findings will not be shown" in note["message"]["text"]
    assert "--report json:" in note["message"]["text"]
    assert len(log["runs"][0]["results"]) == SHOWN_LIMIT + 7


def test_over_the_accepted_limit_the_file_keeps_the_most_serious():
    base = result_for(EXAMPLE)
    worst = Finding("z.yaml", 1, 1, "SMS104", "7.5", Severity.MAJOR, "worst")
    findings = (*many(ACCEPTED_LIMIT), worst)
    log = json.loads(SarifReporter().render(replace(base, findings=findings)))
    run = log["runs"][0]
    assert len(run["results"]) == ACCEPTED_LIMIT
    assert run["results"][0]["message"]["text"] == "worst"
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert (
        f"{ACCEPTED_LIMIT + 1 - SHOWN_LIMIT} findings will not be shown" in note["message"]["text"]
    )


def test_waived_findings_are_accepted_suppressions_with_the_reason(tmp_path):
    base = result_for(EXAMPLE)
    waived = replace(many(1)[0], waived_reason="accepted by the SMS manager")
    (found,) = json.loads(SarifReporter().render(replace(base, findings=(waived,))))["runs"][0][
        "results"
    ]
    assert found["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "accepted by the SMS manager"}
    ]


MULTITOOL = shutil.which("sarif") or shutil.which("sarif-multitool")


@pytest.mark.skipif(MULTITOOL is None, reason="Microsoft's SARIF multitool is not installed")
def test_sarif_multitool_finds_nothing_with_sarif_and_github_rules(invoke, tmp_path):
    """``npm install @microsoft/sarif-multitool`` puts it on PATH (node_modules/.bin)."""
    path, report = tmp_path / "out.sarif", tmp_path / "validation.sarif"
    path.write_text(SarifReporter().render(result_for(fresh_sms(invoke, tmp_path))))
    # The default rules are SARIF's own; "Gh" are GitHub's ingestion rules (one kind a run:
    # the npm wrapper hands its arguments to a shell, so "Gh;Sarif" would break).
    for kind in ("Sarif", "Gh"):
        report.unlink(missing_ok=True)  # it will not overwrite
        command = [str(MULTITOOL), "validate", str(path), "--output", str(report)]
        done = subprocess.run(
            [*command, "--rule-kind", kind], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
        runs = json.loads(report.read_text(encoding="utf-8"))["runs"]
        problems = [r for r in runs[0].get("results", []) if r.get("level") != "note"]
        assert problems == [], (kind, problems[:3])
