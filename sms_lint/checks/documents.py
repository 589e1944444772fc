"""Approval and clause-number rules (identity: :mod:`sms_lint.checks.ids`)."""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact, clause_text
from sms_lint.words import listing

# What an approved artifact must carry (7.5.2), in the order findings name them.
APPROVAL_FIELDS = ("version", "approved_by", "approved_on", "last_reviewed")


def approval_fields(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """An approved artifact names its version, approver, approval date and last review.

    The fields it lacks are one finding at ``status:`` (the line that makes them required);
    a field written with a value the schema rejects is its own finding at that field, into
    which the schema's finding folds."""
    for artifact in ctx.artifacts:
        if not artifact.approved:
            continue
        missing = [f for f in APPROVAL_FIELDS if _is_blank(artifact.data.get(f))]
        absent = [f for f in missing if not artifact.written(f)]
        if absent:
            yield Hit(
                f"status is approved but {listing(absent)} {'is' if len(absent) == 1 else 'are'} "
                f"missing: add {listing([_WHAT[f] for f in absent])}, or set status: draft until "
                "it is approved",
                artifact,
                at=("status",),
                about=tuple((f,) for f in absent),
            )
        for field in missing:
            if artifact.written(field):
                yield Hit(
                    f"status is approved but {field} has no valid value: write "
                    f"{_FIX[field]}, or set status: draft until it is approved",
                    artifact,
                    at=(field,),
                )


# What each approval field records, in the words a message asks for it; and how to write
# it when the value written is not valid.
_WHAT = {
    "version": "the version",
    "approved_by": "the approving role",
    "approved_on": "the approval date",
    "last_reviewed": "the date of the last review",
}
_FIX = {
    "version": 'the version in quotes (e.g. "1.0")',
    "approved_by": "the id of the approving role",
    "approved_on": "the approval date as YYYY-MM-DD",
    "last_reviewed": "the date of the last review as YYYY-MM-DD",
}


def _is_blank(value: object) -> bool:
    # Only absence counts here; a value of the wrong type is already a schema finding.
    return value is None or (isinstance(value, str) and not value.strip())


def clause_known(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Clause numbers an artifact claims or cites are clauses of the framework."""
    known = {clause.number for clause in ctx.framework.clauses}
    for artifact in ctx.artifacts:
        for at, value in _cited_clauses(artifact):
            if not _is_known(value, known):
                yield Hit(
                    f"{_CITED[at[0]]} clause '{value}', which is not a clause of "
                    f"{ctx.framework.name}: correct the number (sms-lint coverage lists the "
                    "clauses)",
                    artifact,
                    at=at,
                    # Evidence claimed for a non-clause is a risk (the real clause may lack
                    # evidence); a record misnaming what was audited or breached is a lapse.
                    grade="claimed" if at[0] == "clauses" else None,
                )


# How each field cites a clause, to open the message.
_CITED = {
    "clauses": "clauses claims evidence for",
    "scope_clauses": "scope_clauses says the audit covered",
    "clause": "the nonconformity is raised against",
}


def _cited_clauses(artifact: Artifact) -> Iterator[tuple[tuple, str]]:
    """(data path, clause text) of every clause number the artifact writes down."""
    lists = ["clauses"] + (["scope_clauses"] if artifact.kind == "audit" else [])
    for field in lists:
        values = artifact.data.get(field)
        if isinstance(values, list):
            for index, value in enumerate(values):
                text = clause_text(value)
                if text is not None:
                    yield (field, index), text
    if artifact.kind == "nonconformity":
        text = clause_text(artifact.data.get("clause"))
        if text is not None:
            yield ("clause",), text


def _is_known(clause: str, known: set[str]) -> bool:
    """In the catalogue, or one level finer than a catalogued sub-clause: the catalogue omits
    some sub-clauses (7.5.1, 8.3.1), but a whole new top-level number ("11", "8.9") is a typo."""
    if clause in known:
        return True
    parent, dot, _ = clause.rpartition(".")
    return bool(dot) and "." in parent and parent in known
