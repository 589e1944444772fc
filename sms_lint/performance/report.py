"""The performance evaluation as report data: ``coverage --format json`` (its ``performance``
key) and ``--format markdown`` (its Performance section) carry what the readiness page draws.

JSON keeps the values as numbers and the periods as written; Markdown shows every value from
the repository through ``neutralise.markdown`` (inert: no link, no HTML, no table break).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sms_lint.neutralise import markdown
from sms_lint.performance.evaluate import (
    MET,
    MISSED,
    NOT_MEASURED,
    comparator_words,
    number_text,
)
from sms_lint.performance.series import MeasuredItem

# Order of the lists: what needs attention first.
_ORDER = {MISSED: 0, MET: 1, NOT_MEASURED: 2}


def ordered(items: Sequence[MeasuredItem]) -> list[MeasuredItem]:
    """Missed first, then met, then not measured; within each, by path and line."""
    return sorted(items, key=lambda item: _ORDER[item.status])


def counts(items: Sequence[MeasuredItem]) -> dict[str, int]:
    """``{"items": N, "met": N, "missed": N, "not_measured": N}``."""
    tally = {"items": len(items), MET: 0, MISSED: 0, "not_measured": 0}
    for item in items:
        tally[item.status.replace(" ", "_")] += 1
    return tally


def item_dict(item: MeasuredItem) -> dict[str, Any]:
    latest = item.latest
    return {
        "ref": item.ref,
        "kind": item.kind,
        "artifact": item.artifact,
        "path": item.path,
        "line": item.line,
        "name": item.name,
        "metric": item.metric,
        "target": item.target,
        "comparator": item.comparator,
        "comparator_given": item.comparator_given,
        "unit": item.unit,
        "frequency": item.frequency or None,
        "results": len(item.results),
        "latest": None
        if latest is None
        else {"period": latest.period, "value": latest.value, "met": latest.met},
        "missed": sum(not p.met for p in item.results),
        "trend": item.trend.as_dict() if item.trend else None,
        "status": item.status,
    }


def as_dict(items: Sequence[MeasuredItem]) -> dict[str, Any]:
    """The ``performance`` key: the counts, then every item (by path and line)."""
    return {"summary": counts(items), "items": [item_dict(item) for item in items]}


def tally_words(items: Sequence[MeasuredItem]) -> str:
    """``9 measured items: 2 missed, 7 met, 61 not measured``."""
    tally = counts(items)
    noun = "item" if tally["items"] == 1 else "items"
    return (
        f"{tally['items']} measured {noun}: {tally[MISSED]} missed, {tally[MET]} met, "
        f"{tally['not_measured']} not measured"
    )


def value_words(item: MeasuredItem, value: float) -> str:
    """``99.95 percent``."""
    return f"{number_text(value)} {item.unit}".strip()


def target_words(item: MeasuredItem) -> str:
    """``at least 99.95 percent`` (``..., assumed: no comparator`` for a KPI without one)."""
    words = f"{comparator_words(item.comparator)} {value_words(item, item.target)}"
    return words if item.comparator_given else f"{words} (assumed: no comparator given)"


def trend_words(item: MeasuredItem) -> str:
    if item.trend is None:
        return "-"
    return f"{item.trend.direction}, {item.trend.verdict} (last {item.trend.over})"


def markdown_section(items: Sequence[MeasuredItem]) -> list[str]:
    """The Performance section of ``coverage --format markdown``: the items with results
    (missed first), then those with none yet."""
    # A setext heading: a line starting "##" is a command to Azure Pipelines' log.
    lines = ["", "Performance", "-----------", ""]
    if not items:
        return [*lines, "No objective, process KPI or SLA target has a numeric target."]
    lines.append(f"{tally_words(items)}.")
    measured = [item for item in ordered(items) if item.results]
    if measured:
        lines += [
            "",
            "| Item | Target | Latest | Period | Met | Trend | Status |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [_measured_row(item) for item in measured]
    waiting = [item for item in items if not item.results]
    if waiting:
        lines += ["", "Not measured (no result yet):", "", "| Item | Target | Frequency |"]
        lines.append("|---|---|---|")
        lines += [
            f"| {markdown(i.label)} | {markdown(target_words(i))} | "
            f"{markdown(i.frequency) or '-'} |"
            for i in waiting
        ]
    return lines


def _measured_row(item: MeasuredItem) -> str:
    latest = item.latest
    assert latest is not None  # only items with results
    cells = [
        markdown(item.label),
        markdown(target_words(item)),
        markdown(value_words(item, latest.value)),
        markdown(latest.period),
        "yes" if latest.met else "**no**",
        trend_words(item),
        item.status,
    ]
    return "| " + " | ".join(cells) + " |"
