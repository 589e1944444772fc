"""Git change rules (with --base): a revision is a new, approved version; nothing deleted.

Both read ``ctx.changes`` (None without ``--base``: then they find nothing). The base version
of a file is a :class:`~sms_lint.parse.documents.Document` parsed by the same loader as the current
one, so a base file that was not an artifact (no mapping, unknown kind) is simply not compared.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.versions import not_raised, versions_of, which
from sms_lint.config.pack import Rule
from sms_lint.facts import is_record
from sms_lint.gitrepo.differences import BODY, RECORDS
from sms_lint.model import Artifact, parse_date
from sms_lint.parse.documents import Document
from sms_lint.words import listing

# Fields a recorded review moves on: a change to nothing else is a review, not a revision.
# Not ``review_interval_months``: changing the review cycle changes how the document is
# controlled (a longer one puts every later review off), so it is a revision to approve.
REVIEW_FIELDS = frozenset({"last_reviewed", "next_review"})
# Fields about keeping the file, not its content: setting how long a record is kept is no
# revision of what it records; results, risk reviews and supplier reviews are records kept in
# the document (evidence of operation), not revisions of what it says.
# A top-level ``results`` is a measurements record's: results added are records kept.
UNVERSIONED = REVIEW_FIELDS | {"retain_until", "last_performance_review", "results", RECORDS}


def version_bumped(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """An approved artifact changed since the base, when the base version was approved too
    (a draft at the base is a proposal: approving it under the version it proposed is the
    normal path), is either a review or a revision.

    What changed is read from ``BaseFile.differs`` (:mod:`sms_lint.gitrepo.differences`): the
    top-level fields whose values differ, as written, and the Markdown body as text (line
    endings and trailing spaces aside). A change to the review fields only (``last_reviewed``,
    ``next_review``) is a recorded review, and one to ``retain_until``,
    ``last_performance_review`` or only the records kept in a field (``results`` in list
    entries, ``risks[].review_by``: :data:`RECORDS`) is records keeping: no new version, only
    ``last_reviewed`` never earlier than before. A change to anything else (any other field,
    ``version``, ``approved_on``, ``approved_by`` and the review cycle
    ``review_interval_months`` included, or the body) is a revision: a new ``version`` (above
    the base's when both are dotted numbers), its approval (``approved_on``) and its review
    (``last_reviewed``) after those at the base. A file whose bytes changed but whose data and
    body did not (comments, HTML comments in the body, quoting, layout) needs neither. When
    the file now could not be compared, it counts as a revision. A file renamed (by git, or
    by its id: see :mod:`sms_lint.gitrepo.changes`) is compared with its old path's base
    version."""
    if ctx.changes is None:
        return
    for artifact in ctx.artifacts:
        base = ctx.changes.changed.get(artifact.path)
        if base is None or not artifact.approved or not _approved(base.document):
            continue
        old = base.document.data or {}
        if base.differs is None or base.differs - UNVERSIONED:
            what = None if base.differs is None else base.differs - UNVERSIONED
            yield from _revision(artifact, old, what, versions_of(artifact, old, base), ctx)
        elif "last_reviewed" in base.differs:
            yield from _review(artifact, old, ctx.changes.ref)


def _review(artifact: Artifact, old: dict[str, Any], ref: str) -> Iterator[Hit]:
    """A recorded review may not date itself before the review it follows."""
    reviewed, old_reviewed = artifact.date("last_reviewed"), parse_date(old.get("last_reviewed"))
    if reviewed is None or old_reviewed is None or reviewed >= old_reviewed:
        return
    yield Hit(
        f"the review of '{artifact.id or artifact.path}' recorded since {ref} has "
        f"last_reviewed {reviewed}, earlier than at {ref} ({old_reviewed}): set last_reviewed "
        "to the date of this review",
        artifact,
        at=("last_reviewed",),
    )


def _revision(
    artifact: Artifact,
    old: dict[str, Any],
    what: frozenset[str] | None,
    versions: tuple[str | None, str | None],
    ctx: Context,
) -> Iterator[Hit]:
    """One finding for one uncontrolled revision, naming each of version, approved_on and
    last_reviewed that was not moved on (at the first of them)."""
    assert ctx.changes is not None
    ref = ctx.changes.ref
    old_version, version = versions
    wrong, todo, about = [], [], []
    version_wrong = not_raised(version, old_version, ref)
    if version_wrong is not None:
        wrong.append(version_wrong)
        todo.append("raise the version")
        about.append(("version",))
    for field in ("approved_on", "last_reviewed"):
        stale = _stale(artifact.date(field), parse_date(old.get(field)), field, ref, ctx)
        if stale is not None:
            wrong.append(stale)
            about.append((field,))
            todo.append(_TODO[field].format(version=which(version, old_version)))
    if not wrong:
        return
    yield Hit(
        f"the content of '{artifact.id or artifact.path}' changed since {ref}{_what(what)} but "
        f"{listing(wrong)}: {listing(todo)}",
        artifact,
        at=about[0],
        about=tuple(about),
    )


_TODO = {
    "approved_on": "record the approval of {version} (approved_on, approved_by)",
    "last_reviewed": "set last_reviewed to the date this change was reviewed",
}


def _stale(
    now: datetime.date | None, before: datetime.date | None, field: str, ref: str, ctx: Context
) -> str | None:
    """What is wrong with a date a revision must move on, or None.

    The same day as at the base is accepted only when that day is today: a revision made on
    the day of the previous approval cannot be dated later (tomorrow is in the future). On any
    later day, a date left as it was is the previous version's, not this one's."""
    if now is None or before is None or now > before or (now == before == ctx.today):
        return None
    if now == before:
        return f"{field} is still {now}"
    return f"{field} {now} is earlier than at {ref} ({before})"


def _what(what: frozenset[str] | None) -> str:
    """What changed, in brackets: the text first, then the fields by name (three at most)."""
    if not what:
        return ""
    named = (["the text"] if BODY in what else []) + sorted(what - {BODY})
    if len(named) > 3:
        named = [*named[:2], f"{len(named) - 2} more fields"]
    return f" ({listing(named)})"


def artifact_deleted(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """An artifact at the base whose file is gone (not renamed): a finding at its old path,
    at the ``status:`` line of its base version (the line to change once it is restored).

    A record whose base version's ``retain_until`` is before today has been disposed of when
    its disposal was due: no finding (the deleting commit is the disposal record). On a
    document, ``retain_until`` changes nothing: documents are retired, not deleted."""
    if ctx.changes is None:
        return
    for base in ctx.changes.deleted:
        kind = _kind(base.document, ctx)
        if kind is None:
            continue
        # The artifact no longer exists: its base version stands in.
        gone = Artifact(base.document, kind)
        if disposal_due(gone, ctx.today):
            continue
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
        keep = gone.date("retain_until")
        until = "" if keep is None else f", and it is to be retained until {keep}"
        return f"but it is {what}, a record retained as evidence{until}: restore the file", "record"
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


def disposal_due(artifact: Artifact, today: datetime.date) -> bool:
    """Whether a record's retention period is over (its ``retain_until`` is before today), so
    that deleting it is its disposal. Never true for a document."""
    keep = artifact.date("retain_until")
    return is_record(artifact) and keep is not None and keep < today


# How a deleted record is named in the finding.
_RECORDS = {
    "audit": "an audit report",
    "management-review": "management-review minutes",
    "measurements": "a measurements record",
    "nonconformity": "a closed nonconformity",
}


def _approved(document: Document) -> bool:
    return isinstance(document.data, dict) and document.data.get("status") == "approved"


def _kind(document: Document, ctx: Context) -> str | None:
    kind = document.data.get("kind") if isinstance(document.data, dict) else None
    return kind if isinstance(kind, str) and kind in ctx.framework.kinds else None
