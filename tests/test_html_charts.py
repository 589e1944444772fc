"""The readiness page's Performance section and trend charts (issue 22, point 3).

The page parses as XML, so the SVG is checked with xml.etree: a point per result, the target
as a dashed line at the target's height, a distinct shape for each missed period, axis labels,
a title and a description, and the table of values as the text alternative. Headless Chromium
with axe-core (skipped when either is missing) finds no WCAG A/AA violation and no sideways
scrolling at 200 % zoom.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import EXAMPLE, TODAY
from test_html_report import (
    HOSTILE,
    assert_self_contained,
    by_id,
    parse,
    render,
    section,
    text_of,
    with_class,
)

from sms_lint.performance.evaluate import number_text


def performance_items(invoke, root: Path) -> dict[str, dict]:
    result = invoke("coverage", str(root), "--format", "json", "--today", TODAY)
    return {i["ref"]: i for i in json.loads(result.stdout)["performance"]["items"]}


def charts(tree: ElementTree.Element) -> list[ElementTree.Element]:
    return with_class(tree, "svg", "trend")


def card_of(tree: ElementTree.Element, label: str) -> ElementTree.Element:
    [card] = [
        c for c in with_class(tree, "div", "chart-card") if text_of(c.find("h3")).startswith(label)
    ]
    return card


def test_every_measured_item_with_results_has_a_chart(invoke, tmp_path: Path) -> None:
    page = render(invoke, EXAMPLE, tmp_path / "report.html")
    assert_self_contained(page)
    tree = parse(page)
    items = performance_items(invoke, EXAMPLE)
    measured = [i for i in items.values() if i["results"]]
    assert len(charts(tree)) == len(measured) == 11  # 8 in the items, 3 in measurements records
    for svg in charts(tree):
        assert svg.get("role") == "img" and svg.get("viewBox") == "0 0 320 160"
        assert svg.get("width") is None  # the style sheet sizes it in rem: it scales
        title = by_id(tree, svg.get("aria-labelledby"))
        desc = by_id(tree, svg.get("aria-describedby"))
        assert title in list(svg) and desc in list(svg)
        assert text_of(title).startswith("Trend of ") and "dashed line" in text_of(desc)
    tiles = [text_of(t) for t in with_class(section(tree, "performance"), "li", "tile")]
    assert tiles == ["1 missed", "10 met", "59 not measured"]
    assert by_id(tree, "performance").tag == "h2"


def test_a_chart_has_a_point_per_result_the_target_and_missed_marks(invoke, tmp_path) -> None:
    tree = parse(render(invoke, EXAMPLE, tmp_path / "report.html"))
    item = performance_items(invoke, EXAMPLE)["sla:SLA-HOSTING:P1 incident response time"]
    card = card_of(tree, "SLA-HOSTING: P1 incident response time")
    [svg] = charts(card)
    points = with_class(svg, "g", "point")
    assert len(points) == item["results"] == 11  # 2025-12 to 2026-10; November is not over
    missed = with_class(svg, "g", "missed")
    assert [g.get("data-period") for g in missed] == ["2026-01"]
    assert [child.tag for child in missed[0]] == ["title", "path"]  # a diamond, not a dot
    assert all([c.tag for c in g] == ["title", "circle"] for g in with_class(svg, "g", "met"))
    [target] = with_class(svg, "line", "target")
    assert target.get("stroke-dasharray") and target.get("y1") == target.get("y2")
    # The target (15 minutes, at most) sits between the highest value (18) and the lowest (8).
    lowest = max(float(g[1].get("cy")) for g in with_class(svg, "g", "met"))  # y grows down
    highest = float(missed[0][1].get("d").split()[1].split("L")[0])  # the diamond's top
    assert highest < float(target.get("y1")) < lowest
    [line] = svg.iter("polyline")
    xs = [float(pair.split(",")[0]) for pair in line.get("points").split()]
    assert len(xs) == 11 and xs == sorted(xs)
    labels = [text_of(t) for t in svg.iter("text")]
    assert labels[:3] == ["18", "8", "15"]  # highest, lowest, target
    assert "2025-12" in labels and "2026-10" in labels and "minutes" in labels
    values = next(card.iter("details"))
    rows = [text_of(r) for r in values.iter("tr")][1:]
    assert len(rows) == 11 and rows[1].startswith("2026-01 18 minutes Missed Missed: two P1")


def test_the_performance_table_lists_missed_items_first(invoke, tmp_path) -> None:
    tree = parse(render(invoke, EXAMPLE, tmp_path / "report.html"))
    [table] = with_class(section(tree, "performance"), "table", "performance")
    assert text_of(table.find("caption")) == "Measured items (11)"
    first = text_of(table.find("tbody").find("tr"))
    assert first.startswith("PRC-13: P1 incidents resolved within 4 hours")
    assert "89.6 percent (2026-10)" in first and first.endswith("Missed")
    links = [a.get("href") for a in table.iter("a")]
    assert len(links) == 11 and all(by_id(tree, h[1:]).tag == "h3" for h in links)
    [waiting] = with_class(section(tree, "performance"), "table", "unmeasured")
    assert text_of(waiting.find("caption")) == "Not measured (59)"


def test_a_hostile_item_name_stays_text(invoke, write, tmp_path) -> None:
    write(
        "sla.yaml",
        "id: SLA-X\nkind: sla\ntitle: SLA\nowner: sms-manager\nstatus: approved\n"
        'version: "1.0"\napproved_by: md\napproved_on: 2026-01-05\nlast_reviewed: 2026-01-05\n'
        "service: SVC-X\ncustomer: All\ntargets:\n"
        f"  - metric: {json.dumps(HOSTILE)}\n    target: 99\n    unit: {json.dumps(HOSTILE)}\n"
        '    comparator: ">="\n    results:\n      - {period: 2026-09, value: 98}\n'
        "      - {period: 2026-10, value: 99.5, note: " + json.dumps(HOSTILE) + "}\n",
    )
    page = render(invoke, tmp_path, tmp_path / "out" / "report.html", expected_exit=1)
    assert_self_contained(page)
    tree = parse(page)
    [svg] = charts(tree)
    shown = HOSTILE.replace("\x07", "\ufffd")
    assert shown in text_of(by_id(tree, svg.get("aria-labelledby")))
    assert shown[:39] in " ".join(text_of(t) for t in svg.iter("text"))  # the unit, cut
    assert shown in text_of(card_of(tree, "SLA-X"))
    assert not list(tree.iter("script")) and not list(tree.iter("img"))


def test_one_result_is_one_point_and_no_line(invoke, write, tmp_path) -> None:
    write(
        "obj.yaml",
        "id: OBJ-A\nkind: objectives\ntitle: O\nowner: sms-manager\nstatus: approved\n"
        'version: "1.0"\napproved_by: md\napproved_on: 2026-01-05\nlast_reviewed: 2026-01-05\n'
        "objectives:\n  - id: O-1\n    statement: S\n    metric: M\n    target: 0.5\n"
        '    unit: ratio\n    comparator: "="\n    due: 2027-01-01\n    owner: sms-manager\n'
        "    frequency: quarterly\n    results:\n      - {period: 2026-Q3, value: 0.5}\n",
    )
    tree = parse(render(invoke, tmp_path, tmp_path / "out" / "report.html", expected_exit=1))
    [svg] = charts(tree)
    assert len(with_class(svg, "g", "met")) == 1 and not list(svg.iter("polyline"))
    assert number_text(0.5) in [text_of(t) for t in svg.iter("text")]


# Headless Chromium with axe-core


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return str(shutil.which(name))
    pytest.skip("Chromium is not installed: apt-get install chromium")


def _axe_source() -> str:
    """axe-core's axe.min.js from the global npm folder (``npm install -g axe-core``)."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed, so axe-core cannot be found")
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False)
    script = Path(root.stdout.strip()) / "axe-core" / "axe.min.js"
    if not script.is_file():
        pytest.skip("axe-core is not installed: npm install -g axe-core")
    return script.read_text(encoding="utf-8")


