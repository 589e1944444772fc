"""Files git ignores are not candidates inside a git work tree (issue 17, point 6)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sms_lint.files import discovery
from sms_lint.files.discovery import discover
from sms_lint.gitrepo import ignored
from sms_lint.gitrepo.ignored import candidates


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def touch(root: Path, *paths: str) -> None:
    for path in paths:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("kind: policy\n", encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "sms"
    touch(root, "policy.yml", "node_modules/x.yml", "build/tracked.yml", "build/new.yml")
    touch(root, "notes/draft.tmp.yml", "notes/kept.yml")
    (root / ".gitignore").write_text("node_modules/\nbuild/\n*.tmp.yml\n", encoding="utf-8")
    return root


def test_outside_git_nothing_changes(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(ignored.subprocess, "run", lambda *a, **k: calls.append(a))
    assert "node_modules/x.yml" in candidates(tree).paths
    assert calls == []  # no git call at all outside a work tree


def test_ignored_files_and_folders_are_not_candidates(tree: Path) -> None:
    git(tree, "init", "-q")
    git(tree, "add", "-f", "build/tracked.yml")  # tracked although its folder is ignored
    found = candidates(tree, ("notes/kept.yml",)).paths
    assert found == ("build/tracked.yml", "policy.yml")  # exclude still applies
    everything = discover(tree).paths
    assert "node_modules/x.yml" in everything and "notes/draft.tmp.yml" in everything


def test_info_exclude_and_subfolder_root(tree: Path) -> None:
    top = tree.parent
    git(top, "init", "-q")
    (top / ".git" / "info").mkdir(exist_ok=True)
    (top / ".git" / "info" / "exclude").write_text("policy.yml\n", encoding="utf-8")
    found = candidates(tree).paths
    assert "policy.yml" not in found and "node_modules/x.yml" not in found
    assert "notes/kept.yml" in found


def test_one_git_call_and_hook_index_ignored(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(tree, "init", "-q")
    # A hook's GIT_INDEX_FILE / GIT_DIR must not make git answer about another repository.
    monkeypatch.setenv("GIT_DIR", str(tree / "nowhere"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(tree / "nowhere-index"))
    real = ignored.subprocess.run
    calls: list[object] = []

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(ignored.subprocess, "run", counting)
    assert "node_modules/x.yml" not in candidates(tree).paths
    assert len(calls) == 1


def test_ignored_folder_is_not_listed(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(tree, "init", "-q")
    listed: list[str] = []
    real = discovery.Walk._folder

    def spy(self: object, folder: str, *args: object) -> None:
        listed.append(Path(folder).name)
        real(self, folder, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(discovery.Walk, "_folder", spy)
    candidates(tree)
    assert "node_modules" not in listed


def test_check_reports_no_finding_for_ignored_file(tree: Path) -> None:
    git(tree, "init", "-q")
    (tree / "node_modules" / "x.yml").write_text(":\n- [", encoding="utf-8")  # broken YAML
    done = subprocess.run(
        ["sms-lint", "check", str(tree), "--today", "2026-12-02", "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert "node_modules" not in done.stdout


def test_root_ignored_by_outer_repository_is_still_checked(tree: Path) -> None:
    top = tree.parent
    git(top, "init", "-q")
    (top / ".gitignore").write_text("sms/\n", encoding="utf-8")
    assert "notes/kept.yml" in candidates(tree).paths
