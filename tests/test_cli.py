"""The command-line contract: options, exit codes, report shapes, config errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FILE_RULES, TODAY, quiet_config

GOOD = """
id: PROC-1
kind: procedure
title: Document control
owner: sms-manager
status: draft
"""
BAD = GOOD + "priority: high\n"


def test_missing_root_exits_2_with_one_sentence(invoke, tmp_path: Path) -> None:
    result = invoke("check", str(tmp_path / "nope"), "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "does not exist" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["--format", "xml"],
        ["--fail-on", "critical"],
        ["--today", "2026-13-01"],
        ["--report", "pdf:out.pdf"],
    ],
)
def test_bad_options_exit_2_with_one_line(invoke, tmp_path: Path, args: list[str]) -> None:
    result = invoke("check", str(tmp_path), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("sms-lint: error: ")
    assert result.stderr.strip().count("\n") == 0


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ("colour: true\n", "colour"),
        ("review_interval_months: twelve\n", "review_interval_months"),
        ("exclude: templates\n", "exclude"),
        ("rules:\n  SMS999: {severity: major}\n", "SMS999"),
        ("rules:\n  SMS001: {severity: critical}\n", "rules.SMS001.severity"),
        ("waivers:\n  - {rule: SMS001}\n", "waivers[0]"),
        ("exclude: [\n", ".sms-lint.yaml"),
    ],
)
def test_invalid_config_exits_2_naming_the_key(invoke, write, tmp_path, config, named) -> None:
    write(".sms-lint.yaml", config)
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    assert named in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_explicit_missing_config_exits_2(invoke, tmp_path: Path) -> None:
    result = invoke("check", str(tmp_path), "--config", str(tmp_path / "no.yaml"))
    assert result.exit_code == 2


def test_json_report_has_the_contract_shape(
    write, tmp_path: Path, check_json, file_rules_only
) -> None:
    write("bad.yaml", BAD)
    code, report = check_json(tmp_path)
    assert code == 1
    # "not_read" (office and PDF files named, not read) extends the contract's keys (issue 16).
    keys = ["tool", "framework", "root", "today", "summary", "findings", "not_read"]
    assert list(report) == keys
    assert report["tool"]["name"] == "sms-lint"
    assert report["framework"] == "ISO/IEC 20000-1:2018"
    assert report["today"] == TODAY
    assert list(report["summary"]) == [
        "artifacts",
        "findings",
        "major",
        "minor",
        "observation",
        "waived",
        "baselined",  # the contract's summary count for check --baseline (issue 18)
        "conformant",
    ]
    [finding] = report["findings"]
    assert list(finding) == [
        "rule",
        "name",
        "clause",
        "severity",
        "path",
        "line",
        "column",
        "artifact",
        "message",
    ]
    assert finding == {
        "rule": "SMS001",
        "name": "schema",
        "clause": "7.5.2",  # an unknown top-level field: document control
        "severity": "minor",
        "path": "bad.yaml",
        "line": 6,
        "column": 1,
        "artifact": "PROC-1",
        "message": "unknown field priority",
    }


def test_reports_are_byte_identical_across_runs(invoke, write, tmp_path: Path) -> None:
    write("bad.yaml", BAD)
    write("sub/worse.yaml", "a: [\n")
    runs = [
        invoke("check", str(tmp_path), "--format", fmt, "--today", TODAY).stdout
        for fmt in ("json", "json", "text", "text")
    ]
    assert runs[0] == runs[1] and runs[2] == runs[3]


def test_findings_sorted_by_path_line_rule(write, tmp_path: Path, check_json) -> None:
    write("b.yaml", BAD)
    write("a.yaml", "id: X\nkind: procedure\n")
    _, report = check_json(tmp_path)
    keys = [(f["path"] or "", f["line"] or 0, f["rule"]) for f in report["findings"]]
    assert keys == sorted(keys)


def test_text_report_lines_and_summary(invoke, write, tmp_path: Path, file_rules_only) -> None:
    write("bad.yaml", BAD)
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 1
    assert "bad.yaml:6:1: minor SMS001 schema: unknown field priority" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("1 artifact checked: 1 finding")
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_no_color_is_respected(monkeypatch) -> None:
    from sms_lint.commands.params import use_color as _use_color

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _use_color(Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _use_color(Tty())


def test_fail_on_levels(invoke, write, tmp_path: Path, file_rules_only) -> None:
    write("bad.yaml", BAD)  # one minor finding
    codes = {
        level: invoke("check", str(tmp_path), "--today", TODAY, "--fail-on", level).exit_code
        for level in ("major", "minor", "observation", "never")
    }
    assert codes == {"major": 0, "minor": 1, "observation": 1, "never": 0}


def test_today_from_environment(invoke, write, tmp_path: Path) -> None:
    write("ok.yaml", GOOD)
    result = invoke(
        "check", str(tmp_path), "--format", "json", env={"SMS_LINT_TODAY": "2030-01-02"}
    )
    assert json.loads(result.stdout)["today"] == "2030-01-02"


def test_output_file_is_written_and_stdout_is_empty(invoke, write, tmp_path: Path) -> None:
    write("repo/bad.yaml", BAD)
    write("repo/.sms-lint.yaml", quiet_config(*FILE_RULES))
    out = tmp_path / "reports" / "sms.json"
    result = invoke(
        "check", str(tmp_path / "repo"), "--format", "json", "-o", str(out), "--today", TODAY
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(out.read_text())["summary"]["findings"] == 1
    assert sorted(p.name for p in out.parent.iterdir()) == ["sms.json"]  # no temp file left


def test_report_option_writes_extra_reports(invoke, write, tmp_path: Path, file_rules_only) -> None:
    write("repo/ok.yaml", GOOD)
    write("repo/.sms-lint.yaml", quiet_config(*FILE_RULES))
    out = tmp_path / "r.json"
    result = invoke("check", str(tmp_path / "repo"), "--report", f"json:{out}", "--today", TODAY)
    assert result.exit_code == 0
    assert "no findings" in result.stdout
    assert json.loads(out.read_text())["summary"]["conformant"] is True


def test_exclude_and_hidden_folders(invoke, write, tmp_path: Path, check_json) -> None:
    write(".github/workflows/ci.yml", "on: push\n")
    write("templates/t.yaml", "not: an artifact\n")
    write("drafts/deep/x.yml", "also: not\n")
    write("ok.yaml", GOOD)
    write(
        ".sms-lint.yaml",
        quiet_config(*FILE_RULES, extra="exclude: [templates, 'drafts/**/*.yml']\n"),
    )
    code, report = check_json(tmp_path)
    assert (code, report["findings"]) == (0, [])


def test_check_never_writes_inside_the_root(invoke, write, tmp_path: Path) -> None:
    write("bad.yaml", BAD)
    before = sorted(p for p in tmp_path.rglob("*"))
    invoke("check", str(tmp_path), "--format", "json", "--today", TODAY)
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_python_dash_m_runs_the_cli(tmp_path: Path, file_rules_only) -> None:
    import subprocess
    import sys

    # One artifact: an empty root is a usage error (tests/test_empty_root.py).
    (tmp_path / "a.yaml").write_text("id: A-1\nkind: nope\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sms_lint", "check", str(tmp_path), "--today", TODAY],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "1 artifact checked" in done.stdout and "SMS107" in done.stdout
