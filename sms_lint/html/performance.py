"""The readiness page's Performance section: how many measured items met, missed or are not
measured, a table of every item (missed first), then a trend chart per item with results,
each with its table of values as the text alternative (``chart``)."""

from __future__ import annotations

from collections.abc import Sequence

from sms_lint.html.caps import COVERAGE_JSON, Limits, Shown, more_note
from sms_lint.html.chart import MISS, charted, trend_chart
from sms_lint.html.markup import esc, icon, join, row, table
from sms_lint.performance.evaluate import MET, MISSED
from sms_lint.performance.report import counts, ordered, target_words, trend_words, value_words
from sms_lint.performance.series import MeasuredItem

# Status -> (icon, chip class): shapes differ (tick, cross, box), as elsewhere on the page.
_LOOK = {MET: ("covered", "s-covered"), MISSED: ("gap", "s-gap")}
_NONE = ("due", "s-none")
_ARROWS = {"up": "\u2197", "down": "\u2198", "flat": "\u2192"}


def performance_section(items: Sequence[MeasuredItem], today: str, limits: Limits) -> str:
    """The section. The tables list their first 200 items (``findings_up_to``), missed first,
    and the first 60 measured ones (``show_all_up_to``) get a chart: the page grows with the
    findings, not with the KPIs; ``coverage --format json`` lists them all."""
    measured = _first([i for i in ordered(items) if i.results], limits.findings_up_to)
    unmeasured = _first([i for i in items if not i.results], limits.findings_up_to)
    charts = _first(list(measured.items), limits.show_all_up_to)
    anchors = {item.ref: f"perf-{n}" for n, item in enumerate(charts.items, 1)}
    return join(
        [
            '<section aria-labelledby="performance">',
            '<h2 id="performance">Performance</h2>',
            f"<p>{esc(_intro(today))}</p>",
            _tiles(items),
            _none() if not items else "",
            _items_table(measured.items, measured.total, anchors) if measured.total else "",
            more_note(measured, COVERAGE_JSON, "measured items"),
            _unmeasured(unmeasured.items, unmeasured.total),
            more_note(unmeasured, COVERAGE_JSON, "items not measured"),
            _legend() if charts.items else "",
            _charts(charts.items, anchors),
            more_note(charts, COVERAGE_JSON, "measured items without a chart here"),
            "</section>",
        ]
    )


def _first(entries: list[MeasuredItem], most: int) -> Shown[MeasuredItem]:
    return Shown(tuple(entries[:most]), len(entries))


def _intro(today: str) -> str:
    return (
        "The objectives, process KPIs and SLA targets with a numeric target, judged by their "
        f"latest result whose period is over on {today}: met, missed, or not measured (no "
        "result yet). The trend compares the first and last of the latest three results."
    )


def _none() -> str:
    return "<p>No objective, process KPI or SLA target has a numeric target.</p>"


def _tiles(items: Sequence[MeasuredItem]) -> str:
    tally = counts(items)
    tiles = [
        (tally[MISSED], "missed", "bad" if tally[MISSED] else "ok"),
        (tally[MET], "met", "ok"),
        (tally["not_measured"], "not measured", "warn" if tally["not_measured"] else "ok"),
    ]
    cells = "".join(
        f'<li class="tile is-{tone}"><b>{esc(value)}</b><span>{esc(label)}</span></li>'
        for value, label, tone in tiles
    )
    return f'<ul class="tiles" aria-label="Measured items by status">{cells}</ul>'


def status_chip(status: str) -> str:
    name, css = _LOOK.get(status, _NONE)
    words = status[:1].upper() + status[1:]
    return f'<span class="chip state {css}">{icon(name)} {esc(words)}</span>'


def _latest(item: MeasuredItem) -> str:
    latest = item.latest
    if latest is None:
        return '<span class="muted">no result</span>'
    period = f'<span class="period">({esc(latest.period)})</span>'
    return f"{esc(value_words(item, latest.value))} {period}"


def _trend(item: MeasuredItem) -> str:
    if item.trend is None:
        return '<span class="muted">-</span>'
    arrow = f'<span aria-hidden="true">{_ARROWS[item.trend.direction]}</span> '
    return arrow + esc(trend_words(item))


