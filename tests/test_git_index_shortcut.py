"""``check --base`` trusts the index's record of a file as ``git status`` does: a file whose
ctime, mtime, device, inode and size are what the index recorded holds the index's blob and is
not read. Never stale: a same-size edit, an mtime set back with ``touch -r``, a file replaced by
rename, and a file written in the index's own timestamp tick are all seen as changed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from test_git_support import GitRepo, policy, process

from sms_lint.config.file import Config
from sms_lint.gitrepo import changes, trees, worktree
from sms_lint.gitrepo.repo import open_repository
from sms_lint.gitrepo.trees import index_entries

POLICY = "policies/pol-001.md"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    sms = GitRepo(tmp_path / "sms")
    sms.write(POLICY, policy())
    sms.write("processes/demand.yaml", process())
    sms.commit("Start", "2026-01-10")
    return sms


@pytest.fixture
def trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    """No racy window (a file's ctime cannot be set back): an entry older than the index's
    write is trusted by its metadata."""
    monkeypatch.setattr(trees, "RACY_NS", 0)


def age_the_index(repo: GitRepo) -> None:
    """The index written after the files were (its mtime set a second on)."""
    index = repo.path / ".git" / "index"
    os.utime(index, ns=(time.time_ns() + 10**9,) * 2)


def changed(repo: GitRepo) -> list[str]:
    return sorted(changes.load_change_set(repo.path, "HEAD", Config()).changed)


def test_unchanged_files_are_not_read(
    repo: GitRepo, trusting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    age_the_index(repo)
    entries = index_entries(open_repository(repo.path))
    assert all(entry.recorded is not None for entry in entries.values())

    def no_reading(*args: object) -> worktree.State:
        raise AssertionError("a file the index vouches for was read")

    monkeypatch.setattr(changes, "compare", no_reading)
    assert changed(repo) == []


def test_a_same_size_edit_with_its_mtime_set_back_is_changed(repo: GitRepo, trusting: None) -> None:
    age_the_index(repo)
    target = repo.path / POLICY
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    edited = text.replace("Alice", "Alica") if "Alice" in text else text.replace("a", "e", 1)
    assert len(edited) == len(text) and edited != text
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r: ctime moves
    assert target.stat().st_size == before.st_size
    assert changed(repo) == [POLICY]


def test_a_file_replaced_by_rename_is_changed(repo: GitRepo, trusting: None) -> None:
    age_the_index(repo)
    target = repo.path / POLICY
    before = target.stat()
    fresh = target.with_name("new.tmp")
    fresh.write_text(target.read_text(encoding="utf-8").replace("a", "e", 1), encoding="utf-8")
    os.utime(fresh, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(fresh, target)
    assert changed(repo) == [POLICY]


def test_a_file_written_in_the_index_tick_is_hashed(repo: GitRepo) -> None:
    """No ageing: the index was written in the same moments as the files (racily clean)."""
    entries = index_entries(open_repository(repo.path))
    assert all(entry.recorded is None for entry in entries.values())
    assert changed(repo) == []
    repo.write(POLICY, policy(body="Edited."))
    assert changed(repo) == [POLICY]


def test_a_staged_change_the_index_vouches_for_is_changed(repo: GitRepo, trusting: None) -> None:
    repo.write(POLICY, policy(body="Edited."))
    repo.git("add", POLICY)
    age_the_index(repo)
    assert index_entries(open_repository(repo.path))[POLICY].recorded is not None
    assert changed(repo) == [POLICY]


def test_the_index_read_again_after_git_rewrote_it(repo: GitRepo, trusting: None) -> None:
    """One process reads the index once per state of the index file (``--base`` asks for it
    twice): a staged edit, which makes git write a new index, is seen by the next read."""
    age_the_index(repo)
    first = index_entries(open_repository(repo.path))
    assert index_entries(open_repository(repo.path)) == first  # the same state: kept
    repo.write(POLICY, policy(body="Edited."))
    repo.git("add", POLICY)
    age_the_index(repo)
    again = index_entries(open_repository(repo.path))
    assert again[POLICY].object_id != first[POLICY].object_id
    assert again[POLICY].recorded is not None


def test_the_kept_index_follows_the_racy_window(
    repo: GitRepo, trusting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records trusted depend on the racy window: the kept read is not another window's."""
    age_the_index(repo)
    assert index_entries(open_repository(repo.path))[POLICY].recorded is not None
    monkeypatch.setattr(trees, "RACY_NS", 10**12)  # every file within it
    assert index_entries(open_repository(repo.path))[POLICY].recorded is None
