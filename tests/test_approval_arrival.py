"""SMS053's day of arrival (issue 20, point 4, a reviewer's findings): the day a change
reached the branch, not the day it was written; one day of slack for time zones. Real git
repositories in tmp_path, every date fixed; today is pinned."""

from __future__ import annotations

from pathlib import Path

from test_approval_evidence import observations, policy, sms
from test_git_support import GitRepo


def commit_dated(repo: GitRepo, message: str, authored: str, committed: str) -> str:
    """Stage everything and commit with different author and committer dates (a rebase or
    squash merge: written on one day, landed on another)."""
    repo.commit(message, authored[:10])  # sets the author; amended to the dates wanted
    repo._author = {**repo._author, "GIT_COMMITTER_DATE": committed}
    repo.git("commit", "--amend", "-q", "--no-edit", "--date", authored)
    return repo.git("rev-parse", "HEAD").strip()


def test_sms053_judges_a_squash_or_rebase_merge_by_the_day_it_landed(
    tmp_path: Path, check_json
) -> None:
    """Written (author date) on 04-05, landed on main (committer date) on 04-07, approved
    on 04-07: the change was not on the branch before its approval."""
    repo = sms(tmp_path, policy(on="2026-01-10"), "2026-01-10")
    repo.write("policies/pol-001.md", policy("2.0", on="2026-04-07"))
    commit_dated(repo, "Squashed 2.0", "2026-04-05T09:00:00+00:00", "2026-04-07T15:00:00+00:00")
    assert observations(check_json, repo) == []
    # Landed on 04-07 but approved on 04-09: more than a day after it was on the branch.
    repo.write("policies/pol-001.md", policy("2.1", on="2026-04-09"))
    commit_dated(repo, "Squashed 2.1", "2026-04-05T09:00:00+00:00", "2026-04-07T15:00:00+00:00")
    found = observations(check_json, repo)
    assert [row[2] for row in found] == ["SMS053"]
    assert "marked approved since 2026-04-07" in found[0][-1]


def test_sms053_allows_a_day_for_time_zones(tmp_path: Path, check_json) -> None:
    """Committed in New York on 04-07 at 19:30 (04-08 in Sydney), approved_on 04-08 by an
    approver in Sydney: not flagged. Two days later is."""
    repo = sms(tmp_path, policy(on="2026-01-10"), "2026-01-10")
    repo.write("policies/pol-001.md", policy("2.0", on="2026-04-08"))
    when = "2026-04-07T19:30:00-04:00"
    commit_dated(repo, "2.0 from New York", when, when)
    assert observations(check_json, repo) == []
    repo.write("policies/pol-001.md", policy("2.1", on="2026-04-09"))
    commit_dated(repo, "2.1 from New York", when, when)
    assert [row[2] for row in observations(check_json, repo)] == ["SMS053"]
