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
    """Results kept in ``measurements`` records apart from the items they measure, by item
    ref (see ``series``): what a pipeline added with ``sms-lint measure``."""
    from sms_lint.measure.records import record_results

    found: dict[str, list[MeasuredResult]] = {}
    for key, results in record_results(artifacts).items():
        kind, *names = key.split(":", 2)
        found.setdefault(ref(kind, *names), []).extend(
            MeasuredResult(r.period, r.value, r.note or "") for r in results
        )
    return found
