"""``check --base`` compares the work tree by hashing files itself: line ends, links, odd files,
sparse checkouts and submodules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY
from test_git_sandbox import hostile_settings, snapshot
from test_git_support import GitRepo, policy, process

from sms_lint.config.file import Config
from sms_lint.gitrepo.changes import load_change_set
from sms_lint.gitrepo.worktree import State, blob_id, compare


def change_rules(report: dict) -> list[tuple[str, str]]:
    return sorted(
        {(f["rule"], f["path"]) for f in report["findings"] if f["rule"] in ("SMS017", "SMS025")}
    )


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    sms = GitRepo(tmp_path / "sms")
    sms.write("policies/pol-001.md", policy())
    sms.write("processes/demand.yaml", process())
    sms.commit("Start", "2026-01-10")
    return sms


def git_blob(repo: GitRepo, content: bytes) -> str:
    done = subprocess.run(
        ["git", "hash-object", "--no-filters", "--stdin"], input=content, cwd=repo.path,
        capture_output=True, check=True,
    )  # fmt: skip
    return done.stdout.decode().strip()


def test_blob_ids_are_gits(repo: GitRepo) -> None:
    for content in (b"", b"id: x\n", bytes(range(256)) * 50):
        assert blob_id(content, 40) == git_blob(repo, content)
    assert len(blob_id(b"x", 64)) == 64  # a sha256 repository's ids


def test_compare_reads_no_link_fifo_or_folder(tmp_path: Path) -> None:
    text = b"id: X\n"
    blob = blob_id(text, 40)
    (tmp_path / "file.yaml").write_bytes(text)
    (tmp_path / "folder.yaml").mkdir()
    os.symlink("file.yaml", tmp_path / "link.yaml")
    os.mkfifo(tmp_path / "fifo.yaml")  # opening it for reading would hang
    assert compare(tmp_path / "file.yaml", blob, "100644", 1024) is State.SAME
    assert compare(tmp_path / "file.yaml", blob, "100644", 3) is State.CHANGED  # over the cap
    assert compare(tmp_path / "link.yaml", blob, "100644", 1024) is State.CHANGED
    assert compare(tmp_path / "link.yaml", blob_id(b"file.yaml", 40), "120000", 1024) is (
        State.SAME
    )
    assert compare(tmp_path / "fifo.yaml", blob, "100644", 1024) is State.CHANGED
    assert compare(tmp_path / "folder.yaml", blob, "100644", 1024) is State.MISSING
    assert compare(tmp_path / "gone.yaml", blob, "100644", 1024) is State.MISSING


def test_a_crlf_checkout_of_lf_blobs_is_no_change(repo: GitRepo, check_json) -> None:
    """What core.autocrlf / text=auto checkouts look like: built-in conversion, no program."""
    for path in ("policies/pol-001.md", "processes/demand.yaml"):
        target = repo.path / path
        target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    _, report = check_json(repo.path, "--base", "HEAD")
    assert change_rules(report) == []
    repo.write("policies/pol-001.md", policy(body="Edited.").replace("\n", "\r\n"))
    _, report = check_json(repo.path, "--base", "HEAD")
    assert change_rules(report) == [("SMS017", "policies/pol-001.md")]


def test_a_fifo_where_a_tracked_file_was_is_changed_not_read(repo: GitRepo) -> None:
    """The comparison never opens it (discovery's own handling of FIFOs is another matter)."""
    (repo.path / "processes/demand.yaml").unlink()
    os.mkfifo(repo.path / "processes/demand.yaml")
    changes = load_change_set(repo.path, "HEAD", Config())
    assert list(changes.changed) == ["processes/demand.yaml"]
    assert changes.deleted == ()


def test_sparse_checkout_absent_files_are_not_deleted(repo: GitRepo, check_json) -> None:
    repo.git("update-index", "--skip-worktree", "processes/demand.yaml")
    (repo.path / "processes/demand.yaml").unlink()  # as a sparse checkout leaves it
    _, report = check_json(repo.path, "--base", "HEAD")
    assert change_rules(report) == []


def test_a_deleted_but_still_staged_file_is_deleted(repo: GitRepo, check_json) -> None:
    (repo.path / "processes/demand.yaml").unlink()
    _, report = check_json(repo.path, "--base", "HEAD")
    assert change_rules(report) == [("SMS025", "processes/demand.yaml")]


def test_a_staged_rename_then_edited_is_compared_with_its_old_path(
    repo: GitRepo, check_json
) -> None:
    repo.git("mv", "processes/demand.yaml", "processes/prc-demand.yaml")
    _, report = check_json(repo.path, "--base", "HEAD")
    assert change_rules(report) == []
    repo.write("processes/prc-demand.yaml", process() + "inputs: [forecasts]\n")
    _, report = check_json(repo.path, "--base", "HEAD")
    assert change_rules(report) == [("SMS017", "processes/prc-demand.yaml")]


def test_no_git_library_reads_the_repository(repo: GitRepo, invoke, monkeypatch) -> None:
    """A library like GitPython's git.Repo reads the repository's config itself and ignores
    who owns it: git runs only as the git program, and the ``git`` package is never loaded."""
    monkeypatch.delitem(sys.modules, "git", raising=False)
    (repo.path / "processes/demand.yaml").unlink()
    for line in (
        ("check", str(repo.path), "--today", TODAY, "--base", "HEAD"),
        ("register", str(repo.path)),
        ("history", "POL-001", "--root", str(repo.path)),
        ("coverage", str(repo.path), "--today", TODAY, "--format", "html"),
    ):
        assert invoke(*line).exit_code in (0, 1)
        assert "git" not in sys.modules, line


@pytest.fixture
def with_submodule(tmp_path: Path, repo: GitRepo) -> GitRepo:
    """``vendor/`` is a submodule holding an artifact; its own config and the superproject's
    are hostile, its files stat-dirty and one edited."""
    inner = GitRepo(tmp_path / "inner")
    inner.write("shared.yaml", process(artifact_id="PRC-SHARED"))
    inner.commit("Shared process", "2026-01-05")
    repo.git(
        "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner.path), "vendor"
    )
    repo.commit("Add the shared processes as a submodule", "2026-01-11")
    markers = tmp_path / "markers"
    markers.mkdir()
    script = tmp_path / "mark"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{markers}/ran"\n', encoding="utf-8")
    script.chmod(0o755)
    settings = {**hostile_settings(script), "submodule.recurse": "true", "diff.submodule": "log"}
    for key, value in settings.items():
        repo.git("config", key, value)
        repo.git("config", key, value, cwd=repo.path / "vendor")
    (repo.path / "vendor" / ".gitattributes").write_text("* filter=evil\n", encoding="utf-8")
    shared = repo.path / "vendor" / "shared.yaml"
    shared.write_text(process(artifact_id="PRC-SHARED") + "inputs: [x]\n", encoding="utf-8")
    return repo


def test_a_submodule_is_named_not_compared_and_runs_nothing(
    with_submodule: GitRepo, tmp_path: Path, invoke
) -> None:
    before = snapshot(with_submodule.path)
    result = invoke(
        "check", str(with_submodule.path), "--today", TODAY, "--base", "HEAD", "--format", "json"
    )
    assert result.exit_code in (0, 1), result.output
    assert "--base does not look inside submodules (vendor/)" in result.stderr
    assert result.stderr.count("\n") == 1
    for line in (("register", str(with_submodule.path)),
                 ("history", "POL-001", "--root", str(with_submodule.path))):  # fmt: skip
        assert invoke(*line).exit_code == 0
    assert snapshot(with_submodule.path) == before
    assert not (tmp_path / "markers" / "ran").exists()


def test_no_submodule_no_note(repo: GitRepo, invoke) -> None:
    result = invoke("check", str(repo.path), "--today", TODAY, "--base", "HEAD")
    assert "submodule" not in result.stderr
