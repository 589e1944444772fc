"""The pre-commit hook `sms-lint init` writes runs for real, offline, with the sms-lint on PATH:
it fails the commit on the untouched starter and passes once the starter is filled in
(persona review, issue 16: a remote hook needs a published release)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY
from starter_filling import fill_in

pytest.importorskip("pre_commit", reason="pre-commit is not installed")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, timeout=60)


def _run_hook(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "SMS_LINT_TODAY": TODAY,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def starter(invoke, tmp_path: Path) -> Path:
    root = tmp_path / "sms"
    assert invoke("init", str(root), "--today", TODAY).exit_code == 0
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    # The hook compares with HEAD (a deletion-only commit is refused): it needs a first commit.
    _git(root, "-c", "user.name=Sam", "-c", "user.email=sam@example.org", "commit", "-qm", "Start")
    return root


def test_the_hook_fails_on_the_untouched_starter(starter: Path, tmp_path: Path) -> None:
    result = _run_hook(starter, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "sms-lint" in result.stdout and "Failed" in result.stdout
    assert "Nothing is approved yet" in result.stdout


def test_the_hook_passes_on_the_filled_in_starter(starter: Path, tmp_path: Path) -> None:
    fill_in(starter, TODAY)
    _git(starter, "add", ".")
    result = _run_hook(starter, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