def _item_cell(item: MeasuredItem, anchor: str | None) -> str:
    name = esc(item.label)
    if anchor:
        name = f'<a href="#{anchor}">{name}</a>'
    return f'{name}<br/><span class="path muted">{esc(item.path)}:{item.line}</span>'


def _items_table(items: Sequence[MeasuredItem], total: int, anchors: dict[str, str]) -> str:
    rows = [
        row(
            [
                _item_cell(item, anchors.get(item.ref)),
                esc(target_words(item)),
                _latest(item),
                _trend(item),
                status_chip(item.status),
            ],
            header_first=True,
        )
        for item in items
    ]
    body = "<tbody>" + "\n".join(rows) + "</tbody>"
    headings = ("Item", "Target", "Latest result", "Trend", "Status")
    return table(f"Measured items ({total})", headings, body, css="performance")


def _unmeasured(items: Sequence[MeasuredItem], total: int) -> str:
    """Items with no result yet, folded: on most SMSs they are the longer list."""
    if not total:
        return ""
    rows = [
        row(
            [_item_cell(item, None), esc(target_words(item)), esc(item.frequency or "-")],
            header_first=True,
        )
        for item in items
    ]
    body = "<tbody>" + "\n".join(rows) + "</tbody>"
    noun = "item has" if total == 1 else "items have"
    caption = f"Not measured ({total})"
    return (
        f"<details><summary>{total} {noun} no result yet</summary>\n"
        f"{table(caption, ('Item', 'Target', 'Frequency'), body, css='unmeasured')}\n"
        "</details>"
    )


def _legend() -> str:
    """The chart's marks in words, each next to the mark it names."""
    dot = '<circle cx="8" cy="8" r="3.5" fill="#1b1f24"/>'
    diamond = f'<path d="M8 2L14 8L8 14L2 8Z" fill="#ffffff" stroke="{MISS}" stroke-width="2"/>'
    dash = '<path d="M0 8H16" stroke="#4b5563" stroke-width="1.5" stroke-dasharray="5 3"/>'
    keys = ((dot, "met the target"), (diamond, "missed the target"), (dash, "the target"))
    entries = "".join(
        f'<li><svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
        f"{shape}</svg> {esc(words)}</li>"
        for shape, words in keys
    )
    return f'<ul class="chart-legend" aria-label="Chart legend">{entries}</ul>'


def _charts(items: Sequence[MeasuredItem], anchors: dict[str, str]) -> str:
    if not items:
        return ""
    cards = "\n".join(_card(item, anchors[item.ref]) for item in items)
    return f'<div class="charts">\n{cards}\n</div>'


def _card(item: MeasuredItem, anchor: str) -> str:
    latest = item.latest
    assert latest is not None  # only items with results are charted
    summary = (
        f"Target {target_words(item)}. Latest {latest.period}: {value_words(item, latest.value)}."
    )
    return join(
        [
            '<div class="chart-card">',
            f'<h3 id="{anchor}">{esc(item.label)} {status_chip(item.status)}</h3>',
            f'<p class="metric muted">{esc(item.metric)}</p>' if item.metric != item.name else "",
            trend_chart(item, f"{anchor}-chart"),
            f'<p class="chart-summary">{esc(summary)}</p>',
            _values(item),
            "</div>",
        ]
    )


def _values(item: MeasuredItem) -> str:
    """The values as a table, in a disclosure: the chart's text alternative."""
    points = item.results
    rows = [
        row(
            [
                esc(p.period),
                esc(value_words(item, p.value)),
                "Met" if p.met else "<strong>Missed</strong>",
                esc(p.note),
            ],
            header_first=True,
        )
        for p in points
    ]
    shown_note = ""
    if len(points) > len(charted(item)):
        shown_note = f" (the chart shows the latest {len(charted(item))})"
    caption = f"Results of {esc(item.label)}{shown_note}"
    body = "<tbody>" + "\n".join(rows) + "</tbody>"
    return (
        f'<details><summary>Values<span class="sr-only"> of {esc(item.label)}</span> '
        f"({len(points)} results)</summary>\n"
        f"{table(caption, ('Period', 'Value', 'Target met', 'Note'), body, css='values')}\n"
        "</details>"
    )
