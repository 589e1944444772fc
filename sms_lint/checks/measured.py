"""The measurement rules (issue 22): SMS055 a measurements record names an item that exists;
SMS056 an item is measured as often as its frequency says; SMS057 a target missed in the
latest periods is acted on (an objective past its due date is SMS034's, for both).

An item is an objective, a process KPI or an SLA target of an approved document; its results
are those written on it and those of the current measurements records that name it
(:mod:`sms_lint.measure.records`). A result counts once its period is over (a month or a quarter on
its last day, a date on itself: ``evidence.period_end``). The findings are placed at the item
(its ``id``, ``name`` or ``metric``), under 6.2 for an objective, 9.1 for a KPI and 9.4 for an
SLA target.

How often: the item's ``frequency`` (objectives, KPIs and SLA targets may say it), else a
record's, else for quarters a quarter and for months the median gap between the latest monthly
results (one alone shows no cadence: not judged); dates with no frequency are not judged. The result
of the period after the latest one is expected within one more period, at most a month, after
that period ends: a monthly item last measured for 2026-11 is stale from 2027-02-01 (December's
figure was due by 31 January).
"""

from __future__ import annotations

import datetime
import difflib
import itertools
from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.followup import id_words
from sms_lint.checks.objective_results import named_frequency
from sms_lint.checks.wording import named
from sms_lint.config.pack import Rule
from sms_lint.facts import add_days, add_months
from sms_lint.measure.records import (
    ItemIndex,
    MeasuredItem,
    RecordedResult,
    index_of,
    measures_of,
    own_results,
    recorded,
    records,
)
from sms_lint.suggest import did_you_mean

_CLAUSES = {"objective": "6.2", "kpi": "9.1", "sla": "9.4"}
_NAME_KEYS = {"objectives": "id", "kpis": "name", "targets": "metric"}


