"""SMS005 review-current, SMS019 review-due-soon, SMS006 past-dates."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import EXAMPLE, TODAY, found
from sms_texts import roles_artifact

ROLES = roles_artifact()


def artifact(
    body: str = "",
    last_reviewed: str = "2026-06-01",
    status: str = "approved",
    kind: str = "procedure",
) -> str:
    """An artifact with header lines 1-5 and approval fields on lines 6-9 (last_reviewed on 9);
    ``body`` starts on line 10."""
    return (
        f"id: DOC-1\nkind: {kind}\ntitle: Document\nowner: sms-manager\nstatus: {status}\n"
        f'version: "1.0"\napproved_by: managing-director\napproved_on: 2026-01-10\n'
        f"last_reviewed: {last_reviewed}\n" + textwrap.dedent(body).lstrip("\n")
    )


def repo(write, document: str, path: str = "doc.yaml") -> None:
    write("roles.yaml", ROLES)
    write(path, document)


# SMS005 review-current and SMS019 review-due-soon


def test_recent_review_passes(write, tmp_path: Path, check_json) -> None:
    repo(write, artifact(last_reviewed="2026-06-01"))
    _, report = check_json(tmp_path)
    assert found(report, "SMS005", "SMS019") == []


def test_overdue_review_names_how_the_date_was_worked_out(write, tmp_path, check_json) -> None:
    repo(write, artifact(last_reviewed="2024-09-30"))
    _, report = check_json(tmp_path)
    message = "review overdue since 2025-09-30 (last_reviewed 2024-09-30 + 12 months)"
    assert found(report, "SMS005", "SMS019") == [("doc.yaml", 9, "SMS005", "7.5.3", message)]
    assert [f["severity"] for f in report["findings"] if f["rule"] == "SMS005"] == ["minor"]


def test_next_review_wins_over_the_interval(write, tmp_path: Path, check_json) -> None:
    repo(write, artifact("next_review: 2026-11-21\n", last_reviewed="2026-10-01"))
    _, report = check_json(tmp_path)
    message = "review overdue since 2026-11-21 (next_review 2026-11-21)"
    assert found(report, "SMS005", "SMS019") == [("doc.yaml", 10, "SMS005", "7.5.3", message)]


def test_future_next_review_excuses_an_old_last_review(write, tmp_path, check_json) -> None:
    repo(write, artifact("next_review: 2027-03-01\n", last_reviewed="2024-01-01"))
    _, report = check_json(tmp_path)
    assert found(report, "SMS005", "SMS019") == []


def test_artifact_interval_overrides_the_default(write, tmp_path: Path, check_json) -> None:
    repo(write, artifact("review_interval_months: 6\n", last_reviewed="2026-05-01"))
    _, report = check_json(tmp_path)
    message = "review overdue since 2026-11-01 (last_reviewed 2026-05-01 + 6 months)"
    assert found(report, "SMS005") == [("doc.yaml", 9, "SMS005", "7.5.3", message)]


def test_config_interval_changes_the_default(write, tmp_path: Path, check_json) -> None:
    repo(write, artifact(last_reviewed="2024-12-01"))
    write(".sms-lint.yaml", "review_interval_months: 24\n")
    _, report = check_json(tmp_path)
    message = "review due on 2026-12-01 (in 9 days)"
    assert found(report, "SMS005", "SMS019") == [("doc.yaml", 9, "SMS019", "7.5.3", message)]


@pytest.mark.parametrize("status", ["draft", "retired"])
def test_only_approved_artifacts_are_due_for_review(write, tmp_path, check_json, status) -> None:
    repo(write, artifact(last_reviewed="2020-01-01", status=status))
    _, report = check_json(tmp_path)
    assert found(report, "SMS005", "SMS019") == []


@pytest.mark.parametrize(
    ("last_reviewed", "message"),
    [
        ("2025-12-01", "review due on 2026-12-01 (in 9 days)"),
        ("2025-12-21", "review due on 2026-12-21 (in 29 days)"),
        ("2025-11-23", "review due on 2026-11-23 (in 1 day)"),
        ("2025-11-22", "review due on 2026-11-22 (today)"),
    ],
)
def test_review_due_within_30_days_is_an_observation(
    write, tmp_path: Path, check_json, last_reviewed: str, message: str
) -> None:
    repo(write, artifact(last_reviewed=last_reviewed))
    _, report = check_json(tmp_path)
    assert found(report, "SMS005", "SMS019") == [("doc.yaml", 9, "SMS019", "7.5.3", message)]
    severities = [f["severity"] for f in report["findings"] if f["rule"] == "SMS019"]
    assert severities == ["observation"]


def test_review_due_in_30_days_is_not_yet_flagged(write, tmp_path, check_json) -> None:
    repo(write, artifact(last_reviewed="2025-12-22"))
    _, report = check_json(tmp_path)
    assert found(report, "SMS005", "SMS019") == []


def test_due_soon_window_comes_from_the_rule_params(write, tmp_path, invoke) -> None:
    write("repo/org/pack.yaml", ORG_PACK)
    write("repo/roles.yaml", ROLES)
    write("repo/doc.yaml", artifact(last_reviewed="2026-01-10"))
    write("repo/.sms-lint.yaml", "policies: [org/pack.yaml]\nexclude: [org]\n")
    result = invoke("check", str(tmp_path / "repo"), "--format", "json", "--today", TODAY)
    report = json.loads(result.stdout)
    message = "review due on 2027-01-10 (in 49 days)"
    assert found(report, "SMS019", "ORG001") == [("doc.yaml", 9, "ORG001", "7.5.3", message)]


ORG_PACK = """
rules:
  - id: ORG001
    name: review-due-in-60-days
    clause: "7.5.3"
    severity: observation
    check: review-due-soon
    params: {days: 60}
    description: Reviews due within 60 days.
