"""Releases the pins can point at (issue 17): the release workflow is a valid GitHub workflow
that builds, checks, smoke-tests and publishes; pyproject's version, sms_lint.__version__ and
every pinned `rev: vX` / `@vX` in the docs, action.yml and what `init` writes agree."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO_ROOT, TODAY

import sms_lint

RELEASE = REPO_ROOT / ".github" / "workflows" / "release.yml"
# A pin of sms-lint itself: `rev: v1.2.3` (pre-commit) or `sms-lint/sms-lint@v1.2.3`.
PIN = re.compile(
    r"(?:\brev:\s*|sms-lint/sms-lint@)v(?P<version>\d+\.\d+\.\d+\S*?)(?=[\s\"'`]|$)", re.M
)


def _version() -> str:
    # tomllib is Python 3.11+; the [project] table's version line is enough here.
    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version = "([^"]+)"', pyproject, re.M)[1]


def _pinned_files(starter: Path) -> list[Path]:
    pages = [
        REPO_ROOT / "README.md",
        REPO_ROOT / "action.yml",
        *sorted((REPO_ROOT / "docs").rglob("*.md")),
    ]
    written = [
        p for p in starter.rglob("*") if p.is_file() and p.suffix in {".yml", ".yaml", ".md"}
    ]
    return pages + written


def test_the_package_and_pyproject_agree() -> None:
    assert sms_lint.__version__ == _version()


def test_every_pin_names_the_current_version(invoke, tmp_path: Path) -> None:
    starter = tmp_path / "starter"
    assert invoke("init", str(starter), "--today", TODAY).exit_code == 0
    pins = {}
    for path in _pinned_files(starter):
        for match in PIN.finditer(path.read_text(encoding="utf-8")):
            pins.setdefault(match["version"], []).append(path.name)
    assert pins, "no pin found: the pattern no longer matches the docs"
    assert set(pins) == {_version()}, pins


def test_the_pin_pattern_sees_a_stale_pin() -> None:
    text = "    rev: v0.0.9\n      - uses: sms-lint/sms-lint@v0.0.9\n"
    assert [m["version"] for m in PIN.finditer(text)] == ["0.0.9", "0.0.9"]


def test_the_release_workflow_is_a_valid_github_workflow() -> None:
    tool = Path(sys.executable).with_name("check-jsonschema")
    found = str(tool) if tool.exists() else shutil.which("check-jsonschema")
    if found is None:
        pytest.skip("check-jsonschema is not installed (pip install '.[test]')")
    command = [found, "--builtin-schema", "vendor.github-workflows", str(RELEASE)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_release_workflow_builds_checks_smoke_tests_and_publishes() -> None:
    workflow = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    assert workflow[True]["push"]["tags"] == ["v*"]  # PyYAML reads the key `on` as True
    build = "\n".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    for command in ("python -m build", "twine check", "pip install dist/*.whl", "sms-lint check"):
        assert command in build
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert any("pypa/gh-action-pypi-publish" in s.get("uses", "") for s in publish["steps"])
