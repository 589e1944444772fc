"""``sms-lint coverage --format html``: the self-contained readiness page.

The page is written as XHTML-compatible markup, so the structure checks parse it with
xml.etree and look for what the issue asks: every clause (with its anchor), every gap, every
finding, the review calendar and the audit programme, escaped hostile text, no external
resource, and byte-identical output. One test renders it in headless Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import EXAMPLE, TODAY
from test_git_support import GitRepo, policy, process

from sms_lint import __version__
from sms_lint.config.pack import load_framework

COVERAGE_CLAUSES = [c.number for c in load_framework().coverage_clauses()]
HOSTILE = "<script>alert(1)</script> & <img src=https://evil.example/x.png> \"q\" 'a' \x07"


def render(invoke, root: Path, target: Path, expected_exit: int = 0) -> str:
    result = invoke("coverage", str(root), "--format", "html", "-o", str(target), "--today", TODAY)
    assert result.exit_code == expected_exit, result.output
    return target.read_text(encoding="utf-8")


def parse(page: str) -> ElementTree.Element:
    return ElementTree.fromstring(page)


def text_of(element: ElementTree.Element) -> str:
    """The element's text, whitespace normalised; separate text nodes (table cells) apart."""
    return " ".join(" ".join(element.itertext()).split())


def by_id(tree: ElementTree.Element, anchor: str) -> ElementTree.Element:
    found = [e for e in tree.iter() if e.get("id") == anchor]
    assert len(found) == 1, anchor
    return found[0]


def section(tree: ElementTree.Element, anchor: str) -> ElementTree.Element:
    """The <section> a heading id labels."""
    [found] = [e for e in tree.iter("section") if e.get("aria-labelledby") == anchor]
    return found


def with_class(tree: ElementTree.Element, tag: str, name: str) -> list[ElementTree.Element]:
    return [e for e in tree.iter(tag) if name in (e.get("class") or "").split()]


def map_cell(tree: ElementTree.Element, clause: str) -> ElementTree.Element:
    [cell] = [a for a in with_class(tree, "a", "cell") if a.get("href") == f"#clause-{clause}"]
    return cell


def assert_self_contained(page: str) -> None:
    """No element loads anything: no script, frame or link; no attribute pointing outside the
    page; the stylesheet imports nothing and names no url()."""
    tree = parse(page)
    tags = {e.tag for e in tree.iter()}
    assert not tags & {"script", "link", "iframe", "object", "embed", "img", "base"}
    for element in tree.iter():
        for name, value in element.attrib.items():
            if name in ("src", "href", "srcset", "action", "xlink:href", "data"):
                assert value.startswith("#"), (element.tag, name, value)
            assert not re.match(r"\s*(https?:|//|javascript:)", value, re.I), (name, value)
    styles = " ".join(text_of(e) for e in tree.iter("style"))
    assert "@import" not in styles and "url(" not in styles


def check_report(invoke, root: Path) -> dict:
    result = invoke("check", str(root), "--format", "json", "--today", TODAY)
    return json.loads(result.stdout)


@pytest.fixture
def gap_repo(tmp_path: Path) -> Path:
    """The example without its demand process (8.4.2 a gap), with an overdue review, a waived
    finding, a hostile scope title and an internal audit moved out of the 36-month window."""
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    (root / "processes" / "prc-08-demand.md").unlink()
    communication = root / "procedures" / "communication.md"
    text = communication.read_text(encoding="utf-8")
    communication.write_text(
        re.sub(r"(?m)^last_reviewed: .*$", "last_reviewed: 2024-01-10", text), encoding="utf-8"
    )
    scope = root / "governance" / "scope.yaml"
    text = scope.read_text(encoding="utf-8")
    scope.write_text(
        re.sub(
            r"(?m)^x-organization: .*$", lambda _: "x-organization: " + json.dumps(HOSTILE), text
        ),
        encoding="utf-8",
    )
    audit = root / "audits" / "aud-2025-02.md"
    text = audit.read_text(encoding="utf-8")
    audit.write_text(re.sub(r"(?m)^date: .*$", "date: 2023-06-01", text), encoding="utf-8")
    with (root / ".sms-lint.yaml").open("a", encoding="utf-8") as config:
        config.write(
            "waivers:\n  - {rule: SMS018, path: governance/plans/plan-capacity.md, reason: "
            "Demand process being rewritten, approved_by: sms-manager, expires: 2027-01-31}\n"
        )
    return root


