"""``measurement:`` in ``.sms-lint.yaml``: how the measurement rules judge results.

``missed_periods`` is how many consecutive periods, the latest ones, an objective, KPI or SLA
target may miss its target before SMS057 asks whether anything is being done about it
(default 3: one bad month is noise, a quarter of them is a trend).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sms_lint.config.values import ConfigError

MISSED_PERIODS = 3
_MOST = 36  # three years of months: more is no longer "the latest periods"
_KEYS = ("missed_periods",)


class Measurement(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    missed_periods: int = MISSED_PERIODS


def measurement(raw: Any, name: str) -> Measurement:
    """The settings, the defaults where the config says nothing."""
    if raw is None:
        return Measurement()
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: 'measurement' must be a mapping with 'missed_periods'")
    for key in raw:
        if key not in _KEYS:
            raise ConfigError(
                f"{name}: unknown key 'measurement.{key}' (known keys: {', '.join(_KEYS)})"
            )
    count = raw.get("missed_periods", MISSED_PERIODS)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= _MOST:
        raise ConfigError(
            f"{name}: 'measurement.missed_periods' must be a whole number from 1 to {_MOST}"
        )
    return Measurement(count)
