"""The readiness page of a large SMS: long lists of documents are cut, with a count and the
command that lists them all; findings all stay on the page (issue 19, point 5).

Two ways in: an SMS just above the page's threshold (the example plus 70 procedures), checked
through the CLI with the default limits; and the example judged late (reviews overdue, many
findings) with limits lowered by hand, so every cut shows without a big repository.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

from conftest import EXAMPLE, TODAY
from test_html_report import assert_self_contained, by_id, parse, section, text_of, with_class

from sms_lint.config.file import load_config
from sms_lint.coverage import compute_coverage
from sms_lint.html import build_page, render_page
from sms_lint.html.caps import LIMITS, Limits, cut_message, more_words, shown
from sms_lint.pipeline.engine import build_setup, run_check

EXTRA = 70  # procedures added to the example: above LIMITS.show_all_up_to
PROCEDURE = """id: PROC-BULK-{n:03d}
kind: procedure
title: Bulk work instruction {n}
owner: service-level-manager
status: approved
version: "1.0"
approved_by: sms-manager
approved_on: 2026-09-01
last_reviewed: 2026-10-{day:02d}
clauses: ["8.1"]
"""
HUGE = Limits(10**9, 10**9, 10**9, 10**9)
TINY = Limits(show_all_up_to=2, shown_when_cut=1, message_chars=60, findings_up_to=2)


def large_sms(root: Path, extra: int = EXTRA) -> Path:
    """The example and ``extra`` approved procedures for 8.1, all due for review in October
    2027."""
    shutil.copytree(EXAMPLE, root)
    for n in range(extra):
        path = root / "procedures" / "bulk" / f"bulk-{n:03d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PROCEDURE.format(n=n, day=n % 28 + 1), encoding="utf-8")
    return root


def page_html(root: Path, today: str, limits: Limits = LIMITS) -> str:
    """The page of ``root`` built in-process, with the given limits."""
    config = load_config(root)
    result = run_check(root, build_setup(config), datetime.date.fromisoformat(today), "never")
    statuses = compute_coverage(
        result.artifacts, result.framework, result.findings, result.today, config.intervals
    )
    return render_page(build_page(result, statuses, config, {}, None, limits))


def test_shown_keeps_short_lists_whole_and_cuts_long_ones() -> None:
    assert shown(list(range(LIMITS.show_all_up_to))).items == tuple(range(LIMITS.show_all_up_to))
    cut = shown(list(range(10_000)))
    assert cut.items == tuple(range(LIMITS.shown_when_cut)) and cut.total == 10_000
    assert cut.left_out == 10_000 - LIMITS.shown_when_cut
    assert more_words(9812, "sms-lint register") == "and 9,812 more: see `sms-lint register`"


def test_a_long_message_is_cut_at_a_space_and_says_how_much() -> None:
    message = "lists the live services " + ", ".join(f"'SVC-{n:05d}'" for n in range(5000))
    head, left_out = cut_message(message)
    assert len(head) <= LIMITS.message_chars and head + message[len(head) :] == message
    assert left_out == len(message) - len(head) and message[len(head)] == " "
    assert cut_message("short") == ("short", 0)


def test_the_example_page_is_the_same_with_no_limit() -> None:
    """A small SMS's page is cut nowhere: the default limits change no byte of it."""
    for today in (TODAY, "2028-06-01"):  # also with every review overdue and many findings
        page = page_html(EXAMPLE, today)
        assert page == page_html(EXAMPLE, today, HUGE)
        assert 'class="more"' not in page


