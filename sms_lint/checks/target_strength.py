"""SMS044 and SMS045 (clauses 8.3.4 and 8.3.3): agreements that can hold.

SMS044: a supplier's target that underpins an SLA target of the same metric is not weaker than
it: a supplier held to 99.5 percent cannot carry a service promised at 99.9. Two targets are of
the same metric when their metrics read the same (case, spacing and punctuation aside) or each
is plainly "availability" or "uptime" in percent: a qualifier ("per circuit", "end-to-end")
makes another metric, never compared. Their units must agree (times are compared in minutes)
and both be bounded the same way (``>=`` or ``<=``). An SLA percent above 100 is no yardstick.

SMS045: an SLA target written as a time ("P1 response within 15 minutes") says what share of
cases it applies to (``compliance``, a percentage), or one late case breaks it, and "55 of 57
targets met" cannot be derived. A metric that already names its share ("95 percent of calls"),
or an average, median, percentile or maximum, needs none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.service_dependencies import lifecycle
from sms_lint.checks.wording import current, item_label, named
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact

# Time units, in minutes ("working days" and "business hours" read as days and hours).
_MINUTES = {
    "millisecond": 1 / 60000,
    "ms": 1 / 60000,
    "second": 1 / 60,
    "sec": 1 / 60,
    "s": 1 / 60,
    "minute": 1,
    "min": 1,
    "hour": 60,
    "hr": 60,
    "h": 60,
    "day": 1440,
    "week": 10080,
}
_PERCENT = frozenset({"percent", "per cent", "percentage", "%", "pct"})
_PLAIN = frozenset({"availability", "uptime"})
# Metrics that state their own share of cases, or a statistic over all of them.
_SHARE_STATED = re.compile(
    r"\d\s*(?:%|percent|per cent)|\b(?:mean|average|avg|median|percentile|p\d\d|maximum|max|"
    r"mttr|mtbf|mtta|every|all)\b",
    re.I,
)


class _Target(NamedTuple):
    index: int
    metric: str
    value: float
    unit: str  # "percent", "minutes" (value converted) or the unit as written, lower case
    comparator: str
    shown: str  # the value and unit as the user wrote them


def _targets(artifact: Artifact) -> list[_Target]:
    out = []
    for index, entry in artifact.items("targets"):
        metric, unit = artifact.text("metric", entry), artifact.text("unit", entry)
        value, comparator = artifact.number("target", entry), artifact.text("comparator", entry)
        if metric and unit and value is not None and comparator in (">=", "<="):
            minutes = _minutes(unit)
            shown = f"{value:g} {_counted(unit.strip(), value) if minutes else unit.strip()}"
            if minutes is not None:
                out.append(_Target(index, metric, value * minutes, "minutes", comparator, shown))
            else:
                out.append(_Target(index, metric, value, _unit(unit), comparator, shown))
    return out


_WORDS = frozenset({"millisecond", "second", "minute", "hour", "day", "week"})


def _counted(unit: str, value: float) -> str:
    """A time unit agreeing with its number: "1 working day", "2 hours"; an abbreviation
    ("min", "h") stays as written."""
    last = unit.split()[-1].lower()
    if value == 1 and last.endswith("s") and last[:-1] in _WORDS:
        return unit[:-1]
    if value != 1 and last in _WORDS:
        return unit + "s"
    return unit


def _unit(unit: str) -> str:
    words = " ".join(unit.lower().split())
    return "percent" if words in _PERCENT else words


def _minutes(unit: str) -> float | None:
    words = unit.lower().replace("working", "").replace("business", "").replace("calendar", "")
    word = words.strip()
    if word.endswith("s") and word[:-1] in _MINUTES:
        word = word[:-1]
    return _MINUTES.get(word)


def _words(metric: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", metric.lower()))


def _same_metric(first: _Target, second: _Target) -> bool:
    """Only a metric worded the same is safely the same: "availability per circuit" is not
    "end-to-end availability", and a circuit may fall short of a dual-homed service's target
    by design. Plain "availability" and "uptime" (no other word) are one metric."""
    if first.unit != second.unit or first.comparator != second.comparator:
        return False
    if _words(first.metric) == _words(second.metric):
        return True
    both = _words(first.metric) in _PLAIN and _words(second.metric) in _PLAIN
    return both and first.unit == "percent" and first.comparator == ">="


def _yardstick(target: _Target) -> bool:
    """A percent above 100 (or not finite) is a typing slip, SMS044 measures nothing by it."""
    return target.unit != "percent" or 0 <= target.value <= 100


def _weaker(supplier: _Target, sla: _Target) -> bool:
    if supplier.comparator == ">=":
        return supplier.value < sla.value
    return supplier.value > sla.value


def supplier_target_strength(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One hit per supplier target weaker than an SLA target it underpins, at its target,
    naming the strongest such SLA target. Graded by the services: live, else pipeline."""
    slas = _slas_by_service(ctx)
    for supplier in current(ctx.of_kind("supplier")):
        underpinned = []  # (service, sla, sla target) of every service it supports
        for _, ident in supplier.strings("supports"):
            service = ctx.by_id.get(ident.strip())
            if service is None or service.kind != "service":
                continue
            state = lifecycle(service)
            if state in ("live", "pipeline"):
                for sla in slas.get(ident.strip(), ()):
                    underpinned.extend(
                        (service, state, sla, t) for t in _targets(sla) if _yardstick(t)
                    )
        for own in _targets(supplier):
            under = [u for u in underpinned if _same_metric(own, u[3]) and _weaker(own, u[3])]
            if under:
                yield _hit(supplier, own, under)