"""


def test_example_reviews_fall_due_when_today_moves(invoke) -> None:
    result = invoke("check", str(EXAMPLE), "--format", "json", "--today", "2028-11-22")
    report = json.loads(result.stdout)
    message = "review overdue since 2027-10-27 (last_reviewed 2026-10-27 + 12 months)"
    overdue = found(report, "SMS005")
    assert ("governance/context.yaml", 9, "SMS005", "7.5.3", message) in overdue
    assert len(overdue) > 20
    assert result.exit_code == 1


# SMS006 past-dates

FUTURE = "2027-01-01"
PAST_DATES = [
    ("procedure", "approved_on", f'version: "1"\napproved_on: {FUTURE}\n'),
    ("procedure", "last_reviewed", f"last_reviewed: {FUTURE}\n"),
    ("audit", "date", f"date: {FUTURE}\n"),
    ("management-review", "date", f"date: {FUTURE}\n"),
    ("nonconformity", "raised_on", f"raised_on: {FUTURE}\n"),
    ("nonconformity", "closed_on", f"raised_on: 2026-01-01\nclosed_on: {FUTURE}\n"),
    ("supplier", "last_performance_review", f"last_performance_review: {FUTURE}\n"),
]


def draft(kind: str, body: str) -> str:
    """A draft artifact whose ``body`` starts on line 6; the future date is its last line."""
    return f"id: X-1\nkind: {kind}\ntitle: T\nowner: sms-manager\nstatus: draft\n" + body


@pytest.mark.parametrize(("kind", "field", "body"), PAST_DATES)
def test_future_date_that_records_the_past_is_a_finding(
    write, tmp_path: Path, check_json, kind: str, field: str, body: str
) -> None:
    document = draft(kind, body)
    repo(write, document)
    _, report = check_json(tmp_path)
    line = document.count("\n")
    message = f"{field} {FUTURE} is in the future (today is {TODAY})"
    assert found(report, "SMS006") == [("doc.yaml", line, "SMS006", "7.5.2", message)]


@pytest.mark.parametrize(("kind", "field", "body"), PAST_DATES)
def test_past_and_today_dates_pass(write, tmp_path, check_json, kind, field, body) -> None:
    repo(write, draft(kind, body.replace(FUTURE, TODAY)))
    _, report = check_json(tmp_path)
    assert found(report, "SMS006") == []


def test_dates_that_plan_the_future_are_not_checked(write, tmp_path, check_json) -> None:
    body = f"next_review: {FUTURE}\ndue: {FUTURE}\ncontract_end: {FUTURE}\ndate: {FUTURE}\n"
    repo(write, draft("procedure", body))
    _, report = check_json(tmp_path)
    assert found(report, "SMS006") == []


def test_example_repository_has_no_finding_from_these_rules(check_json) -> None:
    _, report = check_json(EXAMPLE)
    assert found(report, "SMS005", "SMS006", "SMS019") == []
