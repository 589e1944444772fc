"""``sms-lint baseline`` and ``check --baseline``: recorded findings do not fail, new ones do,
entries survive edits elsewhere, stale entries and expiry are reported, bad files are exit 2."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from conftest import EXAMPLE

LATER = "2028-06-01"  # two years on, the example SMS has dozens of findings: a messy SMS
BASELINE = ".sms-lint-baseline.yaml"


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    return root


@pytest.fixture
def check(invoke: Callable[..., Result]) -> Callable[..., tuple[int, dict]]:
    def run(root: Path, *extra: str) -> tuple[int, dict]:
        result = invoke("check", str(root), "--format", "json", "--today", LATER, *extra)
        assert result.exit_code in (0, 1), result.output
        return result.exit_code, json.loads(result.stdout)

    return run


def record(invoke: Callable[..., Result], root: Path, *extra: str) -> Path:
    result = invoke("baseline", str(root), "--today", LATER, *extra)
    assert result.exit_code == 0, result.output
    return root / BASELINE


def failing(report: dict) -> list[tuple[str, str | None]]:
    return [
        (f["rule"], f["path"])
        for f in report["findings"]
        if not f.get("baselined") and not f.get("waived")
    ]


def test_baselined_run_passes_and_counts(invoke, check, messy: Path) -> None:
    code, before = check(messy)
    assert code == 1 and len(before["findings"]) > 24
    path = record(invoke, messy)
    code, after = check(messy, "--baseline", str(path))
    assert code == 0
    assert after["summary"]["baselined"] == len(before["findings"])
    assert after["summary"]["major"] == after["summary"]["minor"] == 0
    assert failing(after) == []


def test_baseline_file_is_sorted_reviewable_and_deterministic(invoke, messy: Path) -> None:
    first = record(invoke, messy).read_bytes()
    second = record(invoke, messy).read_bytes()
    assert first == second
    data = yaml.safe_load(first)
    assert data["version"] == 1 and data["recorded_on"] == LATER
    entries = data["findings"]
    keys = [(e["rule"], e.get("artifact") or e.get("path"), e.get("item", "")) for e in entries]
    assert keys == sorted(keys)
    risk = next(e for e in entries if e["rule"] == "SMS012")
    assert risk["artifact"] == "RISK-REG" or risk["item"].startswith("risks[R-")
    assert risk["item"].startswith("risks[R-")  # keyed by the risk's id, not its index


def test_stdout_and_named_output(invoke, messy: Path, tmp_path: Path) -> None:
    shown = invoke("baseline", str(messy), "--today", LATER, "-o", "-")
    assert shown.exit_code == 0 and shown.stdout.startswith("# sms-lint baseline")
    target = tmp_path / "elsewhere.yaml"
    assert invoke("baseline", str(messy), "--today", LATER, "-o", str(target)).exit_code == 0
    assert target.read_text() == shown.stdout
    assert not (messy / BASELINE).exists()


def test_one_new_defect_fails_alone(invoke, check, messy: Path) -> None:
    path = record(invoke, messy)
    context = messy / "governance/context.yaml"
    context.write_text(context.read_text().replace("owner: sms-manager", 'owner: ""', 1))
    code, report = check(messy, "--baseline", str(path))
    assert code == 1
    assert failing(report) == [("SMS001", "governance/context.yaml")]


def test_entries_survive_moved_lines_renames_and_other_edits(invoke, check, messy: Path) -> None:
    path = record(invoke, messy)
    risks = messy / "governance/risk-register.yaml"
    text = risks.read_text()
    risks.write_text("# a comment\n# another one\n" + text.replace("\n", "\n# moved\n", 5))
    objectives = messy / "governance/objectives-2026.yaml"
    objectives.rename(messy / "governance/objectives-renamed.yaml")
    scope = messy / "governance/scope.yaml"
    scope_text = scope.read_text()
    title = next(line for line in scope_text.splitlines() if line.startswith("title:"))
    scope.write_text(scope_text.replace(title, "title: Scope of the SMS, reworded", 1))
    code, report = check(messy, "--baseline", str(path))
    assert failing(report) == []
    assert code == 0


def test_list_items_keep_their_entries_when_reordered(invoke, check, messy: Path) -> None:
    path = record(invoke, messy)
    register = messy / "governance/risk-register.yaml"
    data = yaml.safe_load(register.read_text())
    data["risks"].reverse()
    register.write_text(yaml.safe_dump(data, sort_keys=False))
    _, report = check(messy, "--baseline", str(path))
    assert [r for r in failing(report) if r[0] == "SMS012"] == []


def test_fixed_finding_leaves_a_stale_entry(invoke, check, messy: Path) -> None:
    path = record(invoke, messy)
    context = messy / "governance/context.yaml"
    text = context.read_text()
    reviewed = next(line for line in text.splitlines() if line.startswith("last_reviewed:"))
    context.write_text(text.replace(reviewed, "last_reviewed: 2028-05-01", 1))
    code, report = check(messy, "--baseline", str(path))
    stale = [f for f in report["findings"] if f["rule"] == "SMS037"]
    assert code == 0 and len(stale) == 1
    assert stale[0]["path"] == BASELINE and stale[0]["severity"] == "observation"
    assert "SMS005 on CTX-001 (last_reviewed)" in stale[0]["message"]
    entry_line = stale[0]["line"]
    lines = path.read_text().splitlines()
    assert lines[entry_line - 1].startswith("- rule: SMS005")


def test_expired_baseline_stops_applying(invoke, check, messy: Path) -> None:
    path = record(invoke, messy, "--expires", "2028-12-31")
    path.write_text(path.read_text().replace("expires: '2028-12-31'", "expires: '2028-05-31'"))
    code, report = check(messy, "--baseline", str(path))
    assert code == 1
    expired = [f for f in report["findings"] if f["rule"] == "SMS038"]
    assert len(expired) == 1 and "expired on 2028-05-31" in expired[0]["message"]
    assert report["summary"]["baselined"] == 0
    code, _ = check(messy, "--baseline", str(path), "--today", "2028-05-31")
    assert code == 0  # it applies to the end of its last day


def test_config_names_the_baseline(invoke, check, messy: Path) -> None:
    record(invoke, messy)
    config = messy / ".sms-lint.yaml"
    config.write_text(config.read_text() + f"baseline: {BASELINE}\n")
    code, report = check(messy)
    assert code == 0 and report["summary"]["baselined"] > 0


def test_config_baseline_outside_the_root_is_refused(invoke, messy: Path, tmp_path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("version: 1\nfindings: []\n")
    config = messy / ".sms-lint.yaml"
    config.write_text(config.read_text() + f"baseline: {outside}\n")
    result = invoke("check", str(messy), "--today", LATER)
    assert result.exit_code == 2 and "inside the root" in result.stderr


MALFORMED = [
    ("findings: [\n", "line"),
    ("version: 1\nfindings: {}\n", "line 2: 'findings' must be a list"),
    ("version: 2\nfindings: []\n", "line 1: 'version' must be 1"),
    ("version: 1\nwho: me\nfindings: []\n", "line 2: unknown key 'who'"),
    ("version: 1\nrecorded_on: 2028-13-01\nfindings: []\n", "line 2: '2028-13-01' is not a date"),
    ("version: 1\nfindings:\n  - rule: SMS005\n  - artifact: X\n", "line 4: a finding needs"),
    ("version: 1\nfindings:\n  - rule: SMS005\n    colour: red\n", "line 3: unknown key 'colour'"),
    ("version: 1\nfindings:\n  - 42\n", "line 3: each finding must be a mapping"),
    ("version: 1\nfindings:\n  - {rule: [1]}\n", "line 3: 'rule' must be a non-empty text"),
    ("- just a list\n", "line 1: a baseline is a mapping"),
    (b"\xff\xfe\x00bad", "not a valid baseline"),
    ("\n\n", "line 1: the file is empty"),
]


@pytest.mark.parametrize(("content", "said"), MALFORMED)
def test_malformed_baseline_is_exit_2(invoke, messy: Path, content, said: str) -> None:
    path = messy / BASELINE
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = invoke("check", str(messy), "--today", LATER, "--baseline", str(path))
    assert result.exit_code == 2, result.output
    assert BASELINE in result.stderr and said in result.stderr
    assert "Traceback" not in result.output


def test_missing_baseline_is_exit_2(invoke, messy: Path) -> None:
    result = invoke("check", str(messy), "--today", LATER, "--baseline", str(messy / "no.yaml"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_new_only_needs_a_base(invoke, messy: Path) -> None:
    result = invoke("check", str(messy), "--today", LATER, "--new-only")
    assert result.exit_code == 2 and "--base" in result.stderr


def test_waived_findings_are_not_recorded(invoke, messy: Path) -> None:
    config = messy / ".sms-lint.yaml"
    config.write_text(
        config.read_text() + "waivers:\n  - {rule: SMS012, path: governance/risk-register.yaml, "
        "reason: risk workshop booked, "
        "approved_by: sms-manager, expires: 2028-12-31}\n"
    )
    data = yaml.safe_load(record(invoke, messy).read_text())
    assert not [e for e in data["findings"] if e["rule"] == "SMS012"]


def test_expiry_before_today_is_refused(invoke, messy: Path) -> None:
    result = invoke("baseline", str(messy), "--today", LATER, "--expires", "2028-05-31")
    assert result.exit_code == 2 and "--expires" in result.stderr
    assert not (messy / BASELINE).exists()


def test_never_writes_through_a_link_in_the_root(invoke, messy: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (messy / BASELINE).symlink_to(victim)
    result = invoke("baseline", str(messy), "--today", LATER)
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert victim.read_text() == "keep me"


def test_a_fifo_named_as_baseline_is_refused(invoke, messy: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    result = invoke("check", str(messy), "--today", LATER, "--baseline", str(fifo))
    assert result.exit_code == 2 and "not a regular file" in result.stderr


def test_a_baseline_inside_the_root_is_not_an_sms_document(invoke, check, messy: Path) -> None:
    record(invoke, messy, "-o", str(messy / "ci/debt.yaml"))
    config = messy / ".sms-lint.yaml"
    config.write_text(config.read_text() + "baseline: ci/debt.yaml\n")
    code, report = check(messy)
    assert code == 0 and not [f for f in report["findings"] if f["rule"] == "SMS107"]
    record(invoke, messy, "-o", str(messy / "ci/debt.yaml"))
    again = yaml.safe_load((messy / "ci/debt.yaml").read_text())
    assert not [e for e in again["findings"] if e["rule"] == "SMS107"]


def test_waiver_upkeep_is_never_baselined(invoke, check, messy: Path) -> None:
    config = messy / ".sms-lint.yaml"
    config.write_text(
        config.read_text() + "waivers:\n  - {rule: SMS012, path: governance/risk-register.yaml, "
        "reason: workshop booked, approved_by: nobody-role}\n"
    )
    data = yaml.safe_load(record(invoke, messy).read_text())
    assert not [e for e in data["findings"] if e["rule"] == "SMS036"]
    code, report = check(messy, "--baseline", str(messy / BASELINE))
    assert code == 1 and ("SMS036", ".sms-lint.yaml") in failing(report)


def test_plain_list_values_and_unnamed_findings_keep_their_own_entries(messy: Path) -> None:
    from sms_lint.baseline.keys import item_text

    data = {"related": ["PLAN-SMS", "SCOPE-001"], "targets": [{"metric": "uptime"}]}
    assert item_text([("related", 1)], data) == "related[SCOPE-001]"
    assert item_text([("targets", 0, "unit")], data) == "targets[uptime].unit"


def test_an_unnamed_finding_is_matched_by_its_message_only(invoke, check, messy: Path) -> None:
    body = messy / "procedures/resources.md"
    body.write_text(body.read_text() + "\nBudget holder: TBD\n")
    path = record(invoke, messy)
    body.write_text(body.read_text().replace("Budget holder: TBD", "Budget holder: FIXME"))
    code, report = check(messy, "--baseline", str(path))
    assert code == 1 and ("SMS027", "procedures/resources.md") in failing(report)
    assert [f for f in report["findings"] if f["rule"] == "SMS037"]


def test_recording_anew_leaves_the_configured_baseline_out(invoke, messy: Path) -> None:
    record(invoke, messy, "-o", str(messy / "ci/debt.yaml"))
    config = messy / ".sms-lint.yaml"
    config.write_text(config.read_text() + "baseline: ci/debt.yaml\n")
    data = yaml.safe_load(record(invoke, messy).read_text())  # the default file, this time
    assert not [e for e in data["findings"] if e.get("path") == "ci/debt.yaml"]
