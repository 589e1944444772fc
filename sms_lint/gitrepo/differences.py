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
  which a reader never sees) left aside, and a run of blank lines counted as one. A comment
  inside a fenced code block or an inline code span is shown to the reader: it is content.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, ScalarNode

from sms_lint.parse.documents import (
    MARKDOWN_SUFFIXES,
    Document,
    decode,
    markdown_body,
    parse_document,
    split_front_matter,
)

BODY = "(body)"  # stands for the Markdown text below the front matter among the field names

_ABSENT = object()


class Differences(NamedTuple):
    """``fields``: the top-level fields that differ, and :data:`BODY` when the body does;
    ``versions``: ``version`` at the base and now, as written (quotes aside), None where it
    is missing or not a single value."""

    fields: frozenset[str]
    versions: tuple[str | None, str | None]


def differences(path: str, base: Document, base_raw: bytes, now_raw: bytes) -> Differences:
    """What differs between ``base`` (parsed from ``base_raw``) and ``now_raw`` (the file now
    at ``path``, which decides YAML or Markdown)."""
    now = parse_document(path, now_raw)
    old_text, new_text = written(path, base_raw), written(path, now_raw)
    changed = {
        key
        for key in _fields(_mapping(base), _mapping(now))
        if key not in old_text or old_text.get(key) != new_text.get(key)
    }
    if path.lower().endswith(MARKDOWN_SUFFIXES) and _body(base_raw) != _body(now_raw):
        changed.add(BODY)
    return Differences(frozenset(changed), (old_text.get("version"), new_text.get("version")))


def _mapping(document: Document) -> dict[str, Any]:
    data = document.data
    return data if isinstance(data, dict) else {}


def _fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    keys = list(new) + [key for key in old if key not in new]
    return [key for key in keys if old.get(key, _ABSENT) != new.get(key, _ABSENT)]


def written(path: str, raw: bytes) -> dict[str, str]:
    """Top-level field -> its text as written (quotes and escapes resolved), for the fields
    whose value is a single value; empty when the data cannot be read."""
    text, _ = decode(raw)
    if text is not None and path.lower().endswith(MARKDOWN_SUFFIXES):
        text = split_front_matter(text)[0]
    if text is None:
        return {}
    try:  # composing builds no values: nothing is constructed, no tag is run
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(root, MappingNode):
        return {}
    return {
        str(key.value): str(value.value)
        for key, value in root.value
        if isinstance(key, ScalarNode) and isinstance(value, ScalarNode)
    }


# An inline code span (kept: the reader sees it) or an HTML comment (dropped: hidden).
_SPAN_OR_COMMENT = re.compile(r"(`+)[\s\S]*?(?<!`)\1(?!`)|<!--[\s\S]*?-->")
# The line that opens or closes a fenced code block: three or more backticks or tildes.
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def _body(raw: bytes) -> tuple[str, ...] | None:
    """The body's lines as compared (see the module's description); None when the text
    cannot be decoded or has no front matter."""
    text, _ = decode(raw)
    lines = None if text is None else markdown_body(text)
    if lines is None:
        return None
    compared: list[str] = []
    for block, is_code in _blocks([line.rstrip() for line in lines]):
        compared.extend(block if is_code else _without_comments(block))
    while compared and not compared[0]:
        compared.pop(0)
    while compared and not compared[-1]:
        compared.pop()
    return tuple(compared)


def _blocks(lines: list[str]) -> list[tuple[list[str], bool]]:
    """The lines cut into runs of text and fenced code blocks (fences included), in order."""
    blocks: list[tuple[list[str], bool]] = [([], False)]
    fence: str | None = None
    for line in lines:
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            blocks.append(([line], True))
            continue
        blocks[-1][0].append(line)
        closing = line.strip()
        if fence is not None and closing.startswith(fence) and not closing.strip(fence[0]):
            fence = None  # closed by a fence of the same character, at least as long
            blocks.append(([], False))
    return blocks


def _without_comments(lines: list[str]) -> list[str]:
    """Text lines with the HTML comments taken out; a line left empty by that is dropped,
    and a run of blank lines becomes one (Markdown renders both the same)."""
    text = "\n".join(lines)
    kept = _SPAN_OR_COMMENT.sub(lambda m: m.group(0) if m.group(1) else "\0", text)
    out: list[str] = []
    for line in kept.split("\n"):
        if "\0" in line and not line.replace("\0", "").strip():
            continue  # only a comment was on this line
        line = line.replace("\0", "").rstrip()
        if line or (out and out[-1]):
            out.append(line)
    return out
