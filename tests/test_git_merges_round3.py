"""Who merged, round 3 (issue 16): a pull of a contributor's fork is the maintainer's merge,
not a sync; every subject git writes for a sync of the own upstream is one; a commit made on a
slow clock is still the last change after its parent.

Real repositories: a server, clones with ``origin`` pointing at it, several people.
"""

from __future__ import annotations

import pytest
from test_git_merges import as_person, head
from test_git_merges_hard import commit_as, doc, merge_as, merged_by, revisions, rows
from test_git_support import GitRepo

from sms_lint.gitrepo.upstream import Upstream, is_pull_merge, place, same_place


def clone(source: GitRepo, target, url: str | None = None) -> GitRepo:
    """A clone of ``source``; ``url`` replaces origin's URL (what a GitHub clone would hold)."""
    source.git("clone", "-q", str(source.path), str(target), cwd=target.parent)
    copy = GitRepo.__new__(GitRepo)
    copy.path = target
    if url is not None:
        copy.git("remote", "set-url", "origin", url)
    return copy


def change(repo: GitRepo, path: str, artifact_id: str, top: str) -> None:
    repo.write(path, doc(artifact_id, top=top))


def file_of(artifact_id: str) -> str:
    """Where the fixtures keep a document: PRC-SCOPE in p/scope.yaml."""
    return f"p/{artifact_id.removeprefix('PRC-').lower()}.yaml"


def started(path, *artifact_ids: str) -> tuple[GitRepo, str]:
    """A repository at ``path`` holding each document, and Alice's "Start" commit of them."""
    repo = GitRepo(path)
    for artifact_id in artifact_ids:
        repo.write(file_of(artifact_id), doc(artifact_id))
    return repo, commit_as(repo, "Alice Author", "2026-01-05", "Start")


def on_branch(
    repo: GitRepo, branch: str, artifact_id: str, who: str, when: str, message: str
) -> str:
    """``who`` commits a change of ``artifact_id`` on a new ``branch`` (its top line: their
    first name); the commit's id, with ``repo`` back on main."""
    repo.git("checkout", "-q", "-b", branch)
    change(repo, file_of(artifact_id), artifact_id, top=who.split()[0].lower())
    commit = commit_as(repo, who, when, message)
    repo.git("checkout", "-q", "main")
    return commit


def expected(commit: str, author: str, date: str, message: str, merged=None) -> dict:
    """A last_change as register's JSON shows it (dates as the fixtures set them)."""
    by = None
    if merged is not None:
        merge_commit, who, when, subject = merged
        by = {"commit": merge_commit, "by": who, "date": f"{when}T10:00:00+00:00",
              "message": subject}  # fmt: skip
    return {"commit": commit, "author": author, "date": f"{date}T10:00:00+00:00",
            "message": message, "merged": by, "approver_shown": by is not None}  # fmt: skip


@pytest.fixture
def fork_pull(tmp_path) -> tuple[GitRepo, GitRepo, dict[str, str]]:
    """Zed works in his fork and merges his own branch there ("Merge branch 'zfix'"); Bob,
    in his clone of the server, pulls Zed's fork (``git pull ../fork main``) and pushes."""
    server, start = started(tmp_path / "server", "PRC-SCOPE", "PRC-MANUAL")
    ids = {"start": start}
    fork = clone(server, tmp_path / "fork")
    ids["zed"] = on_branch(
        fork, "zfix", "PRC-SCOPE", "Zed Contributor", "2026-02-01", "PRC-SCOPE: Zed's change"
    )
    ids["zed-merge"] = merge_as(fork, "Zed Contributor", "2026-02-02", "Merge branch 'zfix'",
                                "zfix")  # fmt: skip
    bob = clone(server, tmp_path / "bob")
    change(bob, "p/manual.yaml", "PRC-MANUAL", "bob")
    ids["bob-direct"] = commit_as(bob, "Bob Maintainer", "2026-02-03", "PRC-MANUAL by Bob")
    as_person(bob, "Bob Maintainer", "2026-02-04")
    bob.git("pull", "-q", "--no-rebase", "--no-edit", "../fork", "main")
    ids["bob-pull"] = head(bob)
    bob.git("push", "-q", "origin", "main:refs/heads/bob")
    server.git("merge", "-q", "--ff-only", "bob")
    return server, bob, ids