def _slas_by_service(ctx: Context) -> dict[str, list[Artifact]]:
    """Service id -> the approved SLAs agreed for it (its ``sla``, or an SLA naming it). A
    draft SLA is a proposal: nothing is promised yet, so nothing is weighed against it."""
    out: dict[str, list[Artifact]] = {}
    for sla in _approved(ctx):
        ident = sla.text("service")
        if ident is not None:
            out.setdefault(ident.strip(), []).append(sla)
    for service in ctx.of_kind("service"):
        sla = ctx.by_id.get(service.text("sla") or "")
        if service.id and sla is not None and sla.kind == "sla" and sla.status == "approved":
            held = out.setdefault(service.id.strip(), [])
            if sla not in held:
                held.append(sla)
    return out


def _approved(ctx: Context) -> list[Artifact]:
    return [sla for sla in ctx.of_kind("sla") if sla.status == "approved"]


def _hit(supplier: Artifact, own: _Target, under: list[tuple[Any, ...]]) -> Hit:
    strongest = max(under, key=lambda u: u[3].value if own.comparator == ">=" else -u[3].value)
    service, _, sla, target = strongest
    live = any(u[1] == "live" for u in under)
    word = "at least" if own.comparator == ">=" else "at most"
    return Hit(
        f"{item_label('target', {'metric': own.metric}, own.index)} of supplier "
        f"{named(supplier)} is {own.shown}, weaker than the {target.shown} SLA {named(sla)} "
        f"promises for '{target.metric.strip()}' of {'live' if live else 'pipeline'} service "
        f"{named(service)}: agree {word} {target.shown} with the supplier, or change the "
        "SLA's target to one the supplier's target can carry",
        supplier,
        at=("targets", own.index, "target"),
        grade=None if live else "pipeline",
    )


def sla_time_share(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One hit per target of an approved SLA written as a time with no ``compliance``; the SLA
    of a retired service is history, a draft SLA a proposal still being worded."""
    for sla in _approved(ctx):
        service = ctx.by_id.get(sla.text("service") or "")
        if service is not None and service.kind == "service" and lifecycle(service) == "retired":
            continue
        for index, entry in sla.items("targets"):
            unit, metric = sla.text("unit", entry), sla.text("metric", entry) or ""
            value = sla.number("target", entry)
            if unit is None or value is None or _minutes(unit) is None:
                continue
            # A compliance the schema rejected is written all the same: its finding is enough.
            if sla.written("targets", index, "compliance") or _SHARE_STATED.search(metric):
                continue
            yield Hit(
                f"{item_label('target', entry, index)} of SLA {named(sla)} is a time "
                f"({value:g} {unit.strip()}) that does not say for what share of cases it "
                "holds: add compliance, the percentage of cases to meet it (compliance: 95 "
                "for 95 percent), so that whether it was met can be reported",
                sla,
                at=("targets", index, "target"),
            )
