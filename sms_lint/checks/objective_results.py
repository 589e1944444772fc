"""SMS034's reading of an objective's ``results``: does one evaluate it at its due date?

A result's period counts as its last day, as for clause coverage (``sms_lint.evidence``): a
month ``2027-03`` is 31 March, a quarter ``2027-Q1`` too, a date is itself. A result follows
the objective up when that day is no more than one measurement period before the due date
and not after today (a period not over is no result yet). One measurement period is the
longer of

- the objective's ``frequency`` when it names one (daily 1 day, weekly 7 days, fortnightly
  14 days, monthly 1 month, quarterly 3 months, half-yearly or semi-annually 6 months,
  annually or yearly 12 months), a month when it names none of these ("per release"), and
- the result's own period (a quarter is 3 months, a month 1, a date nothing).

So a monthly objective due 2027-03-31 is followed up by the result for 2027-02 or later (the
latest one complete at the due date may be February's: March ends on the due date itself),
not by 2026-11's; one due 2027-03-15 by 2027-02 or later, not 2027-01.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, NamedTuple

from sms_lint.evidence import period_end
from sms_lint.facts import add_days, add_months

# Frequency word -> (months, days) of one measurement period; the first word found decides,
# so "half-yearly" is half a year, not a year.
_FREQUENCIES: dict[str, tuple[int, int]] = {
    "daily": (0, 1), "day": (0, 1), "weekly": (0, 7), "week": (0, 7),
    "fortnightly": (0, 14), "biweekly": (0, 14), "monthly": (1, 0), "month": (1, 0),
    "quarterly": (3, 0), "quarter": (3, 0), "half": (6, 0), "semi": (6, 0),
    "semiannual": (6, 0), "semiannually": (6, 0), "biannual": (6, 0), "biannually": (6, 0),
    "annually": (12, 0), "annual": (12, 0), "yearly": (12, 0), "year": (12, 0),
}  # fmt: skip
_UNNAMED = (1, 0)  # a frequency that names no period: a month


class ResultTiming(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    """What the objective's results say at its due date."""

    follows_up: bool
    latest: str | None  # the period of the latest result over by today, as written
    earliest: datetime.date  # the earliest period end that would follow it up


def timing(objective: dict[str, Any], due: datetime.date, today: datetime.date) -> ResultTiming:
    frequency = _frequency(objective.get("frequency"))
    latest: tuple[datetime.date, str] | None = None
    follows = False
    earliest = _minus(due, frequency)
    for period, end in _results(objective, today):
        limit = _minus(due, max(frequency, _own_length(period)))
        follows = follows or end >= limit
        if latest is None or end > latest[0]:
            latest = (end, period)
    return ResultTiming(follows, latest[1] if latest else None, earliest)


def _results(objective: dict[str, Any], today: datetime.date) -> list[tuple[str, datetime.date]]:
    """(period as written, its last day) of each result with a value whose period is over."""
    results = objective.get("results")
    found = []
    for result in results if isinstance(results, list) else ():
        if not isinstance(result, dict) or result.get("value") is None:
            continue  # no value: the schema's finding, and nothing measured
        period = result.get("period")
        end = period_end(period.strip()) if isinstance(period, str) else None
        if end is not None and end <= today:
            found.append((period.strip(), end))
    return found


def _frequency(value: Any) -> tuple[int, int]:
    return named_frequency(value) or _UNNAMED


def named_frequency(value: Any) -> tuple[int, int] | None:
    """(months, days) of the period a ``frequency`` names, None when it names none (shared
    with the measurement rules, which judge no period they cannot read)."""
    for word in re.sub(r"[\W_]+", " ", str(value).lower()).split() if value else ():
        if word in _FREQUENCIES:
            return _FREQUENCIES[word]
    return None


def _own_length(period: str) -> tuple[int, int]:
    if "Q" in period.upper():
        return (3, 0)
    return (1, 0) if len(period) == 7 else (0, 0)  # YYYY-MM, else a date


def _minus(due: datetime.date, length: tuple[int, int]) -> datetime.date:
    months, days = length
    return add_days(add_months(due, -months), -days)
