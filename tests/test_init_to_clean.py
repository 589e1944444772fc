"""Filling the starter in as the guide says leads to a clean check (docs/guide.md, "From
`sms-lint init` to a first clean check"): placeholders replaced, documents approved, the first
internal audit and management review recorded with the records the guide shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TODAY
from starter_filling import artifacts, fill_in, front_matter, guide_records, markers

A_YEAR_LATER = "2028-01-10"


@pytest.fixture
def filled(invoke, tmp_path: Path) -> Path:
    folder = tmp_path / "sms"
    assert invoke("init", str(folder), "--today", TODAY).exit_code == 0
    fill_in(folder, TODAY)
    return folder


def _check(invoke, root: Path, today: str) -> tuple[int, dict]:
    result = invoke("check", str(root), "--format", "json", "--today", today)
    return result.exit_code, json.loads(result.stdout)


def test_the_guide_shows_the_audit_report_and_the_minutes() -> None:
    records = guide_records()
    assert sorted(records) == ["audits/aud-001.md", "reviews/mr-001.md"]
    assert "kind: audit\n" in records["audits/aud-001.md"]
    assert "kind: management-review\n" in records["reviews/mr-001.md"]


def test_filling_in_leaves_no_placeholder_and_only_the_planned_audits_drafts(
    filled: Path,
) -> None:
    assert sum(markers(filled).values()) == 0
    drafts = [
        p.relative_to(filled).as_posix()
        for p in artifacts(filled)
        if front_matter(p)["status"] == "draft"
    ]
    assert drafts == ["audits/aud-002.md", "audits/aud-003.md"]


def test_the_filled_in_starter_has_no_major_or_minor_finding(invoke, filled: Path) -> None:
    code, report = _check(invoke, filled, TODAY)
    serious = [
        (f["rule"], f["path"], f["line"], f["message"])
        for f in report["findings"]
        if f["severity"] in ("major", "minor")
    ]
    assert serious == []
    assert code == 0
    assert report["summary"]["conformant"] is True


def test_the_filled_in_starter_documents_every_clause(invoke, filled: Path) -> None:
    result = invoke("coverage", str(filled), "--format", "json", "--today", TODAY)
    clauses = json.loads(result.stdout)["clauses"]
    undocumented = [
        c["clause"] for c in clauses if not c.get("documented", c["status"] == "covered")
    ]
    assert undocumented == []


def test_the_audit_and_the_review_are_held_on_the_day_they_are_recorded(filled: Path) -> None:
    audit = front_matter(filled / "audits" / "aud-001.md")
    review = front_matter(filled / "reviews" / "mr-001.md")
    assert (audit["status"], str(audit["date"])) == ("approved", TODAY)
    assert (review["status"], str(review["date"])) == ("approved", TODAY)
    assert audit["approved_by"] not in audit["auditee_roles"]


def test_a_year_later_the_reviews_fall_due(invoke, filled: Path) -> None:
    """The dates written while filling in are real: they age like any SMS."""
    code, report = _check(invoke, filled, A_YEAR_LATER)
    assert code == 1
    rules = {f["rule"] for f in report["findings"]}
    assert {"SMS005", "SMS014"} <= rules
    # The programme has lapsed: no audit within 12 months, or the planned one still a draft.
    assert rules & {"SMS013", "SMS035"}


def test_the_page_s_own_timeline_ends_as_the_page_shows(invoke, tmp_path: Path) -> None:
    """docs/tasks/start-an-sms.md's last check, on its own dates: init on 2026-11-22, every
    document approved on 2027-02-03, AUD-001 and MR-001 as the page shows them, the check on
    2027-03-12. Its output is the page's text block, line for line."""
    from starter_filling import (
        GUIDE,
        approve,
        guide_records,
        record_continuity_test,
        replace_placeholders,
    )

    folder = tmp_path / "sms"
    assert invoke("init", str(folder), "--today", TODAY).exit_code == 0
    for path in artifacts(folder):
        replace_placeholders(path, "2027-02-03")
        approve(path, "2027-02-03")
    record_continuity_test(folder, "2027-02-03")
    for name, text in guide_records().items():
        (folder / name).write_text(text, encoding="utf-8")
    result = invoke("check", str(folder), "--today", "2027-03-12")
    page = GUIDE.read_text(encoding="utf-8")
    shown = page.split("it prints five observations:\n\n```text\n", 1)[1].split("```", 1)[0]
    assert result.exit_code == 0
    assert result.stdout == shown
