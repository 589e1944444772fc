"""Performance evaluation as data: the measured objectives, process KPIs and SLA targets of an
SMS, their results and how each stands (``series``, ``evaluate``), and that evaluation as
report data (``report``). The readiness page draws it (``sms_lint.html.performance``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence

from sms_lint.model import Artifact
from sms_lint.performance.series import MeasuredItem, MeasuredResult, measured_items, ref

__all__ = ["MeasuredItem", "MeasuredResult", "items_of", "measured_items", "ref"]


def items_of(artifacts: Iterable[Artifact], today: datetime.date) -> list[MeasuredItem]:
    """The measured items every report shows: the one place where results kept outside the
    items (``measurements`` records) join them, through ``recorded_results``."""
    kept = tuple(artifacts)
    return measured_items(kept, today, recorded_results(kept))


def recorded_results(artifacts: Sequence[Artifact]) -> Mapping[str, Sequence[MeasuredResult]]:
    """Results kept in records apart from the items they measure, by item ref (see
    ``series``). None yet: the ``measurements`` kind will supply them here."""
    return {}
