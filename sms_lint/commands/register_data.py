"""The register's rows as data: each artifact with its id, title, kind, owner, version,
status, review dates and path, and from git its last change (one ``git log`` over the root).
``register`` (the work tree), ``register --as-of`` (a commit's files) and ``export`` share it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sms_lint.approvals import Revision, State, evidence, scalar_text, version_run
from sms_lint.commands.register_changes import committed_paths, read_last_changes
from sms_lint.config.file import Config
from sms_lint.errors import UsageProblem
from sms_lint.facts import next_review
from sms_lint.gitrepo.log import CommitInfo
from sms_lint.gitrepo.repo import GitProblem, UntrustedRepository
from sms_lint.model import Artifact
from sms_lint.parse.documents import Document

__all__ = [  # read_last_changes and committed_paths live in register_changes (importers kept)
    "approval_evidence",
    "committed_paths",
    "read_last_changes",
    "read_trails",
    "register_artifacts",
    "register_rows",
]


def register_artifacts(documents: list[Document], kinds: tuple[str, ...]) -> list[Artifact]:
    """Every document with a known kind, as check sees it (schema failures included)."""
    return [
        Artifact(doc, kind)
        for doc in documents
        if doc.data is not None
        and isinstance(kind := doc.data.get("kind"), str)  # a list is no kind (and unhashable)
        and kind in kinds
    ]


def register_rows(
    artifacts: list[Artifact],
    config: Config,
    changes: Mapping[str, CommitInfo],
    trails: Mapping[str, list[Revision]] | None = None,
) -> list[dict[str, Any]]:
    """One row per artifact, sorted by id (artifacts without one last, by path); with
    ``trails`` (JSON), each row's ``approval_evidence`` too."""
    rows = [_row(a, config, changes.get(a.path)) for a in artifacts]
    if trails is not None:
        for artifact, row in zip(artifacts, rows, strict=True):
            row["approval_evidence"] = approval_evidence(artifact, trails.get(artifact.path, []))
    rows.sort(key=lambda row: (row["id"] is None, row["id"] or "", row["path"]))
    return rows


def _row(artifact: Artifact, config: Config, change: CommitInfo | None) -> dict[str, Any]:
    # A retired document is no longer reviewed: it has no next review.
    retired = artifact.status == "retired"
    due = None if retired else next_review(artifact, config.review_interval_months)[0]
    reviewed = artifact.date("last_reviewed")
    return {
        "id": artifact.id,
        "title": artifact.text("title"),
        "kind": artifact.kind,
        "owner": artifact.text("owner"),
        "version": _scalar(artifact.data.get("version")),
        "status": artifact.status,
        "last_reviewed": reviewed.isoformat() if reviewed else None,
        "next_review": due.isoformat() if due else None,
        "path": artifact.path,
        "last_change": change.as_dict() if change else None,
    }


def _scalar(value: Any) -> str | None:
    """A version written unquoted (1.2, its own finding in check) still shows, as text."""
    return scalar_text(value)


def approval_evidence(artifact: Artifact, trail: list[Revision]) -> dict[str, Any] | None:
    """The commit that recorded the artifact's current approval (its version, approved_by
    and approved_on as now, marked approved), or None: not approved, not in git, or the
    approval as it stands now is not committed."""
    if not artifact.approved:
        return None
    data = artifact.data
    run = version_run(trail, scalar_text(data.get("version")))
    by, on = scalar_text(data.get("approved_by")), scalar_text(data.get("approved_on"))
    found = evidence(run, by, on)
    return found.commit.as_dict() if found is not None else None


def read_trails(
    root: Path, states: dict[str, State], max_bytes: int, commit: str | None = None
) -> dict[str, list[Revision]]:
    """:func:`~sms_lint.gitrepo.trails.read_trails`; no evidence where git cannot run (as
    ``last_change``, which says so on stderr), exit 2 where it refuses the repository."""
    from sms_lint.gitrepo.trails import read_trails as read

    try:
        return read(root, states, max_bytes, commit)
    except UntrustedRepository as error:  # read only once the user says it is trusted
        raise UsageProblem(str(error)) from None
    except GitProblem:
        return {}
