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
    message = (
        "last reviewed on 2024-09-30, so with a 12-month review interval the review "
        "was due on 2025-09-30: review the document, then set last_reviewed to the date of "
        "that review"
    )
    assert found(report, "SMS005", "SMS019") == [("doc.yaml", 9, "SMS005", "7.5.3", message)]
    assert [f["severity"] for f in report["findings"] if f["rule"] == "SMS005"] == ["minor"]


def test_next_review_wins_over_the_interval(write, tmp_path: Path, check_json) -> None:
    repo(write, artifact("next_review: 2026-11-21\n", last_reviewed="2026-10-01"))
    _, report = check_json(tmp_path)
    message = (
        "next_review 2026-11-21 has passed and no later review is recorded: review the "
        "document, then set last_reviewed to the date of that review and next_review to "
        "the next one"
    )
    assert found(report, "SMS005", "SMS019") == [("doc.yaml", 10, "SMS005", "7.5.3", message)]


def test_a_future_next_review_does_not_excuse_an_old_last_review(
    write, tmp_path, check_json
) -> None:
    """next_review may bring a review forward, never put it off beyond the interval: a
    document last reviewed in January 2024 is overdue, whatever date is planned (issue 16)."""
    repo(write, artifact("next_review: 2027-03-01\n", last_reviewed="2024-01-01"))
    _, report = check_json(tmp_path)
    [(path, line, rule, clause, message)] = found(report, "SMS005", "SMS019")
    assert (path, line, rule, clause) == ("doc.yaml", 9, "SMS005", "7.5.3")  # last_reviewed
    assert message.startswith("last reviewed on 2024-01-01, so with a 12-month review interval")


def test_artifact_interval_overrides_the_default(write, tmp_path: Path, check_json) -> None:
    repo(write, artifact("review_interval_months: 6\n", last_reviewed="2026-05-01"))
    _, report = check_json(tmp_path)
    message = (
        "last reviewed on 2026-05-01, so with a 6-month review interval the review "
        "was due on 2026-11-01: review the document, then set last_reviewed to the date of "
        "that review"
    )
    assert found(report, "SMS005") == [("doc.yaml", 9, "SMS005", "7.5.3", message)]


def test_config_interval_changes_the_default(write, tmp_path: Path, check_json) -> None:
    repo(write, artifact(last_reviewed="2024-12-01"))
    write(".sms-lint.yaml", "review_interval_months: 24\n")
    _, report = check_json(tmp_path)
    message = (
        "the review is due on 2026-12-01, in 9 days (last reviewed on 2024-12-01, every 24 "
        "months): schedule the review before then"
    )
    assert found(report, "SMS005", "SMS019") == [("doc.yaml", 9, "SMS019", "7.5.3", message)]


@pytest.mark.parametrize("status", ["draft", "retired"])
def test_only_approved_artifacts_are_due_for_review(write, tmp_path, check_json, status) -> None:
    repo(write, artifact(last_reviewed="2020-01-01", status=status))
    _, report = check_json(tmp_path)
    assert found(report, "SMS005", "SMS019") == []


@pytest.mark.parametrize(
    ("last_reviewed", "message"),
    [
        (
            "2025-12-01",
            "the review is due on 2026-12-01, in 9 days (last reviewed on 2025-12-01, every 12 "
            "months): schedule the review before then",
        ),
        (
            "2025-12-21",
            "the review is due on 2026-12-21, in 29 days (last reviewed on 2025-12-21, every 12 "
            "months): schedule the review before then",
        ),
        (
            "2025-11-23",
            "the review is due on 2026-11-23, in 1 day (last reviewed on 2025-11-23, every 12 "
            "months): schedule the review before then",
        ),
        (
            "2025-11-22",
            "the review is due on 2026-11-22, today (last reviewed on 2025-11-22, every 12 "
            "months): schedule the review before then",
        ),
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
    message = (
        "the review is due on 2027-01-10, in 49 days (last reviewed on 2026-01-10, every 12 "
        "months): schedule the review before then"
    )
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
    message = (
        "last reviewed on 2026-10-27, so with a 12-month review interval the review "
        "was due on 2027-10-27: review the document, then set last_reviewed to the date of "
        "that review"
    )
    overdue = found(report, "SMS005")
    systemic = f" ({len(overdue)} of {len(overdue)} documents under review are overdue)"
    assert ("governance/context.yaml", 9, "SMS005", "7.5.3", message + systemic) in overdue
    assert len(overdue) > 20
    # Every document overdue: the review cycle is not operating, a major finding each.
    assert {f["severity"] for f in report["findings"] if f["rule"] == "SMS005"} == {"major"}
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

# What each date records, as the message names it.
EVENTS = {
    ("procedure", "approved_on"): "an approval",
    ("procedure", "last_reviewed"): "a review",
    ("audit", "date"): "the audit",
    ("management-review", "date"): "the management review",
    ("nonconformity", "raised_on"): "raising the nonconformity",
    ("nonconformity", "closed_on"): "closing the nonconformity",
    ("supplier", "last_performance_review"): "the supplier's performance review",
}


# Dates that plan an event when the record is a draft.
PLANS = {("audit", "date"), ("management-review", "date")}


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
    if (kind, field) in PLANS:
        # A draft audit or review dated ahead is a plan (tests/test_audit_programme.py).
        assert found(report, "SMS006") == []
        return
    line = document.count("\n")
    message = (
        f"{field} {FUTURE} is after today ({TODAY}): {EVENTS[kind, field]} cannot have "
        f"happened yet; write the date it took place, or leave {field} out until then"
    )
    assert found(report, "SMS006") == [("doc.yaml", line, "SMS006", "7.5.2", message)]
    # A draft is not in use yet: the untrue date is a risk, an observation.
    assert [f["severity"] for f in report["findings"] if f["rule"] == "SMS006"] == ["observation"]


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
