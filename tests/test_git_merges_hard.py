"""Who merged, in the histories that fooled the simple reading (issue 16).

Real repositories with several people: a ``git pull`` that merges the remote's ``main`` into
a local ``main`` ("foxtrot" merge) is no approval; a merge whose conflict resolution wrote
new lines is a change of the file, made by the merger; a shallow clone's boundary commits are
no last change.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from test_git_merges import as_person, head
from test_git_support import GitRepo, process

from sms_lint.gitrepo.merges import is_pull_merge
from sms_lint.gitrepo.upstream import Upstream, place


def doc(artifact_id: str, top: str = "start", bottom: str = "start") -> str:
    """A valid process whose first and last lines (YAML comments) can change on their own."""
    return f"# top: {top}\n{process(artifact_id=artifact_id)}# bottom: {bottom}\n"


def commit_as(repo: GitRepo, who: str, date: str, message: str) -> str:
    repo.git("add", "-A", "--", ".")
    as_person(repo, who, date)
    repo.git("commit", "-q", "-m", message)
    return head(repo)


def merge_as(repo: GitRepo, who: str, date: str, message: str, branch: str) -> str:
    as_person(repo, who, date)
    repo.git("merge", "-q", "--no-ff", "-m", message, branch)
    return head(repo)


def rows(invoke, path: Path) -> dict[str, dict]:
    result = invoke("register", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)}


def revisions(invoke, path: Path, artifact_id: str) -> list[dict]:
    result = invoke("history", artifact_id, "--root", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def merged_by(change: dict) -> str | None:
    return (change["merged"] or {}).get("by")


@pytest.fixture
def foxtrot(tmp_path) -> tuple[GitRepo, dict[str, str]]:
    """Bob merges Ivy's pull request on origin; Erin, who committed on her own main, runs
    ``git pull --no-rebase origin main`` and pushes: origin's main is her pull merge."""
    origin = GitRepo(tmp_path / "origin")
    origin.write("p/ivy.yaml", doc("PRC-IVY"))
    origin.write("p/erin.yaml", doc("PRC-ERIN"))
    origin.write("p/old.yaml", doc("PRC-OLD"))
    ids = {"start": commit_as(origin, "Alice Author", "2026-01-05", "Start")}
    origin.git("clone", "-q", str(origin.path), str(tmp_path / "erin"), cwd=tmp_path)
    erin = GitRepo.__new__(GitRepo)
    erin.path = tmp_path / "erin"
    origin.git("checkout", "-q", "-b", "ivy/pr5")
    origin.write("p/ivy.yaml", doc("PRC-IVY", top="ivy"))
    ids["ivy"] = commit_as(origin, "Ivy Writer", "2026-02-01", "PRC-IVY: Ivy's change")
    origin.git("checkout", "-q", "main")
    ids["bob"] = merge_as(origin, "Bob Merger", "2026-02-02",
                          "Merge pull request #5 from acme/ivy-pr5", "ivy/pr5")  # fmt: skip
    erin.write("p/erin.yaml", doc("PRC-ERIN", top="erin"))
    ids["erin"] = commit_as(erin, "Erin Local", "2026-02-03", "PRC-ERIN: Erin's change")
    as_person(erin, "Erin Local", "2026-02-04")
    erin.git("-c", "pull.rebase=false", "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    ids["pull"] = head(erin)
    erin.git("push", "-q", "origin", "main:refs/heads/erin-pushed")
    origin.git("merge", "-q", "--ff-only", "erin-pushed")
    return origin, ids


def test_a_pull_merge_names_no_false_approver(foxtrot, invoke) -> None:
    origin, ids = foxtrot
    subject = origin.git("log", "-1", "--format=%s").strip()
    # origin has no remotes: the place pulled from is origin itself.
    itself = Upstream(places=(place(str(origin.path)),))
    assert subject.startswith("Merge branch 'main' of ") and is_pull_merge(subject, itself)
    found = rows(invoke, origin.path)
    ivy = found["PRC-IVY"]["last_change"]
    assert ivy["commit"] == ids["ivy"] and ivy["author"] == "Ivy Writer"
    assert ivy["merged"]["commit"] == ids["bob"] and ivy["merged"]["by"] == "Bob Merger"
    assert ivy["approver_shown"] is True
    # Erin's own commit reached main with her push: no approver, and the pull is none either.
    erin = found["PRC-ERIN"]["last_change"]
    assert erin["commit"] == ids["erin"]
    assert erin["merged"] is None and erin["approver_shown"] is False
    assert found["PRC-OLD"]["last_change"]["approver_shown"] is False
    history = revisions(invoke, origin.path, "PRC-IVY")
    assert [(r["author"], merged_by(r)) for r in history] == [
        ("Ivy Writer", "Bob Merger"),
        ("Alice Author", None),
    ]
    text = invoke("register", str(origin.path)).stdout
    (line,) = [line for line in text.splitlines() if line.startswith("PRC-IVY")]
    assert "Bob Merger 2026-02-02" in line and "Erin" not in line
    (line,) = [line for line in text.splitlines() if line.startswith("PRC-ERIN")]
    assert line.endswith("not shown")


def test_pull_merges_within_pull_merges(tmp_path, invoke) -> None:
    """Frank pulled (a pull merge) before Erin pulled his work: both lines are the branch."""
    repo = GitRepo(tmp_path / "sms")
    repo.write("p/ivy.yaml", doc("PRC-IVY"))
    repo.write("p/frank.yaml", doc("PRC-FRANK"))
    commit_as(repo, "Alice Author", "2026-01-05", "Start")
    repo.git("remote", "add", "origin", "git@github.com:acme/sms.git")  # what the pulls name
    repo.git("branch", "frank")
    repo.git("branch", "erin")
    repo.git("checkout", "-q", "-b", "ivy")
    repo.write("p/ivy.yaml", doc("PRC-IVY", top="ivy"))
    ivy = commit_as(repo, "Ivy Writer", "2026-02-01", "Ivy's change")
    repo.git("checkout", "-q", "main")
    bob = merge_as(repo, "Bob Merger", "2026-02-02", "Merge pull request #5 from acme/ivy", "ivy")
    repo.git("checkout", "-q", "frank")
    repo.write("p/frank.yaml", doc("PRC-FRANK", top="frank"))
    frank = commit_as(repo, "Frank Local", "2026-02-03", "Frank's change")
    merge_as(repo, "Frank Local", "2026-02-04",
             "Merge remote-tracking branch 'origin/main' into main", "main")  # fmt: skip
    repo.git("checkout", "-q", "erin")
    repo.write("p/erin.yaml", doc("PRC-ERIN"))
    commit_as(repo, "Erin Local", "2026-02-05", "Erin's document")
    merge_as(repo, "Erin Local", "2026-02-06",
             "Merge branch 'main' of github.com:acme/sms", "frank")  # fmt: skip
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "erin")
    found = rows(invoke, repo.path)
    assert found["PRC-IVY"]["last_change"]["commit"] == ivy
    assert found["PRC-IVY"]["last_change"]["merged"]["commit"] == bob
    assert found["PRC-FRANK"]["last_change"]["commit"] == frank
    assert found["PRC-FRANK"]["last_change"]["approver_shown"] is False
    assert found["PRC-ERIN"]["last_change"]["approver_shown"] is False


