"""SMS052 change-impact (with --base): what depends on a revised document is reviewed against it.

A document *depends* on another when one of its fields holds the other's id (``related``, a
kind's own reference such as an SLA's ``service``, or any field of the user's own), as
SMS018 resolves ids: the exact text of an artifact's ``id``. Only that direction counts: a
revised policy asks the procedures that name it to be reviewed, never the documents the
policy itself names.

A *revision* is what SMS017 calls one (:data:`~sms_lint.checks.changes.UNVERSIONED` aside:
a recorded review or records keeping changes no content), of a document approved at the base
and now. New files, drafts (at the base or now), retired documents and records are not
revised documents; records (the pack's ``evidence.record_kinds``, and
:func:`~sms_lint.facts.is_record`) are retained as they were and never asked to review. A
dependant the change touched (revised, reviewed or edited in any way, new or not compared)
is left alone: whoever changed it had the change in front of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.changes import UNVERSIONED
from sms_lint.checks.versions import versions_of
from sms_lint.config.pack import Rule
from sms_lint.facts import is_record
from sms_lint.model import Artifact

# Keys that never hold a reference to a document: an entry's own id (a definition, not a
# reference), the document-control fields, and the role ids of owners and approvers.
_NOT_REFERENCES = frozenset({"id", "kind", "title", "status", "version", "owner", "approved_by"})


class _Revision(NamedTuple):
    artifact: Artifact
    old_version: str | None
    version: str | None


def change_impact(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One observation per approved document the change left untouched and revised document
    it references, at the first field that holds the reference."""
    if ctx.changes is None:
        return
    revised = _revisions(ctx)
    if not revised:
        return
    narrowed = ctx.config.change_impact
    fields = None if narrowed is None else frozenset(narrowed.fields)
    unchanged = ctx.changes.unchanged
    for artifact in ctx.artifacts:
        # records first: an audit's kind is known without decoding its document
        if artifact.path not in unchanged or _record(ctx, artifact) or not artifact.approved:
            continue
        asked: set[str] = set()
        for at, target in references(artifact, fields):
            if target in revised and target not in asked and target != artifact.id:
                asked.add(target)
                yield Hit(_message(artifact, revised[target], ctx.changes.ref), artifact, at=at)


def _revisions(ctx: Context) -> dict[str, _Revision]:
    """Id -> the revision of the approved document that has it, for the documents revised
    since the base (approved then and now)."""
    assert ctx.changes is not None
    by_path = {artifact.path: artifact for artifact in ctx.artifacts}
    revised: dict[str, _Revision] = {}
    for path, base in ctx.changes.changed.items():
        artifact = by_path.get(path)
        old = base.document.data
        if artifact is None or artifact.id is None or not isinstance(old, dict):
            continue
        if not artifact.approved or old.get("status") != "approved" or _record(ctx, artifact):
            continue
        if base.differs is not None and not base.differs - UNVERSIONED:
            continue  # a recorded review, records kept, or layout: the content is the same
        old_version, version = versions_of(artifact, old, base)
        revised.setdefault(artifact.id, _Revision(artifact, old_version, version))
    return revised


def _record(ctx: Context, artifact: Artifact) -> bool:
    """A record, kept as it was: a closed nonconformity, or a kind the pack's ``evidence:``
    lists as a record kind (audit reports, minutes, nonconformities, measurements)."""
    return not ctx.framework.evidence.may_document(artifact) or is_record(artifact)


def references(artifact: Artifact, fields: frozenset[str] | None) -> Iterator[tuple[tuple, str]]:
    """(data path, id) of every text value that may be a reference to another artifact, in
    the order the file writes them: in the top-level ``fields`` only when given, at any depth
    inside them, never under the keys of :data:`_NOT_REFERENCES`."""
    data = artifact.data
    keys = [key for key in data if key not in _NOT_REFERENCES]
    stack: list[tuple[tuple, Any]] = [
        ((key,), data[key]) for key in reversed(keys) if fields is None or key in fields
    ]
    while stack:  # no recursion: a deeply nested file cannot exhaust the stack
        at, value = stack.pop()
        if isinstance(value, str):
            yield at, value
        elif isinstance(value, list):
            stack.extend(((*at, i), item) for i, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            inner = [key for key in value if key not in _NOT_REFERENCES]
            stack.extend(((*at, key), value[key]) for key in reversed(inner))


def _message(artifact: Artifact, revision: _Revision, ref: str) -> str:
    name = artifact.id or artifact.path
    changed = revision.artifact.id
    return (
        f"'{changed}' was revised since {ref} ({_versions(revision)}) and '{name}' refers to "
        f"it: review whether '{name}' still agrees with the new version, then record the "
        "review (last_reviewed) or revise it"
    )


def _versions(revision: _Revision) -> str:
    """How the message names the two versions, as the user wrote them."""
    old, new = revision.old_version, revision.version
    if old is None and new is None:
        return "no version at either"
    if old is None:
        return f"now version '{new}'"
    if new is None:
        return f"version '{old}' before, none now"
    if old == new:
        return f"version '{new}' at both, not raised"
    return f"version '{old}' to '{new}'"
