"""One measured item's trend chart: a small inline SVG, no script, no external resource.

The values are a line with a point per result, the target a dashed line; a missed result is a
hollow diamond, a met one a filled circle, so a miss shows by shape, not by colour alone (WCAG
1.4.1), and in a grey-scale printout. The axes name the first and last period and the lowest
and highest value. Strokes are dark on the page's white, drawn with attributes (no style
sheet needed, so they print). The chart scales with its box (``viewBox``; its width is set in
rem by the style sheet), so it stays readable at 200 % zoom. It is ``role="img"``, named by its
``<title>`` and described by its ``<desc>``; the table of values next to it is the text
alternative. Coordinates have one decimal, so the same results give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from sms_lint.html.markup import esc
from sms_lint.performance.evaluate import number_text
from sms_lint.performance.report import target_words, value_words
from sms_lint.performance.series import MeasuredItem, Point

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 58, 14, 14, 40  # room for the value and period labels
INK, GREY, MISS = "#1b1f24", "#4b5563", "#8c1c13"
MOST_POINTS = 24  # a chart shows the latest 24 results (two years of months); the table all


def charted(item: MeasuredItem) -> tuple[Point, ...]:
    """The results a chart draws: the latest ``MOST_POINTS``."""
    return item.results[-MOST_POINTS:]


def trend_chart(item: MeasuredItem, ident: str) -> str:
    """The chart of ``item`` (which has results); ``ident`` makes its ids unique on the page."""
    points = charted(item)
    low, high = _domain([p.value for p in points], item.target)
    scale = _Scale(len(points), low, high)
    target_y = scale.y(item.target)
    parts = [
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">',
        f'<title id="{ident}-title">{esc(_title(item, points))}</title>',
        f'<desc id="{ident}-desc">{esc(_description(item, points))}</desc>',
        '<rect class="paper" x="0" y="0" width="100%" height="100%" fill="#ffffff"/>',
        _axes(),
        f'<line class="target" x1="{LEFT}" y1="{target_y:.1f}" x2="{WIDTH - RIGHT}" '
        f'y2="{target_y:.1f}" stroke="{GREY}" stroke-width="1.5" stroke-dasharray="6 4"/>',
        _line(scale, points),
        *(_marker(item, scale, index, point) for index, point in enumerate(points)),
        *_labels(item, scale, points),
        "</svg>",
    ]
    return "".join(part for part in parts if part)


class _Scale:
    """Data to chart coordinates: results spread evenly left to right, values bottom to top."""

    def __init__(self, count: int, low: float, high: float) -> None:
        self.count, self.low, self.high = count, low, high

    def x(self, index: int) -> float:
        span = WIDTH - LEFT - RIGHT
        if self.count == 1:
            return LEFT + span / 2
        return LEFT + span * index / (self.count - 1)

    def y(self, value: float) -> float:
        span = HEIGHT - TOP - BOTTOM
        return TOP + span * (self.high - value) / (self.high - self.low)


def _domain(values: Sequence[float], target: float) -> tuple[float, float]:
    """The value range drawn: the values and the target, with a margin above and below."""
    low, high = min(*values, target), max(*values, target)
    margin = (high - low) * 0.12 or abs(high) * 0.05 or 1.0
    return low - margin, high + margin


def _axes() -> str:
    bottom = HEIGHT - BOTTOM
    return (
        f'<path class="axis" d="M{LEFT} {TOP}V{bottom}H{WIDTH - RIGHT}" fill="none" '
        f'stroke="{GREY}" stroke-width="1"/>'
    )


def _line(scale: _Scale, points: Sequence[Point]) -> str:
    if len(points) < 2:
        return ""
    coords = " ".join(f"{scale.x(i):.1f},{scale.y(p.value):.1f}" for i, p in enumerate(points))
    return (
        f'<polyline class="values" points="{coords}" fill="none" stroke="{INK}" '
        'stroke-width="2" stroke-linejoin="round"/>'
    )


def _marker(item: MeasuredItem, scale: _Scale, index: int, point: Point) -> str:
    x, y = scale.x(index), scale.y(point.value)
    words = f"{point.period}: {value_words(item, point.value)}, {'met' if point.met else 'missed'}"
    tip = f"<title>{esc(words)}</title>"
    if point.met:
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{INK}"/>'
        return f'<g class="point met" data-period="{esc(point.period)}">{tip}{shape}</g>'
    diamond = f"M{x:.1f} {y - 6:.1f}L{x + 6:.1f} {y:.1f}L{x:.1f} {y + 6:.1f}L{x - 6:.1f} {y:.1f}Z"
    shape = f'<path d="{diamond}" fill="#ffffff" stroke="{MISS}" stroke-width="2.2"/>'
    return f'<g class="point missed" data-period="{esc(point.period)}">{tip}{shape}</g>'


def _labels(item: MeasuredItem, scale: _Scale, points: Sequence[Point]) -> list[str]:
    """The highest and lowest value and the target on the left axis (those with room), the
    first and last period below."""
    values = [p.value for p in points]
    ys: list[tuple[float, float, str]] = []
    for value, css in ((max(values), "value"), (min(values), "value"), (item.target, "target")):
        y = scale.y(value)
        if all(abs(y - other) >= 15 for _, other, _ in ys):  # a label only where there is room
            ys.append((value, y, css))
    out = [
        f'<text class="{css}-label" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
        f'font-size="12" fill="{INK if css == "value" else GREY}">{esc(number_text(value))}</text>'
        for value, y, css in ys
    ]
    base = HEIGHT - BOTTOM + 18
    first, last = points[0].period, points[-1].period
    anchor = "start" if len(points) > 1 else "middle"
    out.append(_period_label(scale.x(0), base, first, anchor))
    if len(points) > 1:
        out.append(_period_label(scale.x(len(points) - 1), base, last, "end"))
    unit = esc(_short(item.unit))
    if unit:
        out.append(
            f'<text class="unit-label" x="{LEFT}" y="{HEIGHT - 4}" font-size="11" '
            f'fill="{GREY}">{unit}</text>'
        )
    return out


def _short(text: str, most: int = 40) -> str:
    """A long unit cut to fit under the chart (the table of values shows it whole)."""
    return text if len(text) <= most else text[: most - 1] + "\u2026"


def _period_label(x: float, y: float, period: str, anchor: str) -> str:
    return (
        f'<text class="period-label" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
        f'font-size="12" fill="{INK}">{esc(period)}</text>'
    )


def _title(item: MeasuredItem, points: Sequence[Point]) -> str:
    first, last = points[0].period, points[-1].period
    return f"Trend of {item.label}: {len(points)} results, {first} to {last}"


def _description(item: MeasuredItem, points: Sequence[Point]) -> str:
    missed = [p.period for p in points if not p.met]
    latest = points[-1]
    words = (
        f"Target {target_words(item)} (dashed line). Latest: {latest.period}, "
        f"{value_words(item, latest.value)}, {'met' if latest.met else 'missed'}. "
    )
    if missed:
        words += f"Missed in {', '.join(missed)} (hollow diamonds)."
    else:
        words += "Every result shown met the target."
    return words
