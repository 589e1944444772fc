"""Which commit ``--as-of DATE`` describes: the SMS as it stood at the end of DATE.

That is the newest commit of HEAD's first-parent line whose committer date, read in the
commit's own time zone (as ``git log`` shows it), is on or before DATE: a merge counts on the
day it entered the line, and of two commits on one day the later one wins. One ``git log``
walks the line from HEAD, newest first, and stops at the first such commit; every call runs
in the read-only sandbox of :mod:`.repo`. Every problem is a :class:`UsageProblem` in one
sentence: not a repository, no commits, a date in the future or before the first commit, or
a shallow clone whose history does not reach the date.
"""

from __future__ import annotations

import datetime
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from sms_lint.errors import UsageProblem
from sms_lint.gitrepo.repo import NOT_SHALLOW_HINT, Repository, open_repository
from sms_lint.gitrepo.sandbox import GitProblem

__all__ = ["Revision", "revision_on"]

# One record per commit: full id, committer date in ISO 8601 with the commit's own offset.
_WALK = ("--first-parent", "--format=%H%x1f%cI", "-z", "--no-color")


class Revision(NamedTuple):
    """The commit an ``--as-of`` run describes, and its committer date (ISO 8601)."""

    commit: str
    committed: str

    @property
    def day(self) -> str:
        return self.committed[:10]


def revision_on(root: Path, day: datetime.date, clock: datetime.date | None = None) -> Revision:
    """The commit the SMS under ``root`` stood at on ``day`` (``clock``: the real date)."""
    if day > (clock or datetime.date.today()):
        raise UsageProblem(f"--as-of {day.isoformat()} is in the future: no commit can show it")
    try:
        repo = open_repository(root)
        if repo is None:
            raise UsageProblem(f"{root} is not inside a git repository, so --as-of has no history")
        with repo:
            return _revision(repo, day)
    except GitProblem as problem:
        raise UsageProblem(str(problem)) from None


def _revision(repo: Repository, day: datetime.date) -> Revision:
    state = repo.head_state()
    if state.head is None:
        raise UsageProblem("the repository has no commits yet, so --as-of has nothing to show")
    wanted = day.isoformat()
    oldest = None
    with closing(repo.stream("log", *_WALK, state.head)) as records:
        for record in records:
            commit, _, committed = record.strip().decode("ascii", "replace").partition("\x1f")
            if not commit:
                continue
            if committed[:10] <= wanted:
                return Revision(commit, committed)
            oldest = committed[:10]
    if state.shallow:
        raise UsageProblem(
            f"this shallow clone's history starts on {oldest}, after {wanted}: "
            f"{NOT_SHALLOW_HINT} to use --as-of"
        )
    raise UsageProblem(f"--as-of {wanted} is before the first commit (on {oldest})")
