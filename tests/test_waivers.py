"""Waivers: approved, time-limited exceptions that stay visible in every report."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, quiet_config

# Only the rules these tests are about stay enabled, so a bare test repo is otherwise clean.
QUIET = quiet_config("SMS001", "SMS020", "SMS021")

BAD = """
id: PROC-1
kind: procedure
title: Document control
owner: sms-manager
status: draft
priority: high
"""


def config(**waiver: str) -> str:
    lines = ["waivers:", "  - rule: " + waiver.pop("rule", "SMS001")]
    lines += [f"    {key}: {value}" for key, value in waiver.items()]
    return QUIET + "\n".join(lines) + "\n"


def by_rule(report: dict, rule: str) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] == rule]


def test_live_waiver_suppresses_but_keeps_the_finding_visible(write, tmp_path, check_json):
    write("bad.yaml", BAD)
    write(
        ".sms-lint.yaml",
        config(
            artifact="PROC-1",
            reason="Legacy field, removed in Q1",
            approved_by="sms-manager",
            expires="2027-03-31",
        ),
    )
    code, report = check_json(tmp_path)
    assert code == 0
    [finding] = by_rule(report, "SMS001")
    assert finding["waived"] is True
    assert finding["waiver_reason"] == (
        "Legacy field, removed in Q1 (approved by sms-manager, expires 2027-03-31)"
    )
    assert report["summary"]["waived"] == 1 and report["summary"]["minor"] == 0
    assert report["summary"]["conformant"] is True


def test_waiver_by_rule_name_and_path_glob(write, tmp_path, check_json):
    write("legacy/bad.yaml", BAD)
    write(
        ".sms-lint.yaml",
        config(
            rule="schema",
            path="'legacy/**'",
            reason="Migration",
            approved_by="sms-manager",
            expires="2027-03-31",
        ),
    )
    code, report = check_json(tmp_path)
    assert code == 0
    assert by_rule(report, "SMS001")[0]["waived"] is True


def test_waiver_expires_at_the_end_of_its_day(write, tmp_path, check_json):
    write("bad.yaml", BAD)
    write(
        ".sms-lint.yaml",
        config(artifact="PROC-1", reason="r", approved_by="sms-manager", expires=TODAY),
    )
    code, _ = check_json(tmp_path)
    assert code == 0


def test_expired_waiver_stops_waiving_and_is_reported(write, tmp_path, check_json):
    write("bad.yaml", BAD)
    write(
        ".sms-lint.yaml",
        config(artifact="PROC-1", reason="r", approved_by="sms-manager", expires="2026-11-21"),
    )
    code, report = check_json(tmp_path)
    assert code == 1
    assert "waived" not in by_rule(report, "SMS001")[0]
    [expired] = by_rule(report, "SMS020")
    line = QUIET.count("\n") + 2
    assert (expired["path"], expired["line"], expired["severity"]) == (
        ".sms-lint.yaml",
        line,
        "minor",
    )
    assert "expired on 2026-11-21" in expired["message"]


def test_unused_waiver_is_an_observation(write, tmp_path, check_json):
    write("ok.yaml", BAD.replace("priority: high\n", ""))
    write(
        ".sms-lint.yaml",
        config(artifact="PROC-9", reason="r", approved_by="sms-manager", expires="2027-01-01"),
    )
    code, report = check_json(tmp_path)
    [unused] = by_rule(report, "SMS021")
    assert unused["severity"] == "observation"
    assert "matches no finding" in unused["message"]
    assert code == 0  # observations do not fail the default --fail-on minor


def test_repository_wide_findings_are_waived_by_path_repository(write, tmp_path: Path, check_json):
    write("ok.yaml", BAD.replace("priority: high\n", ""))
    waiver = "waivers:\n  - {rule: SMS013, path: '(repository)', reason: Stage 1 pending,"
    write(".sms-lint.yaml", waiver + " approved_by: sms-manager, expires: 2027-01-01}\n")
    _, report = check_json(tmp_path)
    [audit] = by_rule(report, "SMS013")
    assert audit["path"] is None and audit["waived"] is True


def test_rule_can_be_disabled_or_regraded(write, tmp_path, check_json):
    write("bad.yaml", BAD)
    write(".sms-lint.yaml", QUIET + "  SMS001: {enabled: false}\n")
    code, report = check_json(tmp_path)
    assert by_rule(report, "SMS001") == [] and code == 0
    write(".sms-lint.yaml", QUIET + "  schema: {severity: major}\n")
    _, report = check_json(tmp_path)
    assert by_rule(report, "SMS001")[0]["severity"] == "major"
