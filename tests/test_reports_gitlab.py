"""``--format gitlab``: a GitLab Code Quality report, read as GitLab documents it (a JSON array
of issues with description, check_name, fingerprint, severity, location.path and
location.lines.begin), one issue per unwaived finding, on files that exist."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import jsonschema
from conftest import EXAMPLE, TODAY
from report_repos import HOSTILE, failing_repo, hostile_result, result_for

from sms_lint.finding import Finding, Severity
from sms_lint.reporters.gitlab import GitlabReporter

SEVERITIES = {"major": "major", "minor": "minor", "observation": "info"}
# GitLab's documented Code Quality issue: these fields, severity on its five-grade scale, a
# path relative to the repository (no "./"), a 1-based line.
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^(?!\\./)(?!/).+"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def parse(text: str) -> list[dict]:
    assert text.isascii() and "##vso[" not in text
    report = json.loads(text)
    jsonschema.validate(report, CODE_QUALITY)
    fingerprints = [issue["fingerprint"] for issue in report]
    assert len(set(fingerprints)) == len(fingerprints)  # GitLab shows one issue per fingerprint
    return report


def gitlab(invoke: Callable, root: Path, *extra: str) -> tuple[int, list[dict]]:
    run = invoke("check", str(root), "--format", "gitlab", "--today", TODAY, *extra)
    assert run.exit_code in (0, 1), run.output
    return run.exit_code, parse(run.stdout)


def json_findings(invoke: Callable, root: Path) -> list[dict]:
    run = invoke("check", str(root), "--format", "json", "--today", TODAY)
    return json.loads(run.stdout)["findings"]


def test_example_repo_gives_an_empty_report(invoke):
    assert gitlab(invoke, EXAMPLE) == (0, [])


def test_one_issue_per_unwaived_finding_on_an_existing_file(invoke, tmp_path):
    root = failing_repo(tmp_path)
    code, report = gitlab(invoke, root)
    expected = [f for f in json_findings(invoke, root) if not f.get("waived")]
    assert code == 1 and len(report) == len(expected) > 5
    for issue, finding in zip(report, expected, strict=True):
        assert issue["check_name"] == finding["rule"]
        assert issue["severity"] == SEVERITIES[finding["severity"]]
        assert issue["description"].startswith(finding["message"])
        assert (
            f"[{finding['rule']} {finding['name']}, clause {finding['clause']}]"
            in (issue["description"])
        )
        assert (root / issue["location"]["path"]).is_file()
        if finding["path"] is None:  # repository-wide: on the config
            assert issue["location"] == {"path": ".sms-lint.yaml", "lines": {"begin": 1}}
        else:
            assert issue["location"]["path"] == finding["path"]
            assert issue["location"]["lines"]["begin"] == finding["line"]
    assert "SMS107" not in {issue["check_name"] for issue in report}  # waived: left out


def test_fingerprints_do_not_move_with_unrelated_lines(invoke, tmp_path):
    root = failing_repo(tmp_path)
    _, before = gitlab(invoke, root)
    supplier = root / "suppliers" / "sup-carrier.yaml"
    supplier.write_text("# a comment above everything\n" + supplier.read_text())
    _, after = gitlab(invoke, root)
    moved = [i for i in after if i["location"]["path"] == "suppliers/sup-carrier.yaml"]
    assert moved and all(i["location"]["lines"]["begin"] > 1 for i in moved)
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"] for i in before] != [i["location"] for i in after]


def test_identical_findings_keep_distinct_fingerprints():
    base = result_for(EXAMPLE)
    twin = Finding("a.yaml", 3, 1, "SMS001", "7.5", Severity.MINOR, "same")
    moved = replace(twin, line=9)
    report = parse(GitlabReporter().render(replace(base, findings=(twin, moved))))
    assert report[0]["fingerprint"] != report[1]["fingerprint"]


def test_repository_wide_findings_without_a_config_name_an_existing_file(invoke, tmp_path):
    root = failing_repo(tmp_path)
    (root / ".sms-lint.yaml").unlink()
    _, report = gitlab(invoke, root)
    wide = [i for i in report if i["check_name"] == "SMS013"]
    assert wide and all((root / i["location"]["path"]).is_file() for i in wide)
    assert all(i["location"]["path"] != ".sms-lint.yaml" for i in wide)


def test_without_config_or_evidence_the_first_checked_file_then_the_config_name():
    base = result_for(EXAMPLE)
    wide = Finding(None, None, None, "SMS013", "9.2", Severity.MAJOR, "no audit")
    bare = replace(base, findings=(wide,), config_path=None, artifacts=())
    (issue,) = parse(GitlabReporter().render(replace(bare, paths=("a.yaml", "b.yaml"))))
    assert issue["location"] == {"path": "a.yaml", "lines": {"begin": 1}}
    (issue,) = parse(GitlabReporter().render(replace(bare, paths=())))
    assert issue["location"]["path"] == ".sms-lint.yaml"


def test_paths_are_from_the_top_of_the_git_repository(invoke, tmp_path):
    top = tmp_path / "top"
    top.mkdir()
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    shutil.copytree(failing_repo(tmp_path), top / "sms")
    _, report = gitlab(invoke, top / "sms")
    assert report and all(i["location"]["path"].startswith("sms/") for i in report)
    assert all((top / i["location"]["path"]).is_file() for i in report)


def test_also_written_with_report(invoke, tmp_path):
    root = failing_repo(tmp_path)
    out = tmp_path / "reports" / "gl-code-quality.json"
    run = invoke("check", str(root), "--today", TODAY, "--report", f"gitlab:{out}")
    assert run.exit_code == 1
    _, on_stdout = gitlab(invoke, root)
    assert parse(out.read_text(encoding="utf-8")) == on_stdout


def test_hostile_text_stays_data():
    report = parse(GitlabReporter().render(hostile_result(EXAMPLE)))
    assert len(report) == 3  # the waived finding is left out
    for issue in report:
        assert "\n" not in issue["description"] and "\r" not in issue["description"]
        assert issue["description"].startswith("bad \ufffd \ufffd \ufffd[31mred\ufffd[0m")
        assert not any(ch in json.dumps(issue) for ch in "\x00\x07\x1b\x9b")
    assert report[0]["location"]["path"].startswith("bad \ufffd")
    assert "%25, a:b" in HOSTILE and "%25, a:b" in report[0]["description"]


def test_azure_commands_in_data_are_broken():
    base = result_for(EXAMPLE)
    evil = Finding("x.yaml", 1, 1, "SMS001", "7.5", Severity.MINOR, "##vso[task.complete]x")
    text = GitlabReporter().render(replace(base, findings=(evil,)))
    assert "##vso[" not in text
    assert parse(text)[0]["description"].startswith("##vso[task.complete]x")
