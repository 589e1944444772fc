"""Placeholders in the front matter (SMS027), found in the per-file stage.

They are found here, not by a rule reading the artifact, for two reasons:

- a placeholder where the schema wants a date, a number or a clause (``contract_end: TBD``,
  ``last_reviewed: <date>``) is rejected by the schema and pruned before any rule sees it.
  It is one defect, the placeholder's: one SMS027 finding at the value, naming the field and
  what the schema requires, instead of the schema's SMS001 (which would call it a mistyped
  value) and the "missing" of the rule that reads the pruned field;
- a placeholder inside a literal block (``notes: |``) is reported at its own line, which only
  the file's text gives: a literal block keeps every line as written, so the value's n-th line
  is the n-th line after the block's ``|``. A folded block (``>``) joins its lines with spaces
  and drops blank lines, so a line of the value is not a line of the file: its placeholder is
  reported at the value's first line, as any other value's.

The Markdown text's placeholders are summarised while the file is parsed
(:mod:`sms_lint.parse.placeholders`) and reported by the rule's check.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from sms_lint.finding import Finding
from sms_lint.parse.placeholders import find, marker_pattern, places_in_data
from sms_lint.schema.prune import value_at

if TYPE_CHECKING:
    from sms_lint.config.rulebook import RuleBook
    from sms_lint.parse.documents import Document
    from sms_lint.schema.violations import Violation

RULE = "SMS027"
DRAFT = "draft"  # the rule's grade for an artifact that is not approved


class PlaceholderValues:
    """The placeholders of one artifact's front matter, as SMS027 reports them."""

    def __init__(self, raw: dict[str, Any], book: RuleBook, extra: tuple[str, ...]) -> None:
        self.raw = raw
        self.book = book
        self.pattern = marker_pattern(extra)
        self.rejected: dict[tuple, str] = {}  # path -> what the schema requires of the value

    @classmethod
    def of(
        cls, raw: dict[str, Any], book: RuleBook, extra: tuple[str, ...]
    ) -> PlaceholderValues | None:
        """None when SMS027 reports nothing here: switched off, or a retired artifact
        (history: nobody works from it, nothing is left to write)."""
        if RULE in book.disabled or raw.get("status") == "retired":
            return None
        return cls(raw, book, extra)

    def take(self, violation: Violation) -> bool:
        """Whether the schema's violation is about a value that is still a placeholder: then
        it is this rule's finding (kept here), not the schema's."""
        value = value_at(self.raw, violation.path)
        if violation.reason != "value" or not isinstance(value, str):
            return False
        if not any(find(value, self.pattern)):
            return False
        required = _required().search(violation.message)
        self.rejected.setdefault(violation.path, required.group(1) if required else "")
        return True

    def findings(self, doc: Document, artifact_id: str | None, source: bytes | None) -> list:
        """One finding per value holding a placeholder: those the rules see (``doc`` is the
        pruned document) and those the schema rejected (:meth:`take`)."""
        places = {
            path: (offset, text) for path, offset, text in places_in_data(doc.data, self.pattern)
        }
        for path in self.rejected:
            for offset, text in find(value_at(self.raw, path), self.pattern):
                places.setdefault(path, (offset, text))
                break
        if not places:
            return []
        # Only a value that is still a placeholder pays for the wording of its finding.
        from sms_lint.schema.placeholder_words import field_message

        grade = None if self.raw.get("status") == "approved" else DRAFT
        lines = _Lines(source)
        out: list[Finding | None] = []
        for path, (offset, text) in places.items():
            message = field_message(self.raw, path, text, self.pattern, self.rejected.get(path, ""))
            where = lines.in_literal_block(doc, path, value_at(self.raw, path), offset)
            out.append(
                self.book.finding(
                    RULE,
                    doc.path,
                    where or doc.position(path),
                    message,
                    artifact=artifact_id,
                    grade=grade,
                    about=(path,),
                    written=True,
                )
            )
        return [f for f in out if f is not None]


# The two patterns below are compiled at first use: only a placeholder in a value needs them.


@cache
def _required() -> re.Pattern[str]:
    """What the schema's message says the value must be: "contract_end must be a date
    written YYYY-MM-DD (got "TBD")" -> "must be a date written YYYY-MM-DD"."""
    return re.compile(r" (must be [^;]*?)(?: \(got |;|$)")


@cache
def _literal_header() -> re.Pattern[str]:
    """The line of a literal block's header: a key's ``key: |`` or an item's ``- |``, with
    the block's chomping and indentation indicators, a tag or anchor, and a comment."""
    return re.compile(r"(?:^|[:\-])[ \t]+(?:[!&][^ \t]*[ \t]+)*\|[1-9+-]{0,2}[ \t]*(?:#.*)?$")


class _Lines:
    """The file's lines, split only when a value in a literal block holds a placeholder."""

    def __init__(self, source: bytes | None) -> None:
        self.source = source
        self.lines: list[str] | None = None

    def in_literal_block(
        self, doc: Document, path: tuple, value: Any, offset: int
    ) -> tuple[int, int] | None:
        """The placeholder's own line and column when its value is a literal block; None
        otherwise (or when the file's text does not bear it out)."""
        header = doc.positions.get(path)
        if self.source is None or header is None or not isinstance(value, str):
            return None
        if "\n" not in value:
            return None
        if self.lines is None:
            self.lines = self.source.decode("utf-8-sig", "replace").split("\n")
        lines = self.lines
        if not 0 < header[0] <= len(lines) or not _literal_header().search(
            lines[header[0] - 1].rstrip("\r")
        ):
            return None
        index = value.count("\n", 0, offset)
        start = value.rfind("\n", 0, offset) + 1
        written = value[start:].split("\n", 1)[0]
        number = header[0] + 1 + index
        if number > len(lines):
            return None
        line = lines[number - 1].rstrip("\r")
        if not line.endswith(written):
            return None
        return number, len(line) - len(written) + offset - start + 1
