"""Warm runs trust a file's metadata instead of reading it, the way git's index does, and are
never stale: any write changes the size, mtime, ctime or inode, and a file whose times are
racily close to the run that vouched for it is hashed all the same (issue 19, point 2).

Files written by a test are always racily close to the run that follows, so the tests that
show the metadata being trusted set ``RACY_NS`` to 0 (the cache's stamp is still taken before
any file is looked at, so a file written before a run stays older than its stamp).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, TODAY

from sms_lint.cache import fingerprint, store
from sms_lint.cache.image import Image
from sms_lint.files import treewalk
from sms_lint.pipeline import filestage

SLA = "slas/sla-hosting.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "sms"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture
def trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    """No racy window: a file older than the last run's stamp is trusted by its metadata."""
    monkeypatch.setattr(store, "RACY_NS", 0)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the per-file stage reads from the work tree."""
    seen: list[str] = []
    original = filestage.read_signed

    def counting(root: Path, path: str, *args: Any) -> Any:
        seen.append(path)
        return original(root, path, *args)

    monkeypatch.setattr(filestage, "read_signed", counting)
    return seen


def run(invoke: Callable[..., Any], root: Path, *extra: str) -> tuple[int, str]:
    result = invoke("check", str(root), "--format", "json", "--today", TODAY, *extra)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


def same_size_edit(path: Path) -> None:
    text = path.read_text()
    swapped = text.replace("status: approved", "status: approvex", 1)
    assert len(swapped) == len(text) and swapped != text
    path.write_text(swapped)


def seen_edit(invoke: Callable[..., Any], root: Path) -> None:
    code, report = run(invoke, root)
    assert code == 1 and "approvex" in report
    assert (code, report) == run(invoke, root, "--no-cache")


def test_unchanged_files_are_not_read_again(invoke, repo, trusting, reads) -> None:
    cold = run(invoke, repo)
    reads.clear()
    assert run(invoke, repo) == cold
    assert reads == []


def test_same_size_edit_within_the_same_second(invoke, repo) -> None:
    run(invoke, repo)
    same_size_edit(repo / SLA)  # within the racy window of the run before: hashed
    seen_edit(invoke, repo)


def test_same_size_edit_seen_by_its_metadata(invoke, repo, trusting, reads) -> None:
    run(invoke, repo)
    same_size_edit(repo / SLA)
    reads.clear()
    seen_edit(invoke, repo)
    assert SLA in reads


def test_touch_r_restoring_the_old_mtime(invoke, repo, trusting) -> None:
    run(invoke, repo)
    sla = repo / SLA
    before = sla.stat()
    same_size_edit(sla)
    os.utime(sla, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r: the ctime moves
    assert sla.stat().st_mtime_ns == before.st_mtime_ns
    seen_edit(invoke, repo)


def test_a_file_replaced_by_rename_with_the_same_size_and_mtime(invoke, repo, trusting) -> None:
    run(invoke, repo)
    sla = repo / SLA
    before = sla.stat()
    swap = sla.with_name(".swap.yaml")
    swap.write_text(sla.read_text().replace("status: approved", "status: approvex", 1))
    os.utime(swap, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(swap, sla)
    after = sla.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    seen_edit(invoke, repo)


def test_a_changed_ctime_alone_rehashes_and_is_then_trusted(
    invoke, repo, trusting, reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = run(invoke, repo)
    sla = repo / SLA
    os.chmod(sla, 0o600)  # the ctime moves, the content stays
    parsed: list[str] = []
    original = filestage.process_read

    def parsing(path: str, *args: Any) -> Any:
        parsed.append(path)
        return original(path, *args)

    monkeypatch.setattr(filestage, "process_read", parsing)
    reads.clear()
    assert run(invoke, repo) == cold
    assert reads == [SLA] and parsed == []  # hashed, found the entry's, not parsed again
    reads.clear()
    assert run(invoke, repo) == cold
    assert reads == []  # its new metadata was kept


def test_deleting_and_recreating_a_file(invoke, repo, trusting) -> None:
    cold = run(invoke, repo)
    sla = repo / SLA
    before = sla.stat()
    text = sla.read_text()
    sla.unlink()
    assert run(invoke, repo) != cold
    sla.write_text(text.replace("status: approved", "status: approvex", 1))
    os.utime(sla, ns=(before.st_atime_ns, before.st_mtime_ns))
    seen_edit(invoke, repo)
    sla.write_text(text)
    assert run(invoke, repo) == cold


def test_a_racily_clean_file_is_hashed(
    invoke, repo, reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit in the clock tick of the run's look at the file leaves its metadata as it was:
    shown here by giving discovery the metadata from before the edit."""
    run(invoke, repo)
    sla = repo / SLA
    old = sla.stat()
    same_size_edit(sla)
    original = treewalk.Walk._sign

    def stale_look(walk: treewalk.Walk, rel: str, entry: os.DirEntry[str]) -> None:
        original(walk, rel, entry)
        if rel == SLA:
            walk.signatures[rel] = (
                old.st_size, old.st_mtime_ns, old.st_ctime_ns, old.st_ino, old.st_dev
            )  # fmt: skip

    monkeypatch.setattr(treewalk.Walk, "_sign", stale_look)
    reads.clear()
    seen_edit(invoke, repo)
    assert SLA in reads


def test_an_unchanged_run_reads_no_document(
    invoke, repo, trusting, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = invoke("check", str(repo), "--today", TODAY)
    assert cold.exit_code in (0, 1), cold.output

    def no_region(image: Image) -> bytes:
        raise AssertionError("the payload region was read")

    monkeypatch.setattr(Image, "_load_region", no_region)
    warm = invoke("check", str(repo), "--today", TODAY)
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)


def test_the_fingerprint_follows_an_edited_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "package"
    package.mkdir()
    module = package / "module.py"
    module.write_text("A = 1\n")
    monkeypatch.setattr(fingerprint, "_PACKAGE", package)
    first = fingerprint.install_digest()
    assert fingerprint.install_digest() == first
    module.write_text("A = 22\n")
    assert fingerprint.install_digest() != first
    stat = module.stat()
    module.write_text("A = 33\n")
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert fingerprint.install_digest() != first
