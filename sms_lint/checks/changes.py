"""Git change rules (with --base): versions bumped, nothing deleted.

Both read ``ctx.changes`` (None without ``--base``: then they find nothing). The base version
of a file is a :class:`~sms_lint.documents.Document` parsed by the same loader as the current
one, so a base file that was not an artifact (no mapping, unknown kind) is simply not compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.documents import Document
from sms_lint.model import Artifact, parse_date
from sms_lint.pack import Rule


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
    version = _version(artifact.data)
    if version is not None and version == _version(old):
        yield Hit(
            f"the content changed since {ref} but version is still '{version}': "
            "raise the version of the approved document",
            artifact,
            at=("version",),
        )
    reviewed, old_reviewed = artifact.date("last_reviewed"), parse_date(old.get("last_reviewed"))
    # A change reviewed on the day of the previous review is a new review when the version
    # moved on (otherwise a same-day fix could never pass: today is "not later", tomorrow is
    # "in the future").
    new_version = version is not None and version != _version(old)
    if (
        reviewed is not None
        and old_reviewed is not None
        and (reviewed < old_reviewed or (reviewed == old_reviewed and not new_version))
    ):
        yield Hit(
            f"the content changed since {ref} but last_reviewed {reviewed} is not later "
            f"than there ({old_reviewed}): record the review of this change",
            artifact,
            at=("last_reviewed",),
        )


def artifact_deleted(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """An artifact at the base whose file is gone (not renamed): a finding at its old path."""
    if ctx.changes is None:
        return
    for base in ctx.changes.deleted:
        kind = _kind(base.document, ctx)
        if kind is None:
            continue
        # The artifact no longer exists: its base version stands in, so the finding points at
        # the old path (line 1) and names the old id.
        gone = Artifact(Document(base.path, base.document.data), kind)
        name = gone.id or f"the {kind} {base.path}"
        yield Hit(
            f"{name} was deleted since {ctx.changes.ref}: documented information is retired "
            "with status: retired, not deleted (restore the file and retire it)",
            gone,
        )


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
