"""What a date written in another form most likely means, for a date message.

People migrating from Word and spreadsheets write dates as they always have: 03/02/2026,
3.2.2026, 3 Feb 2026, 2026/02/03. sms-lint never guesses which date was meant (03/02/2026 is
3 February in the UK and 2 March in the US); it names each real date the text can be read as,
so the writer picks the one they meant and writes it YYYY-MM-DD.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from typing import Any

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@cache
def _date_forms() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The forms of a date we read, compiled at first use: only a wrong date needs them."""
    return (
        # 03/02/2026, 3.2.2026, 03-02-2026: day and month in either order, a four-digit year.
        re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})"),
        # 2026/02/03, 2026.2.3, 2026-2-3: year, month, day.
        re.compile(r"(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})"),
        # 3 Feb 2026, 3 February 2026, 3-Feb-2026, 3rd February 2026.
        re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ \-]+([A-Za-z]{3,9})\.?,?[ \-]+(\d{4})"),
        # Feb 3, 2026, February 3 2026.
        re.compile(r"([A-Za-z]{3,9})\.? +(\d{1,2})(?:st|nd|rd|th)?,? +(\d{4})"),
    )


def _real(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int | None:
    """A month's number from its English name or its first three letters (and "Sept")."""
    lower = name.lower()
    if lower == "sept":
        return 9
    for number, full in enumerate(_MONTHS, start=1):
        if len(lower) >= 3 and full.lower().startswith(lower):
            return number
    return None


def readings(text: str) -> list[datetime.date]:
    """Every real date ``text`` can be read as, day first before month first; [] when it is
    not a date written in a form we recognise."""
    text = text.strip()
    numbers_year_last, year_first, day_named_month, named_month_day = _date_forms()
    if match := numbers_year_last.fullmatch(text):
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        found = [_real(year, second, first), _real(year, first, second)]
        return list(dict.fromkeys(d for d in found if d is not None))
    if match := year_first.fullmatch(text):
        day = _real(int(match[1]), int(match[3]), int(match[4]))
        return [day] if day is not None else []
    if match := day_named_month.fullmatch(text):
        month = _month(match[2])
        day = _real(int(match[3]), month, int(match[1])) if month else None
        return [day] if day is not None else []
    if match := named_month_day.fullmatch(text):
        month = _month(match[1])
        day = _real(int(match[3]), month, int(match[2])) if month else None
        return [day] if day is not None else []
    return []


def _spoken(day: datetime.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


def date_hint(value: Any) -> str:
    """The words to add inside the message's parentheses after ``(got "..."``: empty when
    the value cannot be read as a date; one date when only one reading is possible; each
    reading with the day it names when the order of day and month is ambiguous."""
    found = readings(value) if isinstance(value, str) else []
    if len(found) == 1:
        return f"; write {found[0].isoformat()}"
    if len(found) == 2:
        first, second = found
        return (
            f"; write {first.isoformat()} if that is {_spoken(first)}, "
            f"{second.isoformat()} if it is {_spoken(second)}"
        )
    return ""


@cache
def _period_forms() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The forms of a period we read, compiled at first use: only a wrong period needs them.
    03/2027, 3.2027, 2027/03: a month; March 2027, Mar-2027: a month by name; Q1 2027, 2027 Q1."""
    return (
        re.compile(r"(\d{1,2})[/.\-](\d{4})"),
        re.compile(r"(\d{4})[/.](\d{1,2})"),
        re.compile(r"([A-Za-z]{3,9})\.?[ \-]+(\d{4})"),
        re.compile(r"(?:[Qq]([1-4])[ \-/]*(\d{4})|(\d{4})[ \-/]*[Qq]([1-4]))"),
    )


def period_hint(value: Any) -> str:
    """``; write 2027-03`` for a measured period written another way (03/2027, March 2027,
    Q1 2027), or a date's reading(s); empty when it cannot be read."""
    text = value.strip() if isinstance(value, str) else ""
    month_year, year_month, named_month_year, quarter_form = _period_forms()
    if match := quarter_form.fullmatch(text):
        quarter, year = (match[1], match[2]) if match[1] else (match[4], match[3])
        return f"; write {year}-Q{quarter}"
    month: int | None = None
    year = ""
    if match := (month_year.fullmatch(text) or year_month.fullmatch(text)):
        first, second = match.groups()
        month, year = (int(first), second) if len(second) == 4 else (int(second), first)
    elif match := named_month_year.fullmatch(text):
        month, year = _month(match[1]), match[2]
    if month is not None and 1 <= month <= 12:
        return f"; write {year}-{month:02d}"
    return date_hint(value)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_days(year: int, month: int) -> int:
    """The number of days of a month (1-12) of the Gregorian calendar: what
    ``calendar.monthrange`` gives, without importing :mod:`calendar` at every start-up."""
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _MONTH_DAYS[month - 1] + leap
