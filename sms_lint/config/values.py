"""One value of ``.sms-lint.yaml`` checked: lists of text, numbers of months, dates.

Each check returns the value as the config keeps it, or raises a :class:`ConfigError` whose
message is one sentence naming the key. A date written another way (31/10/2027) is never
guessed: the message names the YYYY-MM-DD reading(s), as it does for a date in a document.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from typing import Any

from sms_lint.parse.date_readings import date_hint


class ConfigError(Exception):
    """The configuration cannot be used; the message is one sentence for the user."""


def listed(data: dict[str, Any], key: str, name: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ConfigError(f"{name}: '{key}' must be a list")
    return value


def texts(data: dict[str, Any], key: str, name: str) -> tuple[str, ...]:
    values = listed(data, key, name)
    if not all(isinstance(v, str) and v for v in values):
        raise ConfigError(f"{name}: every entry of '{key}' must be non-empty text")
    return tuple(values)


def months(value: Any, key: str, name: str) -> int:
    """A number of months: a whole number from 1 to 120 (ten years)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
        raise ConfigError(f"{name}: '{key}' must be a whole number from 1 to 120")
    return value


# Compiled at first use: only a config that holds a date needs it.
@cache
def _iso_date() -> re.Pattern[str]:
    return re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: Any, where: str) -> datetime.date:
    """A date written YYYY-MM-DD only: ``fromisoformat`` alone also takes ``20250901`` and
    ``2025W301``, which nobody reading the config would take for the date it means."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value  # YAML read an unquoted YYYY-MM-DD as a date already
    text = value if isinstance(value, str) else None
    try:
        if text is None or not _iso_date().fullmatch(text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{where} must be a date written YYYY-MM-DD{_got(value)}") from None


def _got(value: Any) -> str:
    """What was written, and the date(s) it can be read as, like the document's message."""
    if isinstance(value, str):
        return f" (got '{value}'{date_hint(value)})"
    if isinstance(value, int | float | datetime.datetime) and not isinstance(value, bool):
        return f" (got {value})"  # 20271031, or a date with a time of day
    return ""
