"""Git change rules (with --base): versions bumped, nothing deleted.

Both read ``ctx.changes`` (None without ``--base``: then they find nothing). The base version
of a file is a :class:`~sms_lint.parse.documents.Document` parsed by the same loader as the current
one, so a base file that was not an artifact (no mapping, unknown kind) is simply not compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.facts import is_record
from sms_lint.model import Artifact, parse_date
from sms_lint.pack import Rule
from sms_lint.parse.documents import Document


def version_bumped(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """An approved artifact whose content changed since the base, when the base version was
    approved too, declares a different ``version`` and a later ``last_reviewed``. (A draft at
    the base is a proposal: approving it under the version it proposed is the normal path.)"""
    if ctx.changes is None:
        return
    for artifact in ctx.artifacts:
        base = ctx.changes.changed.get(artifact.path)
        if base is not None and artifact.approved and _approved(base.document):
            yield from _compare(artifact, base.document.data or {}, ctx.changes.ref)


def _compare(artifact: Artifact, old: dict[str, Any], ref: str) -> Iterator[Hit]:
    """One finding for one uncontrolled change, naming what was not updated: the version,
    the review date or both."""
    version, old_version = _version(artifact.data), _version(old)
    same_version = version is not None and version == old_version
    reviewed, old_reviewed = artifact.date("last_reviewed"), parse_date(old.get("last_reviewed"))
    # A change reviewed on the day of the previous review is a new review when the version
    # moved on (otherwise a same-day fix could never pass: today is "not later", tomorrow is
    # "in the future").
    stale_review = (
        reviewed is not None
        and old_reviewed is not None
        and (reviewed < old_reviewed or (reviewed == old_reviewed and same_version))
    )
    if not (same_version or stale_review):
        return
    name = artifact.id or artifact.path
    wrong, todo, about = [], [], []
    if same_version:
        wrong.append(f"version is still '{version}'")
        todo.append("raise the version")
        about.append(("version",))
    if stale_review:
        if reviewed == old_reviewed:
            wrong.append(f"last_reviewed is still {reviewed}")
        else:
            wrong.append(f"last_reviewed {reviewed} is earlier than at {ref} ({old_reviewed})")
        todo.append("set last_reviewed to the date this change was reviewed")
        about.append(("last_reviewed",))
    yield Hit(
        f"{name} changed since {ref} but {' and '.join(wrong)}: {' and '.join(todo)}",
        artifact,
        at=about[0],
        about=tuple(about),
    )


def artifact_deleted(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """An artifact at the base whose file is gone (not renamed): a finding at its old path,
    at the ``status:`` line of its base version (the line to change once it is restored)."""
    if ctx.changes is None:
        return
    for base in ctx.changes.deleted:
        kind = _kind(base.document, ctx)
        if kind is None:
            continue
        # The artifact no longer exists: its base version stands in.
        gone = Artifact(base.document, kind)
        name = gone.id or f"the {kind} {base.path}"
        why, grade = _deleted_why(gone)
        yield Hit(
            f"{name} was deleted since {ctx.changes.ref}, {why} (a rename is fine)",
            gone,
            at=("status",),
            grade=grade,
        )


def _deleted_why(gone: Artifact) -> tuple[str, str | None]:
    """Why the deleted artifact should have been kept, what to do, and the grade: losing a
    record loses evidence; a draft or a retired document was no longer (or not yet) in use."""
    if is_record(gone):
        what = _RECORDS.get(gone.kind, "a record")
        return f"but it is {what}, a record retained as evidence: restore the file", "record"
    if gone.approved:
        return (
            "but approved documented information is retired, not deleted: restore the file "
            "and set status: retired",
            None,
        )
    if gone.status == "retired":
        kept = "but a retired document is kept as evidence of what applied: restore the file"
        return kept, "not-in-use"
    return (
        "but an abandoned draft is retired, not deleted, so that the proposal stays on "
        "record: restore the file and set status: retired",
        "not-in-use",
    )


# How a deleted record is named in the finding.
_RECORDS = {
    "audit": "an audit report",
    "management-review": "management-review minutes",
    "nonconformity": "a closed nonconformity",
}


def _approved(document: Document) -> bool:
    return isinstance(document.data, dict) and document.data.get("status") == "approved"


def _kind(document: Document, ctx: Context) -> str | None:
    kind = document.data.get("kind") if isinstance(document.data, dict) else None
    return kind if isinstance(kind, str) and kind in ctx.framework.kinds else None


def _version(data: dict[str, Any]) -> str | None:
    """The version as text: "1.2" and 1.2 (unquoted, its own finding) compare equal."""
    value = data.get("version")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    return text or None
