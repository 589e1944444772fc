"""What differs between the base version of a file and the file now, field by field.

SMS017 must tell a recorded review (only the review dates moved) from a revision (the document
says something else): for that it needs to know *which* parts of a changed file changed, not
only that its bytes differ. Both versions are compared as the user wrote them, never as the
rules see them (the file stage prunes values the schema rejects, which would read as a change):

- the data (a YAML file, or a Markdown file's front matter) top-level field by field: a field
  added, removed or given another value differs; quoting, key order, indentation and comments
  are layout, not content. A single value counts as its text as written, quotes aside, so
  quoting ``version: 1.10`` (which YAML reads as 1.1) as ``"1.10"`` is no change;
- a Markdown file's body (the text below the front matter) as text, with line endings,
  trailing spaces, blank lines at its start and end and HTML comments (``<!-- note -->``,
  which a reader never sees) left aside, and a run of blank lines counted as one. What is a
  comment follows :mod:`sms_lint.parse.visible`: one in code (fenced, indented or an inline
  span), or text after its ``-->``, is shown to the reader, and when in doubt text is
  content.

Some fields hold records kept in the document (evidence of operation, not what the document
says): the measured ``results`` of an objective, a KPI or a target (a ``results`` list at any
depth inside a list entry) and the ``review_by`` date of a risk (``risks[].review_by``). A
field whose only differences are there counts as :data:`RECORDS`, not by its name: anything
else in it that differs (a target, a metric's name, a risk's likelihood) is a change of the
field. Values inside a field compare as top-level ones do: equal when equal as written
(quotes aside) or as read.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sms_lint.gitrepo.composed import AliasFound, compose
from sms_lint.parse.documents import MARKDOWN_SUFFIXES, Document
from sms_lint.parse.frontmatter import decode, markdown_body, split_front_matter
from sms_lint.parse.loader import load_yaml
from sms_lint.parse.visible import Kind, shown

BODY = "(body)"  # stands for the Markdown text below the front matter among the field names
RECORDS = "(records)"  # stands for fields that differ only in the records kept in them

# Keys of list entries that hold records: in any field's entries at any depth, or only in the
# entries of one top-level field.
_RECORD_KEYS = frozenset({"results"})
_RECORD_KEYS_OF = {"risks": frozenset({"review_by"})}

_ABSENT = object()


class Differences(NamedTuple):
    """``fields``: the top-level fields that differ, :data:`BODY` when the body does, and
    :data:`RECORDS` for fields that differ only in the records kept in them;
    ``versions``: ``version`` at the base and now, as written (quotes aside), None where it
    is missing or not a single value."""

    fields: frozenset[str]
    versions: tuple[str | None, str | None]


def differences(path: str, base: Document, base_raw: bytes, now_raw: bytes) -> Differences:
    """What differs between ``base`` (parsed from ``base_raw``) and ``now_raw`` (the file now
    at ``path``, which decides YAML or Markdown)."""
    now = _data(path, now_raw)
    old_nodes, new_nodes = _top_nodes(path, base_raw), _top_nodes(path, now_raw)
    changed: set[str] = set()
    for key in _fields(_mapping(base.data), _mapping(now)):
        old, new = old_nodes.get(key), new_nodes.get(key)
        if old is None or new is None:
            changed.add(key)  # added, removed, or not readable as written
        elif not _compared(old, new, frozenset()):
            kept = _RECORD_KEYS | _RECORD_KEYS_OF.get(key, frozenset())
            changed.add(RECORDS if _compared(old, new, kept) else key)
    if path.lower().endswith(MARKDOWN_SUFFIXES) and _bodies_differ(base_raw, now_raw):
        changed.add(BODY)
    versions = tuple(_text(nodes.get("version")) for nodes in (old_nodes, new_nodes))
    return Differences(frozenset(changed), (versions[0], versions[1]))


def _data(path: str, raw: bytes) -> object:
    """``parse_document(path, raw).data``, without what only a check needs of the rest (the
    Markdown body's summary, which costs as much as the data)."""
    text, problem = decode(raw)
    if text is None or problem is not None:
        return None
    if not path.lower().endswith(MARKDOWN_SUFFIXES):
        return load_yaml(text).data
    front, offset, problem = split_front_matter(text)
    if problem is not None or front is None:
        return None
    return load_yaml(front, line_offset=offset).data


def _mapping(data: object) -> dict[str, Any]:
    return data if isinstance(data, dict) else {}


def _fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    keys = list(new) + [key for key in old if key not in new]
    return [key for key in keys if old.get(key, _ABSENT) != new.get(key, _ABSENT)]


def _top_nodes(path: str, raw: bytes) -> dict[str, Node]:
    """Top-level field -> its value as composed (as written: nothing is constructed, no tag
    is run); empty when the data cannot be read or uses aliases (a shared node would make
    comparing exponential: the loader refuses aliases anyway)."""
    text, _ = decode(raw)
    if text is not None and path.lower().endswith(MARKDOWN_SUFFIXES):
        text = split_front_matter(text)[0]
    if text is None:
        return {}
    try:
        root = compose(text)
    except (yaml.YAMLError, AliasFound, RecursionError):
        return {}
    if not isinstance(root, MappingNode):
        return {}
    return {str(key.value): value for key, value in root.value if isinstance(key, ScalarNode)}


def _text(node: Node | None) -> str | None:
    """A single value's text as written (quotes and escapes resolved), else None."""
    return str(node.value) if isinstance(node, ScalarNode) else None


def _compared(old: Node, new: Node, kept: frozenset[str]) -> bool:
    """Whether a top-level field's two values are the same (see :func:`_same`); values
    nested too deeply to compare count as different."""
    try:
        return _same(old, new, kept, False)
    except RecursionError:
        return False


def _same(old: Node, new: Node, kept: frozenset[str], in_entry: bool) -> bool:
    """Whether two values are the same as written or as read, leaving aside the ``kept``
    keys of mappings inside list entries (``in_entry``: this value is in one)."""
    if isinstance(old, ScalarNode) and isinstance(new, ScalarNode):
        return old.value == new.value or _read(old) == _read(new)
    if isinstance(old, SequenceNode) and isinstance(new, SequenceNode):
        return len(old.value) == len(new.value) and all(
            _same(a, b, kept, True) for a, b in zip(old.value, new.value, strict=True)
        )
    if isinstance(old, MappingNode) and isinstance(new, MappingNode):
        left, right = _entries(old, kept, in_entry), _entries(new, kept, in_entry)
        return left.keys() == right.keys() and all(
            _same(value, right[key], kept, in_entry) for key, value in left.items()
        )
    return False


def _entries(node: MappingNode, kept: frozenset[str], in_entry: bool) -> dict[str, Node]:
    """A mapping's keys (as written) -> values, without the kept keys in a list entry; a key
    that is not a single value stands for itself, unique, so such mappings never compare
    equal by key."""
    entries: dict[str, Node] = {}
    for key, value in node.value:
        name = str(key.value) if isinstance(key, ScalarNode) else f"\0{id(key)}"
        if not (in_entry and name in kept):
            entries[name] = value
    return entries


def _read(node: ScalarNode) -> object:
    """A single value as YAML reads it (a date, a number); a value it cannot read, or too
    long to read cheaply, stands for itself, unequal to any other."""
    if len(node.value) > _READ_AT_MOST:
        return object()
    try:  # PyYAML's constructors raise whatever their parsing trips on (see yamlscalars)
        return SafeConstructor().construct_object(node)
    except Exception:
        return object()


_READ_AT_MOST = 200  # characters: numbers and dates are short; long text compares as written


def _bodies_differ(base_raw: bytes, now_raw: bytes) -> bool:
    """Whether the two bodies differ as compared; the same lines (most edits leave the body
    alone) are the same without working out what a reader sees."""
    old, new = _body_lines(base_raw), _body_lines(now_raw)
    if old == new:
        return False
    return _compared_lines(old) != _compared_lines(new)


def _body_lines(raw: bytes) -> list[str] | None:
    """The body's lines; None when the text cannot be decoded or has no front matter."""
    text, _ = decode(raw)
    return None if text is None else markdown_body(text)


def _body(raw: bytes) -> tuple[str, ...] | None:
    """The body's lines as compared (see the module's description); None when the text
    cannot be decoded or has no front matter."""
    return _compared_lines(_body_lines(raw))


def _compared_lines(lines: list[str] | None) -> tuple[str, ...] | None:
    if lines is None:
        return None
    compared: list[str] = []
    for line in shown([line.rstrip() for line in lines]):
        if line.kind is not Kind.TEXT:
            compared.append(line.text)  # code is shown as written
        elif line.hidden and not line.text.strip():
            continue  # only a comment was on this line
        elif line.text.strip() or (compared and compared[-1]):
            compared.append(line.text.rstrip())  # a run of blank lines renders as one
    while compared and not compared[0]:
        compared.pop(0)
    while compared and not compared[-1]:
        compared.pop()
    return tuple(compared)
