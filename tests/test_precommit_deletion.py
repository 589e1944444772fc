"""A commit that only deletes a document is refused by the pre-commit hook that `init` writes
(issue 17): pre-commit lists no file for a deletion, so the hook must run on every commit
(always_run) and compare with the last commit (--base HEAD) to see SMS025. Real pre-commit,
offline: the local hook runs the sms-lint beside this Python."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO_ROOT, TODAY
from starter_filling import fill_in

pytest.importorskip("pre_commit", reason="pre-commit is not installed")


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "SMS_LINT_TODAY": TODAY,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
        "GIT_AUTHOR_NAME": "Sam Writer",
        "GIT_AUTHOR_EMAIL": "sam@example.org",
        "GIT_COMMITTER_NAME": "Sam Writer",
        "GIT_COMMITTER_EMAIL": "sam@example.org",
    }


def _run(root: Path, env: dict[str, str], *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def hooked(invoke, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A filled-in starter, committed, with the hook installed as the guide says."""
    root = tmp_path / "sms"
    assert invoke("init", str(root), "--today", TODAY).exit_code == 0
    fill_in(root, TODAY)
    env = _env(tmp_path)
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "."]):
        assert _run(root, env, *command).returncode == 0
    assert _run(root, env, "git", "commit", "-q", "--no-verify", "-m", "SMS").returncode == 0
    installed = _run(root, env, sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return root, env


def test_a_commit_that_only_deletes_an_approved_document_is_refused(hooked) -> None:
    root, env = hooked
    # A policy no other document names: without --base HEAD the check of the work tree is clean.
    assert (
        _run(root, env, "git", "rm", "-q", "governance/policy-change-management.md").returncode == 0
    )
    result = _run(root, env, "git", "commit", "-m", "Remove the change policy")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "SMS025" in output and "Skipped" not in output
    assert _run(root, env, "git", "rev-list", "--count", "HEAD").stdout.strip() == "1"


def test_a_commit_that_changes_nothing_of_the_sms_passes(hooked) -> None:
    root, env = hooked
    (root / "notes.txt").write_text("not a document\n", encoding="utf-8")
    assert _run(root, env, "git", "add", "notes.txt").returncode == 0
    result = _run(root, env, "git", "commit", "-q", "-m", "Notes")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_published_hook_also_runs_on_every_commit_against_head() -> None:
    [hook] = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["always_run"] is True and hook["pass_filenames"] is False
    assert hook["entry"] == "sms-lint check --base HEAD"
