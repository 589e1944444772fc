"""Text still to be written (7.5.2): placeholders, and documents with nothing in them.

What counts as a placeholder, and how a Markdown body is summarised, is
:mod:`sms_lint.parse.placeholders`; the body's summary is made while the file is parsed, so
these checks read a few numbers per document, never its text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.config.pack import Rule
from sms_lint.facts import is_record
from sms_lint.model import Artifact
from sms_lint.parse.markup import has_content
from sms_lint.parse.placeholders import Placeholder
from sms_lint.schema.placeholder_words import line_words

# Grades the pack names (policies/iso20000-1-2018.yaml, SMS027 and SMS028).
DRAFT = "draft"
RECORD = "record"
CORE = "core"
# Kinds whose empty text leaves a required element absent in substance.
CORE_KINDS = frozenset({"scope", "policy", "process"})


def placeholder(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One hit per line of a Markdown body holding placeholders, at the first of them, quoting
    each distinct one (a line is one gap to fill, however many markers it holds). Those of the
    front matter are found in the per-file stage, where the values the schema rejects (a
    placeholder where a date is due) and the file's lines are at hand
    (:mod:`sms_lint.schema.placeholder_values`)."""
    for artifact in ctx.artifacts:
        if artifact.status == "retired":
            continue  # history: nobody works from it, nothing is left to write
        grade = None if artifact.approved else DRAFT
        body = artifact.doc.body
        for first, texts in _by_line(body.placeholders if body is not None else ()):
            yield Hit(
                f"line {first.line} of the text still holds {line_words(texts)}",
                artifact,
                grade=grade,
                position=(first.line, first.column),
            )


def _by_line(found: Iterable[Placeholder]) -> Iterator[tuple[Placeholder, list[str]]]:
    """The first placeholder of each line, with the distinct texts of the line in order."""
    lines: dict[int, tuple[Placeholder, list[str]]] = {}
    for place in found:
        _, texts = lines.setdefault(place.line, (place, []))
        if place.text not in texts:
            texts.append(place.text)
    yield from lines.values()


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
    # A description or step of only "-" or "..." says nothing of how the process runs.
    description = artifact.text("description")
    if description is not None and has_content(description):
        return True
    return any(has_content(step) for _, step in artifact.strings("activities"))


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