def measures_resolves(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS055: a current record's ``measures`` that names no item, at ``measures``."""
    if ctx.unread:
        return  # the item may be in the file that could not be read
    index = index_of(ctx.artifacts)
    for record in records(ctx.artifacts):
        measures = measures_of(record)
        if measures is not None and index.resolve(measures) is None:
            yield Hit(_unresolved(record.id or record.path, measures, index), record, ("measures",))


def _unresolved(ident: str, measures: str, index: ItemIndex) -> str:
    owner, slash, _ = measures.partition("/")
    names = [i.name for i in index.items if slash and i.artifact.id == owner.strip()]
    if names:
        known = ", ".join(f"'{n}'" for n in names[:6])
        hint = f"; {owner.strip()} has {known}"
    else:
        hint = did_you_mean(_closest(measures, index), "; did you mean ", "?")
    return (
        f"{ident} measures '{measures}', which names no objective, process KPI or SLA target"
        f"{hint}: write an objective id (OBJ-01), or a process or SLA id, a slash and the KPI "
        "name or target metric (PRC-13/<KPI name>)"
    )


def _closest(measures: str, index: ItemIndex) -> str | None:
    spellings = [i.name for i in index.items if i.word == "objective"]
    spellings += [f"{i.artifact.id}/{i.name}" for i in index.items if i.word != "objective"]
    close = difflib.get_close_matches(measures.strip(), spellings, n=1, cutoff=0.8)
    return close[0] if close else None


def measurement_stale(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS056: an item whose latest result is older than its frequency allows."""
    index, kept = _gathered(ctx)
    frequencies = _record_frequencies(ctx, index)
    for item in index.items:
        if not _judged(item, ctx.today):
            continue
        results = _over(own_results(item) + kept.get(item.ref, []), ctx.today)
        if not results:
            continue  # never measured: coverage shows it, nothing is "since"
        latest = results[-1]
        length = _length(item, frequencies.get(item.ref), results)
        if length is None:
            continue
        expected = _next_end(latest.end, length)
        due = _next_end(expected, min(length, (1, 0)))  # the month after, to its last day
        if ctx.today > due:
            yield _stale_hit(item, latest, length, due)


def _stale_hit(
    item: MeasuredItem, latest: RecordedResult, length: tuple[int, int], due: datetime.date
) -> Hit:
    where = "" if latest.path == item.artifact.path else f" (in {latest.path})"
    return Hit(
        f"{_label(item)} has not been measured since {latest.period}{where}: measured "
        f"{_every(length)}, the next result was due by {due}; record the results since then "
        f"(on the {item.word} or in its measurements record, e.g. sms-lint measure "
        f"'{_spelling(item)}' --period P --value V)",
        item.artifact,
        (item.field, item.index, _NAME_KEYS[item.field]),
        clause=_CLAUSES[item.ref.partition(":")[0]],
    )


def target_missed(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS057: the latest N results all miss the target, and no nonconformity or improvement
    names the item (observation)."""
    count = ctx.config.measurement.missed_periods
    index, kept = _gathered(ctx)
    named_by = _follow_ups(ctx)
    for item in index.items:
        if not _judged(item, ctx.today):
            continue  # a draft, or an objective past its due date (SMS034 follows it up)
        target = item.artifact.number("target", item.entry)
        comparator = item.entry.get("comparator")
        if target is None or comparator not in (">=", "<=", "="):
            continue  # the schema's finding, or a KPI whose direction is not said
        results = _by_period(_over(own_results(item) + kept.get(item.ref, []), ctx.today))
        latest = results[-count:]
        if len(latest) < count or any(_met(r.value, comparator, target) for r in latest):
            continue
        if not _names(item, named_by, kept.get(item.ref, []), ctx):
            yield _missed_hit(item, latest, comparator, target)


def _missed_hit(
    item: MeasuredItem, latest: list[RecordedResult], comparator: str, target: float
) -> Hit:
    values = ", ".join(f"{r.period}: {_number(r.value)}" for r in latest)
    unit = item.artifact.text("unit", item.entry) or ""
    owner = item.name if item.word == "objective" else item.artifact.id
    return Hit(
        f"{_label(item)} missed its target ({comparator} {_number(target)} {unit}".rstrip()
        + f") in each of the last {len(latest)} periods ({values}) and no nonconformity or "
        f"improvement opportunity names {owner}: raise one that names it, saying what is done "
        "about the misses",
        item.artifact,
        (item.field, item.index, _NAME_KEYS[item.field]),
        clause=_CLAUSES[item.ref.partition(":")[0]],
    )


def _gathered(ctx: Context) -> tuple[ItemIndex, dict[str, list[RecordedResult]]]:
    index = index_of(ctx.artifacts)
    return index, recorded(list(ctx.artifacts), index)


def _judged(item: MeasuredItem, today: datetime.date) -> bool:
    """Only items of approved documents; an objective past its due date is SMS034's."""
    if item.artifact.status != "approved":
        return False
    due = item.artifact.date("due", item.entry) if item.word == "objective" else None
    return due is None or due >= today


def _record_frequencies(ctx: Context, index: ItemIndex) -> dict[str, str]:
    found: dict[str, str] = {}
    for record in records(ctx.artifacts):
        measures, frequency = measures_of(record), record.text("frequency")
        item = index.resolve(measures) if measures is not None else None
        if item is not None and frequency is not None:
            found.setdefault(item.ref, frequency)
    return found


def _length(
    item: MeasuredItem, recorded: str | None, results: list[RecordedResult]
) -> tuple[int, int] | None:
    said = named_frequency(item.entry.get("frequency")) or named_frequency(recorded)
    if said is not None:
        return said
    if "Q" in results[-1].period.upper():
        return (3, 0)
    return _cadence(results) if len(results[-1].period) == 7 else None  # a date: no period


def _cadence(results: list[RecordedResult]) -> tuple[int, int] | None:
    """Months between the latest monthly results (the median gap of the last five): a month
    period alone does not say the item is measured monthly."""
    months = [r.end.year * 12 + r.end.month for r in results if r.end and len(r.period) == 7]
    latest = sorted(set(months))[-5:]
    gaps = sorted(b - a for a, b in itertools.pairwise(latest))
    return (gaps[(len(gaps) - 1) // 2], 0) if gaps else None


def _over(results: list[RecordedResult], today: datetime.date) -> list[RecordedResult]:
    """The results whose period is over by today, oldest first."""
    kept = [r for r in results if r.end is not None and r.end <= today]
    return sorted(kept, key=lambda r: (r.end, r.path, r.index))


def _by_period(results: list[RecordedResult]) -> list[RecordedResult]:
    """One result per period (the last one listed), oldest first."""
    return list({r.period: r for r in results}.values())


def _met(value: float, comparator: str, target: float) -> bool:
    if comparator == ">=":
        return value >= target
    return value <= target if comparator == "<=" else value == target


def _names(
    item: MeasuredItem, named_by: set[str], kept: list[RecordedResult], ctx: Context
) -> bool:
    """Whether a current nonconformity or improvement opportunity names the item: the
    objective's id, the process or SLA's id, or the id of a record that measures it."""
    wanted = {item.name} if item.word == "objective" else {item.artifact.id or ""}
    paths = {r.path for r in kept}
    wanted |= {a.id for a in records(ctx.artifacts) if a.path in paths and a.id is not None}
    return bool({w.strip() for w in wanted} & named_by)


def _follow_ups(ctx: Context) -> set[str]:
    found: set[str] = set()
    for artifact in ctx.of_kind("nonconformity"):
        if artifact.status != "retired":
            found.update(id_words(artifact.data))
    for artifact in ctx.of_kind("improvement"):
        if artifact.status != "retired":
            found.update(id_words(artifact.data.get("opportunities")))
    return found


def _label(item: MeasuredItem) -> str:
    return f"{item.word} '{item.name}' of {named(item.artifact)}"


def _spelling(item: MeasuredItem) -> str:
    return item.name if item.word == "objective" else f"{item.artifact.id}/{item.name}"


def _every(length: tuple[int, int]) -> str:
    months, days = length
    if months:
        return "every month" if months == 1 else f"every {months} months"
    return "every day" if days == 1 else f"every {days} days"


def _next_end(end: datetime.date, length: tuple[int, int]) -> datetime.date:
    """The last day of the period after the one ending on ``end``."""
    months, days = length
    if months:
        following = add_months(add_days(end, 1), months)  # first day of the period after next
        return add_days(following, -1)
    return add_days(end, days)


def _number(value: float) -> str:
    return f"{value:g}"
