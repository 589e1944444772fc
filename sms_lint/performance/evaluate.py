"""How a measured item stands: each result met or not, the trend of the last results, and
the item's status.

A result meets its target when its value compares with the target as the comparator says
(``>=``, ``<=`` or ``=``); a value equal to the target within floating-point noise counts as
equal for every comparator (99.95 written in a record is 99.95, whatever the binary says).
The trend compares the first and the last of the latest three results (two when there are only
two): ``up``, ``down`` or ``flat``, and whether that is ``better``, ``worse`` or ``steady`` for
this comparator (up is better for ``>=``, down for ``<=``, nearer the target for ``=``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# The status of an item: its latest result met the target, missed it, or there is none.
MET, MISSED, NOT_MEASURED = "met", "missed", "not measured"
STATUSES = (MET, MISSED, NOT_MEASURED)
TREND_WINDOW = 3  # results the trend looks at


@dataclass(frozen=True)
class Trend:
    direction: str  # "up", "down" or "flat"
    verdict: str  # "better", "worse" or "steady", for the item's comparator
    over: int  # how many results it compares (2 or 3)

    def as_dict(self) -> dict[str, object]:
        return {"direction": self.direction, "verdict": self.verdict, "over": self.over}


def same(first: float, second: float) -> bool:
    return math.isclose(first, second, rel_tol=1e-9, abs_tol=1e-12)


def meets(value: float, target: float, comparator: str) -> bool:
    if same(value, target):
        return True
    if comparator == "<=":
        return value < target
    if comparator == "=":
        return False
    return value > target  # ">=", and what an item without a comparator is read as


def trend(values: Sequence[float], target: float, comparator: str) -> Trend | None:
    """The trend of the latest results; None with fewer than two."""
    window = list(values[-TREND_WINDOW:])
    if len(window) < 2:
        return None
    first, last = window[0], window[-1]
    direction = "flat" if same(first, last) else "up" if last > first else "down"
    return Trend(direction, _verdict(first, last, direction, target, comparator), len(window))


def _verdict(first: float, last: float, direction: str, target: float, comparator: str) -> str:
    if comparator == "=":
        before, after = abs(first - target), abs(last - target)
        if same(before, after):
            return "steady"
        return "better" if after < before else "worse"
    if direction == "flat":
        return "steady"
    rising_is_better = comparator != "<="
    return "better" if (direction == "up") == rising_is_better else "worse"


def status(latest_met: bool | None) -> str:
    """The item's status from its latest result (None: no result yet)."""
    if latest_met is None:
        return NOT_MEASURED
    return MET if latest_met else MISSED


def comparator_words(comparator: str) -> str:
    """``at least``, ``at most`` or ``exactly``: how a target reads in a sentence."""
    return {"<=": "at most", "=": "exactly"}.get(comparator, "at least")


def number_text(value: float) -> str:
    """A value as people write it, the same in every run: ``99.95``, ``3``, ``0.001``
    (ten significant digits at most, no exponent for everyday magnitudes)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = format(value, ".10g")
    return "0" if text == "-0" else text
