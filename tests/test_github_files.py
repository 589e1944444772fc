"""action.yml and the workflows validate against SchemaStore's schemas (check-jsonschema's
vendored copies, offline), and the action's check step really runs sms-lint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, REPO_ROOT, TODAY

ACTION = REPO_ROOT / "action.yml"
WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))


def _tool(name: str) -> str:
    """The tool installed beside this Python (the venv under test), else one on PATH."""
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install '.[test]')")
    return found


def _validate(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    command = [_tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_action_validates_against_the_github_actions_schema() -> None:
    result = _validate("vendor.github-actions", ACTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_validate_against_the_github_workflows_schema(invoke, tmp_path: Path) -> None:
    """This project's CI and the workflow `sms-lint init` writes for users."""
    assert invoke("init", str(tmp_path / "sms"), "--today", TODAY).exit_code == 0
    starter = tmp_path / "sms" / ".github" / "workflows" / "sms-lint.yml"
    assert WORKFLOWS, "no workflow in .github/workflows"
    result = _validate("vendor.github-workflows", *WORKFLOWS, starter)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_action(tmp_path: Path) -> None:
    """The validation is not vacuous: a composite step without `shell` is refused."""
    action = yaml.safe_load(ACTION.read_text())
    del action["runs"]["steps"][0]["shell"]
    broken = tmp_path / "action.yml"
    broken.write_text(yaml.safe_dump(action))
    assert _validate("vendor.github-actions", broken).returncode == 1


def test_action_has_the_documented_inputs() -> None:
    action = yaml.safe_load(ACTION.read_text())
    assert set(action["inputs"]) >= {"path", "fail-on", "base", "junit", "sarif", "summary"}
    assert action["inputs"]["summary"]["default"] == "true"
    assert "pull_request.base" in action["inputs"]["base"]["default"]
    assert action["runs"]["using"] == "composite"
    install = action["runs"]["steps"][0]["run"]
    assert '"$GITHUB_ACTION_PATH"' in install and "pip install" in install


def test_ci_runs_tests_on_every_python_and_uploads_the_self_check_report() -> None:
    ci = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "ci.yml").read_text())
    versions = ci["jobs"]["test"]["strategy"]["matrix"]["python-version"]
    assert versions == ["3.10", "3.11", "3.12", "3.13"]
    runs = " ".join(step.get("run", "") for step in ci["jobs"]["test"]["steps"])
    assert "pip install '.[test]'" in runs and "ruff check" in runs and "pytest" in runs
    steps = ci["jobs"]["self-check"]["steps"]
    check = next(s["run"] for s in steps if "sms-lint check" in s.get("run", ""))
    assert "example-sms-repo" in check and "--report junit:reports/sms.xml" in check
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "reports/sms.xml"


def _working_tree_copy(target: Path) -> Path:
    """The files of this checkout as they are on disk (committed or not, minus ignored ones)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (REPO_ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO_ROOT / name, target / name)
    return target


def test_install_step_installs_sms_lint_from_the_action_path(tmp_path: Path) -> None:
    """What a runner does with `uses: owner/sms-lint@tag` (pip reaches PyPI for dependencies)."""
    step = yaml.safe_load(ACTION.read_text())["runs"]["steps"][0]
    action_path = _working_tree_copy(tmp_path / "action")
    outputs, runner_temp = tmp_path / "github_output", tmp_path / "runner_temp"
    runner_temp.mkdir()
    script = tmp_path / "install.sh"
    script.write_text(step["run"])
    env = {
        **os.environ,
        "GITHUB_ACTION_PATH": str(action_path),
        "GITHUB_OUTPUT": str(outputs),
        "RUNNER_TEMP": str(runner_temp),
    }
    bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
    done = subprocess.run(bash, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    name, _, installed = outputs.read_text().strip().partition("=")
    assert name == "sms-lint" and installed.startswith(str(runner_temp))
    check = [installed, "check", str(EXAMPLE), "--today", TODAY, "--format", "github"]
    result = subprocess.run(check, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def _run_check_step(tmp_path: Path, root: Path, **inputs: str) -> tuple[int, str, Path, Path]:
    """Run the action's check step the way a runner does (bash -eo pipefail, inputs in env)."""
    step = yaml.safe_load(ACTION.read_text())["runs"]["steps"][1]
    outputs, summary = tmp_path / "github_output", tmp_path / "step_summary"
    env = {
        **os.environ,
        "SMS_LINT": _tool("sms-lint"),
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(summary),
        "INPUT_PATH": str(root),
        "INPUT_FAIL_ON": "minor",
        "INPUT_BASE": "",
        "INPUT_JUNIT": "",
        "INPUT_SARIF": "",
        "INPUT_SUMMARY": "true",
        "INPUT_TODAY": TODAY,
    }
    env.update({f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    script = tmp_path / "step.sh"
    script.write_text(step["run"])
    bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
    done = subprocess.run(bash, env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, outputs, summary


def test_check_step_passes_on_the_example_and_writes_reports(tmp_path: Path) -> None:
    junit, sarif = tmp_path / "r" / "sms.xml", tmp_path / "r" / "sms.sarif"
    code, _, outputs, summary = _run_check_step(
        tmp_path, EXAMPLE, junit=str(junit), sarif=str(sarif)
    )
    assert code == 0
    assert outputs.read_text() == "exit-code=0\n"
    assert junit.read_text().startswith("<?xml") and '"version": "2.1.0"' in sarif.read_text()
    assert summary.exists()


def test_check_step_exits_1_with_annotations_on_a_nonconformity(tmp_path: Path) -> None:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    (root / "processes" / "prc-08-demand.md").unlink()
    code, stdout, outputs, summary = _run_check_step(tmp_path, root, summary="false")
    assert code == 1
    assert outputs.read_text() == "exit-code=1\n"
    assert "::error" in stdout
    assert not summary.exists()  # summary: false leaves the job summary alone
