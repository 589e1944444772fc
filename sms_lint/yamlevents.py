"""Build plain data, with a position for every key and item, from a YAML parser's events.

The engine of :mod:`sms_lint.loader`: an explicit stack instead of recursion (deep nesting
cannot crash it), aliases and foreign tags refused, duplicate keys and impossible dates
reported, every problem a :class:`Problem` at its line and column. Timestamps become ISO
strings, so the result is JSON-compatible.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

# Artifacts are a few levels deep; anything far deeper is hostile or broken.
MAX_DEPTH = 100

_TAG = "tag:yaml.org,2002:"
_STR_TAG = _TAG + "str"
_TIMESTAMP_TAG = _TAG + "timestamp"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {None, "!", _TAG + "map", _TAG + "seq"}

# Plain scalar text -> resolved tag. Resolution runs a regex per scalar; the same words
# (statuses, role ids, dates) recur across thousands of files. Bounded, never wrong: the
# resolver's answer depends on the text alone.
_RESOLVED: dict[str, str] = {}

Path = tuple  # a path into the data: keys (str) and list indices (int)


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file's text; ``code`` is the id of the rule it reports under."""

    code: str
    line: int
    column: int
    message: str


class Abort(Exception):
    """Stop building: the problem has been recorded and the rest of the text is not usable."""


@dataclass(slots=True)
class _Frame:
    container: dict | list
    path: Path
    key: Any = None  # the pending key of a mapping, waiting for its value
    has_key: bool = False


