"""How much of a long list the readiness page shows, so its size grows with findings and clauses,
not with documents.

A list of documents (a clause's evidence or records, a month of the review calendar, the
overdue reviews) is shown whole up to ``show_all_up_to`` entries, so a small SMS's page looks as
it always did. A longer one shows its first ``shown_when_cut`` entries (the nearest dates, or
the order the section already uses) and says how many are left out and which command lists
them all. Findings are never left out of the Findings section: above ``findings_up_to`` of one
severity, each rule's name and what to do are said once per clause instead of on every row,
and a clause's details then list its first findings and point there. A finding's message is
cut after ``message_chars`` characters: one naming thousands of documents would otherwise be
most of the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sms_lint.html.markup import prose

T = TypeVar("T")

# Where the entries a list leaves out are listed in full.
REGISTER = "sms-lint register"  # every document, with owner, version and review dates
COVERAGE_JSON = "sms-lint coverage --format json"  # every clause's evidence and records
CHECK = "sms-lint check"  # every finding, with its whole message


@dataclass(frozen=True)
class Limits:
    show_all_up_to: int = 60
    shown_when_cut: int = 10
    message_chars: int = 2000
    findings_up_to: int = 200


LIMITS = Limits()


@dataclass(frozen=True)
class Shown(Generic[T]):
    """The entries of a list the page shows, and how many the list has."""

    items: tuple[T, ...]
    total: int

    @property
    def left_out(self) -> int:
        return self.total - len(self.items)


def shown(entries: Sequence[T], limits: Limits = LIMITS, up_to: int | None = None) -> Shown[T]:
    """All of ``entries`` when there are few (``up_to``, by default ``show_all_up_to``); else
    the first ``shown_when_cut``."""
    if len(entries) <= (limits.show_all_up_to if up_to is None else up_to):
        return Shown(tuple(entries), len(entries))
    return Shown(tuple(entries[: limits.shown_when_cut]), len(entries))


def cut_message(message: str, limits: Limits = LIMITS) -> tuple[str, int]:
    """The message as the page shows it, and how many characters it leaves out (0: whole).
    The cut falls at a space when one is near, so no id is shown half."""
    if len(message) <= limits.message_chars:
        return message, 0
    head = message[: limits.message_chars]
    space = head.rfind(" ", limits.message_chars // 2)
    head = head[:space] if space > 0 else head
    return head, len(message) - len(head)


def more_words(left_out: int, where: str, what: str = "") -> str:
    """``and 9,812 more: see `sms-lint register` `` (``what`` names them: "more due in May")."""
    more = f"more {what}" if what else "more"
    return f"and {left_out:,} {more}: see `{where}`"


def more_note(listed: Shown[object], where: str, what: str = "") -> str:
    """The sentence under a cut list: how many it leaves out and where they all are."""
    if not listed.left_out:
        return ""
    return f'<p class="more">{prose(more_words(listed.left_out, where, what))}</p>'


def cut_note(left_out: int) -> str:
    """What follows a cut message: how much is missing and where the whole one is."""
    if not left_out:
        return ""
    return (
        f' <span class="more">&#8230; ({left_out:,} more characters: <code>{CHECK}</code> prints '
        "the whole message)</span>"
    )
