"""Issue 14, point 7: records (audit reports, management-review minutes, closed
nonconformities) are retained, not re-reviewed; documents keep their review cycle."""

from __future__ import annotations

import json

from conftest import EXAMPLE

RECORD_FOLDERS = ("audits/", "reviews/")


def test_no_review_finding_on_records_a_year_on(invoke) -> None:
    result = invoke("check", str(EXAMPLE), "--today", "2027-09-01", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    review = [f for f in findings if f["rule"] in ("SMS005", "SMS019")]
    assert review, "documents still fall due"
    on_records = [
        f
        for f in review
        if f["path"].startswith(RECORD_FOLDERS) or f["path"].startswith("nonconformities/")
    ]
    assert on_records == []


def test_records_have_no_next_review_in_the_register(invoke) -> None:
    result = invoke("register", str(EXAMPLE), "--format", "json")
    rows = json.loads(result.stdout)
    by_kind: dict[str, set] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], set()).add(row["next_review"])
    assert by_kind["audit"] == {None}
    assert by_kind["management-review"] == {None}
    assert None not in by_kind["policy"]


def test_retired_documents_have_no_next_review_in_the_register(write, tmp_path, invoke) -> None:
    write(
        "sup.yaml",
        "id: SUP-OLD\nkind: supplier\ntitle: Old host\nowner: sms-manager\nstatus: retired\n"
        'version: "2.0"\nlast_reviewed: 2025-01-10\nnext_review: 2026-01-10\n',
    )
    result = invoke("register", str(tmp_path), "--format", "json")
    [row] = json.loads(result.stdout)
    assert (row["status"], row["last_reviewed"], row["next_review"]) == (
        "retired",
        "2025-01-10",
        None,
    )


def test_closed_nonconformity_is_a_record_open_one_is_not(write, tmp_path, invoke) -> None:
    from sms_lint.facts import is_record
    from sms_lint.model import Artifact
    from sms_lint.parse.documents import parse_document

    def artifact(status: str) -> Artifact:
        doc = parse_document("nc.yaml", f"kind: nonconformity\nnc_status: {status}\n".encode())
        return Artifact(doc, "nonconformity")

    assert is_record(artifact("closed"))
    assert not is_record(artifact("open"))


def test_review_calendar_leaves_records_out(invoke, tmp_path) -> None:
    page = tmp_path / "page.html"
    result = invoke(
        "coverage", str(EXAMPLE), "--today", "2027-05-01", "--format", "html", "-o", str(page)
    )
    assert result.exit_code in (0, 1), result.output
    text = page.read_text(encoding="utf-8")
    start = text.index('<h2 id="reviews">')
    calendar = text[start : text.index("<h2", start + 1)]
    assert "POL-" in calendar  # documents are listed
    assert "AUD-" not in calendar and "MR-" not in calendar
