"""Text still to be written (7.5.2): placeholders, and documents with nothing in them.

What counts as a placeholder, and how a Markdown body is summarised, is
:mod:`sms_lint.parse.placeholders`; the body's summary is made while the file is parsed, so
these checks read a few numbers per document, never its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.facts import is_record
from sms_lint.model import Artifact
from sms_lint.pack import Rule
from sms_lint.parse.placeholders import find, in_data, marker_pattern
from sms_lint.schema.prune import value_at
from sms_lint.words import ordinal

# Grades the pack names (policies/iso20000-1-2018.yaml, SMS027 and SMS028).
DRAFT = "draft"
RECORD = "record"
CORE = "core"
# Kinds whose empty text leaves a required element absent in substance.
CORE_KINDS = frozenset({"scope", "policy", "process"})


def placeholder(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One hit per placeholder, in the front matter (at its value, so the schema's finding on
    that value folds in) and in a Markdown body (at its line and column)."""
    pattern = marker_pattern(ctx.config.placeholders)
    for artifact in ctx.artifacts:
        if artifact.status == "retired":
            continue  # history: nobody works from it, nothing is left to write
        grade = None if artifact.approved else DRAFT
        for path, text in in_data(artifact.data, pattern):
            message = _field_message(artifact, path, text, pattern)
            yield Hit(message, artifact, at=path, about=(path,), grade=grade)
        body = artifact.doc.body
        for found in body.placeholders if body is not None else ():
            yield Hit(
                f"line {found.line} of the text still holds the placeholder '{found.text}': "
                f"{_write(found.text)}, or remove it",
                artifact,
                grade=grade,
                position=(found.line, found.column),
            )


def _write(text: str) -> str:
    # A ``<...>`` marker says what it asks for; a phrase (TBD, TODO) only marks the gap.
    return "write what it asks for" if text.startswith("<") else "write the text it stands for"


def _field_message(artifact: Artifact, path: tuple, text: str, pattern: re.Pattern[str]) -> str:
    field = _field_words(artifact.data, path, pattern)
    what = _WHAT.get(str(path[-1]) if path else "")
    value = value_at(artifact.data, path)
    if isinstance(value, str) and pattern.fullmatch(value.strip()):
        return f"{field}: '{text}' is a placeholder: {f'write {what}' if what else _write(text)}"
    return (
        f"{field} still holds the placeholder '{text}': "
        f"{f'write {what} in its place' if what else _write(text)}"
    )


# What to write instead of a placeholder, by the field that holds it.
_WHAT = {
    "holder": "the holder's name",
    "deputy": "the deputy's name",
    "owner": "the id of the owning role",
    "approved_by": "the id of the approving role",
    "auditor": "the id of the auditor's role",
    "title": "the title",
    "name": "the name",
    "supplier_name": "the supplier's name",
    "contract_ref": "the contract reference",
    "customer": "the customer",
    "description": "the description",
    "statement": "the statement",
}


def _field_words(data: dict[str, Any], path: tuple, pattern: re.Pattern[str]) -> str:
    """The field as the user wrote it: ``holder of role 'managing-director'``, ``the 1st entry
    in locations``, ``title``; items by their id, metric or name, else a 1-based ordinal."""
    names: list[str] = []
    node: Any = data
    index = 0
    while index < len(path):
        key = path[index]
        value = node.get(key) if isinstance(node, dict) else None
        if index + 1 < len(path) and isinstance(path[index + 1], int):
            position = path[index + 1]
            entry = value[position] if isinstance(value, list) else None
            names.append(_item_words(str(key), entry, position, path[index + 2 :], pattern))
            node, index = entry, index + 2
        else:
            names.append(str(key))
            node, index = value, index + 1
    return " of ".join(reversed(names))


def _item_words(key: str, entry: Any, position: int, rest: tuple, pattern: re.Pattern[str]) -> str:
    if isinstance(entry, dict):
        for name in ("id", "metric", "name"):
            label = entry.get(name)
            # Not by the placeholder itself: "name of interested party '<Your customers>'".
            usable = isinstance(label, str) and label.strip() and not any(find(label, pattern))
            if rest[:1] != (name,) and usable:
                return f"{_singular(key)} '{label.strip()}'"
    return f"the {ordinal(position + 1)} entry in {key}"


def _singular(key: str) -> str:
    word = key.replace("_", " ")
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


def empty_document(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """A Markdown document whose text holds nothing beyond headings, at its front matter's
    closing fence (where the text should begin, whether or not a heading follows); a process
    written in YAML with neither activities nor a description, at its ``process`` field.
    Kinds whose front matter is the document (the rule's ``data_kinds``) are not examined."""
    listed = rule.params.get("data_kinds", ())
    data_kinds = (
        frozenset(k for k in listed if isinstance(k, str))
        if isinstance(listed, list)
        else frozenset()
    )
    for artifact in ctx.artifacts:
        if artifact.status == "retired" or artifact.kind in data_kinds:
            continue
        body = artifact.doc.body
        described = artifact.kind == "process" and _describes_how(artifact)
        if body is None:
            if artifact.kind == "process" and not described:
                yield Hit(
                    f"process {_named(artifact)} says nothing of how it runs: add its "
                    "activities (the steps, in order) or a description, or write it as a "
                    "Markdown document with the text",
                    artifact,
                    at=("process",),
                    about=(("activities",), ("description",)),
                    grade=_empty_grade(artifact),
                )
            continue
        if body.content_lines or described:
            continue
        yield Hit(
            f"{_named(artifact)} has no text beyond headings after its front matter: "
            f"{_EMPTY_FIX.get(artifact.kind, _DEFAULT_FIX)}",
            artifact,
            grade=_empty_grade(artifact),
            position=(max(body.fence_line, 1), 1),
        )


def _describes_how(artifact: Artifact) -> bool:
    return artifact.text("description") is not None or bool(artifact.strings("activities"))


def _empty_grade(artifact: Artifact) -> str | None:
    if not artifact.approved:
        return DRAFT
    if is_record(artifact):
        return RECORD
    return CORE if artifact.kind in CORE_KINDS else None


def _named(artifact: Artifact) -> str:
    return f"'{artifact.id}'" if artifact.id else artifact.path


# What an empty document should say, by kind.
_DEFAULT_FIX = "write what the document says, or retire it if it is no longer needed"
_EMPTY_FIX = {
    "scope": "write the scope statement (the services, locations and organizational units "
    "in scope, and any exclusions)",
    "policy": "write the policy (its purpose, direction and commitments)",
    "process": "write how the process runs (its activities, roles, inputs and outputs), or "
    "list its activities in the front matter",
    "procedure": "write the procedure (who does what, when, and the records kept)",
    "audit": "write what was audited, the evidence sampled and the conclusion, unless the "
    "front matter already says all an auditor needs",
    "management-review": "write the minutes (what was discussed and decided for each input), "
    "unless the front matter already says all an auditor needs",
}
