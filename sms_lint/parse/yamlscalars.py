"""One YAML scalar -> a plain value, or the reason it cannot be one.

PyYAML's ``SafeConstructor`` is the reference for what a tag and text mean (``!!int 0x1F`` is 31,
``!!bool YES`` is true), but its constructors raise whatever their parsing trips on (a
``KeyError`` for ``!!bool maybe``, an ``IndexError`` for ``!!int ''``, an ``AttributeError`` for
``!!timestamp foo``). Here every such failure becomes a :class:`Refusal`: the rule id, the
message and the value kept in the data. Timestamps become ISO text, so the data stays
JSON-compatible.
"""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

import yaml
from yaml.nodes import ScalarNode

from sms_lint.parse.date_readings import month_days

TAG = "tag:yaml.org,2002:"
STR_TAG = TAG + "str"
TIMESTAMP_TAG = TAG + "timestamp"
NULL_TAG = TAG + "null"
INT_TAG = TAG + "int"
MERGE_TAG = TAG + "merge"
VALUE_TAG = TAG + "value"
SCALAR_TAGS = frozenset(TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
COLLECTION_TAGS = {"map": TAG + "map", "seq": TAG + "seq"}

# YAML 1.1 resolves a plain `=` to the "value" type and `<<` to the "merge" key; neither is
# data a safe loader can build. As a value, `comparator: =` means the text "=".
TEXT_WHEN_PLAIN = frozenset({VALUE_TAG, MERGE_TAG})

# The forms YAML 1.1 gives the null type; `!!null foo` would silently drop "foo".
_NULL_TEXTS = frozenset({"", "~", "null", "Null", "NULL"})

# Python refuses decimal text over 4,300 digits (a quadratic conversion); base-60 integers
# (`1:2:3`) are converted digit by digit with no such guard, so they get the same bound.
MAX_INT_TEXT = 4300

# Plain scalar text -> resolved tag. Resolution runs a regex per scalar; the same words
# (statuses, role ids, dates) recur across thousands of files. Bounded, never wrong: the
# resolver's answer depends on the text alone.
RESOLVED: dict[str, str] = {}

# Everything PyYAML's scalar constructors raise for text they cannot read (ArithmeticError:
# a timezone offset of 10**20 hours overflows timedelta).
_CONSTRUCTOR_ERRORS = (
    ArithmeticError,
    AttributeError,
    LookupError,
    TypeError,
    ValueError,
    yaml.YAMLError,
)


class Refusal(NamedTuple):
    code: str
    message: str
    kept: Any  # what the data holds instead: the text, or None when the value is dropped


def resolve_plain(text: str, resolve: Any) -> str:
    """The tag YAML gives plain (untagged, unquoted) ``text``, cached."""
    tag = RESOLVED.get(text)
    if tag is None:
        tag = resolve(ScalarNode, text, (True, False))
        if len(RESOLVED) > 50_000:
            RESOLVED.clear()
        RESOLVED[text] = tag
    return tag


def tag_of(event: Any, resolve: Any) -> str:
    """The scalar's tag: its own, or the one YAML resolves. Quoted text is always a string;
    the non-specific ``!`` resolves like plain text, as PyYAML's composer does."""
    tag = event.tag
    if tag is not None and tag != "!":
        return tag
    if not event.implicit[0]:
        return STR_TAG
    return resolve_plain(event.value, resolve)


def construct(tag: str, event: Any, loader: Any) -> tuple[Any, Refusal | None]:
    """The value of a scalar whose tag is not ``!!str``, or why there is none."""
    text = event.value
    explicit = event.tag is not None and event.tag != "!"
    if tag not in SCALAR_TAGS:
        return None, Refusal("SMS104", _foreign_tag_message(tag, text), None)
    if tag == NULL_TAG and text not in _NULL_TEXTS:
        return None, _cannot_hold(tag, text)
    if tag == INT_TAG and ":" in text and len(text) > MAX_INT_TEXT:
        return None, _unreadable(tag, text, explicit)
    node = ScalarNode(tag, text, event.start_mark, event.end_mark)
    try:
        value = loader.yaml_constructors[tag](loader, node)
    except _CONSTRUCTOR_ERRORS:
        return None, _unreadable(tag, text, explicit)
    if isinstance(value, datetime.date):  # datetime too
        return value.isoformat(), None
    return value, None


def _unreadable(tag: str, text: str, explicit: bool) -> Refusal:
    match = yaml.constructor.SafeConstructor.timestamp_regexp.match(text)
    if tag == TIMESTAMP_TAG and match:
        return Refusal("SMS105", _impossible(text, match.groupdict()), text)
    if explicit:
        return _cannot_hold(tag, text)
    # Only a plain integer too long to convert gets here: YAML reads it as a number.
    message = f"'{shorten(text)}' is read as a number too large to hold: put it in quotes"
    return Refusal("SMS106", message, text)


def _impossible(text: str, parts: dict[str, str | None]) -> str:
    """Why text written as a date (and time) names none: "February 2026 has 28 days"."""
    year, month, day = (int(parts[name] or 0) for name in ("year", "month", "day"))
    what = "a date" if parts.get("hour") is None else "a date and time"
    why, part = calendar_flaw(year, month, day) or _impossible_time(parts)
    return f"'{shorten(text)}' is not {what}: {why}; correct the {part}"


def calendar_flaw(year: int, month: int, day: int) -> tuple[str, str] | None:
    """Why a year, month and day name no day of the calendar ("February 2026 has 28 days")
    and which part to correct; None when they do."""
    if year == 0:
        return "there is no year 0", "year"
    if not 1 <= month <= 12:
        return f"there is no month {month}", "month"
    days = month_days(year, month)
    if not 1 <= day <= days:
        name = datetime.date(2001, month, 1).strftime("%B")  # as calendar.month_name has it
        why = f"{name} {year} has {days} days" if day else "there is no day 0"
        return why, "day"
    return None


def _impossible_time(parts: dict[str, str | None]) -> tuple[str, str]:
    for name, most in (("hour", 23), ("minute", 59), ("second", 59)):
        value = int(parts.get(name) or 0)
        if value > most:
            return f"there is no {name} {value}", name
    return "its time zone is out of range", "time zone"


def _cannot_hold(tag: str, text: str) -> Refusal:
    shown = f"the text '{shorten(text)}'" if text else "an empty value"
    message = f"tag {tag_name(tag)} cannot hold {shown}: remove the tag or correct the value"
    return Refusal("SMS104", message, None)


def _foreign_tag_message(tag: str, text: str) -> str:
    if tag in COLLECTION_TAGS.values():
        return f"tag {tag_name(tag)} cannot be put on text ('{shorten(text)}'): remove the tag"
    return _not_allowed(tag, text)


def _not_allowed(tag: str, text: str | None) -> str:
    """A tag no artifact may carry. A local tag on text (``note: !important``) is most
    likely text that starts with '!', so the message says to quote it."""
    if text is not None and tag.startswith("!"):
        written = f"{tag} {text}" if text else tag
        return (
            f"'{shorten(written)}' is read as a YAML tag ({tag}), because it starts with '!': "
            f"if it is text, put it in quotes ({quoted(shorten(written))})"
        )
    return (
        f"tag {tag_name(tag)} is not allowed in an artifact (a tag tells a YAML reader to "
        "build something other than text, numbers, dates, lists and mappings): remove it"
    )


def collection_refusal(tag: str | None, kind: str) -> str | None:
    """Why a mapping (``kind`` "map") or list ("seq") cannot carry ``tag``; None if it can."""
    if tag is None or tag == "!" or tag == COLLECTION_TAGS[kind]:
        return None
    noun = "a mapping" if kind == "map" else "a list"
    if tag in SCALAR_TAGS or tag in COLLECTION_TAGS.values():
        return f"tag {tag_name(tag)} cannot be put on {noun}: remove the tag"
    return _not_allowed(tag, None)


def tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix(TAG) if tag.startswith(TAG) else tag


def shorten(text: str, limit: int = 60) -> str:
    """Quoted text in a message stays short: a value can be a megabyte long."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(value: str) -> str:
    """``value`` as a YAML quoted scalar: double quotes unless it holds one or a backslash."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"
