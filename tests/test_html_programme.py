"""The readiness page's audit programme is SMS022's cycle: held and planned audits, the
config's audit_cycle_months; and an audit's services are references SMS018 resolves."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLE
from test_html_report import parse

TODAY = "2026-12-02"


def _audit_rows(page: str) -> dict[str, list[str]]:
    tree = parse(page)
    tables = [t for t in tree.iter("table") if "audits" in (t.get("class") or "")]
    rows = {}
    for tr in tables[0].iter("tr"):
        cells = ["".join(c.itertext()) for c in tr if c.tag in ("td", "th")]
        if cells and cells[0].startswith("AUD-"):
            rows[cells[0]] = cells[1:]
    return rows


def _render(invoke, root: Path, target: Path, expected_exit: int = 0) -> str:
    result = invoke("coverage", str(root), "--format", "html", "-o", str(target), "--today", TODAY)
    assert result.exit_code == expected_exit, result.output
    return target.read_text(encoding="utf-8")


def test_the_page_lists_the_planned_audit_of_the_cycle(invoke, tmp_path: Path) -> None:
    page = _render(invoke, EXAMPLE, tmp_path / "page.html", expected_exit=0)
    rows = _audit_rows(page)
    assert rows["AUD-2027-01"][0] == "2027-05-12 (planned)"
    assert rows["AUD-2026-02"][0].endswith("(planned)") is False
    assert "intervals.audit_cycle_months" in page


def test_the_page_follows_the_configured_audit_cycle(invoke, tmp_path: Path) -> None:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    with (root / ".sms-lint.yaml").open("a", encoding="utf-8") as config:
        config.write("intervals: {audit_cycle_months: 6}\n")
    result = invoke("coverage", str(root), "--format", "html", "-o", str(tmp_path / "p.html"),
                    "--today", TODAY)  # fmt: skip
    rows = _audit_rows((tmp_path / "p.html").read_text(encoding="utf-8"))
    assert "AUD-2025-02" not in rows  # held on 2025-12-09, more than 6 months before today
    assert result.exit_code in (0, 1)


def test_an_unknown_service_in_an_audit_is_sms018(invoke, tmp_path: Path, check_json) -> None:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    audit = root / "audits" / "aud-2027-01.md"
    audit.write_text(
        audit.read_text(encoding="utf-8").replace("SVC-PAYMENTS]", "SVC-PAYMENT]"),
        encoding="utf-8",
    )
    _, report = check_json(root)
    hits = [
        (f["path"], f["line"], f["clause"], f["message"])
        for f in report["findings"]
        if f["rule"] == "SMS018"
    ]
    assert len(hits) == 1
    path, line, clause, message = hits[0]
    assert (path, line, clause) == ("audits/aud-2027-01.md", 26, "9.2")
    assert "'SVC-PAYMENT'" in message
