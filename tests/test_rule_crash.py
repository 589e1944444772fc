"""The safety net: a rule's check that raises becomes one repository-wide SMS199 finding
naming the rule and the file it stopped on, and every other rule still reports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import EXAMPLE, found

from sms_lint import checks
from sms_lint.checks.base import Context, Hit
from sms_lint.config.pack import Rule


def _stops_on_the_scope(ctx: Context, rule: Rule) -> Iterator[Hit]:
    for artifact in ctx.artifacts:
        yield Hit("seen before the bug", artifact)
        if artifact.kind == "scope":
            raise KeyError("a bug in the rule")


def _stops_at_once(ctx: Context, rule: Rule) -> Iterator[Hit]:
    raise ValueError("a bug before any artifact")
    yield  # pragma: no cover - makes this a generator


@pytest.fixture
def crashing(monkeypatch: pytest.MonkeyPatch):
    def install(check: str, function) -> None:
        monkeypatch.setitem(checks.REGISTRY, check, function)

    return install


def test_a_crashing_rule_is_one_finding_and_the_run_goes_on(crashing, check_json) -> None:
    crashing("unique-id", _stops_on_the_scope)  # SMS002
    code, report = check_json(EXAMPLE, "--no-cache")
    assert code == 1
    [crash] = [f for f in report["findings"] if f["rule"] == "SMS199"]
    assert (crash["path"], crash["line"], crash["severity"], crash["clause"]) == (
        None,
        None,
        "major",
        "7.5",
    )
    assert crash["message"] == (
        "rule SMS002 stopped on governance/scope.yaml: internal error, please report it"
    )
    assert "Traceback" not in str(report) and "a bug in the rule" not in str(report)
    # What the rule found before it stopped is kept; the other rules ran.
    assert found(report, "SMS002")
    assert report["summary"]["artifacts"] == 76  # the example, with its planned AUD-2027-01


def test_a_rule_that_stops_before_any_artifact_names_no_file(crashing, check_json) -> None:
    crashing("clause-coverage", _stops_at_once)  # SMS016
    _, report = check_json(EXAMPLE, "--no-cache")
    assert [f[4] for f in found(report, "SMS199")] == [
        "rule SMS016 stopped: internal error, please report it"
    ]


def test_the_safety_net_is_silent_on_the_example(check_json) -> None:
    code, report = check_json(EXAMPLE, "--no-cache")
    assert code == 0 and not found(report, "SMS199")


def test_text_junit_and_sarif_carry_the_crash(crashing, invoke, tmp_path) -> None:
    crashing("unique-id", _stops_on_the_scope)
    args = ["check", str(EXAMPLE), "--no-cache", "--today", "2026-11-22"]
    for form in ("text", "junit", "sarif", "github"):
        result = invoke(*args, "--format", form)
        assert result.exit_code == 1
        assert "SMS199" in result.stdout and "Traceback" not in result.stdout
