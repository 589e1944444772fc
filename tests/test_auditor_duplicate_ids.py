"""SMS002 unique-id on real git repositories (issue 14, point 8).

The finding is on the document that took an id another one already had: with git, the file
that entered HEAD's first-parent history later (a file not committed yet counts as newest),
naming the established file and the day it entered git; when git cannot say (no repository,
a tie, git failing), every file with the id has a finding naming the others.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import quiet_config
from test_git_sandbox import HOOKS, _install_script, hostile_settings, snapshot
from test_git_support import GitRepo

import sms_lint.gitrepo.entered

CheckJson = Callable[..., tuple[int, dict]]


def procedure(artifact_id: str = "POL-001", title: str = "Service management policy") -> str:
    """A YAML artifact: its id on line 1."""
    return (
        f"id: {artifact_id}\nkind: procedure\ntitle: {title}\nowner: sms-manager\nstatus: draft\n"
    )


def markdown(artifact_id: str = "POL-001", title: str = "Service management policy") -> str:
    """A Markdown artifact: its id on line 2, below the front matter's opening line."""
    return "---\n" + procedure(artifact_id, title) + "---\n# Title\n\nText.\n"


def established(path: str, since: str, artifact_id: str = "POL-001") -> str:
    return (
        f"id '{artifact_id}' is already used by {path} (in git since {since}): "
        "give this document its own id"
    )


def shared(others: str, artifact_id: str = "POL-001") -> str:
    return (
        f"id '{artifact_id}' is also used by {others}: keep it on the document that had it "
        "first and give the others their own ids"
    )


def sms002(report: dict) -> list[tuple]:
    """(path, line, severity, clause, message) of the SMS002 findings; no rule crashed."""
    assert not [f for f in report["findings"] if f["rule"] == "SMS199"]
    return [
        (f["path"], f["line"], f["severity"], f["clause"], f["message"])
        for f in report["findings"]
        if f["rule"] == "SMS002"
    ]


@pytest.fixture(autouse=True)
def no_outer_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git never finds a repository above tmp_path (the no-git cases stay without git)."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def new_repo(folder: Path, root: str = "") -> GitRepo:
    """A repository whose SMS root (``root`` below the top) holds only the config, committed."""
    repo = GitRepo(folder)
    repo.git("config", "user.name", "Alice Auditor")
    repo.git("config", "user.email", "alice@example.com")
    repo.write(f"{root}.sms-lint.yaml", quiet_config("SMS002"))
    repo.commit("Configure sms-lint", "2025-01-15")
    return repo


@pytest.mark.parametrize(
    ("older", "newer", "line"),
    [
        ("z/policy.md", "a/copy.yaml", 1),
        ("z/policy.yaml", "a/copy.md", 2),
    ],
)
def test_the_later_commit_carries_the_finding(
    tmp_path: Path, check_json: CheckJson, older: str, newer: str, line: int
) -> None:
    # The newer file comes first in path order: the order is git's, not the paths'.
    repo = new_repo(tmp_path / "sms")
    repo.write(older, markdown() if older.endswith(".md") else procedure())
    repo.commit("Approve the policy", "2025-03-02")
    repo.write(newer, markdown() if newer.endswith(".md") else procedure())
    repo.commit("Start a copy", "2025-06-10")
    code, report = check_json(repo.path)
    assert code == 1
    assert sms002(report) == [
        (newer, line, "minor", "7.5.3", established(older, "2025-03-02")),
    ]


@pytest.mark.parametrize("staged", [False, True])
def test_a_file_not_committed_yet_is_the_newest(
    tmp_path: Path, check_json: CheckJson, staged: bool
) -> None:
    repo = new_repo(tmp_path / "sms")
    repo.write("governance/policy.md", markdown())
    repo.commit("Approve the policy", "2025-03-02")
    repo.write("drafts-of-mine/copy.md", markdown())
    if staged:
        repo.git("add", "--", "drafts-of-mine/copy.md")
    _, report = check_json(repo.path)
    assert sms002(report) == [
        (
            "drafts-of-mine/copy.md",
            2,
            "minor",
            "7.5.3",
            established("governance/policy.md", "2025-03-02"),
        ),
    ]


