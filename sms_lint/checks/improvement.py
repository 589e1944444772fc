"""Clause 10.1: nonconformities and corrective action (SMS015 overdue, SMS026 closure).

Retired nonconformities are withdrawn records and are not judged. Rules see only schema-valid
values: a closing date that is no date reads as absent here, and the schema's finding about
it folds into ours (one defect, one finding, with the schema's words about what was written).
"""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.wording import named
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact
from sms_lint.words import listing

# The text pieces closing needs: field -> what it records (for messages).
_CLOSURE_TEXTS = {
    "root_cause": "root cause",
    "corrective_action": "corrective action",
    "closed_on": "closing date",
}
VERIFIED = "effectiveness_verified"


def _with_status(ctx: Context, nc_status: str) -> Iterator[Artifact]:
    for artifact in ctx.of_kind("nonconformity"):
        if artifact.status != "retired" and artifact.text("nc_status") == nc_status:
            yield artifact


def _grade(artifact: Artifact, name: str, when: str) -> str | None:
    """The named grade when the nonconformity's own grade is ``when``, else the default."""
    return name if artifact.text("grade") == when else None


def nonconformity_overdue(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS015: an open nonconformity is not past its ``due`` date."""
    for artifact in _with_status(ctx, "open"):
        due = artifact.date("due")
        if due is not None and due < ctx.today:
            days = (ctx.today - due).days
            yield Hit(
                f"nonconformity {named(artifact)} is still open and was due on {due}, "
                f"{days} day{'s' if days != 1 else ''} ago: complete the corrective action and "
                "close it (nc_status: closed), or set a new due date with the reason for the "
                "delay",
                artifact,
                at=("due",),
                grade=_grade(artifact, "minor-nonconformity", "minor"),
            )


def nonconformity_closure(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS026: a closed nonconformity records cause, action, closure date and verification.

    One hit per nonconformity naming every missing piece, about each of their fields. It
    points at ``nc_status: closed``, the claim the record does not support, unless the one
    thing wrong is a field the file writes (``effectiveness_verified: false``): then there.
    """
    for artifact in _with_status(ctx, "closed"):
        missing = [field for field in _CLOSURE_TEXTS if _blank(artifact, field)]
        verified = artifact.data.get(VERIFIED)
        unverified = verified is not True
        problems = missing + ([VERIFIED] if unverified else [])
        if not problems:
            continue
        single = len(problems) == 1 and artifact.written(problems[0])
        yield Hit(
            _closure_message(artifact, missing, unverified),
            artifact,
            at=(problems[0],) if single else ("nc_status",),
            about=tuple((field,) for field in problems),
            grade=_grade(artifact, "major-nonconformity", "major"),
        )


def _closure_message(artifact: Artifact, missing: list[str], unverified: bool) -> str:
    # "no valid": the file writes the field, with a value the schema rejected.
    lacks = [
        f"no {'valid ' if artifact.written(f) else ''}{_CLOSURE_TEXTS[f]} ({f})" for f in missing
    ]
    wrong = [f"records {listing(lacks)}"] if missing else []
    todo = [f"record the {listing([_CLOSURE_TEXTS[f] for f in missing])}"] if missing else []
    if unverified:
        value = artifact.data.get(VERIFIED)
        state = "false" if value is False else "not true or false"
        wrong.append(f"{VERIFIED} is {state if artifact.written(VERIFIED) else 'missing'}")
        todo.append(f"verify that the corrective action worked and set {VERIFIED}: true")
    # ", and" / ", then": the parts may themselves hold an "and".
    return (
        f"nonconformity {named(artifact)} is closed but {', and '.join(wrong)}: "
        f"{', then '.join(todo)}; or reopen it (nc_status: open) until then"
    )


def _blank(artifact: Artifact, field: str) -> bool:
    """Absent, null or only spaces (a value of the wrong type was pruned: absent)."""
    value = artifact.data.get(field)
    return value is None or (isinstance(value, str) and not value.strip())
