"""SMS053's day of arrival (issue 20, point 4, a reviewer's findings): the day a change
reached the branch, not the day it was written; one day of slack for time zones. Real git
repositories in tmp_path, every date fixed; today is pinned."""

from __future__ import annotations

import json
from pathlib import Path

from test_approval_evidence import edit, observations, policy, register_rows, sms
from test_git_merges import as_person
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


def parallel_branch(tmp_path: Path) -> tuple[GitRepo, dict[str, str]]:
    """Main approves 2.4 on 04-07; a side branch from 2.3 edits only the body on 04-10; Bob
    merges it (--no-ff) on 04-11: the file then holds version 2.4 with the side's body."""
    repo = sms(tmp_path, policy("2.3", on="2026-04-01"), "2026-04-01")
    ids = {"2.3": repo.git("rev-parse", "HEAD").strip()}
    repo.git("checkout", "-q", "-b", "body")
    repo.git("checkout", "-q", "main")
    ids["2.4"] = edit(repo, policy("2.4", on="2026-04-07"), "2026-04-07")
    repo.git("checkout", "-q", "body")
    ids["body"] = edit(repo, policy("2.3", on="2026-04-01", body="Clearer."), "2026-04-10")
    repo.git("checkout", "-q", "main")
    as_person(repo, "Bob Merger", "2026-04-11")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge the body", "body")
    ids["merge"] = repo.git("rev-parse", "HEAD").strip()
    assert (repo.path / "policies/pol-001.md").read_text() == policy(
        "2.4", on="2026-04-07", body="Clearer."
    )
    return repo, ids


def test_history_follows_what_the_branch_held_after_a_parallel_merge(
    tmp_path: Path, invoke
) -> None:
    repo, ids = parallel_branch(tmp_path)
    result = invoke("history", "POL-001", "--root", str(repo.path), "--format", "json")
    revisions = json.loads(result.stdout)
    # The side commit stays a row (who wrote what, merged by Bob); the clean merge is none.
    assert [r["commit"] for r in revisions] == [ids["body"], ids["2.4"], ids["2.3"]]
    assert revisions[0]["merged"]["commit"] == ids["merge"]
    periods = [(r["version"], r["in_force_from"], r["in_force_to"]) for r in revisions]
    assert periods == [
        ("2.3", None, None),  # never what the branch held: the merge kept 2.4
        ("2.4", "2026-04-07", None),
        ("2.3", "2026-04-01", "2026-04-07"),
    ]
    assert revisions[1]["approval_evidence"]["commit"] == ids["2.4"]
    text = invoke("history", "POL-001", "--root", str(repo.path)).stdout
    assert "2.4      " + ids["2.4"][:12] in text and "2026-04-07     now" in text
    assert (
        f"The approval of version 2.4 (approved_by sms-manager, approved_on 2026-04-07) "
        f"was recorded by commit {ids['2.4'][:12]}" in " ".join(text.split())
    )


def test_register_evidence_after_a_parallel_merge_is_the_kept_version_s(
    tmp_path: Path, invoke, check_json
) -> None:
    repo, ids = parallel_branch(tmp_path)
    found = register_rows(invoke, repo)["POL-001"]["approval_evidence"]
    assert found is not None and found["commit"] == ids["2.4"]
    assert observations(check_json, repo) == []


def test_a_review_only_change_does_not_report_an_earlier_commit_s_approval_findings(
    tmp_path: Path, check_json
) -> None:
    """SMS054 (and SMS053) made by commits the base already had belong to that earlier
    change: a pull request that only records a review (last_reviewed) reports neither."""
    repo = sms(tmp_path, policy(on="2026-01-20"), "2026-01-10")  # SMS053: approved later
    changed = policy(on="2026-01-21")
    edit(repo, changed, "2026-01-15")  # SMS054: the approval changed in version 1.0
    base = repo.git("rev-parse", "HEAD").strip()
    assert [row[2] for row in observations(check_json, repo)] == ["SMS053", "SMS054"]
    edit(
        repo,
        changed.replace("last_reviewed: 2026-01-05", "last_reviewed: 2026-02-01"),
        "2026-02-01",
    )
    assert observations(check_json, repo, base) == []
    _, report = check_json(repo.path, "--base", base, "--new-only")
    assert [f for f in report["findings"] if f["rule_id"] in ("SMS053", "SMS054")] == []
    # From before those commits, they are this change's: still reported.
    assert [row[2] for row in observations(check_json, repo)] == ["SMS053", "SMS054"]


def test_sms054_sees_an_approval_changed_inside_a_merge_commit(tmp_path: Path, check_json) -> None:
    """An "evil merge": the side branch edits the body, the merger changes approved_on while
    merging. The merge is what the branch holds, so its change of the approval is seen."""
    repo = sms(tmp_path, policy(), "2026-01-10")
    repo.git("checkout", "-q", "-b", "body")
    edit(repo, policy(body="Clearer."), "2026-02-01")
    repo.git("checkout", "-q", "main")
    as_person(repo, "Bob Merger", "2026-02-03")
    repo.git("merge", "-q", "--no-ff", "--no-commit", "body")
    repo.write("policies/pol-001.md", policy(on="2026-01-12", body="Clearer."))
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Merge the body")
    merge = repo.git("rev-parse", "HEAD").strip()
    found = observations(check_json, repo)
    assert [row[2] for row in found] == ["SMS054"]
    assert found[0][-1].startswith(f"commit {merge[:12]} (2026-02-03, Bob Merger) changed")
