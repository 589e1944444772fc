"""The schema rule's findings for one document (SMS001) and the version-as-number check
(SMS106), worded and placed for the user: missing fields of one item are one finding, each
under the clause of what is wrong, each saying which data paths it is about (for folding,
see :mod:`sms_lint.pipeline.folding`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from sms_lint.finding import Finding
from sms_lint.parse.documents import Document
from sms_lint.schema.missing_fields import merge_missing, misspelt_required
from sms_lint.schema.prune import value_at
from sms_lint.schema.violations import Violation, explain, impossible_date

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

    from sms_lint.config.rulebook import RuleBook
    from sms_lint.schema.placeholder_values import PlaceholderValues


def without_date_twins(
    out: list[Finding | None], schema: list[Finding | None], data: dict
) -> list[Finding | None]:
    """The loader's SMS105 (a date that is not in the calendar) drops out where the schema's
    finding on the same line is about that date, naming the field: one defect, one finding."""
    lines = {
        f.line
        for f in schema
        if f is not None and f.written and any(impossible_date(value_at(data, p)) for p in f.about)
    }
    if not lines:
        return out
    return [f for f in out if f is None or f.rule != "SMS105" or f.line not in lines]


def number_version(
    doc: Document, version: float, artifact_id: str | None, source: bytes | None, book: RuleBook
) -> Finding | None:
    """SMS106 quoting the version as the file writes it (``1.20``, which YAML reads as 1.2)."""
    line, column = doc.position(("version",))
    written = _written_number(source, line) or repr(version)
    return book.finding(
        "SMS106",
        doc.path,
        (line, column),
        f"version {written} is read as the number {version!r} (so 1.10 would become 1.1): "
        f'put it in quotes: version: "{written}"',
        clause=DOCUMENT_CONTROL,
        artifact=artifact_id,
    )


@cache
def _version_number() -> re.Pattern[str]:
    return re.compile(r"\bversion\s*:\s*([0-9][0-9._eE+-]*)")  # at first use: a wrong version


def _written_number(source: bytes | None, line: int) -> str | None:
    if source is None or line < 1:
        return None
    lines = source.split(b"\n", line)
    if len(lines) < line:
        return None
    match = _version_number().search(lines[line - 1].decode("utf-8", "replace"))
    return match.group(1) if match else None


def schema_findings(
    doc: Document,
    kind: str,
    errors: list[ValidationError],
    artifact_id: str | None,
    book: RuleBook,
    header_fields: frozenset[str],
    home: str,
    placeholders: PlaceholderValues | None = None,
) -> Iterator[Finding | None]:
    """One SMS001 finding per defect, at the offending field; the missing fields of one item
    are one finding naming them all. A value that is still a placeholder is left to
    ``placeholders`` (SMS027's finding, not also the schema's). ``home`` is the clause of the
    artifact's kind (or typed value) that its own fields' findings carry."""
    found = [v for error in errors for v in explain(error, header_fields, root=doc.data)]
    for violation in merge_missing(misspelt_required(found, doc.data), doc.data):
        if placeholders is not None and placeholders.take(violation):
            continue
        yield book.finding(
            "SMS001",
            doc.path,
            doc.position(violation.path),
            violation.message,
            clause=schema_clause(violation, header_fields, home),
            artifact=artifact_id,
            about=violation.about,
            written=violation.written,
        )


# Document control (identification, description, review and approval): the clause of the
# header's fields and of anything the file writes at its top that the schema does not know.
DOCUMENT_CONTROL = "7.5.2"


def schema_clause(violation: Violation, header_fields: frozenset[str], home: str) -> str:
    """The clause of what is wrong: document control for header fields, unknown top-level
    fields and the artifact as a whole; the kind's clause for its own fields."""
    if violation.field in header_fields or not violation.field:
        return DOCUMENT_CONTROL
    if violation.reason == "unknown" and len(violation.path) == 1:
        return DOCUMENT_CONTROL
    return home
