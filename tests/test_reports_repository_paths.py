"""SARIF and GitHub annotations name files from the top of the git repository, so an SMS kept
in a subfolder is placed on the right files; every other format keeps paths from the root."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import TODAY
from report_repos import failing_repo

from sms_lint.gitrepo.place import folder_in_repository


def _in_any_work_tree(path: Path) -> bool:
    return any((p / ".git").exists() for p in (path.resolve(), *path.resolve().parents))


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    """A git repository whose SMS (with findings) lives in ``docs/sms``."""
    top = tmp_path / "company"
    top.mkdir()
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    (top / "docs").mkdir()
    root = failing_repo(top / "docs")  # docs/repo
    return root.rename(top / "docs" / "sms")


def test_folder_in_repository(tmp_path: Path) -> None:
    top = tmp_path / "top"
    (top / ".git").mkdir(parents=True)
    (top / "a b" / "sms").mkdir(parents=True)
    assert folder_in_repository(top) == ""
    assert folder_in_repository(top / "a b" / "sms") == "a b/sms/"
    worktree = tmp_path / "worktree"  # worktrees and submodules have a .git *file*
    (worktree / "sms").mkdir(parents=True)
    (worktree / ".git").write_text("gitdir: /elsewhere\n")
    assert folder_in_repository(worktree / "sms") == "sms/"


def test_outside_git_paths_are_from_the_root(tmp_path: Path) -> None:
    if _in_any_work_tree(tmp_path):
        pytest.skip("the temporary folder is itself inside a git work tree")
    (tmp_path / "sms").mkdir()
    assert folder_in_repository(tmp_path / "sms") == ""


def test_sarif_uris_start_at_the_top_of_the_repository(invoke, nested: Path) -> None:
    run = invoke("check", str(nested), "--format", "sarif", "--today", TODAY)
    (sarif_run,) = json.loads(run.stdout)["runs"]
    uris = [
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif_run["results"]
    ]
    assert uris and all(uri.startswith("docs/sms/") for uri in uris), uris
    assert "docs/sms/.sms-lint.yaml" in uris  # a repository-wide finding's anchor
    assert "docs/sms/slas/sla-backup.yaml" in uris


def test_annotations_name_files_from_the_top_of_the_repository(invoke, nested: Path) -> None:
    run = invoke("check", str(nested), "--format", "github", "--today", TODAY)
    files = [
        part.removeprefix("file=")
        for line in run.stdout.splitlines()
        if line.startswith("::")
        for part in line.split("::")[1].split(" ", 1)[1].split(",")
        if part.startswith("file=")
    ]
    assert files and all(name.startswith("docs/sms/") for name in files), files


def test_json_and_text_keep_paths_from_the_root(invoke, nested: Path) -> None:
    report = json.loads(invoke("check", str(nested), "--format", "json", "--today", TODAY).stdout)
    paths = {f["path"] for f in report["findings"] if f["path"] is not None}
    assert "slas/sla-backup.yaml" in paths
    assert not any(p.startswith("docs/") for p in paths)
    lines = invoke("check", str(nested), "--today", TODAY).stdout.splitlines()
    assert any(line.lstrip().startswith("slas/sla-backup.yaml:") for line in lines), lines
    assert not any(line.lstrip().startswith("docs/sms/") for line in lines), lines
