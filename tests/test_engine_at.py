"""``findings_at``: the check of the SMS at a git revision, read from git's objects alone."""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import shutil
import tarfile
from pathlib import Path

import pytest
from conftest import EXAMPLE
from test_git_support import GitRepo

from sms_lint.cache.store import ResultCache
from sms_lint.config.file import load_config
from sms_lint.finding import Finding
from sms_lint.gitrepo.sandbox import GitProblem
from sms_lint.pipeline import filestage, waivers
from sms_lint.pipeline import parallel as parallel_stage
from sms_lint.pipeline.at_revision import findings_at
from sms_lint.pipeline.engine import build_setup, run_check

DAY = datetime.date(2026, 12, 1)
DEMAND = "processes/prc-08-demand.md"


def _build(tmp_path: Path, sub: str = "", config: str = "") -> tuple[GitRepo, Path]:
    """A repository whose HEAD~1 and HEAD each hold defects, and whose work tree a third."""
    repo = GitRepo(tmp_path / "repo")
    root = repo.path / sub if sub else repo.path
    shutil.copytree(EXAMPLE, root, dirs_exist_ok=True)
    if config:
        (root / ".sms-lint.yaml").write_text(config, encoding="utf-8")
    demand = (root / DEMAND).read_text(encoding="utf-8")
    (root / DEMAND).write_text(demand.replace("owner: capacity", "ownr: capacity"), "utf-8")
    (root / "drafts").mkdir()
    (root / "drafts/bad.md").write_text("---\nkind: nonsense\n---\n", encoding="utf-8")
    (root / "notes.yaml").write_text("id: X\n" + "a: b\n" * 900, encoding="utf-8")
    repo.commit("base", "2026-11-01")
    (root / DEMAND).write_text(demand.replace('version: "1.4"', "version: 1.5"), "utf-8")
    (root / "processes/prc-09-capacity.md").unlink()
    repo.commit("change", "2026-11-02")
    (root / "services/svc-backup.yaml").write_text("kind: service\n", encoding="utf-8")
    return repo, root


def _checked_out(repo: GitRepo, ref: str, sub: str, target: Path) -> list[Finding]:
    """run_check's findings on an export of ``ref`` made outside the repository under test."""
    archive = repo.git_bytes("archive", "--format=tar", ref)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    root = target / sub if sub else target
    setup = build_setup(load_config(repo.path / sub if sub else repo.path))
    return list(run_check(root, setup, DAY, "minor").findings)


def _snapshot(folder: Path) -> dict[str, tuple[str, float]]:
    """Every file below ``folder`` (the work tree and .git): its content hash and mtime."""
    seen = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            if path.is_symlink():
                seen[str(path)] = (os.readlink(path), 0.0)
                continue
            content = hashlib.sha256(path.read_bytes()).hexdigest()
            seen[str(path)] = (content, path.stat().st_mtime)
    return seen


def _status(repo: GitRepo) -> str:
    """``git status`` that writes nothing either (no index refresh)."""
    return repo.git("--no-optional-locks", "status", "--porcelain", "--ignored")


@pytest.fixture(autouse=True)
def _git_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """GitRepo.git returns text; the archive is bytes."""
    import subprocess

    from test_git_support import _OPTIONS, _QUIET_GIT

    def git_bytes(self: GitRepo, *args: str) -> bytes:
        env = {**os.environ, **_QUIET_GIT}
        return subprocess.run(
            ["git", *_OPTIONS, *args], cwd=self.path, env=env, capture_output=True, check=True
        ).stdout

    monkeypatch.setattr(GitRepo, "git_bytes", git_bytes, raising=False)


@pytest.mark.parametrize("sub", ["", "sms"])
@pytest.mark.parametrize("ref", ["HEAD~1", "HEAD"])
def test_findings_are_those_of_a_checkout(tmp_path: Path, sub: str, ref: str) -> None:
    repo, root = _build(tmp_path, sub, "max_file_kb: 4\n")
    setup = build_setup(load_config(root))
    expected = _checked_out(repo, ref, sub, tmp_path / "export")
    assert expected and any(f.rule == "SMS100" for f in expected)  # the large file at both
    assert list(findings_at(root, setup, DAY, ref)) == expected
    assert findings_at(root, setup, DAY, ref) != run_check(root, setup, DAY, "minor").findings


def test_parallel_stage_gives_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, root = _build(tmp_path)
    setup = build_setup(load_config(root))
    serial = findings_at(root, setup, DAY, "HEAD~1")
    monkeypatch.setattr(parallel_stage, "PARALLEL_THRESHOLD", 1)
    assert findings_at(root, setup, DAY, "HEAD~1") == serial