class EventBuilder:
    """Consumes parser events and builds data plus positions. One per document."""

    def __init__(self, loader: Any, line_offset: int) -> None:
        self.loader = loader
        self.offset = line_offset
        self.positions: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def where(self, mark: Any) -> tuple[int, int]:
        return mark.line + 1 + self.offset, mark.column + 1

    def problem(self, code: str, mark: Any, message: str) -> None:
        line, column = self.where(mark)
        self.problems.append(Problem(code, line, column, message))

    def run(self) -> Any:
        """Consume every event. Plain text inside a mapping or list is most of any artifact,
        so it is placed right here (as :meth:`add` would); every other event goes through
        :meth:`handle`."""
        get_event, handle, stack, positions = (
            self.loader.get_event,
            self.handle,
            self.stack,
            self.positions,
        )
        resolved, line_base = _RESOLVED, self.offset + 1
        while True:
            event = get_event()
            if type(event) is ScalarEvent and stack and event.tag is None:
                text = event.value
                if not event.implicit[0] or resolved.get(text) == _STR_TAG:
                    frame = stack[-1]
                    container = frame.container
                    if type(container) is list:
                        mark = event.start_mark
                        place = (*frame.path, len(container))
                        positions[place] = (mark.line + line_base, mark.column + 1)
                        container.append(text)
                        continue
                    if frame.has_key:
                        container[frame.key] = text
                        frame.has_key = False
                        continue
                    if text not in container:  # a duplicate key takes the long way, to be reported
                        mark = event.start_mark
                        positions[(*frame.path, text)] = (mark.line + line_base, mark.column + 1)
                        frame.key = text
                        frame.has_key = True
                        continue
            if event is None or type(event) is StreamEndEvent:
                return self.root
            handle(event)

    def handle(self, event: Any) -> None:
        if isinstance(event, ScalarEvent):
            self.add(self.scalar(event), event)
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            self.check_collection_tag(event)
            container: dict | list = {} if isinstance(event, MappingStartEvent) else []
            path = self.add(container, event)
            if len(self.stack) >= MAX_DEPTH:
                self.problem(
                    "SMS101", event.start_mark, f"nesting is deeper than {MAX_DEPTH} levels"
                )
                raise Abort
            self.stack.append(_Frame(container, path))
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            self.stack.pop()
        elif isinstance(event, AliasEvent):
            self.problem(
                "SMS103",
                event.start_mark,
                f"alias *{event.anchor} is not allowed: write the value out in full",
            )
            self.add(None, event)
        elif isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problem(
                    "SMS101",
                    event.start_mark,
                    "the file holds more than one YAML document (a second '---'); "
                    "an artifact is exactly one document",
                )
                raise Abort

    def add(self, value: Any, event: Any) -> Path:
        """Place a finished scalar or a new container into its parent; return its path."""
        if not self.stack:
            self.root = value
            self.positions[()] = self.where(event.start_mark)
            return ()
        frame = self.stack[-1]
        parent = frame.container
        if type(parent) is list:
            path = (*frame.path, len(parent))
            parent.append(value)
            mark = event.start_mark
            self.positions[path] = (mark.line + 1 + self.offset, mark.column + 1)
            return path
        if frame.has_key:
            parent[frame.key] = value  # type: ignore[index]
            frame.has_key = False
            # Only a container needs its path (for its children); a scalar's is not used.
            return (*frame.path, frame.key) if type(value) in (dict, list) else ()
        frame.key = self.key(value, event)
        frame.has_key = True
        return frame.path  # a key is not a place in the data

    def key(self, value: Any, event: Any) -> str:
        """Check a mapping key; record its position. Keys are always strings in our data."""
        frame = self.stack[-1]
        if not isinstance(event, ScalarEvent):
            self.problem(
                "SMS101", event.start_mark, "a key must be plain text, not a list or mapping"
            )
            raise Abort
        if not isinstance(value, str):
            # `on: push` loads as {True: 'push'}; say so rather than silently renaming the key.
            self.problem(
                "SMS106",
                event.start_mark,
                f"key '{event.value}' is read as {_describe(value)}, not text: put it in quotes",
            )
            value = event.value
        path = (*frame.path, value)
        if value in frame.container:
            first_line = self.positions[path][0]
            self.problem(
                "SMS102",
                event.start_mark,
                f"duplicate key '{value}' (first at line {first_line}); YAML keeps only the last",
            )
        mark = event.start_mark
        self.positions[path] = (mark.line + 1 + self.offset, mark.column + 1)
        return value

    def scalar(self, event: ScalarEvent) -> Any:
        tag = event.tag
        if tag is None:
            if not event.implicit[0]:  # quoted: always a string
                return event.value
            tag = _RESOLVED.get(event.value)
            if tag is None:
                tag = self.loader.resolve(ScalarNode, event.value, (True, False))
                if len(_RESOLVED) > 50_000:
                    _RESOLVED.clear()
                _RESOLVED[event.value] = tag
        elif tag == "!":
            return event.value
        if tag == _STR_TAG:
            return event.value
        if tag == _TIMESTAMP_TAG and _is_plain_date(event.value):
            return event.value  # already what isoformat() would give
        if tag not in _SCALAR_TAGS:
            self.problem(
                "SMS104", event.start_mark, f"tag {_tag_name(tag)} is not allowed in an artifact"
            )
            return None
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            value = self.loader.yaml_constructors[tag](self.loader, node)
        except (ValueError, yaml.constructor.ConstructorError):
            self.problem("SMS105", event.start_mark, _bad_scalar(tag, event.value))
            return event.value
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def check_collection_tag(self, event: Any) -> None:
        if event.tag not in _COLLECTION_TAGS:
            self.problem(
                "SMS104",
                event.start_mark,
                f"tag {_tag_name(event.tag)} is not allowed in an artifact",
            )


def _is_plain_date(text: str) -> bool:
    """``YYYY-MM-DD`` naming a real day: most dates in artifacts, read without building a node."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _bad_scalar(tag: str, text: str) -> str:
    if tag == _TAG + "timestamp":
        return f"'{text}' is not a valid calendar date (write YYYY-MM-DD with a real day)"
    return f"'{text}' is not a valid {tag.removeprefix(_TAG)}"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "null"
    return f"the number {value}"