def test_above_the_threshold_evidence_and_calendar_are_cut_with_pointers(
    invoke, tmp_path: Path
) -> None:
    root = large_sms(tmp_path / "sms")
    target = tmp_path / "report.html"
    result = invoke("coverage", str(root), "--format", "html", "-o", str(target), "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    html = target.read_text(encoding="utf-8")
    assert_self_contained(html)
    tree = parse(html)
    [evidence] = [t for t in tree.iter("table") if "Evidence for 8.1 (" in text_of(t)]
    total = int(re.search(r"Evidence for 8\.1 \((\d+)\)", text_of(evidence)).group(1))
    assert total > EXTRA and len(list(evidence.iter("tr"))) == 1 + LIMITS.shown_when_cut
    detail = text_of(section(tree, "clause-8.1"))
    left_out = f"{total - LIMITS.shown_when_cut:,}"
    assert f"and {left_out} more evidence documents: see sms-lint coverage --format json" in (
        detail
    )
    assert f"{total} evidence documents" in detail

    [calendar] = with_class(tree, "table", "months")
    october = next(b for b in calendar.iter("tbody") if "October 2027" in text_of(b))
    count = int(re.search(r"\((\d+) reviews\)", text_of(october)).group(1))
    assert count >= EXTRA
    rows = list(october.iter("tr"))
    assert len(rows) == 1 + LIMITS.shown_when_cut + 1  # the month, the nearest, the rest
    shown_days = [text_of(r.find("td")) for r in rows[1:-1]]
    assert shown_days == sorted(shown_days) and shown_days[0] == "2027-10-01"
    words = f"and {count - LIMITS.shown_when_cut:,} more due in October 2027: see sms-lint register"
    assert text_of(rows[-1]) == words
    [bars] = with_class(tree, "svg", "bars")
    assert f"October 2027: {count}" in bars.get("aria-label", "")
    due = sum(int(n) for n in re.findall(r"\((\d+) reviews?\)", text_of(calendar)))
    assert f"Due in the next 12 months ({due})" in text_of(section(tree, "reviews"))
    assert f"{due} reviews due in 12 months" in text_of(section(tree, "summary"))


def test_low_limits_cut_records_reviews_messages_and_clause_findings(tmp_path: Path) -> None:
    """The example judged late, with limits of two: every kind of cut, each with its count."""
    html = page_html(EXAMPLE, "2028-06-01", TINY)
    ElementTree.fromstring(html)  # still well-formed
    assert_self_contained(html)
    tree = parse(html)
    text = text_of(tree)
    assert re.search(r"Records: [^,]+, and [\d,]+ more: see sms-lint coverage --format json", text)
    overdue = int(re.search(r"Overdue now \((\d+)\)", text).group(1))
    assert f"and {overdue - 1:,} more overdue: see sms-lint register" in text
    assert "more characters: sms-lint check prints the whole message" in text
    details = text_of(section(tree, "details"))
    assert "more findings of this clause or a finer one: see the Findings section" in details


def test_low_limits_keep_every_finding_in_the_findings_section(tmp_path: Path) -> None:
    late = page_html(EXAMPLE, "2028-06-01", TINY)
    whole = page_html(EXAMPLE, "2028-06-01", HUGE)
    cut, full = section(parse(late), "findings"), section(parse(whole), "findings")
    places = sorted(text_of(s) for s in with_class(cut, "span", "path"))
    assert places == sorted(text_of(s) for s in with_class(full, "span", "path")) and places
    assert "listed rule by rule" in text_of(cut) and "listed rule by rule" not in text_of(full)
    heads = with_class(cut, "tr", "rule-head")
    assert heads and all(re.search(r"^SMS\d+ \S+ \([\d,]+\)", text_of(h)) for h in heads)
    assert text_of(by_id(parse(late), "findings-major")) == text_of(
        by_id(parse(whole), "findings-major")
    )  # the counts by severity are the same


def test_many_audits_list_those_nearest_today_and_count_the_rest() -> None:
    from sms_lint.html.agenda import audit_section
    from sms_lint.html.schedule import AuditRef, AuditRow, Programme, _nearest

    today = datetime.date(2026, 11, 22)
    audits = tuple(
        AuditRef(f"AUD-{n:03d}", today + datetime.timedelta(days=7 * n - 500), "Audit", ("8",))
        for n in range(100)
    )
    listed = _nearest(audits, today, LIMITS)
    assert listed.total == 100 and len(listed.items) == LIMITS.shown_when_cut
    assert list(listed.items) == sorted(listed.items, key=lambda a: a.day)  # in date order
    gaps = sorted(abs((a.day - today).days) for a in audits)
    assert max(abs((a.day - today).days) for a in listed.items) == gaps[len(listed.items) - 1]
    rows = (AuditRow("8.1", "Operational planning and control", audits),)
    programme = Programme(36, today, today, audits, rows, listed)
    tree = ElementTree.fromstring(f"<div>{audit_section(programme, {'8': 'Operation'})}</div>")
    text = text_of(tree)
    assert f"and {100 - LIMITS.shown_when_cut} more audits in the cycle: see sms-lint register" in (
        text
    )
    [table] = with_class(tree, "table", "audits")
    assert len(list(table.iter("tr"))) == 1 + LIMITS.shown_when_cut
    [coverage] = with_class(tree, "table", "coverage")
    assert f"and {100 - LIMITS.shown_when_cut} more: see sms-lint register" in text_of(coverage)


def test_twice_the_documents_make_a_page_of_the_same_size(tmp_path: Path) -> None:
    """Above the threshold more documents change counts on the page, not its length."""
    one = page_html(large_sms(tmp_path / "one"), TODAY).replace(str(tmp_path / "one"), "ROOT")
    two = page_html(large_sms(tmp_path / "two", 2 * EXTRA), TODAY)
    two = two.replace(str(tmp_path / "two"), "ROOT")
    assert abs(len(two) - len(one)) < 100 and 'class="more"' in two
    numbers = re.compile(r"\d[\d,]*")
    assert numbers.sub("N", one) == numbers.sub("N", two)  # the same page but for its counts
