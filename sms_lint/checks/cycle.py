"""The audit cycle (SMS022's, and the readiness page's audit programme): the
``intervals.audit_cycle_months`` that began with the first internal audit held, or the last that
many months once the SMS has audited for longer, with the audits held and planned in it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import NamedTuple

from sms_lint.checks.records import records, within
from sms_lint.config.pack import Clause
from sms_lint.facts import add_months
from sms_lint.model import Artifact, clause_text
from sms_lint.words import listing

# Clauses named with their titles in a message up to this many; beyond, numbers only.
TITLED = 5

Dated = tuple[datetime.date, Artifact]


class Cycle(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    """The audit cycle: its bounds, the internal audits held in it (oldest first), those
    planned in it, and those planned after it ends."""

    months: int
    start: datetime.date
    end: datetime.date
    today: datetime.date
    held: tuple[Dated, ...]
    planned: tuple[Dated, ...]
    later: tuple[Dated, ...]

    @property
    def rolling(self) -> bool:
        """Whether the cycle is the last ``months`` months (it ends today: plans are late)."""
        return self.end <= self.today

    @property
    def audits(self) -> tuple[Dated, ...]:
        return self.held + self.planned

    def short(self) -> str:
        """``the audit cycle (2025-12-09 to 2028-12-09)``, or ``the last 36 months``."""
        if self.rolling:
            return f"the last {self.months} months"
        return f"the audit cycle ({self.start} to {self.end})"

    def words(self) -> str:
        key = "intervals.audit_cycle_months"
        if self.rolling:
            return f"the last {self.months} months (the audit cycle, {key})"
        since = "from the first internal audit" if self.held else "from today"
        return (
            f"the audit cycle from {self.start} to {self.end} ({self.months} months {since}, {key})"
        )


def audit_cycle(artifacts: Sequence[Artifact], today: datetime.date, months: int) -> Cycle:
    """The cycle as of ``today`` over the internal audits among ``artifacts``."""
    internal = [a for a in artifacts if a.kind == "audit" and a.text("audit_type") == "internal"]
    found = records(internal, today)
    first = found.held[0][0] if found.held else today
    end = max(today, add_months(first, months))
    start = max(first, add_months(today, -months))
    return Cycle(
        months=months,
        start=start,
        end=end,
        today=today,
        held=tuple(pair for pair in found.held if within(pair[0], months, today)),
        planned=tuple(pair for pair in found.planned if pair[0] <= end),
        later=tuple(pair for pair in found.planned if pair[0] > end),
    )


def scope_entries(audit: Artifact) -> list[tuple[int, str]]:
    """The audit's scope_clauses as clause numbers, with their index (for positions)."""
    value = audit.data.get("scope_clauses")
    if not isinstance(value, list):
        return []
    texts = ((index, clause_text(v)) for index, v in enumerate(value))
    return [(index, text) for index, text in texts if text]


def clause_words(clauses: Sequence[Clause]) -> str:
    """``8.4.2 Demand management and 8.7.1 ...``, or numbers only when there are many."""
    titled = len(clauses) <= TITLED
    return listing([f"{c.number} {c.title}" if titled else c.number for c in clauses])
