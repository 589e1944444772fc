"""What falls due: one :class:`DueItem` per date an SMS must act by, and the window of them.

The dates are the rules' own, so ``due`` and ``check`` never disagree: a date that has passed
here is the finding ``check`` reports (SMS005 a review, SMS012 a risk review, SMS015 a
nonconformity, SMS050 a management-review action, SMS011 a contract or a supplier review,
SMS013 and SMS014 the internal audit and the management review, SMS020 a waiver). The sources
of the dates are in :mod:`sms_lint.due.sources`.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sms_lint.facts import add_days, holder_of, roles_index
from sms_lint.model import Artifact


@dataclass(frozen=True)
class DueItem:
    """One thing to do by a date. ``key`` names the item whatever its date (``review:POL-001``):
    the calendar's UID and a workflow's issue are found again by it when the date moves."""

    due: datetime.date
    title: str  # a few words: a calendar event's summary, an issue's title
    what: str  # what to do, in a sentence with the user's own ids and values
    key: str
    path: str  # the file to change once it is done (repository-relative)
    line: int  # the line of the date it falls due by (1: the file as a whole)
    id: str | None = None  # the artifact's id
    owner: str | None = None  # the role (or person) the file names as owner
    holder: str | None = None  # who holds that role, from the roles register
    # Overdue whatever the date: what is due was never done (no internal audit held yet), so
    # the rule reports it today; ``due`` is then the day the SMS took effect.
    late: bool = False
    assignees: tuple[str, ...] = ()  # GitHub logins for the owner role (``assignees:``)

    def overdue(self, today: datetime.date) -> bool:
        return self.late or self.due < today

    @property
    def owner_shown(self) -> str | None:
        """``sms-manager (Dana Reyes)``: the owner role with its holder, where known."""
        if self.owner is None:
            return None
        return f"{self.owner} ({self.holder})" if self.holder else self.owner

    def as_dict(self, today: datetime.date) -> dict[str, Any]:
        """The JSON item of the contract ({due, what, id, path, owner, overdue}) and more."""
        return {
            "due": self.due.isoformat(),
            "what": self.what,
            "title": self.title,
            "id": self.id,
            "path": self.path,
            "owner": self.owner,
            "overdue": self.overdue(today),
            "line": self.line,
            "holder": self.holder,
            "key": self.key,
            "assignees": list(self.assignees),
        }


@dataclass(frozen=True)
class Window:
    """The days looked at: everything overdue, and what falls due from today to ``until``."""

    today: datetime.date
    days: int  # as asked: the window ends at the last representable date at the latest

    @property
    def until(self) -> datetime.date:
        return add_days(self.today, self.days)  # clamped at the calendar's end

    @property
    def length(self) -> int:
        """The days the window holds (``days``, or fewer where the calendar ends)."""
        return (self.until - self.today).days

    def holds(self, item: DueItem) -> bool:
        return item.due <= self.until


def in_window(items: Iterable[DueItem], window: Window) -> list[DueItem]:
    """The items of ``window``: overdue first (the longest overdue first), then the soonest."""
    return sorted(
        (item for item in items if window.holds(item) or item.late),
        key=lambda item: (not item.overdue(window.today), item.due, item.path, item.line, item.key),
    )


def unique_keys(items: Iterable[DueItem]) -> list[DueItem]:
    """The items with keys told apart where two share one (two files with one id, two risks
    with one id): the file's path, then the line, is added to each of them, so that no two
    calendar events or workflow issues merge."""
    listed = list(items)
    counts = collections.Counter(item.key for item in listed)
    told = [
        item if counts[item.key] == 1 else dataclasses.replace(item, key=f"{item.key}@{item.path}")
        for item in listed
    ]
    again = collections.Counter(item.key for item in told)
    return [
        item if again[item.key] == 1 else dataclasses.replace(item, key=f"{item.key}:{item.line}")
        for item in told
    ]


def entry_ref(entry: dict[str, Any], index: int) -> str:
    """An entry's id for a key: its ``id`` when it is text, else its place (``#3``)."""
    value = entry.get("id")
    return value.strip() if isinstance(value, str) and value.strip() else f"#{index + 1}"


def ref_of(artifact: Artifact) -> str:
    """How an item names its artifact: the id, or the path when the file has none."""
    return artifact.id or artifact.path


def line_of(artifact: Artifact, *at: str | int) -> int:
    """The line of the field at ``at`` (the file's first line when it is not written)."""
    position = artifact.doc.positions.get(at) if at else None
    return position[0] if position else 1


def with_holders(items: Iterable[DueItem], artifacts: tuple[Artifact, ...]) -> list[DueItem]:
    """Each item with the holder of its owner role, where the roles register names one."""
    holders = _holders(roles_index(artifacts))
    return [_with_holder(item, holders) for item in items]


def _holders(roles: Mapping[str, dict[str, Any]]) -> dict[str, str]:
    found = {}
    for role_id, role in roles.items():
        holder = holder_of(role)
        if holder is not None:
            found[role_id] = holder
    return found


def _with_holder(item: DueItem, holders: Mapping[str, str]) -> DueItem:
    holder = holders.get(item.owner) if item.owner else None
    if holder is None:
        return item
    return dataclasses.replace(item, holder=holder)
