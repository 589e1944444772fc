"""The register's rows as data: each artifact with its id, title, kind, owner, version,
status, review dates and path, and from git its last change (one ``git log`` over the root).
``register`` (the work tree), ``register --as-of`` (a commit's files) and ``export`` share it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sms_lint.approvals import Revision, State, evidence, scalar_text, version_run
from sms_lint.config.file import Config
from sms_lint.errors import UsageProblem
from sms_lint.facts import next_review
from sms_lint.gitrepo.log import CommitInfo, last_changes
from sms_lint.gitrepo.repo import (
    NOT_SHALLOW_HINT,
    GitProblem,
    Repository,
    UntrustedRepository,
    open_repository,
)
from sms_lint.model import Artifact
from sms_lint.parse.documents import Document


def read_last_changes(
    root: Path, paths: list[str], commit: str | None = None
) -> tuple[Mapping[str, CommitInfo], str | None]:
    """Path (relative to ROOT) -> last commit for ``paths`` (in the history up to ``commit``,
    for ``--as-of``; else HEAD's), and a note for stderr when dates are missing."""
    try:
        repo = open_repository(root)
    except UntrustedRepository as error:
        raise UsageProblem(str(error)) from None  # read only once the user says it is trusted
    except GitProblem as error:
        return {}, f"{error}: last_change is null"
    if repo is None:
        return {}, f"{root} is not inside a git repository: last_change is null"
    with repo:
        state = repo.head_state()
        if state.head is None:
            return {}, f"{repo.top} has no commits yet: last_change is null"
        try:
            tracked = repo.tracked() if commit is None else committed_paths(repo, commit)
            # Only files git tracks can show up in the log: the walk stops once they all have.
            wanted = [path for path in paths if path in tracked]
            # A shallow clone's oldest commits show every file as added: not a last change.
            boundary = repo.shallow_boundary() if state.shallow and wanted else set()
            found = last_changes(repo, wanted, boundary, commit) if wanted else {}
        except GitProblem as error:
            raise UsageProblem(str(error)) from None
    if state.shallow:
        return found, (
            f"{repo.top} is a shallow clone, so the history is incomplete: last_change is null "
            f"for documents not changed since its oldest commits: {NOT_SHALLOW_HINT}"
        )
    return found, None


def committed_paths(repo: Repository, commit: str) -> set[str]:
    """The files under the SMS root that ``commit`` holds, relative to the root."""
    from sms_lint.gitrepo.trees import tree_entries

    paths = (repo.from_top(entry.path) for entry in tree_entries(repo, commit))
    return {path for path in paths if path is not None}


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
