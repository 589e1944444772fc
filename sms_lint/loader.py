"""Turn the text of one YAML document into plain data with a line and column for every key.

Why not ``yaml.safe_load``: it forgets where things are, silently keeps the last of two
duplicate keys, expands aliases (an alias bomb is cheap to load but exponential to walk), raises
a bare ``ValueError`` for ``2026-02-30`` and, in libyaml's composer, recurses until it crashes on
deeply nested input. So we read the parser's *event* stream (iterative, in C when libyaml is
present) and build the data ourselves with an explicit stack. Every problem becomes a
:class:`Problem` with a position instead of an exception.

The result is JSON-compatible: mappings, lists, str, int, float, bool, None. Timestamps become
ISO strings (``date`` or ``datetime`` ``isoformat()``), which is what the JSON Schemas check.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
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

# The C parser is several times faster; fall back to the pure-Python one where libyaml is absent.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Artifacts are a few levels deep; anything far deeper is hostile or broken.
MAX_DEPTH = 100

_TAG = "tag:yaml.org,2002:"
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


@dataclass
class Loaded:
    """The data of one document, where each part of it stands, and what went wrong.

    ``positions`` maps a path to (line, column), both 1-based: for a mapping entry the position
    of its key, for a list item the item's start, for ``()`` the start of the document's top
    node. ``data`` is ``None`` when the text could not be read as one mapping.
    """

    data: dict[str, Any] | None
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _Abort(Exception):
    """Stop building: the problem has been recorded and the rest of the text is not usable."""


@dataclass(slots=True)
class _Frame:
    container: dict | list
    path: Path
    key: Any = None  # the pending key of a mapping, waiting for its value
    has_key: bool = False


class _Builder:
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
        get_event, add, scalar, handle = self.loader.get_event, self.add, self.scalar, self.handle
        while True:
            event = get_event()
            if type(event) is ScalarEvent:  # the hot path: most events are scalars
                add(scalar(event), event)
            elif event is None or isinstance(event, StreamEndEvent):
                return self.root
            else:
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
                raise _Abort
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
                raise _Abort

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
            raise _Abort
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
        if tag == _TAG + "str":
            return event.value
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


def _reader_problem(error: yaml.reader.ReaderError, text: str, line_offset: int) -> Problem:
    line = text.count("\n", 0, max(error.position, 0)) + 1 + line_offset
    code = error.character if isinstance(error.character, int) else 0
    message = f"the text holds a character YAML does not allow (#x{code:04x})"
    return Problem("SMS100", line, 1, message)


def _syntax_problem(error: yaml.MarkedYAMLError, builder: _Builder) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = builder.where(mark) if mark else (1 + builder.offset, 1)
    message = f"YAML syntax error: {error.problem or 'invalid YAML'}"
    if error.context and error.context_mark:
        message += f" ({error.context} started at line {builder.where(error.context_mark)[0]})"
    return Problem("SMS101", line, column, message)


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


def load_yaml(text: str, line_offset: int = 0) -> Loaded:
    """Build one document's data from YAML ``text``; ``line_offset`` shifts reported lines
    (front matter starts below the opening ``---``)."""
    try:
        loader = _Loader(text)  # the pure-Python reader checks every character right here
    except yaml.reader.ReaderError as error:
        return Loaded(None, {}, [_reader_problem(error, text, line_offset)])
    builder = _Builder(loader, line_offset)
    try:
        root = builder.run()
    except _Abort:
        return Loaded(None, builder.positions, builder.problems)
    except yaml.MarkedYAMLError as error:
        builder.problems.append(_syntax_problem(error, builder))
        return Loaded(None, builder.positions, builder.problems)
    except yaml.reader.ReaderError as error:  # a control character; has an offset, not a mark
        builder.problems.append(_reader_problem(error, text, line_offset))
        return Loaded(None, builder.positions, builder.problems)
    except yaml.YAMLError as error:  # any other parser complaint without a position
        builder.problems.append(Problem("SMS101", 1 + line_offset, 1, f"unreadable YAML: {error}"))
        return Loaded(None, builder.positions, builder.problems)
    finally:
        loader.dispose()
    if builder.documents == 0:
        builder.problems.append(Problem("SMS101", 1 + line_offset, 1, "the document is empty"))
        return Loaded(None, builder.positions, builder.problems)
    if not isinstance(root, dict):
        line, column = builder.positions.get((), (1 + line_offset, 1))
        builder.problems.append(
            Problem(
                "SMS101",
                line,
                column,
                f"the top level must be a mapping of fields (key: value), not {_kind_of(root)}",
            )
        )
        return Loaded(None, builder.positions, builder.problems)
    return Loaded(root, builder.positions, builder.problems)


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    return f"a single value ({type(value).__name__})"