@pytest.mark.parametrize(
    ("subject", "pull"),
    [
        ("Merge branch 'main' of https://github.com/acme/sms", True),
        ("Merge branch 'master' of github.com:acme/sms", True),
        ("Merge branch 'develop' of https://github.com/acme/sms into develop", True),
        ("Merge remote-tracking branch 'origin/main'", True),
        ("Merge remote-tracking branch 'origin/release/2026' into release/2026", True),
        ("Merge branch 'feature' of https://github.com/ivy/sms", False),
        ("Merge branch 'main' of https://github.com/acme/sms into feature", False),
        ("Merge remote-tracking branch 'origin/feature'", False),
        ("Merge remote-tracking branch 'origin/main' into feature", False),
        ("Merge branch 'main' into feature", False),
        ("Merge pull request #5 from acme/main", False),
        ("Merge branch 'main' of /home/erin/my sms", True),  # a folder as the remote
        ("Merge branches 'main' and 'feature' of https://github.com/acme/sms", False),
    ],
)
def test_which_subjects_are_pull_merges(subject: str, pull: bool) -> None:
    remotes = ("https://github.com/acme/sms.git", "/home/erin/my sms")
    upstream = Upstream(("origin",), tuple(place(url) for url in remotes))
    assert is_pull_merge(subject, upstream) is pull


