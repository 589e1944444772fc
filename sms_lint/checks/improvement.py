"""Clause 10: nonconformities and corrective action.

Retired nonconformities are withdrawn records and are not judged. A field of the wrong type (a
date that is not a date, ``effectiveness_verified: "yes"``) is the schema rule's finding, so
these checks stay silent about it rather than report it twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.model import Artifact
from sms_lint.pack import Rule

# What closing needs, beyond effectiveness_verified: field -> what it records (for messages).
_CLOSURE_TEXTS = {"root_cause": "root cause", "corrective_action": "corrective action"}


def _label(artifact: Artifact) -> str:
    return artifact.id or artifact.path


def _with_status(ctx: Context, nc_status: str) -> Iterator[Artifact]:
    for artifact in ctx.of_kind("nonconformity"):
        if artifact.status != "retired" and artifact.text("nc_status") == nc_status:
            yield artifact


def nonconformity_overdue(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS015: an open nonconformity is not past its ``due`` date."""
    for artifact in _with_status(ctx, "open"):
        due = artifact.date("due")
        if due is not None and due < ctx.today:
            yield Hit(
                f"nonconformity {_label(artifact)} is open and overdue since {due}",
                artifact,
                at=("due",),
            )


def nonconformity_closure(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS026: a closed nonconformity records cause, action, closure date and verification.

    One hit per missing piece: at the field when it is there but blank or false, at
    ``nc_status`` when the field is absent.
    """
    for artifact in _with_status(ctx, "closed"):
        for field, meaning in _CLOSURE_TEXTS.items():
            if _blank(artifact, field):
                yield _missing(artifact, field, f"no {meaning} ({field}) is recorded")
        if _blank(artifact, "closed_on"):
            yield _missing(artifact, "closed_on", "no closing date (closed_on) is recorded")
        verified = artifact.data.get("effectiveness_verified")
        if verified is None or verified is False:
            yield _missing(
                artifact,
                "effectiveness_verified",
                "the corrective action's effectiveness is not verified "
                "(effectiveness_verified: true)",
            )


def _blank(artifact: Artifact, field: str) -> bool:
    """Absent, null or only spaces; any other type is the schema rule's business."""
    value = artifact.data.get(field)
    return value is None or (isinstance(value, str) and not value.strip())


def _missing(artifact: Artifact, field: str, problem: str) -> Hit:
    at = (field,) if artifact.written(field) else ("nc_status",)
    return Hit(
        f"nonconformity {_label(artifact)} is closed but {problem}: record it, or reopen the "
        "nonconformity (nc_status: open)",
        artifact,
        at=at,
    )
