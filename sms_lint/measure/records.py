"""Measured items (objectives, process KPIs, SLA targets) and the results ``measurements``
records keep for them, shared by the measurement rules (SMS055-SMS057), SMS034 and
``sms-lint measure``.

A record's ``measures`` names one item, as a person writes it:

- ``OBJ-01``: an objective's id (in any objectives document);
- ``PRC-13/Mean time to restore``: a process id, a slash and a KPI's ``name``;
- ``SLA-01/Monthly availability``: an SLA id, a slash and a target's ``metric``;
- ``OBJ-2026/OBJ-01``: an objectives document's id, a slash and an objective id.

It may also be written as a mapping: ``{objective: OBJ-01}``, ``{process: PRC-13, kpi: <KPI
name>}`` or ``{sla: SLA-01, target: <target metric>}`` (:func:`measures_of`). Names compare
without regard to case or runs of spaces. Each item also has a canonical ref,
the keys of :func:`record_results` (the readiness page's series use the same):
``objective:OBJ-01``, ``kpi:PRC-13:<KPI name>``, ``sla:SLA-01:<target metric>``, with the
names as the owning document writes them. A canonical ref is accepted in ``measures`` too.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sms_lint.evidence import period_end
from sms_lint.model import Artifact
from sms_lint.parse.documents import Document

# kind of owning artifact -> (list field, the entry's name field, ref prefix, what it is called)
_HOLDERS: dict[str, tuple[str, str, str, str]] = {
    "objectives": ("objectives", "id", "objective", "objective"),
    "process": ("kpis", "name", "kpi", "KPI"),
    "sla": ("targets", "metric", "sla", "SLA target"),
}


@dataclass(frozen=True)
class MeasuredItem:
    """One objective, KPI or target that results can be recorded for."""

    ref: str  # canonical: objective:OBJ-01, kpi:PRC-13:<name>, sla:SLA-01:<metric>
    artifact: Artifact  # the document that sets the target
    field: str  # objectives, kpis or targets
    index: int  # the entry's place in that list
    entry: dict[str, Any]
    word: str  # objective, KPI or SLA target (for messages)
    name: str  # the objective id, KPI name or metric, as written


@dataclass(frozen=True)
class RecordedResult:
    """One result of a measurements record, with where it is kept."""

    period: str
    value: float
    note: str | None
    path: str  # the record's path
    index: int  # the result's place in the record's ``results``

    @property
    def end(self) -> datetime.date | None:
        return period_end(self.period)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def measured_items(artifacts: Iterable[Artifact]) -> list[MeasuredItem]:
    """Every objective, KPI and SLA target with a usable name, in the artifacts' order."""
    found = []
    for artifact in artifacts:
        holder = _HOLDERS.get(artifact.kind)
        if holder is None or artifact.id is None:
            continue
        field, key, prefix, word = holder
        for index, entry in artifact.items(field):
            name = artifact.text(key, entry)
            if name is None:
                continue  # the schema's finding: nothing to name it by
            ref = f"{prefix}:{name.strip()}"
            if prefix != "objective":
                ref = f"{prefix}:{artifact.id}:{name.strip()}"
            found.append(MeasuredItem(ref, artifact, field, index, entry, word, name.strip()))
    return found


class ItemIndex:
    """The measured items by every spelling ``measures`` may use."""

    def __init__(self, items: Iterable[MeasuredItem]) -> None:
        self.items = list(items)
        self._by: dict[str, MeasuredItem] = {}
        # Approved items first, so an id two documents carry resolves to the one in force.
        ordered = sorted(self.items, key=lambda i: not i.artifact.approved)
        for item in ordered:
            owner = _fold(item.artifact.id or "")
            for spelling in (_fold(item.ref), f"{owner}/{_fold(item.name)}"):
                self._by.setdefault(spelling, item)
            if item.word == "objective":
                self._by.setdefault(_fold(item.name), item)

    def resolve(self, measures: str) -> MeasuredItem | None:
        folded = _fold(measures)
        if folded in self._by:
            return self._by[folded]
        owner, slash, name = folded.partition("/")  # "PRC-13 / Mean time": spaces around it
        return self._by.get(f"{owner.strip()}/{name.strip()}") if slash else None