def test_a_branch_merged_into_a_branch_arrives_with_the_outermost_merge(tmp_path, invoke) -> None:
    """Alice merges her branch into her feature branch (and brings main into it, as GitHub's
    *Update branch* does); Bob merges the feature into main: Bob is the approver."""
    repo = GitRepo(tmp_path / "sms")
    repo.write("p/a.yaml", doc("PRC-A"))
    repo.write("p/b.yaml", doc("PRC-B"))
    commit_as(repo, "Alice Author", "2026-01-05", "Start")
    repo.git("checkout", "-q", "-b", "feature-b")
    repo.git("checkout", "-q", "-b", "feature-a")
    repo.write("p/a.yaml", doc("PRC-A", top="alice"))
    alice = commit_as(repo, "Alice Author", "2026-02-01", "PRC-A by Alice")
    repo.git("checkout", "-q", "feature-b")
    merge_as(repo, "Alice Author", "2026-02-02", "Merge branch 'feature-a' into feature-b",
             "feature-a")  # fmt: skip
    repo.git("checkout", "-q", "main")
    repo.write("p/b.yaml", doc("PRC-B", top="direct"))
    direct = commit_as(repo, "Carol Direct", "2026-02-03", "PRC-B pushed to main")
    repo.git("checkout", "-q", "feature-b")
    merge_as(repo, "Alice Author", "2026-02-04", "Merge branch 'main' into feature-b", "main")
    repo.git("checkout", "-q", "main")
    bob = merge_as(repo, "Bob Merger", "2026-02-05", "Merge pull request #9 from acme/feature-b",
                   "feature-b")  # fmt: skip
    found = rows(invoke, repo.path)
    assert found["PRC-A"]["last_change"]["commit"] == alice
    assert found["PRC-A"]["last_change"]["merged"]["commit"] == bob
    assert found["PRC-B"]["last_change"]["commit"] == direct
    assert found["PRC-B"]["last_change"]["approver_shown"] is False


def conflicting_pull_request(repo: GitRepo) -> dict[str, str]:
    """PRC-E changed on main and, differently, on Gina's branch (the same line)."""
    repo.write("p/e.yaml", doc("PRC-E"))
    ids = {"start": commit_as(repo, "Alice Author", "2026-01-05", "Start")}
    repo.git("checkout", "-q", "-b", "gina")
    repo.write("p/e.yaml", doc("PRC-E", bottom="gina"))
    ids["gina"] = commit_as(repo, "Gina Writer", "2026-02-01", "PRC-E by Gina")
    repo.git("checkout", "-q", "main")
    repo.write("p/e.yaml", doc("PRC-E", bottom="main"))
    ids["main"] = commit_as(repo, "Alice Author", "2026-02-02", "PRC-E on main")
    return ids


def test_a_merge_that_resolves_a_conflict_is_a_change(tmp_path, invoke) -> None:
    repo = GitRepo(tmp_path / "sms")
    ids = conflicting_pull_request(repo)
    as_person(repo, "Bob Merger", "2026-02-03")
    with pytest.raises(subprocess.CalledProcessError):  # the conflict
        repo.git("merge", "-q", "--no-ff", "gina")
    repo.write("p/e.yaml", doc("PRC-E", bottom="both, as Bob resolved it"))
    ids["bob"] = commit_as(repo, "Bob Merger", "2026-02-03", "Merge pull request #7 from gina")
    change = rows(invoke, repo.path)["PRC-E"]["last_change"]
    assert change["commit"] == ids["bob"] and change["author"] == "Bob Merger"
    assert change["merged"]["commit"] == ids["bob"] and change["approver_shown"] is True
    history = revisions(invoke, repo.path, "PRC-E")
    assert [(r["commit"], merged_by(r)) for r in history] == [
        (ids["bob"], "Bob Merger"),
        (ids["main"], None),
        (ids["gina"], "Bob Merger"),
        (ids["start"], None),
    ]
    assert history[0]["version"] == "1.0" and history[0]["status"] == "approved"
    text = invoke("history", "PRC-E", "--root", str(repo.path)).stdout.splitlines()
    assert text[1].split()[4:8] == ["Bob", "Merger", "Bob", "Merger"]
    assert text[1].endswith("Merge pull request #7 from gina")


def test_a_clean_merge_of_both_sides_is_no_change_of_its_own(tmp_path, invoke) -> None:
    """Both sides changed the file in different places: the merge wrote nothing new."""
    repo = GitRepo(tmp_path / "sms")
    repo.write("p/e.yaml", doc("PRC-E"))
    commit_as(repo, "Alice Author", "2026-01-05", "Start")
    repo.git("checkout", "-q", "-b", "gina")
    repo.write("p/e.yaml", doc("PRC-E", top="gina"))
    gina = commit_as(repo, "Gina Writer", "2026-02-01", "PRC-E top by Gina")
    repo.git("checkout", "-q", "main")
    repo.write("p/e.yaml", doc("PRC-E", bottom="main"))
    main = commit_as(repo, "Alice Author", "2026-02-02", "PRC-E bottom on main")
    bob = merge_as(repo, "Bob Merger", "2026-02-03", "Merge pull request #8 from gina", "gina")
    assert (repo.path / "p/e.yaml").read_text() == doc("PRC-E", top="gina", bottom="main")
    change = rows(invoke, repo.path)["PRC-E"]["last_change"]
    assert change["commit"] == main and change["approver_shown"] is False
    history = revisions(invoke, repo.path, "PRC-E")
    assert bob not in [r["commit"] for r in history]
    assert [r["commit"] for r in history][:2] == [main, gina]


