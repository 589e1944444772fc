"""``sms-lint init`` writes an honest starter: drafts with marked placeholders, a programme of
planned audits and a review agenda, no record of an event that did not happen; ``check`` on it
fails and reports every gap an auditor would see."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import TODAY
from starter_filling import artifacts, front_matter, markers

RECORD_KINDS = {"audit", "management-review", "nonconformity"}


@pytest.fixture
def starter(invoke, tmp_path: Path) -> Path:
    folder = tmp_path / "sms"
    result = invoke("init", str(folder), "--today", TODAY)
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def report(invoke, starter: Path) -> dict:
    result = invoke("check", str(starter), "--format", "json", "--today", TODAY)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def _documents(starter: Path) -> dict[str, dict]:
    return {p.relative_to(starter).as_posix(): front_matter(p) for p in artifacts(starter)}


def test_nothing_is_approved(starter: Path) -> None:
    documents = _documents(starter)
    assert len(documents) >= 45
    assert {data["status"] for data in documents.values()} == {"draft"}
    for path, data in documents.items():
        claims = {"approved_by", "approved_on", "last_reviewed"} & set(data)
        assert not claims, f"{path} claims an approval that did not happen: {claims}"
        assert data.get("version") in (None, "0.1"), path


def test_no_record_of_an_event_that_did_not_happen(starter: Path) -> None:
    """Only planned audits: drafts dated after --today, with no findings."""
    today = datetime.date.fromisoformat(TODAY)
    kinds = Counter(data["kind"] for data in _documents(starter).values())
    assert kinds["management-review"] == 0 and kinds["nonconformity"] == 0
    audits = [d for d in _documents(starter).values() if d["kind"] == "audit"]
    assert len(audits) >= 1
    for audit in audits:
        assert audit["status"] == "draft"
        assert audit["date"] > today
        assert audit["findings"] == []
    agenda = [d for d in _documents(starter).values() if d.get("plan_type") == "management-review"]
    assert [d["status"] for d in agenda] == ["draft"]


def test_nothing_is_dated_before_today(starter: Path) -> None:
    today = datetime.date.fromisoformat(TODAY)

    def dates(value):  # every date at any depth of the front matter
        if isinstance(value, datetime.date):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from dates(item)
        elif isinstance(value, list):
            for item in value:
                yield from dates(item)

    for path, data in _documents(starter).items():
        assert all(date >= today for date in dates(data)), path


def _reports_placeholder(finding: dict) -> bool:
    """SMS027's finding, or the schema's where the placeholder stands for a date (one defect,
    one finding: 'contract_end must be a date ... (got "<Date the contract ends...")')."""
    quoted = '"<' in finding["message"] or "'<" in finding["message"]
    return finding["rule"] == "SMS027" or (finding["rule"] == "SMS001" and quoted)


def test_check_reports_every_placeholder_at_its_line(starter: Path, report: dict) -> None:
    written = markers(starter)
    assert sum(written.values()) >= 60
    reported = Counter(
        (f["path"], f["line"]) for f in report["findings"] if _reports_placeholder(f)
    )
    # one finding per line, however many placeholders it holds (each is quoted in it)
    assert reported == Counter(set(written))
    # On drafts a placeholder is what is left to write, not yet a failed requirement.
    assert {f["severity"] for f in report["findings"] if f["rule"] == "SMS027"} == {"observation"}


def test_every_placeholder_names_what_to_write(starter: Path, report: dict) -> None:
    holder = next(
        f
        for f in report["findings"]
        if f["rule"] == "SMS027" and f["path"] == "governance/roles.yaml"
    )
    assert "'<Name of your managing director>'" in holder["message"]
    assert holder["line"] == 1 + _line_of(starter / "governance/roles.yaml", "holder: <Name")


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines) if text in line)


def test_check_names_the_gaps_an_auditor_sees(report: dict) -> None:
    """Nothing approved, no internal audit held, no management review held."""
    rules = {f["rule"] for f in report["findings"]}
    assert {"SMS008", "SMS009", "SMS013", "SMS014"} <= rules
    assert report["summary"]["conformant"] is False
    assert report["summary"]["artifacts"] >= 45
    assert report["summary"]["major"] > 0
    no_audit = [f for f in report["findings"] if f["rule"] == "SMS013"]
    no_review = [f for f in report["findings"] if f["rule"] == "SMS014"]
    assert len(no_audit) == 1 and len(no_review) == 1
    assert no_audit[0]["clause"] == "9.2" and no_review[0]["clause"] == "9.3"
    assert no_audit[0]["severity"] == no_review[0]["severity"] == "major"
    scope = [f for f in report["findings"] if f["rule"] == "SMS008" and f["clause"] == "4.3"]
    assert [f["path"] for f in scope] == ["governance/scope.yaml"]
    assert "not approved" in scope[0]["message"]


def test_planned_audits_are_not_called_future_dated_records(report: dict) -> None:
    assert [f for f in report["findings"] if f["rule"] == "SMS006"] == []


def test_the_text_report_fails_and_says_what_to_do(invoke, starter: Path) -> None:
    result = invoke("check", str(starter), "--today", TODAY)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "SMS013" in result.stdout and "SMS014" in result.stdout
    assert "SMS027" in result.stdout
    assert "no findings" not in lines[-1]
    # Line 1 says what to do first: nothing is approved, so begin with the scope.
    assert "governance/scope.yaml" in lines[0]


def test_init_help_says_nothing_is_backdated_or_approved(invoke) -> None:
    result = invoke("init", "--help")
    text = " ".join(result.stdout.split())
    assert "--today" in text
    assert "nothing is dated before it and nothing is approved" in text


def test_init_says_check_will_fail_until_the_work_is_done(invoke, tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "sms"), "--today", TODAY)
    assert "every document is a draft" in result.stdout
    assert "fails until then" in result.stdout
