"""What counts as evidence: the pack's ``evidence:`` section as data, and how an artifact is
read against it. Shared by the coverage computation (``sms_lint.coverage``), SMS016 and
``facts.evidence_clauses``.

A clause is *documented* when an approved document with content (a policy, plan, process,
procedure...) describes it, and *operating* when a record the pack names for the clause shows it
working within its interval. A record (an audit report, minutes, a nonconformity, measurements)
shows what happened: it never documents how a clause is done. The section holds only data: which
kinds are records, which documents a kind is recognised as by its title or id (the
document-control procedure documents 7.5), and per clause the records expected (their kinds,
conditions, date field and interval).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, NamedTuple

from sms_lint.config.file import Intervals
from sms_lint.model import Artifact, parse_date
from sms_lint.parse.date_readings import month_days


class EvidenceError(ValueError):
    """The ``evidence:`` section is malformed; the message says where (the pack wraps it)."""


# The pack's evidence as immutable NamedTuples, not frozen dataclasses: as immutable, and a
# fifth of the cost to define, which every run pays at start-up.
_NO_VALUES: Mapping[str, str] = MappingProxyType({})


class RecordSource(NamedTuple):
    """One kind of record that shows a clause operating: its ``kind``, the field values it
    must have (``where``) and the field its date is read from (``list[].field`` reads every
    entry of a list and keeps the latest)."""

    kind: str
    where: Mapping[str, str] = _NO_VALUES
    date: str = "date"


class ClauseEvidence(NamedTuple):
    """What the pack expects of one clause beyond being documented."""

    records: str = ""  # what the records are called in reports ("internal audit reports")
    within: str | int = 0  # an `intervals:` key of the config, or months
    sources: tuple[RecordSource, ...] = ()
    reported_by: str = ""  # the rule that reports the missing record (SMS016 gives way to it)
    elsewhere: str = ""  # records expected but kept outside the repository: not judged

    @property
    def expects_records(self) -> bool:
        return bool(self.sources)


class NamedDocument(NamedTuple):
    """A document recognised by what it is called: an artifact of ``kind`` whose title or id
    names one of ``title_words`` (as whole words, any case) documents ``clauses``, as if it
    listed them. ``name`` says what it is in messages ("document-control procedure")."""

    name: str
    kind: str
    clauses: tuple[str, ...]
    title_words: tuple[str, ...]

    def recognises(self, artifact: Artifact) -> bool:
        if artifact.kind != self.kind:
            return False
        said = " ".join(_words(artifact.text(key) or "") for key in ("title", "id"))
        return any(f" {_words(phrase)} " in f" {said} " for phrase in self.title_words)


def _words(text: str) -> str:
    """Lower-case words joined by single spaces: ``PROC-Document_Control`` ->
    ``proc document control``, so a phrase matches whole words in a title or an id."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


class EvidenceRules(NamedTuple):
    record_kinds: frozenset[str] = frozenset()
    named_documents: tuple[NamedDocument, ...] = ()
    clauses: Mapping[str, ClauseEvidence] = MappingProxyType({})

    def for_clause(self, clause: str) -> ClauseEvidence:
        return self.clauses.get(clause, _NOTHING)

    def has_content(self, artifact: Artifact) -> bool:
        """Whether a document has something to say: a YAML artifact is judged by its fields;
        a Markdown document needs a body beyond headings."""
        body = artifact.doc.body
        return body is None or body.content_lines > 0

    def may_document(self, artifact: Artifact) -> bool:
        """Whether the artifact can document a clause at all: a record shows a clause
        operating, it never describes how the clause is done."""
        return artifact.kind not in self.record_kinds

    def named_clauses(self, artifact: Artifact) -> tuple[str, ...]:
        """The clauses the artifact documents by what it is called (``named_documents``)."""
        return tuple(
            c for doc in self.named_documents if doc.recognises(artifact) for c in doc.clauses
        )

    def named_for(self, clause: str) -> tuple[NamedDocument, ...]:
        """The named documents that would document ``clause`` (or a finer one)."""
        return tuple(
            doc
            for doc in self.named_documents
            if any(c == clause or c.startswith(clause + ".") for c in doc.clauses)
        )


def months_of(evidence: ClauseEvidence, intervals: Intervals) -> int:
    """The clause's interval in months: a config ``intervals:`` key or a number."""
    if isinstance(evidence.within, int):
        return evidence.within
    return int(getattr(intervals, evidence.within))


_NOTHING = ClauseEvidence()
_TOP_KEYS = {"record_kinds", "named_documents", "clauses"}
_CLAUSE_KEYS = {"records", "within", "from", "reported_by", "elsewhere"}
_SOURCE_KEYS = {"kind", "where", "date"}
_NAMED_KEYS = {"name", "kind", "clauses", "title_words"}
_INTERVALS = set(Intervals._fields)


