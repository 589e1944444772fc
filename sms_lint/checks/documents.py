"""Approval and clause-number rules (identity: :mod:`sms_lint.checks.ids`)."""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.model import Artifact, clause_text
from sms_lint.pack import Rule

# What an approved artifact must carry (7.5.2), in the order findings name them.
APPROVAL_FIELDS = ("version", "approved_by", "approved_on", "last_reviewed")


def approval_fields(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """An approved artifact names its version, approver, approval date and last review."""
    for artifact in ctx.artifacts:
        if not artifact.approved:
            continue
        for field in APPROVAL_FIELDS:
            if _is_blank(artifact.data.get(field)):
                yield Hit(
                    f"approved artifact has no {field}: add it or set status: draft", artifact
                )


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
                    f"clause '{value}' is not a clause of {ctx.framework.name}", artifact, at=at
                )


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