def index_of(artifacts: Iterable[Artifact]) -> ItemIndex:
    return ItemIndex(measured_items(artifacts))


def results_of(record: Artifact) -> list[RecordedResult]:
    """The record's results with a period and a numeric value (anything else is the schema's
    finding and measures nothing)."""
    return _read(record, record.data.get("results"))


def own_results(item: MeasuredItem) -> list[RecordedResult]:
    """The results written on the item itself, in the same shape as a record's."""
    return _read(item.artifact, item.entry.get("results"))


def _read(artifact: Artifact, results: Any) -> list[RecordedResult]:
    found = []
    for index, result in enumerate(results if isinstance(results, list) else ()):
        if not isinstance(result, dict):
            continue
        period, value = result.get("period"), artifact.number("value", result)
        if value is None or not math.isfinite(value):
            continue  # .nan and .inf: the schema's finding; neither a miss nor a meet
        if isinstance(period, str) and period_end(period.strip()) is not None:
            note = artifact.text("note", result)
            found.append(RecordedResult(period.strip(), value, note, artifact.path, index))
    return found


# The mapping form of ``measures``: (owner key, item key), the item key None for an objective.
_MAPPED = (("objective", None), ("process", "kpi"), ("sla", "target"))


def measures_of(record: Artifact) -> str | None:
    """The record's ``measures`` as one spelling (``OBJ-01``, ``PRC-13/<name>``), whichever
    form it is written in; None when it is neither."""
    value = record.data.get("measures")
    if isinstance(value, str):
        return value if value.strip() else None
    if not isinstance(value, dict):
        return None
    for owner, name in _MAPPED:
        first, second = value.get(owner), value.get(name) if name else None
        if isinstance(first, str | int | float) and not isinstance(first, bool):
            if name is None:
                return str(first)
            if isinstance(second, str) and second.strip():
                return f"{first}/{second}"
    return None


def records(artifacts: Iterable[Artifact]) -> list[Artifact]:
    """The measurements records that count: not retired."""
    return [a for a in artifacts if a.kind == "measurements" and a.status != "retired"]


def recorded(artifacts: list[Artifact], index: ItemIndex) -> dict[str, list[RecordedResult]]:
    """Canonical ref -> the results of the current measurements records that measure it."""
    found: dict[str, list[RecordedResult]] = {}
    for record in records(artifacts):
        measures = measures_of(record)
        item = index.resolve(measures) if measures is not None else None
        if item is not None:
            found.setdefault(item.ref, []).extend(results_of(record))
    for results in found.values():
        results.sort(key=lambda r: (r.end or datetime.date.min, r.path, r.index))
    return found


def measured_sorts(artifacts: list[Artifact]) -> dict[str, str]:
    """Path of each measurements record -> the sort of item it measures (``objective``,
    ``kpi`` or ``sla``: its ref's prefix), for the evidence a record gives (9.1 or 9.4)."""
    kept = records(artifacts)
    if not kept:
        return {}
    index = index_of(artifacts)
    found = {}
    for record in kept:
        measures = measures_of(record)
        item = index.resolve(measures) if measures is not None else None
        if item is not None:
            found[record.path] = item.ref.partition(":")[0]
    return found


def record_results(documents: Iterable[Document | Artifact]) -> dict[str, list[RecordedResult]]:
    """Measured item ref (``objective:OBJ-01``, ``kpi:PRC-13:<name>``, ``sla:SLA-01:<metric>``)
    -> the results measurements records keep for it, oldest period first. For the readiness
    page's series: the results written on the items themselves are not included."""
    artifacts = [_artifact(d) for d in documents]
    usable = [a for a in artifacts if a is not None]
    return recorded(usable, index_of(usable))


def _artifact(document: Document | Artifact) -> Artifact | None:
    if isinstance(document, Artifact):
        return document
    data = document.data
    kind = data.get("kind") if isinstance(data, dict) else None
    return Artifact(document, kind) if isinstance(kind, str) else None