def test_without_git_every_file_names_the_others(
    tmp_path: Path, check_json: CheckJson, write
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS002"))
    write("b/first.yaml", procedure())
    write("c/second.md", markdown())
    write("d/third.yaml", procedure())
    write("e/other.yaml", procedure("POL-002"))
    _, report = check_json(tmp_path)
    assert sms002(report) == [
        ("b/first.yaml", 1, "minor", "7.5.3", shared("c/second.md and d/third.yaml")),
        ("c/second.md", 2, "minor", "7.5.3", shared("b/first.yaml and d/third.yaml")),
        ("d/third.yaml", 1, "minor", "7.5.3", shared("b/first.yaml and c/second.md")),
    ]


def test_root_in_a_subfolder_of_the_work_tree(tmp_path: Path, check_json: CheckJson) -> None:
    repo = new_repo(tmp_path / "repo", root="sms/")
    repo.write("sms/governance/policy.md", markdown())
    repo.write("elsewhere/policy.md", markdown())  # outside the root: not checked
    repo.commit("Approve the policy", "2025-03-02")
    repo.write("sms/policies/copy.yaml", procedure())
    repo.commit("Copy the policy", "2025-04-20")
    _, report = check_json(repo.path / "sms")
    assert sms002(report) == [
        (
            "policies/copy.yaml",
            1,
            "minor",
            "7.5.3",
            established("governance/policy.md", "2025-03-02"),
        ),
    ]


def test_file_names_that_look_like_options_never_reach_git_as_options(
    tmp_path: Path, check_json: CheckJson
) -> None:
    repo = new_repo(tmp_path / "repo", root="-sms/")
    repo.write("-sms/--output=pwned.md", markdown())
    repo.commit("Approve the policy", "2025-03-02")
    repo.write("-sms/-c core.pager=touch gotcha.yaml", procedure())
    repo.commit("Copy the policy", "2025-04-20")
    repo.write("-sms/-n.yaml", procedure())  # not committed: the newest
    index = (repo.path / ".git" / "index").read_bytes()
    _, report = check_json(repo.path / "-sms")
    first = established("--output=pwned.md", "2025-03-02")
    assert sms002(report) == [
        ("-c core.pager=touch gotcha.yaml", 1, "minor", "7.5.3", first),
        ("-n.yaml", 1, "minor", "7.5.3", first),
    ]
    # git wrote nothing: no output file, no pager ran, the index is as it was.
    assert not list(tmp_path.rglob("pwned")) and not list(tmp_path.rglob("gotcha"))
    assert (repo.path / ".git" / "index").read_bytes() == index
    assert repo.git("status", "--porcelain", "--untracked-files=all") == "?? -sms/-n.yaml\n"


def test_a_merge_counts_on_the_day_it_entered_the_first_parent_line(
    tmp_path: Path, check_json: CheckJson
) -> None:
    repo = new_repo(tmp_path / "sms")
    repo.git("checkout", "-q", "-b", "side")
    repo.write("b-side/policy.yaml", procedure())
    repo.commit("Draft a policy on a branch", "2025-04-01")  # older commit, merged later
    repo.git("checkout", "-q", "main")
    repo.write("main/policy.yaml", procedure())
    repo.commit("Approve the policy", "2025-05-01")
    repo.git("merge", "-q", "--no-ff", "--no-commit", "side")
    repo.commit("Merge the branch", "2025-06-01")
    _, report = check_json(repo.path)
    assert sms002(report) == [
        ("b-side/policy.yaml", 1, "minor", "7.5.3", established("main/policy.yaml", "2025-05-01")),
    ]


def test_a_renamed_document_keeps_its_age(tmp_path: Path, check_json: CheckJson) -> None:
    repo = new_repo(tmp_path / "sms")
    repo.write("old/policy.md", markdown())
    repo.commit("Approve the policy", "2025-03-02")
    repo.write("policies/copy.md", markdown("POL-001", "Copy of the policy"))
    repo.commit("Copy the policy", "2025-06-01")
    (repo.path / "governance").mkdir()
    repo.git("mv", "old/policy.md", "governance/policy.md")
    repo.commit("Move the policy", "2025-09-01")
    _, report = check_json(repo.path)
    assert sms002(report) == [
        (
            "policies/copy.md",
            2,
            "minor",
            "7.5.3",
            established("governance/policy.md", "2025-03-02"),
        ),
    ]


def test_files_of_one_commit_tie_and_each_names_the_other(
    tmp_path: Path, check_json: CheckJson
) -> None:
    repo = new_repo(tmp_path / "sms")
    repo.write("a.yaml", procedure())
    repo.write("b.md", markdown())
    repo.commit("Add both", "2025-03-02")
    _, report = check_json(repo.path)
    assert sms002(report) == [
        ("a.yaml", 1, "minor", "7.5.3", shared("b.md")),
        ("b.md", 2, "minor", "7.5.3", shared("a.yaml")),
    ]


def test_a_shallow_clone_cannot_tell_what_came_before_it(
    tmp_path: Path, check_json: CheckJson
) -> None:
    repo = new_repo(tmp_path / "origin")
    repo.write("a.yaml", procedure())
    repo.commit("Approve the policy", "2025-03-02")
    repo.write("b.yaml", procedure())
    repo.commit("Copy the policy", "2025-06-01")
    clone = repo.shallow_clone(tmp_path / "clone")  # one commit "adds" both
    _, report = check_json(clone.path)
    assert sms002(report) == [
        ("a.yaml", 1, "minor", "7.5.3", shared("b.yaml")),
        ("b.yaml", 1, "minor", "7.5.3", shared("a.yaml")),
    ]


def test_a_hostile_repository_runs_nothing_and_changes_nothing(
    tmp_path: Path, check_json: CheckJson
) -> None:
    # Filters, textconv, pagers, fsmonitor, hooks... all point at a marker script; the
    # repository asks for copy detection, which would make the copy a "C" entry.
    markers = tmp_path / "markers"
    markers.mkdir()
    repo = new_repo(tmp_path / "sms")
    repo.write(".gitattributes", "*.md filter=evil diff=evil\n*.yaml filter=proc diff=proc\n")
    repo.write("a.yaml", procedure())
    repo.commit("Approve the policy", "2025-03-02")
    repo.write("b.yaml", procedure())
    repo.commit("Copy the policy", "2025-06-01")
    script = _install_script(tmp_path / "bin" / "mark", markers)
    for hook in HOOKS:
        _install_script(tmp_path / "hooks" / hook, markers)
    settings = {**hostile_settings(script), "core.hooksPath": str(tmp_path / "hooks")}
    for key, value in settings.items():
        repo.git("config", key, value)
    before = snapshot(repo.path)
    _, report = check_json(repo.path, "--no-cache")
    assert sms002(report) == [("b.yaml", 1, "minor", "7.5.3", established("a.yaml", "2025-03-02"))]
    assert list(markers.iterdir()) == []
    assert snapshot(repo.path) == before


def _git_file_pointing_nowhere(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(repo.path / ".git")
    (repo.path / ".git").write_text("gitdir: /nonexistent/sms.git\n")


def _tree_object_lost(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = repo.git("rev-parse", "HEAD^{tree}").strip()
    (repo.path / ".git" / "objects" / tree[:2] / tree[2:]).unlink()


def _owned_by_someone_else(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")  # git refuses to read it


@pytest.mark.parametrize(
    "breaking", [_git_file_pointing_nowhere, _tree_object_lost, _owned_by_someone_else]
)
def test_when_git_fails_every_file_names_the_others(
    tmp_path: Path,
    check_json: CheckJson,
    monkeypatch: pytest.MonkeyPatch,
    breaking: Callable[[GitRepo, pytest.MonkeyPatch], None],
) -> None:
    repo = new_repo(tmp_path / "sms")
    repo.write("a.yaml", procedure())
    repo.commit("Approve the policy", "2025-03-02")
    repo.write("b.md", markdown())
    repo.commit("Copy the policy", "2025-06-01")
    breaking(repo, monkeypatch)
    code, report = check_json(repo.path)
    assert code == 1
    assert sms002(report) == [
        ("a.yaml", 1, "minor", "7.5.3", shared("b.md")),
        ("b.md", 2, "minor", "7.5.3", shared("a.yaml")),
    ]


def test_a_commit_changes_the_cached_answer(tmp_path: Path, check_json: CheckJson) -> None:
    # Same files, same content: only git's answer differs, and it is part of the run's key.
    repo = new_repo(tmp_path / "sms")
    repo.write("a.yaml", procedure())
    repo.write("b.yaml", procedure())
    _, before = check_json(repo.path)
    assert [f[0] for f in sms002(before)] == ["a.yaml", "b.yaml"]
    repo.git("add", "--", "a.yaml")
    repo.git("commit", "-q", "-m", "Approve the policy")  # a.yaml only, dated as the config
    _, after = check_json(repo.path)
    assert sms002(after) == [("b.yaml", 1, "minor", "7.5.3", established("a.yaml", "2025-01-15"))]
    _, again = check_json(repo.path)  # served from the cache, still right
    assert sms002(again) == sms002(after)


def test_git_is_asked_only_when_an_id_is_shared(
    tmp_path: Path, check_json: CheckJson, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, ...]] = []
    real = sms_lint.gitrepo.entered.entry_order

    def recording(root: Path, paths: tuple[str, ...]):
        asked.append(tuple(paths))
        return real(root, paths)

    monkeypatch.setattr(sms_lint.gitrepo.entered, "entry_order", recording)
    repo = new_repo(tmp_path / "sms")
    repo.write("a.yaml", procedure("POL-001"))
    repo.write("b.yaml", procedure("POL-002"))
    repo.commit("Two policies", "2025-03-02")
    _, report = check_json(repo.path, "--no-cache")
    assert sms002(report) == [] and asked == []
    repo.write("c.yaml", procedure("POL-002"))
    _, report = check_json(repo.path, "--no-cache")
    assert asked == [("b.yaml", "c.yaml")]
    assert sms002(report) == [
        ("c.yaml", 1, "minor", "7.5.3", established("b.yaml", "2025-03-02", "POL-002"))
    ]


def test_three_shared_ids_are_a_systemic_major(
    tmp_path: Path, check_json: CheckJson, write
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS002"))
    for artifact_id in ("POL-001", "POL-002"):
        write(f"{artifact_id}-a.yaml", procedure(artifact_id))
        write(f"{artifact_id}-b.yaml", procedure(artifact_id))
    _, report = check_json(tmp_path)
    assert {f[2] for f in sms002(report)} == {"minor"}  # two clashes: isolated lapses
    write("POL-003-a.yaml", procedure("POL-003"))
    write("POL-003-b.md", markdown("POL-003"))
    _, report = check_json(tmp_path)
    findings = sms002(report)
    assert len(findings) == 6 and {f[2] for f in findings} == {"major"}
    assert ("POL-003-b.md", 2, "major", "7.5.3", shared("POL-003-a.yaml", "POL-003")) in findings


def test_references_to_a_shared_id_resolve_to_the_established_file(
    tmp_path: Path, check_json: CheckJson
) -> None:
    # The copy (a procedure) comes first in path order: the scope's reference to the id must
    # still find the service git had first, so no SMS018 "is a procedure, not a service".
    repo = new_repo(tmp_path / "sms")
    repo.write(".sms-lint.yaml", quiet_config("SMS002", "SMS018"))
    repo.write("z/service.yaml", procedure("SVC-1", "Hosting").replace("procedure", "service"))
    repo.commit("Add the service", "2025-03-02")
    scope = procedure("SCOPE-1", "Scope").replace("procedure", "scope") + "services: [SVC-1]\n"
    repo.write("b/scope.yaml", scope)
    repo.write("a/copy.yaml", procedure("SVC-1", "Copy"))
    repo.commit("Start a copy", "2025-06-10")
    _, report = check_json(repo.path)
    assert [(f["rule"], f["path"]) for f in report["findings"]] == [("SMS002", "a/copy.yaml")]
