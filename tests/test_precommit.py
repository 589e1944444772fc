"""The pre-commit hook, run by the real pre-commit against this checkout.

``pre-commit try-repo`` uses the hook repository's HEAD (plus tracked changes), so a copy of
the working tree, committed in a scratch repository, is what it tries: the test sees exactly
the files on disk, committed or not. The hook's environment is installed once per session in
a shared PRE_COMMIT_HOME (pip reaches PyPI for the dependencies).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO_ROOT, TODAY
from starter_filling import fill_in

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install '.[test]')")

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "sms-lint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "sms-lint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def _git(folder: Path, *args: str) -> None:
    env = {**os.environ, **GIT_IDENTITY}
    command = ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args]
    subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True, timeout=60)


def _commit_all(folder: Path) -> Path:
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "snapshot")
    return folder


def _working_tree_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (REPO_ROOT / name).is_file()]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout's working tree, committed in a scratch git repository."""
    copy = tmp_path_factory.mktemp("sms-lint-checkout")
    for name in _working_tree_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / name, copy / name)
    return _commit_all(copy)


@pytest.fixture(scope="module")
def try_repo(
    hook_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[Path], subprocess.CompletedProcess[str]]:
    home = tmp_path_factory.mktemp("pre-commit-home")

    def run(sms_repo: Path) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(home), "SMS_LINT_TODAY": TODAY}
        env.pop("NO_COLOR", None)
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "sms-lint"]
        return subprocess.run(
            [*command, "--all-files", "--color", "never"],
            cwd=sms_repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    return run


def test_manifest_is_valid() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _starter(invoke, folder: Path) -> Path:
    """The starter filled in as the guide says (untouched, it fails by design)."""
    assert invoke("init", str(folder), "--today", TODAY).exit_code == 0
    fill_in(folder, TODAY)
    return folder


def test_hook_passes_on_a_conformant_repository(invoke, tmp_path: Path, try_repo) -> None:
    sms = _commit_all(_starter(invoke, tmp_path / "sms"))
    result = try_repo(sms)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "sms-lint" in result.stdout and "Passed" in result.stdout


def test_hook_fails_on_a_nonconformant_repository(invoke, tmp_path: Path, try_repo) -> None:
    sms = _starter(invoke, tmp_path / "sms")
    (sms / "processes" / "prc-08-demand.md").unlink()
    result = try_repo(_commit_all(sms))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "SMS009" in result.stdout and "demand" in result.stdout


def test_every_subpackage_ships_in_the_wheel() -> None:
    """pre-commit installs sms-lint with pip, not editable: an unlisted package is missing."""
    tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11")
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO_ROOT).parts)
        for init in (REPO_ROOT / "sms_lint").rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