def test_a_pull_merge_that_resolves_a_conflict_shows_no_approver(tmp_path, invoke) -> None:
    repo = GitRepo(tmp_path / "sms")
    conflicting_pull_request(repo)
    repo.git("remote", "add", "origin", "https://github.com/a/sms")
    as_person(repo, "Erin Local", "2026-02-03")
    with pytest.raises(subprocess.CalledProcessError):
        repo.git("merge", "-q", "gina")
    repo.write("p/e.yaml", doc("PRC-E", bottom="as Erin resolved it"))
    pull = commit_as(repo, "Erin Local", "2026-02-03", "Merge branch 'main' of github.com:a/sms")
    change = rows(invoke, repo.path)["PRC-E"]["last_change"]
    assert change["commit"] == pull and change["author"] == "Erin Local"
    assert change["merged"] is None and change["approver_shown"] is False
    history = revisions(invoke, repo.path, "PRC-E")
    assert (history[0]["commit"], history[0]["approver_shown"]) == (pull, False)
    # Gina's commit came with the pull: it is on the branch line, no approver either.
    assert [merged_by(r) for r in history] == [None, None, None, None]


def test_a_conflict_resolved_on_the_feature_branch_is_approved_by_its_merge(
    tmp_path, invoke
) -> None:
    """Gina brings main into her branch and resolves the conflict there; Bob merges."""
    repo = GitRepo(tmp_path / "sms")
    conflicting_pull_request(repo)
    repo.git("checkout", "-q", "gina")
    as_person(repo, "Gina Writer", "2026-02-03")
    with pytest.raises(subprocess.CalledProcessError):
        repo.git("merge", "-q", "main")
    repo.write("p/e.yaml", doc("PRC-E", bottom="as Gina resolved it"))
    update = commit_as(repo, "Gina Writer", "2026-02-03", "Merge branch 'main' into gina")
    repo.git("checkout", "-q", "main")
    bob = merge_as(repo, "Bob Merger", "2026-02-04", "Merge pull request #7 from gina", "gina")
    change = rows(invoke, repo.path)["PRC-E"]["last_change"]
    assert change["commit"] == update and change["author"] == "Gina Writer"
    assert change["merged"]["commit"] == bob and change["merged"]["by"] == "Bob Merger"
    assert revisions(invoke, repo.path, "PRC-E")[0]["commit"] == update


def test_a_shallow_clone_gives_no_last_change_at_its_boundary(tmp_path, invoke) -> None:
    repo = GitRepo(tmp_path / "sms")
    repo.write("p/old.yaml", doc("PRC-OLD"))
    repo.write("p/new.yaml", doc("PRC-NEW"))
    commit_as(repo, "Alice Author", "2026-01-05", "Start")
    repo.write("p/mid.yaml", doc("PRC-MID"))
    commit_as(repo, "Alice Author", "2026-02-01", "Add PRC-MID")
    repo.write("p/new.yaml", doc("PRC-NEW", top="changed"))
    new = commit_as(repo, "Carol Writer", "2026-03-01", "Change PRC-NEW")
    repo.git("clone", "-q", "--depth", "2", repo.path.as_uri(), "clone", cwd=tmp_path)
    clone = tmp_path / "clone"
    result = invoke("register", str(clone), "--format", "json")
    assert result.exit_code == 0, result.output
    found = {row["id"]: row["last_change"] for row in json.loads(result.stdout)}
    # PRC-MID was added in the boundary commit, as far as the clone can tell: no last change.
    assert found == {"PRC-MID": None, "PRC-NEW": found["PRC-NEW"], "PRC-OLD": None}
    assert found["PRC-NEW"]["commit"] == new and found["PRC-NEW"]["author"] == "Carol Writer"
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr
    assert "last_change is null" in result.stderr
    text = invoke("register", str(clone)).stdout.splitlines()
    assert [line.split()[-2:] for line in text if line.startswith("PRC-OLD")] == [["-", "-"]]
    # Nothing was written into the clone.
    assert subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True,
                          text=True, check=True).stdout == ""  # fmt: skip
