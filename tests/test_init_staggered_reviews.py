"""`sms-lint init` staggers each document's first review over the year (issue 16): after the
starter is filled in, reviews fall due a few at a time, not all on one day a year later. A
first review that passed before the document was approved is superseded by that approval's
review: the document is next due a full interval after it."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import TODAY
from starter_filling import artifacts, fill_in, front_matter

from sms_lint.facts import add_months

START = "2026-11-22"


def _next_reviews(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): str(front_matter(p)["next_review"])
        for p in artifacts(root)
        if "next_review" in front_matter(p)
    }


@pytest.fixture
def starter(invoke, tmp_path: Path) -> Path:
    folder = tmp_path / "sms"
    assert invoke("init", str(folder), "--today", START).exit_code == 0
    return folder


def test_every_document_gets_a_first_review_in_months_4_to_13(starter: Path) -> None:
    dates = _next_reviews(starter)
    documents = [p for p in artifacts(starter) if front_matter(p)["kind"] != "audit"]
    assert len(dates) == len(documents) > 40
    months = Counter(date[:7] for date in dates.values())
    start = datetime.date.fromisoformat(START)
    expected = {add_months(start, n).isoformat()[:7] for n in range(4, 14)}
    assert set(months) == expected
    # Evenly: no month carries more than its share, rounded up.
    assert max(months.values()) <= -(-len(dates) // 10)


def test_records_have_no_review_date(starter: Path) -> None:
    audits = [p for p in artifacts(starter) if front_matter(p)["kind"] == "audit"]
    assert audits and all("next_review" not in front_matter(p) for p in audits)


def test_reviews_fall_due_a_few_at_a_time(invoke, tmp_path: Path) -> None:
    folder = tmp_path / "sms"
    invoke("init", str(folder), "--today", TODAY)
    fill_in(folder, TODAY)
    overdue_by_month = []
    for months in (5, 9, 16):
        day = add_months(datetime.date.fromisoformat(TODAY), months).isoformat()
        result = invoke("check", str(folder), "--format", "json", "--today", day)
        report = json.loads(result.stdout)
        overdue_by_month.append(sum(f["rule"] == "SMS005" for f in report["findings"]))
    after_5, after_9, after_16 = overdue_by_month
    assert 0 < after_5 < after_9 < after_16
    assert after_5 <= 8  # a month or two of reviews, not the whole SMS


def test_a_first_review_passed_before_approval_is_superseded(invoke, write, tmp_path) -> None:
    """Approved on 2027-04-01, after its planned first review of 2027-02-22: the approval
    recorded a review, so the document is next due on 2028-04-01, not overdue."""
    write(
        "roles.yaml",
        "id: ROLES\nkind: roles\ntitle: Roles\nowner: sms-manager\nstatus: draft\n"
        "roles:\n  - id: sms-manager\n    title: SMS manager\n    holder: Tomas Berg\n"
        "    responsibilities: [Runs the SMS]\n",
    )
    write(
        "policy.md",
        "---\nid: POL-009\nkind: policy\ntitle: Knowledge policy\nowner: sms-manager\n"
        'status: approved\nversion: "1.0"\nnext_review: 2027-02-22\n'
        "approved_by: sms-manager\napproved_on: 2027-04-01\nlast_reviewed: 2027-04-01\n"
        "commitments: [Knowledge is kept where the team can find it]\n---\n# Knowledge\n\n"
        "We keep what we learn in the knowledge base.\n",
    )

    def rules_on(day: str) -> list[str]:
        result = invoke("check", str(tmp_path), "--format", "json", "--today", day)
        return [
            f["rule"] for f in json.loads(result.stdout)["findings"] if f["path"] == "policy.md"
        ]

    assert "SMS005" not in rules_on("2027-04-02")
    assert "SMS005" not in rules_on("2028-03-31")
    assert "SMS005" in rules_on("2028-04-02")


def test_the_superseded_date_is_not_blamed(invoke, write, tmp_path) -> None:
    """Overdue a full interval after the late review: the finding is about last_reviewed."""
    test_a_first_review_passed_before_approval_is_superseded(invoke, write, tmp_path)
    result = invoke("check", str(tmp_path), "--format", "json", "--today", "2028-04-02")
    [overdue] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "SMS005"]
    assert overdue["line"] == 11
    assert "last reviewed on 2027-04-01" in overdue["message"]


def _overdue_after_moving(invoke, write, tmp_path, next_review: str, today: str) -> dict:
    """The SMS005 finding on the superseded policy once its next_review is ``next_review``."""
    test_a_first_review_passed_before_approval_is_superseded(invoke, write, tmp_path)
    policy = tmp_path / "policy.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("2027-02-22", next_review), encoding="utf-8")
    result = invoke("check", str(tmp_path), "--format", "json", "--today", today)
    [overdue] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "SMS005"]
    return overdue


def test_next_review_cannot_put_a_review_off_beyond_the_interval(invoke, write, tmp_path) -> None:
    """Moving next_review two years out without a review changes nothing: the review is due
    a review interval after last_reviewed, and the finding points there."""
    overdue = _overdue_after_moving(invoke, write, tmp_path, "2029-04-01", "2028-04-02")
    assert overdue["line"] == 11
    assert "was due on 2028-04-01" in overdue["message"]


def test_next_review_may_bring_a_review_forward(invoke, write, tmp_path) -> None:
    overdue = _overdue_after_moving(invoke, write, tmp_path, "2027-10-01", "2027-10-02")
    assert overdue["line"] == 8
    assert overdue["message"].startswith("next_review 2027-10-01 has passed")
