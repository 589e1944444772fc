"""The measured items of an SMS: every objective, process KPI and SLA target with a numeric
target, with its results in period order and how it stands (clauses 6.2, 9.1 and 9.4).

Results come from the item itself (``objectives[].results``, ``kpis[].results``,
``targets[].results``) and, through ``extra_results``, from anywhere else that holds results
for an item (a ``measurements`` record). ``extra_results`` is keyed by the item's *ref*:

- ``objective:OBJ-01``: an objective, by its ``id``;
- ``kpi:PRC-13:P1 incidents resolved within 4 hours``: a process KPI, by the process's id
  and the KPI's ``name``;
- ``sla:SLA-HOSTING:Monthly platform availability``: an SLA target, by the SLA's id and the
  target's ``metric``.

Names in a ref are compared with their whitespace collapsed (``ref()`` builds one). A period
given twice keeps its first result (the item's own before the extras). A result whose period is
not over by ``today`` is no result yet and is left out, as SMS034 and clause coverage read it.
Retired artifacts measure nothing. Nothing here reads the clock or a file.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sms_lint.evidence import period_end
from sms_lint.model import Artifact
from sms_lint.performance.evaluate import Trend, meets, status, trend

OBJECTIVE, KPI, SLA = "objective", "kpi", "sla"
# Where each kind of item lives: artifact kind, list field, the field naming an item.
_SOURCES = ((OBJECTIVE, "objectives", "objectives", "id"),
            (KPI, "process", "kpis", "name"),
            (SLA, "sla", "targets", "metric"))  # fmt: skip


@dataclass(frozen=True)
class MeasuredResult:
    """One result as written: in the item itself or in a record that measures it."""

    period: str  # YYYY-MM, YYYY-Qn or YYYY-MM-DD
    value: float
    note: str = ""


@dataclass(frozen=True)
class Point:
    """One result of an item, evaluated against its target."""

    period: str
    period_end: datetime.date
    value: float
    met: bool
    note: str = ""


@dataclass(frozen=True)
class MeasuredItem:
    ref: str  # see the module's docstring
    kind: str  # OBJECTIVE, KPI or SLA
    artifact: str  # the owning artifact's id (its path when it has none)
    path: str
    line: int  # the item's first line in the file
    name: str  # the objective's id, the KPI's name, the SLA target's metric
    metric: str  # what is measured (the objective's metric; else the name)
    target: float
    comparator: str  # ">=", "<=" or "="
    comparator_given: bool  # False: a KPI without one (``_assumed``)
    unit: str
    frequency: str  # "" when the item names none (KPIs and SLA targets)
    results: tuple[Point, ...]  # in period order, each over by today
    status: str  # "met", "missed" or "not measured" (``evaluate.STATUSES``)
    trend: Trend | None  # None with fewer than two results

    @property
    def latest(self) -> Point | None:
        return self.results[-1] if self.results else None

    @property
    def label(self) -> str:
        """How a page names the item: ``OBJ-01``, ``PRC-13: P1 incidents ...``."""
        return self.name if self.kind == OBJECTIVE else f"{self.artifact}: {self.name}"


def ref(kind: str, *names: str) -> str:
    """An item's ref from its kind and names, whitespace collapsed: ``kpi:PRC-13:name``."""
    return ":".join([kind, *(" ".join(n.split()) for n in names)])


def measured_items(
    artifacts: Iterable[Artifact],
    today: datetime.date,
    extra_results: Mapping[str, Sequence[MeasuredResult]] | None = None,
) -> list[MeasuredItem]:
    """Every measured item of the artifacts, by path and line."""
    extras = extra_results or {}
    found = [
        item
        for artifact in artifacts
        if artifact.status != "retired"
        for item in _items_of(artifact, today, extras)
    ]
    return sorted(found, key=lambda item: (item.path, item.line, item.ref))


def _items_of(
    artifact: Artifact, today: datetime.date, extras: Mapping[str, Sequence[MeasuredResult]]
) -> Iterator[MeasuredItem]:
    for kind, artifact_kind, field, naming in _SOURCES:
        if artifact.kind != artifact_kind:
            continue
        owner = artifact.id or artifact.path
        for index, entry in artifact.items(field):
            name, target = artifact.text(naming, entry), artifact.number("target", entry)
            if name is None or target is None:
                continue  # no name or no numeric target: nothing to measure against
            key = ref(kind, name) if kind == OBJECTIVE else ref(kind, owner, name)
            written = [*_written(artifact, entry), *extras.get(key, ())]
            yield _item(kind, key, artifact, owner, index, entry, target, written, today)


def _item(
    kind: str,
    key: str,
    artifact: Artifact,
    owner: str,
    index: int,
    entry: dict[str, Any],
    target: float,
    written: list[MeasuredResult],
    today: datetime.date,
) -> MeasuredItem:
    field = next(f for k, _, f, _ in _SOURCES if k == kind)
    naming = next(n for k, _, _, n in _SOURCES if k == kind)
    given = artifact.text("comparator", entry)
    comparator = given if given in (">=", "<=", "=") else _assumed(target)
    points = _points(written, target, comparator, today)
    name = " ".join((artifact.text(naming, entry) or "").split())
    return MeasuredItem(
        ref=key,
        kind=kind,
        artifact=owner,
        path=artifact.path,
        line=artifact.doc.position((field, index))[0],
        name=name,
        metric=" ".join((artifact.text("metric", entry) or name).split()),
        target=target,
        comparator=comparator,
        comparator_given=given is not None,
        unit=" ".join((artifact.text("unit", entry) or "").split()),
        frequency=" ".join((artifact.text("frequency", entry) or "").split()),
        results=points,
        status=status(points[-1].met if points else None),
        trend=trend([p.value for p in points], target, comparator),
    )


def _assumed(target: float) -> str:
    """How a KPI without a comparator is read: at least its target, as most KPIs are
    written, but at most a target of 0 or less ("0 unauthorised changes": at least 0 would
    always be met). Reports say the comparator was assumed."""
    return "<=" if target <= 0 else ">="


def _written(artifact: Artifact, entry: dict[str, Any]) -> Iterator[MeasuredResult]:
    """The item's own results that have a period and a numeric value (a malformed one is the
    schema's finding, and measures nothing)."""
    results = entry.get("results")
    for result in results if isinstance(results, list) else ():
        if not isinstance(result, dict):
            continue
        period, value = artifact.text("period", result), artifact.number("value", result)
        if period is not None and value is not None and math.isfinite(value):  # not .nan/.inf
            yield MeasuredResult(period.strip(), value, artifact.text("note", result) or "")


def _points(
    written: Sequence[MeasuredResult], target: float, comparator: str, today: datetime.date
) -> tuple[Point, ...]:
    seen: dict[str, Point] = {}
    for result in written:
        end = period_end(result.period)
        if end is None or end > today or result.period in seen:
            continue  # not a period, not over yet, or given already
        met = meets(result.value, target, comparator)
        seen[result.period] = Point(result.period, end, result.value, met, result.note.strip())
    return tuple(sorted(seen.values(), key=lambda p: (p.period_end, p.period)))