def parse_evidence(raw: Any) -> EvidenceRules:
    """The ``evidence:`` section (absent: nothing beyond documents). Raises EvidenceError."""
    if raw is None:
        return EvidenceRules()
    if not isinstance(raw, dict) or set(raw) - _TOP_KEYS:
        raise EvidenceError(f"'evidence' must be a mapping of {sorted(_TOP_KEYS)}")
    kinds = raw.get("record_kinds", [])
    if not _texts(kinds):
        raise EvidenceError("'evidence.record_kinds' must be a list of kinds")
    named = raw.get("named_documents", [])
    if not isinstance(named, list):
        raise EvidenceError("'evidence.named_documents' must be a list")
    clauses = raw.get("clauses", {})
    if not isinstance(clauses, dict):
        raise EvidenceError("'evidence.clauses' must map clause numbers to what they expect")
    return EvidenceRules(
        record_kinds=frozenset(kinds),
        named_documents=tuple(_named(entry) for entry in named),
        clauses=MappingProxyType({str(c): _clause(str(c), v) for c, v in clauses.items()}),
    )


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def _named(value: Any) -> NamedDocument:
    if not isinstance(value, dict) or set(value) != _NAMED_KEYS:
        raise EvidenceError(f"'evidence.named_documents' entries take {sorted(_NAMED_KEYS)}")
    if not all(isinstance(value[k], str) and value[k] for k in ("name", "kind")):
        raise EvidenceError("'evidence.named_documents': name and kind are text")
    if not (_texts(value["clauses"]) and _texts(value["title_words"])):
        raise EvidenceError("'evidence.named_documents': clauses and title_words are lists")
    return NamedDocument(
        value["name"], value["kind"], tuple(value["clauses"]), tuple(value["title_words"])
    )


def _values(value: Any, where: str) -> Mapping[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise EvidenceError(f"'evidence.{where}' must map fields to text values")
    return MappingProxyType(dict(value))


def _clause(clause: str, value: Any) -> ClauseEvidence:
    if not isinstance(value, dict) or set(value) - _CLAUSE_KEYS:
        raise EvidenceError(f"'evidence.clauses.{clause}' takes only {sorted(_CLAUSE_KEYS)}")
    sources = value.get("from", [])
    if not isinstance(sources, list):
        raise EvidenceError(f"'evidence.clauses.{clause}.from' must be a list")
    within = value.get("within", 0)
    if sources and not (within in _INTERVALS or (type(within) is int and within > 0)):
        raise EvidenceError(
            f"'evidence.clauses.{clause}' needs 'within': months, or one of {sorted(_INTERVALS)}"
        )
    texts = {k: value.get(k, "") for k in ("records", "reported_by", "elsewhere")}
    if not all(isinstance(t, str) for t in texts.values()):
        raise EvidenceError(f"'evidence.clauses.{clause}': records, reported_by, elsewhere: text")
    return ClauseEvidence(
        within=within, sources=tuple(_source(clause, s) for s in sources), **texts
    )


def _source(clause: str, value: Any) -> RecordSource:
    if not isinstance(value, dict) or set(value) - _SOURCE_KEYS or not value.get("kind"):
        raise EvidenceError(f"'evidence.clauses.{clause}.from' entries need a kind")
    date = value.get("date", "date")
    if not isinstance(date, str):
        raise EvidenceError(f"'evidence.clauses.{clause}.from' date must name a field")
    where = _values(value.get("where", {}), f"clauses.{clause}.from.where")
    return RecordSource(str(value["kind"]), where, date)


def matches(
    artifact: Artifact, where: Mapping[str, str], measured: Mapping[str, str] | None = None
) -> bool:
    """Whether the artifact's fields have the values ``where`` asks for. For a measurements
    record, ``measures`` lists what sort of item it must measure (``objective kpi``, ``sla``):
    ``measured`` maps a record's path to the sort of the item it names."""
    for name, wanted in where.items():
        if name == "measures" and artifact.kind == "measurements" and measured is not None:
            if measured.get(artifact.path) not in wanted.split():
                return False
        elif artifact.text(name) != wanted:
            return False
    return True


def record_date(
    artifact: Artifact, source: RecordSource, today: datetime.date | None = None
) -> datetime.date | None:
    """The record's date from ``source.date``: a field, or a path through lists
    (``results[].period``, ``kpis[].results[].period``: every entry's, the latest kept). A
    period counts as its last day (``2026-05`` as 31 May, ``2026-Q2`` as 30 June). With
    ``today``, a later date is no result yet (a month not over, a plan) and is passed over."""
    days = (period_end(value) for value in _values_at(artifact.data, source.date.split("[].")))
    kept = [d for d in days if d is not None and (today is None or d <= today)]
    return max(kept, default=None)


def _values_at(data: Any, steps: list[str]) -> list[Any]:
    """The values a path reaches: each step but the last names a list of mappings."""
    if not isinstance(data, dict):
        return []
    value = data.get(steps[0])
    if len(steps) == 1:
        return [value]
    entries = value if isinstance(value, list) else []
    return [found for entry in entries for found in _values_at(entry, steps[1:])]


# Compiled at first use: a result's period is read only by the rules (a kept result needs none).
@cache
def _period() -> re.Pattern[str]:
    return re.compile(r"([0-9]{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))", re.ASCII)


def period_end(value: Any) -> datetime.date | None:
    """The last day of a result's ``period``: a date is itself, ``YYYY-MM`` the month's last
    day, ``YYYY-Qn`` the quarter's; None for anything else."""
    day = parse_date(value)
    if day is not None or not isinstance(value, str):
        return day
    found = _period().fullmatch(value.strip())
    if found is None:
        return None
    year = int(found.group(1))
    if year < datetime.MINYEAR:
        return None
    month = int(found.group(2)) if found.group(2) else int(found.group(3)) * 3
    return datetime.date(year, month, month_days(year, month))