def test_nothing_is_written_in_the_repository_and_the_cache_keeps_the_base_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_cache: Path
) -> None:
    repo, root = _build(tmp_path)
    setup = build_setup(load_config(root))
    run_check(root, setup, DAY, "minor", cache=ResultCache(root, setup))  # warm: writes it
    cache = ResultCache(root, setup)
    entries, result = dict(cache.entries), cache.result
    before = _snapshot(repo.path), _snapshot(private_cache), _status(repo)
    parsed: list[str] = []
    original = filestage.process_read

    def counting(path: str, *args: object, **kwargs: object) -> object:
        parsed.append(path)
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(filestage, "process_read", counting)
    found = findings_at(root, setup, DAY, "HEAD~1", cache)
    # Only what differs from the work tree is parsed: the others come from the cache.
    assert sorted(parsed) == [DEMAND, "processes/prc-09-capacity.md", "services/svc-backup.yaml"]
    assert found == findings_at(root, setup, DAY, "HEAD~1")
    # The work tree's entries and result are untouched; the base's whole-run result is kept
    # beside them, in the user's cache folder (never in the repository).
    assert (cache.entries, cache.result) == (entries, result)
    assert cache.base_result is not None
    assert ResultCache(root, setup).cached_findings(cache.base_result[0]) == found
    after = _snapshot(repo.path), _status(repo)
    assert after == (before[0], before[2])


def test_a_whole_run_result_for_the_same_tree_is_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, root = _build(tmp_path)
    backup = repo.git_bytes("show", "HEAD:services/svc-backup.yaml")
    (root / "services/svc-backup.yaml").write_bytes(backup)  # the work tree is HEAD again
    setup = build_setup(load_config(root))
    expected = run_check(root, setup, DAY, "minor", cache=ResultCache(root, setup)).findings
    # Neither a parse nor the cross-file stage may run: either would fail the test.
    monkeypatch.setattr(filestage, "process_read", None)
    monkeypatch.setattr(waivers, "apply_waivers", None)  # looked up there when the stage runs
    assert findings_at(root, setup, DAY, "HEAD", ResultCache(root, setup)) == expected


@pytest.mark.parametrize("ref", ["no-such-branch", "-x", "", "HEAD~9"])
def test_a_bad_ref_is_a_git_problem(tmp_path: Path, ref: str) -> None:
    _, root = _build(tmp_path)
    setup = build_setup(load_config(root))
    with pytest.raises(GitProblem, match=r"revision|names no commit"):
        findings_at(root, setup, DAY, ref)


def test_outside_git_is_a_git_problem(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "plain")
    setup = build_setup(load_config(tmp_path / "plain"))
    with pytest.raises(GitProblem, match="not inside a git repository"):
        findings_at(tmp_path / "plain", setup, DAY, "HEAD")


def test_links_are_read_as_in_the_work_tree_and_submodules_passed_over(tmp_path: Path) -> None:
    repo, root = _build(tmp_path)
    repo.git("restore", "--", "services/svc-backup.yaml")  # this commit adds only links
    (root / "governance/link.md").symlink_to("sms-manual.md")
    (root / "outside.yaml").symlink_to("/etc/hostname")
    head = repo.git("rev-parse", "HEAD").strip()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{head},vendor/module")
    repo.commit("links", "2026-11-03")
    setup = build_setup(load_config(root))
    found = findings_at(root, setup, DAY, "HEAD")
    # Links are read as discovery reads them in the work tree (the one inside as the file it
    # leads to, the one outside as a refusal), so the base and a checkout agree; a submodule
    # is passed over.
    assert "vendor/module" not in {f.path for f in found}
    assert {"governance/link.md", "outside.yaml"} <= {f.path for f in found}
    assert list(found) == list(run_check(root, setup, DAY, "minor").findings)


def test_what_the_current_config_excludes_is_left_out(tmp_path: Path) -> None:
    repo, root = _build(tmp_path)
    setup = build_setup(load_config(root))
    assert any(f.path == "drafts/bad.md" for f in findings_at(root, setup, DAY, "HEAD~1"))
    (root / ".sms-lint.yaml").write_text("exclude: [drafts/]\n", encoding="utf-8")
    setup = build_setup(load_config(root))
    found = findings_at(root, setup, DAY, "HEAD~1")
    assert not any(str(f.path).startswith("drafts/") for f in found)
    assert list(found) == _checked_out(repo, "HEAD~1", "", tmp_path / "export")
