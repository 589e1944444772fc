"""SMS053, SMS054 (with --base): a document's approval against what git recorded of it.

Both read each approved document's current version as git recorded it
(``ctx.changes.approval_trails``, :mod:`sms_lint.gitrepo.trails`): the commits, newest first,
whose file declared the version it declares now. What is compared is what the document claims
(``approved_on``, ``approved_by``) with what git shows: when the content was committed as
approved and entered the branch, and which commits changed the approval fields. What is *not*
checked: who approved. Git names the people who committed and merged; ``approved_by`` names a
role, and a commit by the role's holder proves no approval, nor does a commit by someone else
disprove one. Git's dates are the committers' clocks (a commit's date can be set at will), so
these are observations for a reviewer, not proof. Only the current version is examined: an
older version's record is history that no edit can change, and the next version starts clean.
And only in the documents the change since the base touched (changed, renamed with changes,
or new), as SMS017 examines them, and only from the commits in ``base..HEAD``: a pull
request's check reports what its own commits did, once, and ``--new-only`` never takes an old
finding for a new one (of an untouched document, nor of a touched one whose offending commit
the base already had: a pull request that only records a review).

SMS053 reads "``approved_on`` later than the commit that introduced the content already
marked approved" as the honest case it is: git shows the document marked approved (with this
very ``approved_on``) on a day before the approval it records. Either ``approved_on`` is
wrong, or the document was presented as approved before it was. The day compared is the day
the revision entered the branch (its merge's, in a pull-request flow: the author may write the
planned approval date in the branch, and the approver merges on that day or later; a commit
on the branch line: its committer date, the day a rebase or squash merge landed it, as the
later of its author and committer dates). One day of slack: the committer's day and the
approver's may differ by a time zone (19:30 in New York is the next day in Sydney).

SMS054 reads "approval metadata changed while ``version`` did not" as a commit that changed
an ``approved_by`` or ``approved_on`` already recorded for the same version (or removed it).
The two normal ways to approve a version are not flagged: recording the approval of a draft
under the version it proposed, and replacing the approval carried over from the previous
version (the version raised first, its own approval recorded in a later commit).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping

from sms_lint.approvals import (
    Revision,
    approval_changes,
    carried_approval,
    evidence,
    scalar_text,
    states_to_trace,
    version_run,
)
from sms_lint.checks.base import Context, Hit
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact

Approval = tuple[str | None, str | None]  # approved_by, approved_on


def approval_date_after_commit(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS053: ``approved_on`` is more than a day later than the day git shows this approval
    committed."""
    fresh = _this_change(ctx)
    for artifact, run, _ in _runs(ctx):
        approved_on = artifact.date("approved_on")
        found = evidence(run, _written(artifact, "approved_by"), _written(artifact, "approved_on"))
        if approved_on is None or found is None or not fresh(found):
            continue
        arrived = _day(found.arrived)
        # One day of slack: the committer's day and the approver's may differ by a time zone.
        if arrived is None or approved_on <= arrived + datetime.timedelta(days=1):
            continue
        yield Hit(
            f"'{_name(artifact)}' version {found.version} records approved_on {approved_on}, "
            f"but git shows it marked approved since {arrived} (commit "
            f"{found.commit.commit[:12]} by {found.commit.author}): either approved_on is "
            "wrong (correct it) or the document was shown as approved before its approval "
            "(commit or merge a version as approved only once it is approved)",
            artifact,
            at=("approved_on",),
        )


def approval_changed_in_version(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS054: a commit changed the recorded approval while ``version`` stayed the same."""
    fresh = _this_change(ctx)
    for artifact, run, carried in _runs(ctx):
        changes = [(b, a) for b, a in approval_changes(run, carried) if fresh(a)]
        if not changes:
            continue
        before, after = changes[0]  # the newest: what the document says now came from it
        fields = [name for name in ("approved_by", "approved_on") if _field(before, name)
                  != _field(after, name)]  # fmt: skip
        what = "; ".join(f"{n} {_shown(before, n)} to {_shown(after, n)}" for n in fields)
        more = len(changes) - 1
        earlier = f" (and {more} earlier commit{'s' if more > 1 else ''} did too)" if more else ""
        yield Hit(
            f"commit {after.commit.commit[:12]} ({after.commit.date[:10]}, "
            f"{after.commit.author}) changed the approval of '{_name(artifact)}' ({what}) "
            f"while version stayed {after.version}{earlier}: an approval belongs to one "
            "version, so give a new approval a new version; if the commit only corrected "
            "a typing mistake, waive this finding with that reason",
            artifact,
            at=(fields[-1],),
        )


def _runs(ctx: Context) -> Iterator[tuple[Artifact, list[Revision], Approval | None]]:
    """Each approved artifact with its current version's revisions (none: nothing to say) and
    the approval the previous version left in the file."""
    source = ctx.changes.approval_trails if ctx.changes is not None else None
    if source is None:
        return
    # Only the documents the change touched: a finding comes with the change that made it
    # (and --new-only sees it as new there, pre-existing nowhere else).
    unchanged = ctx.changes.unchanged if ctx.changes is not None else frozenset()
    # The path first: asking an untouched artifact whether it is approved decodes its data.
    approved = [a for a in ctx.artifacts if a.path not in unchanged and a.approved]
    trails: Mapping[str, list[Revision]] = source.trails(states_to_trace(approved))
    for artifact in approved:
        trail = trails.get(artifact.path, [])
        run = version_run(trail, _written(artifact, "version"))
        if run:
            yield artifact, run, carried_approval(trail, run)


def _this_change(ctx: Context) -> Callable[[Revision], bool]:
    """Whether a revision's commit is this change's own (in ``base..HEAD``): a finding made
    by a commit the base already had is an earlier change's, not this one's to report."""
    source = ctx.changes.approval_trails if ctx.changes is not None else None
    since = source.since_base() if source is not None else None
    if since is None:
        return lambda rev: True
    return lambda rev: rev.commit.commit in since


def _written(artifact: Artifact, name: str) -> str | None:
    return scalar_text(artifact.data.get(name))


def _field(rev: Revision, name: str) -> str | None:
    return rev.approved_by if name == "approved_by" else rev.approved_on


def _shown(rev: Revision, name: str) -> str:
    value = _field(rev, name)
    return f"'{value}'" if value is not None else "(none)"


def _name(artifact: Artifact) -> str:
    return artifact.id or artifact.path


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
