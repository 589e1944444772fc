"""Approval evidence from git: which commit recorded a document's current approval.

Shared by ``register --format json`` (``approval_evidence``), ``history`` and the two rules
that read it (SMS053, SMS054, :mod:`sms_lint.checks.approvals`). A document's revisions
(newest first) come from git: ``history`` follows one file, :mod:`sms_lint.gitrepo.trails`
walks the root once for many. What git can show is who *committed* and when the change
entered the branch; ``approved_by`` names a role and ``approved_on`` a day the document
claims. Nothing here can know who approved: it compares the document's claims with the
dates git recorded, and git's dates are the committers' clocks.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sms_lint.gitrepo.log import CommitInfo
from sms_lint.model import Artifact
from sms_lint.parse.documents import parse_data


@dataclass(frozen=True)
class Revision:
    """One commit's state of a document, as far as its approval goes (values as written)."""

    commit: CommitInfo  # with how it reached the branch, when known
    version: str | None
    status: str | None
    approved_by: str | None
    approved_on: str | None

    @property
    def approval(self) -> tuple[str | None, str | None]:
        return (self.approved_by, self.approved_on)

    @property
    def arrived(self) -> str:
        """The day this revision entered the branch: its merge's, when a merge brought it in
        (in a pull-request flow the merge comes after the approval), else its commit's. Of
        the author and committer dates the later: a rebase or squash merge keeps the day the
        change was written as the author date, and the committer date is when it landed."""
        arrival = self.commit.arrival
        merged = arrival.merged if arrival is not None else None
        if merged is not None:
            return _later(merged.date, merged.committed)[:10]
        return _later(self.commit.date, self.commit.committed)[:10]


def _later(authored: str, committed: str) -> str:
    """The later of two ISO dates (either may be missing or unreadable: the other then)."""
    try:
        later = datetime.fromisoformat(committed) > datetime.fromisoformat(authored)
    except ValueError:
        return authored or committed
    return committed if later else authored


def read_revision(path: str, raw: bytes | None, commit: CommitInfo) -> Revision:
    """The revision a blob holds; every value None when it is no readable mapping (deleted,
    too large, not YAML)."""
    data = parse_data(path, raw) if raw is not None else None
    return Revision(commit, *state_of(data if isinstance(data, dict) else {}))


def scalar_text(value: object) -> str | None:
    """A scalar as text (``version: 1.2`` unquoted shows as 1.2); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value).strip() or None


def version_run(revisions: list[Revision], version: str | None) -> list[Revision]:
    """The newest revisions (newest first) that declare ``version``, up to the first that
    does not: the current version's life in git. Empty when the newest commit declares
    another version (the current one is not committed) or ``version`` is None."""
    if version is None:
        return []
    return list(itertools.takewhile(lambda rev: rev.version == version, revisions))


def carried_approval(
    revisions: list[Revision], run: list[Revision]
) -> tuple[str | None, str | None] | None:
    """The approval the revision before ``run`` (the previous version's last) recorded, when
    the trail reaches it."""
    return revisions[len(run)].approval if len(revisions) > len(run) else None


def evidence(
    run: list[Revision], approved_by: str | None, approved_on: str | None
) -> Revision | None:
    """The commit that recorded this approval: of the newest revisions marked approved with
    these ``approved_by`` and ``approved_on``, the oldest. None when the newest revision
    does not record it (the approval is not committed)."""
    found = None
    for rev in run:
        if rev.status != "approved" or rev.approval != (approved_by, approved_on):
            break
        found = rev
    return found


def approval_changes(
    run: list[Revision], carried: tuple[str | None, str | None] | None = None
) -> list[tuple[Revision, Revision]]:
    """(before, after), newest first: the commits of one version's run that changed approval
    metadata already recorded for it. Two normal ways to approve a version are not changes:
    recording the approval of a draft (no ``approved_by`` or ``approved_on`` before), and
    replacing the approval ``carried`` over from the previous version (the version was raised
    first, its approval recorded after)."""
    return [
        (older, newer)
        for newer, older in itertools.pairwise(run)
        if older.approval not in ((None, None), carried) and older.approval != newer.approval
    ]


# What a document declares of its approval: version, status, approved_by, approved_on.
State = tuple[str | None, str | None, str | None, str | None]
_FIELDS = ("version", "status", "approved_by", "approved_on")


def states_to_trace(artifacts: Iterable[Artifact]) -> dict[str, State]:
    """Path -> what it declares now, for the approved artifacts whose approval git may show
    (those with a version)."""
    traced = {}
    for artifact in artifacts:
        state = state_of(artifact.data)
        if artifact.approved and state[0] is not None:
            traced[artifact.path] = state
    return traced


def state_of(data: dict) -> State:
    version, status, by, on = (scalar_text(data.get(name)) for name in _FIELDS)
    return (version, status, by, on)