# Runs axe for WCAG 2.x A and AA, and measures sideways scrolling, into a <pre>.
_RUNNER = """<script>%s</script><script>
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a",
  "wcag21aa", "wcag22aa"]}}).then(function (r) {
  var out = document.createElement("pre"); out.id = "axe-result";
  out.textContent = JSON.stringify({passes: r.passes.length,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    violations: r.violations.map(function (v) {
      return {id: v.id, nodes: v.nodes.map(function (n) { return n.target.join(" "); })};
    })});
  document.body.appendChild(out);
});
</script>"""


def _axe(page: str, folder: Path, width: int) -> dict:
    browser, axe = _chromium(), _axe_source()
    target = folder / f"axe-{width}.html"
    runner = _RUNNER % axe.replace("</script", "<\\/script")
    target.write_text(page.replace("</body>", runner + "</body>"), encoding="utf-8")
    done = subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={folder / 'profile'}",
            f"--window-size={width},1000", "--virtual-time-budget=60000", "--dump-dom",
            target.as_uri(),
        ],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def test_axe_finds_no_wcag_violation_on_a_page_with_charts(invoke, tmp_path) -> None:
    page = render(invoke, EXAMPLE, tmp_path / "report.html")
    assert '<svg class="trend"' in page
    wide = _axe(page, tmp_path, 1280)
    assert wide["violations"] == [] and wide["passes"] > 10
    # 200 % zoom of a 1280-pixel window is a 640-pixel one: the page reflows, nothing
    # scrolls sideways.
    zoomed = _axe(page, tmp_path, 640)
    assert zoomed["violations"] == [] and zoomed["overflow"] <= 0


# Long lists: the page grows with the findings, not with the KPIs


def _kpis(count: int, months: int) -> str:
    periods = [f"{2024 + m // 12}-{m % 12 + 1:02d}" for m in range(months)]
    rows = "".join(f"      - {{period: {p}, value: {90 + i % 7}}}\n" for i, p in enumerate(periods))
    kpis = "".join(
        f"  - name: KPI {n:03d}\n    target: 92\n    unit: percent\n    results:\n{rows}"
        for n in range(count)
    )
    return (
        "id: PRC-A\nkind: process\ntitle: P\nowner: sms-manager\nstatus: approved\n"
        'version: "1.0"\napproved_by: md\napproved_on: 2026-01-05\nlast_reviewed: 2026-01-05\n'
        f"process: incident\ndescription: Restore service.\nkpis:\n{kpis}"
    )


def test_sixty_charts_at_most_and_24_points_a_chart(invoke, write, tmp_path) -> None:
    write("prc.yaml", _kpis(62, 30))
    tree = parse(render(invoke, tmp_path, tmp_path / "out" / "report.html", expected_exit=1))
    assert len(charts(tree)) == 60
    more = [text_of(p) for p in with_class(section(tree, "performance"), "p", "more")]
    assert more == [
        "and 2 more measured items without a chart here: see sms-lint coverage --format json"
    ]
    card = card_of(tree, "PRC-A: KPI 000")
    [svg] = charts(card)
    assert len(with_class(svg, "g", "point")) == 24
    caption = text_of(next(card.iter("caption")))
    assert caption == "Results of PRC-A: KPI 000 (the chart shows the latest 24)"
    assert len(list(next(card.iter("tbody")).iter("tr"))) == 30
