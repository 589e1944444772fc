"""The window's items as an iCalendar feed (RFC 5545) that a calendar can subscribe to.

One all-day event per item. Its UID is made from the item's key, never from its date, so a
calendar that reads the feed again moves the event when the date moves instead of adding a
second one; DTSTAMP is ``--today`` at midnight UTC, so the same SMS and date give the same
bytes. The icalendar package writes the lines (escaping, folding at 75 octets, CRLF).
"""

from __future__ import annotations

import datetime
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
    return calendar.to_ical().decode("utf-8")


def _event(item: DueItem, window: Window, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", uid(item))
    event.add("dtstamp", stamp)
    event.add("dtstart", item.due)  # a date: an all-day event
    event.add("dtend", item.due + datetime.timedelta(days=1))
    late = "Overdue: " if item.overdue(window.today) else ""
    event.add("summary", terminal(late + item.title))
    owner = f"{item.owner} ({item.holder})" if item.holder else item.owner
    details = [item.what, f"File: {item.path}, line {item.line}"]
    if owner:
        details.append(f"Owner: {owner}")
    event.add("description", terminal(" | ".join(details)).replace(" | ", "\n"))
    event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: the day stays free
    return event