def test_a_pull_of_a_contributors_fork_is_the_maintainers_merge(fork_pull, invoke) -> None:
    server, bob, ids = fork_pull
    subject = "Merge branch 'main' of ../fork"
    assert bob.git("log", "-1", "--format=%s").strip() == subject
    zed = expected(ids["zed"], "Zed Contributor", "2026-02-01", "PRC-SCOPE: Zed's change",
                   (ids["bob-pull"], "Bob Maintainer", "2026-02-04", subject))  # fmt: skip
    direct = expected(ids["bob-direct"], "Bob Maintainer", "2026-02-03", "PRC-MANUAL by Bob")
    # Bob's clone (origin: the server), and the server itself (no remote at all).
    for repo in (bob, server):
        found = rows(invoke, repo.path)
        assert found["PRC-SCOPE"]["last_change"] == zed
        assert found["PRC-MANUAL"]["last_change"] == direct
        assert [(r["commit"], merged_by(r)) for r in revisions(invoke, repo.path, "PRC-SCOPE")] == [
            (ids["zed"], "Bob Maintainer"),
            (ids["start"], None),
        ]


@pytest.fixture
def synced(tmp_path) -> tuple[GitRepo, dict[str, str]]:
    """Bob merges Eve's pull request on the server; Carol committed on her own main."""
    server, start = started(tmp_path / "server", "PRC-EVE", "PRC-CAROL")
    ids = {"start": start}
    carol = clone(server, tmp_path / "carol")
    ids["eve"] = on_branch(
        server, "eve/feat", "PRC-EVE", "Eve Writer", "2026-02-01", "PRC-EVE: Eve's change"
    )
    ids["bob"] = merge_as(server, "Bob Merger", "2026-02-02",
                          "Merge pull request #1 from eve/feat", "eve/feat")  # fmt: skip
    change(carol, "p/carol.yaml", "PRC-CAROL", "carol")
    ids["carol"] = commit_as(carol, "Carol Local", "2026-02-03", "PRC-CAROL: Carol's change")
    carol.git("fetch", "-q", "origin")
    return carol, ids


@pytest.mark.parametrize(
    ("ref", "subject"),
    [
        ("origin", "Merge remote-tracking branch 'origin'"),
        ("origin/HEAD", "Merge remote-tracking branch 'origin/HEAD'"),
        ("refs/remotes/origin/main", "Merge remote-tracking branch 'refs/remotes/origin/main'"),
        ("origin/main", "Merge remote-tracking branch 'origin/main'"),
    ],
)
def test_every_sync_of_the_own_upstream_is_a_pull(synced, invoke, ref, subject) -> None:
    carol, ids = synced
    merge_as(carol, "Carol Local", "2026-02-04", subject, ref)
    found = rows(invoke, carol.path)
    assert found["PRC-EVE"]["last_change"] == expected(
        ids["eve"], "Eve Writer", "2026-02-01", "PRC-EVE: Eve's change",
        (ids["bob"], "Bob Merger", "2026-02-02", "Merge pull request #1 from eve/feat"),
    )  # fmt: skip
    assert found["PRC-CAROL"]["last_change"] == expected(
        ids["carol"], "Carol Local", "2026-02-03", "PRC-CAROL: Carol's change"
    )


def test_git_writes_those_subjects(synced) -> None:
    carol, _ = synced
    as_person(carol, "Carol Local", "2026-02-04")
    carol.git("merge", "-q", "--no-ff", "--no-edit", "origin")
    assert carol.git("log", "-1", "--format=%s").strip() == "Merge remote-tracking branch 'origin'"


def test_a_pull_named_by_the_ssh_form_of_the_https_remote(tmp_path, invoke) -> None:
    """origin is https (a CI clone); Dan pulled over ssh: git@github.com:acme/sms."""
    server, _ = started(tmp_path / "server", "PRC-EVE")
    ci = clone(server, tmp_path / "ci", url="https://github.com/acme/sms.git")
    eve = on_branch(ci, "eve", "PRC-EVE", "Eve Writer", "2026-02-01", "PRC-EVE by Eve")
    bob = merge_as(ci, "Bob Merger", "2026-02-02", "Merge pull request #3 from acme/eve", "eve")
    ci.git("checkout", "-q", "-b", "dan", "HEAD~1")
    ci.write("p/dan.yaml", doc("PRC-DAN"))
    commit_as(ci, "Dan Local", "2026-02-03", "Dan's document")
    merge_as(ci, "Dan Local", "2026-02-04", "Merge branch 'main' of git@github.com:acme/sms",
             "main")  # fmt: skip
    ci.git("checkout", "-q", "main")
    ci.git("merge", "-q", "--ff-only", "dan")  # Dan pushed his pull merge
    last = rows(invoke, ci.path)["PRC-EVE"]["last_change"]
    assert (last["commit"], last["merged"]["commit"], merged_by(last)) == (eve, bob, "Bob Merger")


