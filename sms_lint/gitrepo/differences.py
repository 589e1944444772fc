"""What differs between the base version of a file and the file now, field by field.

SMS017 must tell a recorded review (only the review dates moved) from a revision (the document
says something else): for that it needs to know *which* parts of a changed file changed, not
only that its bytes differ. Both versions are compared as the user wrote them, never as the
rules see them (the file stage prunes values the schema rejects, which would read as a change):

- the data (a YAML file, or a Markdown file's front matter) top-level field by field, as
  parsed: a field added, removed or given another value differs; quoting, key order,
  indentation and comments are layout, not content;
- a Markdown file's body (the text below the front matter) as text, with line endings,
  trailing spaces and blank lines at its start and end left aside (what an editor or a
  checkout may change on its own).
"""

from __future__ import annotations

from typing import Any

from sms_lint.parse.documents import (
    MARKDOWN_SUFFIXES,
    Document,
    decode,
    markdown_body,
    parse_document,
)

BODY = "(body)"  # stands for the Markdown text below the front matter among the field names

_ABSENT = object()


def differences(path: str, base: Document, base_raw: bytes, now_raw: bytes) -> frozenset[str]:
    """The top-level fields whose values differ between ``base`` (parsed from ``base_raw``)
    and ``now_raw`` (the file now at ``path``, which decides YAML or Markdown), plus
    :data:`BODY` when a Markdown body differs."""
    now = parse_document(path, now_raw)
    changed = set(_fields(_mapping(base), _mapping(now)))
    if path.lower().endswith(MARKDOWN_SUFFIXES) and _body(base_raw) != _body(now_raw):
        changed.add(BODY)
    return frozenset(changed)


def _mapping(document: Document) -> dict[str, Any]:
    data = document.data
    return data if isinstance(data, dict) else {}


def _fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    keys = list(new) + [key for key in old if key not in new]
    return [key for key in keys if old.get(key, _ABSENT) != new.get(key, _ABSENT)]


def _body(raw: bytes) -> tuple[str, ...] | None:
    """The body's lines as compared: right-stripped (which drops a CR too), without blank
    lines at either end; None when the text cannot be decoded or has no front matter."""
    text, _ = decode(raw)
    lines = None if text is None else markdown_body(text)
    if lines is None:
        return None
    stripped = [line.rstrip() for line in lines]
    while stripped and not stripped[0]:
        stripped.pop(0)
    while stripped and not stripped[-1]:
        stripped.pop()
    return tuple(stripped)
