"""The window's items as an iCalendar feed (RFC 5545) that a calendar can subscribe to.

One all-day event per item. Its UID is made from the item's key, never from its date, so a
calendar that reads the feed again moves the event when the date moves instead of adding a
second one; DTSTAMP is ``--today`` at midnight UTC, so the same SMS and date give the same
bytes. The icalendar package writes the lines (escaping, CRLF); they are folded here again
(75 octets) so that no folded piece reads as a CI command.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from urllib.parse import quote

from icalendar import Calendar, Event

from sms_lint.due.items import DueItem, Window
from sms_lint.neutralise import terminal

PRODUCT = "-//sms-lint//due//EN"
UID_DOMAIN = "sms-lint.due"


def uid(item: DueItem) -> str:
    """``review%3APOL-001@sms-lint.due``: the key, with everything but letters, digits and
    ``-._~`` percent-encoded (a UID is any text, but some calendars choke on spaces)."""
    return f"{quote(item.key, safe='')}@{UID_DOMAIN}"


def render_ics(items: Sequence[DueItem], window: Window) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "SMS: what falls due")
    stamp = datetime.datetime.combine(window.today, datetime.time(), tzinfo=datetime.timezone.utc)
    for item in items:
        calendar.add_component(_event(item, window, stamp))
    return safe_folds(calendar.to_ical().decode("utf-8"))


# What a CI runner reads as a command at the start of a line, after blanks (see neutralise).
_COMMAND_START = re.compile(r"[ \t]*(?:::|##)")
FOLD_OCTETS = 75


def safe_folds(feed: str) -> str:
    """``feed`` folded again so that no continuation line starts with a CI command (``::``,
    ``##``) where a folded value would put one: a feed printed to a job log stays inert."""
    lines = feed.replace("\r\n ", "").split("\r\n")  # unfold (RFC 5545 3.1), then fold
    return "\r\n".join(fold(line) for line in lines)


def fold(line: str) -> str:
    """One content line in pieces of at most 75 octets, never splitting a character, each
    piece after the first starting with a space and not with ``::`` or ``##``."""
    pieces, start, limit = [], 0, FOLD_OCTETS
    while len(line[start:].encode()) > limit:
        end = start
        while len(line[start : end + 1].encode()) <= limit:
            end += 1
        while end > start + 1 and _COMMAND_START.match(line, end):
            end -= 1
        pieces.append(line[start:end])
        start, limit = end, FOLD_OCTETS - 1  # a continuation's leading space is an octet
    pieces.append(line[start:])
    return "\r\n ".join(pieces)


def _event(item: DueItem, window: Window, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", uid(item))
    event.add("dtstamp", stamp)
    # A date and no DTEND: an all-day event of one day (RFC 5545 3.6.1), also on 9999-12-31.
    event.add("dtstart", item.due)
    late = "Overdue: " if item.overdue(window.today) else ""
    event.add("summary", terminal(late + item.title))
    owner = item.owner_shown
    details = [item.what, f"File: {item.path}, line {item.line}"]
    if owner:
        details.append(f"Owner: {owner}")
    event.add("description", "\n".join(terminal(detail) for detail in details))
    event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: the day stays free
    return event