def test_a_commit_on_a_slow_clock_is_the_last_change(tmp_path, invoke) -> None:
    """Eve's clock is ten minutes slow: her commit is dated before its own parent."""
    repo = GitRepo(tmp_path / "sms")
    repo.write("p/scope.yaml", doc("PRC-SCOPE"))
    start = commit_as(repo, "Alice Author", "2026-02-01", "Start")
    repo.git("checkout", "-q", "-b", "eve/feat")
    change(repo, "p/scope.yaml", "PRC-SCOPE", "eve")
    repo.git("add", "-A", "--", ".")
    slow = {"GIT_AUTHOR_DATE": "2026-02-01T09:50:00+00:00",
            "GIT_COMMITTER_DATE": "2026-02-01T09:50:00+00:00"}  # fmt: skip
    repo._author = {"GIT_AUTHOR_NAME": "Eve Writer", "GIT_AUTHOR_EMAIL": "eve@example.com",  # type: ignore[attr-defined]
                    "GIT_COMMITTER_NAME": "Eve Writer",
                    "GIT_COMMITTER_EMAIL": "eve@example.com", **slow}  # fmt: skip
    repo.git("commit", "-q", "-m", "PRC-SCOPE by Eve")
    eve = head(repo)
    repo.git("checkout", "-q", "main")
    bob = merge_as(repo, "Bob Merger", "2026-02-02", "Merge pull request #2 from eve/feat",
                   "eve/feat")  # fmt: skip
    assert rows(invoke, repo.path)["PRC-SCOPE"]["last_change"] == {
        "commit": eve, "author": "Eve Writer", "date": "2026-02-01T09:50:00+00:00",
        "message": "PRC-SCOPE by Eve", "approver_shown": True,
        "merged": {"commit": bob, "by": "Bob Merger", "date": "2026-02-02T10:00:00+00:00",
                   "message": "Merge pull request #2 from eve/feat"},
    }  # fmt: skip
    history = revisions(invoke, repo.path, "PRC-SCOPE")
    assert [(r["commit"], merged_by(r)) for r in history] == [(eve, "Bob Merger"), (start, None)]


UPSTREAM = Upstream(("origin", "up/stream"), (place("https://github.com/acme/sms.git"),))


@pytest.mark.parametrize(
    ("subject", "pull"),
    [
        ("Merge remote-tracking branch 'origin'", True),
        ("Merge remote-tracking branch 'origin/HEAD'", True),
        ("Merge remote-tracking branch 'refs/remotes/origin/main'", True),
        ("Merge remote-tracking branch 'up/stream/main'", True),  # a remote with a slash
        ("Merge remote-tracking branch 'origin/HEAD' into feature", False),
        ("Merge remote-tracking branch 'zed/main'", False),  # no such remote
        ("Merge remote-tracking branch 'refs/remotes/zed'", False),
        ("Merge branch 'main' of ../fork", False),
        ("Merge branch 'main' of https://github.com/zed/sms", False),
        ("Merge branch 'main' of ssh://git@GitHub.com:22/acme/sms.git/", True),
        ("Merge branch 'main' of git@github.com:acme/sms", True),
        ("Merge branch 'main' of github-work:acme/sms", True),  # an ssh host alias
        ("Merge branch 'main' of github.com:zed/sms", False),
    ],
)
def test_which_subjects_sync_the_upstream(subject: str, pull: bool) -> None:
    assert is_pull_merge(subject, UPSTREAM) is pull


def test_no_remote_means_no_pull() -> None:
    """Nothing confirms the place: a real merge (its author merged), never a sync."""
    assert not is_pull_merge("Merge branch 'main' of https://github.com/acme/sms")
    assert not is_pull_merge("Merge remote-tracking branch 'origin/main'")


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("git@github.com:acme/sms.git", "https://github.com/acme/sms", True),
        ("https://user@GITHUB.com/acme/sms/", "github.com:acme/sms", True),
        ("/srv/git/sms.git", "/srv/git/sms/", True),
        ("file:///srv/git/sms.git", "/srv/git/sms", True),
        ("../m1.git", "../m1", True),
        ("/srv/acme/sms", "github.com:acme/sms", False),  # a folder is no host
        ("C:\\repos\\sms", "C:/repos/sms.git", True),
        ("github.com:acme/sms", "github.com:acme/other", False),
    ],
)
def test_places_compare_without_scheme_user_or_suffix(one: str, other: str, same: bool) -> None:
    assert same_place(place(one), place(other)) is same