def test_example_page_shows_every_clause_and_loads_nothing(invoke, tmp_path: Path) -> None:
    # Every clause covered: 9.1 and 9.4 through results on objectives, KPIs and SLA targets.
    page = render(invoke, EXAMPLE, tmp_path / "report.html")
    tree = parse(page)
    assert tree.get("lang") == "en"
    assert page.startswith("<!DOCTYPE html>")
    assert_self_contained(page)
    for clause in COVERAGE_CLAUSES:
        detail = by_id(tree, f"clause-{clause}")
        assert detail.tag == "h3" and "Covered" in text_of(detail)
        assert text_of(map_cell(tree, clause)).endswith("Covered")
    assert not with_class(tree, "a", "s-gap") and not with_class(tree, "a", "s-findings")
    nine_one = text_of(section(tree, "clause-9.1"))
    assert (
        "Documented, operating. Records: MEAS-OBJ-02, MEAS-PRC13-NOTIFY, OBJ-2026, PRC-13."
        in nine_one
    )
    assert "Documented, operating. Records: MR-2026-01, MR-2026-02." in text_of(
        section(tree, "clause-9.3")
    )
    summary = text_of(section(tree, "summary"))
    assert "Every clause is documented and, where records are expected, shown operating" in summary
    assert "it cannot observe practice" in summary and "not a certificate" in summary
    assert "No findings" in text_of(section(tree, "findings"))
    assert "No review is overdue" in text_of(section(tree, "reviews"))
    header = text_of(next(tree.iter("header")))
    assert "Northwind Managed Services Ltd" in header  # the scope's x-organization
    assert "ISO/IEC 20000-1:2018" in header and TODAY in header and __version__ in header
    for heading in ("summary", "clause-map", "findings", "reviews", "audits", "details"):
        assert by_id(tree, heading).tag == "h2"


def test_tables_have_captions_and_header_scopes(invoke, tmp_path: Path, gap_repo: Path) -> None:
    tree = parse(render(invoke, gap_repo, tmp_path / "report.html", expected_exit=1))
    tables = list(tree.iter("table"))
    assert len(tables) > len(COVERAGE_CLAUSES)
    for table in tables:
        assert table.find("caption") is not None and text_of(table.find("caption"))
        assert all(th.get("scope") for th in table.iter("th"))
    assert len(list(tree.iter("h1"))) == 1


def test_gap_and_every_finding_appear(invoke, tmp_path: Path, gap_repo: Path) -> None:
    page = render(invoke, gap_repo, tmp_path / "report.html", expected_exit=1)
    tree = parse(page)
    assert_self_contained(page)
    cell = map_cell(tree, "8.4.2")
    assert "s-gap" in cell.get("class") and text_of(cell).endswith("Gap: not documented")
    assert "Gap: not documented" in text_of(by_id(tree, "clause-8.4.2"))
    assert "s-findings" in map_cell(tree, "7.5").get("class")
    gaps = [a.get("href") for a in with_class(tree, "a", "cell") if "s-gap" in a.get("class")]
    assert gaps == ["#clause-8.4.2"]
    findings = check_report(invoke, gap_repo)["findings"]
    assert {f["rule"] for f in findings} >= {"SMS005", "SMS009", "SMS016", "SMS018", "SMS022"}
    assert any(f.get("waived") for f in findings)
    table_text = text_of(section(tree, "findings"))
    for finding in findings:
        assert " ".join(finding["message"].split()) in table_text, finding
    waived = text_of(by_id(tree, "findings-waived"))
    assert waived.startswith("Waived")
    assert "Demand process being rewritten" in table_text
    assert "No approved document with content describes this clause" in text_of(
        section(tree, "clause-8.4.2")
    )


def test_findings_are_grouped_by_severity_then_clause(invoke, tmp_path: Path, gap_repo) -> None:
    tree = parse(render(invoke, gap_repo, tmp_path / "report.html", expected_exit=1))
    headings = [h.get("id") for h in tree.iter("h3") if (h.get("id") or "").startswith("findings-")]
    # the observation: moving AUD-2025-02 out of the cycle leaves SVC-NETWORK unsampled (SMS022)
    assert headings == [
        "findings-major",
        "findings-minor",
        "findings-observation",
        "findings-waived",
    ]
    grouped = with_class(tree, "table", "grouped")
    major_groups = [text_of(th) for th in grouped[0].iter("th") if th.get("scope") == "rowgroup"]
    assert major_groups == ["8.4.2 Demand management (2)"]
    minor_groups = [text_of(th) for th in grouped[1].iter("th") if th.get("scope") == "rowgroup"]
    assert minor_groups == ["7.5.3 Control of documented information (2)", "9.2 Internal audit (1)"]


def test_hostile_title_is_text(invoke, tmp_path: Path, gap_repo: Path) -> None:
    page = render(invoke, gap_repo, tmp_path / "report.html", expected_exit=1)
    tree = parse(page)
    assert "<script>" not in page and "<img" not in page
    assert not list(tree.iter("script")) and not list(tree.iter("img"))
    [h1] = list(tree.iter("h1"))
    assert text_of(h1) == " ".join(HOSTILE.replace("\x07", "\ufffd").split())
    assert "\x07" not in page


