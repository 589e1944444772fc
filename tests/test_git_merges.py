"""register and history show the merge that brought each change in, and who merged it.

Real repositories: Alice writes, Bob merges her branch with ``git merge --no-ff`` (the approval
of a pull-request flow); a squash merge and a fast-forward leave a commit on the branch's
first-parent line with one parent, and the history then shows no approver.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_git_support import GitRepo, policy, process

from sms_lint.gitrepo.merges import NO_APPROVER_NOTE


def as_person(repo: GitRepo, name: str, date: str) -> None:
    """The next git command (a merge) runs as ``name`` on ``date``."""
    repo._author = {  # type: ignore[attr-defined]  # GitRepo.git reads it
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": "person@example.com",
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": "person@example.com",
        "GIT_AUTHOR_DATE": f"{date}T10:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{date}T10:00:00+00:00",
    }


def head(repo: GitRepo) -> str:
    return repo.git("rev-parse", "HEAD").strip()


@pytest.fixture
def flows(tmp_path) -> tuple[GitRepo, dict[str, str]]:
    """Four documents, each brought onto main a different way; the commit ids by name."""
    repo = GitRepo(tmp_path / "sms")
    ids: dict[str, str] = {}
    repo.write("policies/pol-001.md", policy())
    repo.write("processes/demand.yaml", process())
    ids["direct"] = repo.commit("Approve both", "2026-01-10")
    # A pull request merged by Bob with a merge commit.
    repo.git("checkout", "-q", "-b", "alice/pol-1.1")
    repo.write("policies/pol-001.md", policy("1.1", "2026-04-01"))
    ids["side"] = repo.commit("Policy 1.1", "2026-04-01")
    repo.git("checkout", "-q", "main")
    as_person(repo, "Bob Merger", "2026-04-03")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #7 from alice/pol-1.1",
             "alice/pol-1.1")  # fmt: skip
    ids["merge"] = head(repo)
    # A pull request squashed: one new commit on main, by the author.
    repo.git("checkout", "-q", "-b", "alice/retire")
    repo.write("processes/demand.yaml", process("retired"))
    repo.commit("Retire demand", "2026-05-01")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--squash", "alice/retire")
    ids["squash"] = repo.commit("Retire demand (#8)", "2026-05-02")
    # A branch fast-forwarded by Bob: Alice's commit lands on main as it is.
    repo.git("checkout", "-q", "-b", "alice/new")
    repo.write("processes/new.yaml", process(artifact_id="PRC-NEW"))
    ids["fast"] = repo.commit("Add PRC-NEW", "2026-06-01")
    repo.git("checkout", "-q", "main")
    as_person(repo, "Bob Merger", "2026-06-02")
    repo.git("merge", "-q", "--ff-only", "alice/new")
    return repo, ids


def register(invoke, repo: GitRepo, *args: str) -> str:
    result = invoke("register", str(repo.path), *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_register_json_names_the_merge_and_who_merged(flows, invoke) -> None:
    repo, ids = flows
    rows = {row["id"]: row for row in json.loads(register(invoke, repo, "--format", "json"))}
    assert rows["POL-001"]["last_change"] == {
        "commit": ids["side"],
        "author": "Alice Auditor",  # the author's commit, as before
        "date": "2026-04-01T10:00:00+00:00",
        "message": "Policy 1.1",
        "merged": {
            "commit": ids["merge"],
            "by": "Bob Merger",
            "date": "2026-04-03T10:00:00+00:00",
            "message": "Merge pull request #7 from alice/pol-1.1",
        },
        "approver_shown": True,
    }
    squash = rows["PRC-DEMAND"]["last_change"]
    assert (squash["commit"], squash["message"]) == (ids["squash"], "Retire demand (#8)")
    assert (squash["merged"], squash["approver_shown"]) == (None, False)
    fast = rows["PRC-NEW"]["last_change"]
    assert (fast["commit"], fast["author"]) == (ids["fast"], "Alice Auditor")
    assert (fast["merged"], fast["approver_shown"]) == (None, False)


def test_register_text_markdown_and_csv_show_the_merge(flows, invoke) -> None:
    repo, ids = flows
    text = register(invoke, repo).splitlines()
    assert text[0].split()[-3:] == ["CHANGE", "MERGED", "BY"]
    pol = next(line for line in text if line.startswith("POL-001"))
    assert pol.endswith(f"2026-04-01 {ids['side'][:7]} Alice Auditor  "
                        f"Bob Merger 2026-04-03 {ids['merge'][:7]}")  # fmt: skip
    demand = next(line for line in text if line.startswith("PRC-DEMAND"))
    assert demand.endswith(f"2026-05-02 {ids['squash'][:7]} Alice Auditor  not shown")
    assert text[-2:] == ["", NO_APPROVER_NOTE]
    assert "squash or rebase merge" in NO_APPROVER_NOTE and "approved_by" in NO_APPROVER_NOTE
    markdown = register(invoke, repo, "--format", "markdown").splitlines()
    assert markdown[0].endswith("| Last change | Merged by |")
    assert f"| Bob Merger 2026-04-03 {ids['merge'][:7]} |" in markdown[2]
    assert markdown[-2:] == ["", NO_APPROVER_NOTE]
    table = list(csv.DictReader(io.StringIO(register(invoke, repo, "--format", "csv"))))
    by_id = {row["id"]: row for row in table}
    assert {k: by_id["POL-001"][k] for k in ("merged_commit", "merged_by", "approver_shown")} == {
        "merged_commit": ids["merge"],
        "merged_by": "Bob Merger",
        "approver_shown": "true",
    }
    assert by_id["POL-001"]["merged_date"] == "2026-04-03T10:00:00+00:00"
    assert (by_id["PRC-NEW"]["merged_commit"], by_id["PRC-NEW"]["approver_shown"]) == ("", "false")


def test_no_note_when_every_change_was_merged(tmp_path, invoke) -> None:
    repo = GitRepo(tmp_path / "sms")
    repo.write("README.md", "# SMS\n")
    repo.commit("Start", "2026-01-01")
    repo.git("checkout", "-q", "-b", "alice/policy")
    repo.write("policies/pol-001.md", policy())
    repo.commit("Policy 1.0", "2026-01-10")
    repo.git("checkout", "-q", "main")
    as_person(repo, "Bob Merger", "2026-01-11")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge", "alice/policy")
    text = register(invoke, repo)
    assert "Bob Merger 2026-01-11" in text and NO_APPROVER_NOTE not in text


def history(invoke, repo: GitRepo, *args: str) -> str:
    result = invoke("history", "POL-001", "--root", str(repo.path), *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_history_json_and_text(flows, invoke) -> None:
    repo, ids = flows
    revisions = json.loads(history(invoke, repo, "--format", "json"))
    assert revisions == [
        {
            "commit": ids["side"],
            "author": "Alice Auditor",
            "date": "2026-04-01T10:00:00+00:00",
            "message": "Policy 1.1",
            "version": "1.1",
            "status": "approved",
            "merged": {
                "commit": ids["merge"],
                "by": "Bob Merger",
                "date": "2026-04-03T10:00:00+00:00",
                "message": "Merge pull request #7 from alice/pol-1.1",
            },
            "approver_shown": True,
            # in force from the day the merge brought it into the branch
            "introduced_by": {
                "commit": ids["side"],
                "author": "Alice Auditor",
                "date": "2026-04-01T10:00:00+00:00",
            },
            "in_force_from": "2026-04-03",
            "in_force_to": None,
            "approved_by": "sms-manager",
            "approved_on": "2026-01-10",
            # the commit that recorded this approval, and the merge that brought it in
            "approval_evidence": {
                "commit": ids["side"],
                "author": "Alice Auditor",
                "date": "2026-04-01T10:00:00+00:00",
                "message": "Policy 1.1",
                "merged": {
                    "commit": ids["merge"],
                    "by": "Bob Merger",
                    "date": "2026-04-03T10:00:00+00:00",
                    "message": "Merge pull request #7 from alice/pol-1.1",
                },
                "approver_shown": True,
            },
        },
        {
            "commit": ids["direct"],
            "author": "Alice Auditor",
            "date": "2026-01-10T10:00:00+00:00",
            "message": "Approve both",
            "version": "1.0",
            "status": "approved",
            "merged": None,
            "approver_shown": False,
            "introduced_by": {
                "commit": ids["direct"],
                "author": "Alice Auditor",
                "date": "2026-01-10T10:00:00+00:00",
            },
            "in_force_from": "2026-01-10",
            "in_force_to": "2026-04-03",
            "approved_by": "sms-manager",
            "approved_on": "2026-01-10",
            "approval_evidence": {
                "commit": ids["direct"],
                "author": "Alice Auditor",
                "date": "2026-01-10T10:00:00+00:00",
                "message": "Approve both",
                "merged": None,
                "approver_shown": False,
            },
        },
    ]
    lines = history(invoke, repo).splitlines()
    assert lines[0].split() == [
        *("DATE", "COMMIT", "VERSION", "STATUS", "AUTHOR", "MERGED", "BY", "MESSAGE")
    ]
    assert lines[1].split() == [
        *("2026-04-01", ids["side"][:12], "1.1", "approved", "Alice", "Auditor"),
        *("Bob", "Merger", "2026-04-03", ids["merge"][:12], "Policy", "1.1"),
    ]
    assert lines[2].split()[6:] == ["not", "shown", "Approve", "both"]
    assert lines[-2:] == ["", NO_APPROVER_NOTE]


def test_a_branch_merged_twice_each_commit_with_its_own_merge(tmp_path, invoke) -> None:
    repo = GitRepo(tmp_path / "sms")
    repo.write("policies/pol-001.md", policy())
    repo.commit("Policy 1.0", "2026-01-10")
    repo.git("checkout", "-q", "-b", "alice/work")
    repo.write("policies/pol-001.md", policy("1.1", "2026-02-01"))
    first = repo.commit("Policy 1.1", "2026-02-01")
    repo.git("checkout", "-q", "main")
    as_person(repo, "Bob Merger", "2026-02-02")
    repo.git("merge", "-q", "--no-ff", "-m", "First merge", "alice/work")
    first_merge = head(repo)
    repo.git("checkout", "-q", "alice/work")
    repo.write("policies/pol-001.md", policy("1.2", "2026-03-01"))
    repo.commit("Policy 1.2", "2026-03-01")
    repo.git("checkout", "-q", "main")
    as_person(repo, "Carol Approver", "2026-03-02")
    repo.git("merge", "-q", "--no-ff", "-m", "Second merge", "alice/work")
    revisions = json.loads(history(invoke, repo, "--format", "json"))
    merged = [(r["message"], (r["merged"] or {}).get("by")) for r in revisions]
    # 1.1 is reachable from the second merge too, but it arrived with the first.
    assert merged == [
        ("Policy 1.2", "Carol Approver"),
        ("Policy 1.1", "Bob Merger"),
        ("Policy 1.0", None),
    ]
    assert revisions[1]["commit"] == first and revisions[1]["merged"]["commit"] == first_merge
    rows = json.loads(register(invoke, repo, "--format", "json"))
    assert rows[0]["last_change"]["merged"]["message"] == "Second merge"


def test_a_nested_branch_arrives_with_the_outer_merge(tmp_path, invoke) -> None:
    """A branch merged into a feature branch reaches main with the feature's merge."""
    repo = GitRepo(tmp_path / "sms")
    repo.write("README.md", "# SMS\n")
    repo.commit("Start", "2026-01-01")
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("checkout", "-q", "-b", "sub")
    repo.write("sms/policies/pol-001.md", policy())
    repo.commit("Policy 1.0", "2026-01-10")
    repo.git("checkout", "-q", "feature")
    as_person(repo, "Dan Lead", "2026-01-11")
    repo.git("merge", "-q", "--no-ff", "-m", "Sub into feature", "sub")
    repo.git("checkout", "-q", "main")
    as_person(repo, "Bob Merger", "2026-01-12")
    repo.git("merge", "-q", "--no-ff", "-m", "Feature into main", "feature")
    # The SMS root is a folder of the repository: the walk is limited to it, the graph not.
    result = invoke("register", str(repo.path / "sms"), "--format", "json")
    (row,) = json.loads(result.stdout)
    assert row["last_change"]["merged"]["by"] == "Bob Merger"
    assert row["last_change"]["merged"]["message"] == "Feature into main"
