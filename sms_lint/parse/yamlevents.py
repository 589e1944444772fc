"""Build plain data, with a position for every key and item, from a YAML parser's events.

The engine of :mod:`sms_lint.parse.loader`: an explicit stack instead of recursion (deep nesting
cannot crash it), aliases and foreign tags refused, duplicate keys and impossible dates
reported, every problem a :class:`Problem` at its line and column. Timestamps become ISO
strings, so the result is JSON-compatible.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache
from sys import intern
from typing import Any

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

from sms_lint.parse.basics import Problem
from sms_lint.parse.textlines import TextLines
from sms_lint.parse.yamlscalars import (
    MERGE_TAG,
    RESOLVED,
    STR_TAG,
    TEXT_WHEN_PLAIN,
    TIMESTAMP_TAG,
    VALUE_TAG,
    collection_refusal,
    construct,
    shorten,
    tag_of,
)
from sms_lint.parse.yamlsource import quoted

# Artifacts are a few levels deep; anything far deeper is hostile or broken.
MAX_DEPTH = 100
DEPTH_MESSAGE = (
    f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; an artifact needs "
    "only a few levels: flatten the structure (or close the brackets opened by mistake)"
)

# Keys and short values (dates, statuses, owners, kinds) are interned: a large repository
# repeats them in every file, and marshal keeps them shared when documents travel from the
# workers or the cache (one copy each instead of one per file: a third of the data's memory).
SHARED_AT_MOST = 40

Path = tuple  # a path into the data: keys (str) and list indices (int)


class Abort(Exception):
    """Stop building: the problem has been recorded and the rest of the text is not usable."""


@dataclass(slots=True)
class _Frame:
    container: dict | list
    path: Path
    key: Any = None  # the pending key of a mapping, waiting for its value
    has_key: bool = False


class EventBuilder:
    """Consumes parser events and builds data plus positions. One per document.

    ``lines`` maps a character index to the line and column an editor shows; without it the
    parser's own line count is used, which is the same unless the text holds a line break
    only YAML counts (a lone CR, NEL, LS or PS).
    """

    def __init__(
        self, loader: Any, line_offset: int, lines: TextLines | None = None, text: str = ""
    ) -> None:
        self.loader = loader
        self.text = text
        self.offset = line_offset
        self.lines = lines
        self.positions: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def where(self, mark: Any) -> tuple[int, int]:
        if self.lines is None:
            return mark.line + 1 + self.offset, mark.column + 1
        line, column = self.lines.at(mark.index)
        return line + self.offset, column

    def problem(self, code: str, mark: Any, message: str) -> None:
        line, column = self.where(mark)
        self.problems.append(Problem(code, line, column, message))

    def run(self) -> Any:
        """Consume every event. Plain text inside a mapping or list is most of any artifact,
        so it is placed right here (as :meth:`add` would); every other event goes through
        :meth:`handle`. Text whose lines need mapping takes the long way throughout."""
        get_event, handle, stack, positions = (
            self.loader.get_event,
            self.handle,
            self.stack,
            self.positions,
        )
        resolved, line_base, fast = RESOLVED, self.offset + 1, self.lines is None
        while True:
            event = get_event()
            if fast and type(event) is ScalarEvent and stack and event.tag is None:
                text = event.value
                if len(text) <= SHARED_AT_MOST:
                    text = intern(text)
                if not event.implicit[0] or resolved.get(text) == STR_TAG:
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
            if len(event.value) <= SHARED_AT_MOST:
                event.value = intern(event.value)
            frame = self.stack[-1] if self.stack else None
            if frame is not None and type(frame.container) is dict and not frame.has_key:
                frame.key = self.key(event)
                frame.has_key = True
            else:
                self.add(self.scalar(event), event)
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            self.open_collection(event)
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
                    "a second '---' starts another YAML document, but an artifact is exactly "
                    "one: remove this line, or split the file into one file per document",
                )
                raise Abort

    def open_collection(self, event: Any) -> None:
        """Start a mapping or list. One with a tag it cannot carry (``!!seq {a: 1}``,
        ``!!set``, ``!!python/...``) is still read, to keep the parse going, but is left out
        of the data: its place holds None."""
        is_mapping = isinstance(event, MappingStartEvent)
        container: dict | list = {} if is_mapping else []
        refusal = collection_refusal(event.tag, "map" if is_mapping else "seq")
        path = self.add(container, event)
        if refusal is not None:
            self.problem("SMS104", event.start_mark, refusal)
            self.drop(path)
        if len(self.stack) >= MAX_DEPTH:
            self.problem("SMS101", event.start_mark, DEPTH_MESSAGE)
            raise Abort
        self.stack.append(_Frame(container, path))

    def drop(self, path: Path) -> None:
        if not path:
            self.root = None
        else:
            self.stack[-1].container[path[-1]] = None  # type: ignore[index]

    def add(self, value: Any, event: Any) -> Path:
        """Place a finished value or a new container into its parent; return its path."""
        if not self.stack:
            self.root = value
            self.positions[()] = self.where(event.start_mark)
            return ()
        frame = self.stack[-1]
        parent = frame.container
        if type(parent) is list:
            path = (*frame.path, len(parent))
            parent.append(value)
            self.positions[path] = self.where(event.start_mark)
            return path
        if frame.has_key:
            parent[frame.key] = value  # type: ignore[index]
            frame.has_key = False
            # Only a container needs its path (for its children); a scalar's is not used.
            return (*frame.path, frame.key) if type(value) in (dict, list) else ()
        # An alias, list or mapping where a key should be.
        self.problem(
            "SMS101",
            event.start_mark,
            "a key must be plain text, not a list or mapping: write the key as a word "
            "(in quotes if it holds ':', '[' or '{')",
        )
        raise Abort

    def key(self, event: ScalarEvent) -> str:
        """A mapping key as the text written: keys are always strings in our data. A key YAML
        reads as something else (`on:` is true, `2026-01-01:` a date) is reported, not
        silently renamed; so is one whose tag cannot hold it."""
        text = event.value
        tag = tag_of(event, self.loader.resolve)
        if tag != STR_TAG and not (tag == VALUE_TAG and _is_plain(event)):
            if tag == MERGE_TAG:
                read_as: str | None = "a merge key (YAML would copy another mapping into this one)"
            else:
                value, refusal = construct(tag, event, self.loader)
                if refusal is not None:
                    self.problem(refusal.code, event.start_mark, refusal.message)
                read_as = None if refusal is not None else _describe(value, tag)
            if read_as is not None:
                self.problem(
                    "SMS106",
                    event.start_mark,
                    f"key '{shorten(text)}' is read as {read_as}, not text: put it in quotes",
                )
        frame = self.stack[-1]
        path = (*frame.path, text)
        if text in frame.container:
            first_line = self.positions[path][0]
            self.problem(
                "SMS102",
                event.start_mark,
                f"duplicate key '{shorten(text)}' (first at line {first_line}): YAML silently "
                "keeps only the last value; remove one of them or merge the two",
            )
        self.positions[path] = self.where(event.start_mark)
        return text

    def scalar(self, event: ScalarEvent) -> Any:
        if not event.value and event.tag is None and event.implicit[0]:
            commented = self.commented(event)
            if commented is not None:
                return commented
        tag = tag_of(event, self.loader.resolve)
        if tag == STR_TAG or (tag in TEXT_WHEN_PLAIN and _is_plain(event)):
            return event.value
        if tag == TIMESTAMP_TAG and _is_plain_date(event.value):
            return event.value  # already what isoformat() would give
        value, refusal = construct(tag, event, self.loader)
        if refusal is None:
            return value
        self.problem(refusal.code, event.start_mark, refusal.message)
        return refusal.kept

    def commented(self, event: ScalarEvent) -> str | None:
        """An empty value followed by ``#word`` on its line (``color: #ff0000``): the author
        meant the text, YAML reads a comment. Reported, and the text is kept as written, so
        that other rules speak of what the author wrote rather than of an empty field."""
        index = event.start_mark.index
        match = _commented().match(self.text, index) if self.text else None
        if match is None:
            return None
        value = match.group(2).rstrip()
        line, column = self.where(event.start_mark)
        self.problems.append(
            Problem(
                "SMS101",
                line,
                column + len(match.group(1)),
                f"'{shorten(value)}' is read as a comment, not as the value (a '#' after a "
                f"space starts a comment), so the value is empty: put it in quotes "
                f"({quoted(shorten(value))})",
            )
        )
        return value


@cache
def _commented() -> re.Pattern[str]:
    """An empty value, then on the same line a '#' directly followed by text: `color:
    #ff0000`, `issue: #3` (a comment is conventionally `# text`, with a space). Compiled at
    first use: only a file with an empty value needs it."""
    return re.compile(r"([ \t]+)(#[^\s#][^\n\r]*)")


def _is_plain(event: ScalarEvent) -> bool:
    """Untagged (or with the non-specific ``!``): the type is YAML's guess, not the author's."""
    return event.tag is None or event.tag == "!"


def _is_plain_date(text: str) -> bool:
    """``YYYY-MM-DD`` naming a real day: most dates in artifacts, read without building a node."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _describe(value: Any, tag: str) -> str:
    if tag == TIMESTAMP_TAG:
        return "a date"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "null"
    return f"the number {value}"