def test_review_calendar_shows_overdue_and_months(invoke, tmp_path: Path, gap_repo) -> None:
    tree = parse(render(invoke, gap_repo, tmp_path / "report.html", expected_exit=1))
    [overdue] = with_class(tree, "table", "overdue")
    assert "PROC-COMMUNICATION" in text_of(overdue) and "2025-01-10" in text_of(overdue)
    [calendar] = with_class(tree, "table", "months")
    groups = {
        text_of(body.find("tr/th")).split(" (")[0]: text_of(body) for body in calendar.iter("tbody")
    }
    assert list(groups)[:: len(groups) - 1] == ["November 2026", "October 2027"]
    assert len(groups) == 12 and "nothing due" in groups["November 2026"]
    assert "2027-06-15 PROC-INTERNAL-AUDIT" in groups["June 2027"]
    assert "AUD-2026-01" not in text_of(calendar)  # a record: retained, not reviewed (issue 14)
    assert "PROC-COMMUNICATION" not in text_of(calendar)


def test_audit_programme_names_unaudited_clauses(invoke, tmp_path: Path, gap_repo) -> None:
    tree = parse(render(invoke, gap_repo, tmp_path / "report.html", expected_exit=1))
    [audits] = with_class(tree, "table", "audits")
    assert "AUD-2025-02" not in text_of(audits) and "AUD-2026-01" in text_of(audits)
    [coverage] = with_class(tree, "table", "coverage")
    rows = {text_of(r.find("th")): r for r in coverage.iter("tr") if r.find("th") is not None}
    context = rows["4 Context of the organization"]
    missed = [text_of(chip) for chip in with_class(context, "span", "s-gap")]
    assert missed == ["4.1", "4.2", "4.3", "4.4"]
    assert not with_class(rows["8 Operation of the SMS"], "span", "s-gap")


def test_same_repository_and_date_give_the_same_bytes(invoke, tmp_path: Path) -> None:
    first = render(invoke, EXAMPLE, tmp_path / "one.html")
    second = render(invoke, EXAMPLE, tmp_path / "two.html")
    assert (tmp_path / "one.html").read_bytes() == (tmp_path / "two.html").read_bytes()
    result = invoke("coverage", str(EXAMPLE), "--format", "html", "--today", TODAY)
    assert result.stdout == first == second


def test_outside_git_there_is_no_commit_and_no_last_change(invoke, tmp_path, gap_repo) -> None:
    tree = parse(render(invoke, gap_repo, tmp_path / "report.html", expected_exit=1))
    assert "Git commit not available" in text_of(next(tree.iter("header")))
    assert "no git record" in text_of(section(tree, "clause-4.3"))


def test_last_change_and_commit_come_from_git(invoke, tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "sms")
    repo.write("policies/pol-001.md", policy())
    repo.write("processes/demand.yaml", process())
    repo.commit("Approve both", "2026-01-10", author="Alice Auditor")
    repo.write("policies/pol-001.md", policy("1.1", "2026-04-01"))
    head = repo.commit("Policy 1.1", "2026-04-01", author='Bob "B" & Co')
    page = render(invoke, repo.path, tmp_path / "report.html", expected_exit=1)
    tree = parse(page)
    assert f"Git commit {head[:7]}" in text_of(next(tree.iter("header")))
    [evidence] = [t for t in tree.iter("table") if "Evidence for 5.2" in text_of(t.find("caption"))]
    assert f'2026-04-01 {head[:7]} Bob "B" & Co' in text_of(evidence)
    [demand] = [t for t in tree.iter("table") if "Evidence for 8.4.2" in text_of(t.find("caption"))]
    assert "2026-01-10" in text_of(demand) and "Alice Auditor" in text_of(demand)


# Headless Chromium: the page renders to something that is not blank.


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Chromium is not installed: apt-get install chromium")


def png_scanlines(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the (still filtered) scanlines of a non-interlaced 8-bit PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, idat, width, height, channels = 8, b"", 0, 0, 0
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8
            channels = {0: 1, 2: 3, 4: 2, 6: 4}[color]
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + width * channels
    assert len(raw) == stride * height
    return width, height, [raw[i : i + stride] for i in range(0, len(raw), stride)]


def test_chromium_renders_a_page_that_is_not_blank(invoke, tmp_path: Path, gap_repo) -> None:
    browser = _chromium()
    report = tmp_path / "report.html"
    render(invoke, gap_repo, report, expected_exit=1)
    shot = tmp_path / "shot.png"
    done = subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    data = shot.read_bytes()
    width, height, lines = png_scanlines(data)
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a blank page compresses to a few kilobytes
    assert len(set(lines)) > 300  # most rows differ: text, cells, tables
    assert len(set(b"".join(lines))) > 100


def test_organization_falls_back_to_the_scope_title(invoke, tmp_path: Path) -> None:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    scope = root / "governance" / "scope.yaml"
    scope.write_text(re.sub(r"(?m)^x-organization: .*\n", "", scope.read_text(encoding="utf-8")))
    tree = parse(render(invoke, root, tmp_path / "report.html"))
    [h1] = list(tree.iter("h1"))
    assert text_of(h1) == "Scope of the Northwind service management system"
