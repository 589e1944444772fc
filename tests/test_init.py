"""``sms-lint init DIR``: a starter SMS that passes ``check`` the day it is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import TODAY

from sms_lint.commands.init import TEMPLATES


@pytest.fixture
def starter(invoke, tmp_path: Path) -> Path:
    folder = tmp_path / "sms"
    result = invoke("init", str(folder), "--today", TODAY)
    assert result.exit_code == 0, result.output
    return folder


def test_dates_come_from_today_and_the_environment(invoke, tmp_path: Path) -> None:
    folder = tmp_path / "sms"
    result = invoke("init", str(folder), env={"SMS_LINT_TODAY": "2025-01-31"})
    assert result.exit_code == 0
    audit = (folder / "audits" / "aud-001.md").read_text()
    assert "date: 2025-04-30\n" in audit  # + 3 months, clamped to the month's end
    risks = yaml.safe_load((folder / "governance" / "risk-register.yaml").read_text())
    assert str(risks["risks"][0]["review_by"]) == "2025-07-31"  # + 6 months
    agenda = (folder / "reviews" / "mr-agenda.md").read_text()
    assert "planned for\n2025-05-31" in agenda  # + 4 months


def test_every_placeholder_token_is_filled(starter: Path) -> None:
    for path in starter.rglob("*"):
        if path.is_file():
            assert "{{" not in path.read_text(encoding="utf-8"), path


def test_organization_placeholders_are_obvious(starter: Path) -> None:
    scope = (starter / "governance" / "scope.yaml").read_text()
    assert "<Your organization>" in scope
    roles = yaml.safe_load((starter / "governance" / "roles.yaml").read_text())
    assert all(role["holder"].startswith("<") for role in roles["roles"])


def test_config_hook_and_workflow_are_written(starter: Path) -> None:
    config = yaml.safe_load((starter / ".sms-lint.yaml").read_text())
    assert config["review_interval_months"] == 12
    hooks = yaml.safe_load((starter / ".pre-commit-config.yaml").read_text())
    # A local hook runs the sms-lint the user installed: nothing to download (a checkout
    # or wheel install has no published release for pre-commit to fetch).
    [repo] = hooks["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    assert (hook["id"], hook["entry"], hook["language"]) == ("sms-lint", "sms-lint check", "system")
    assert hook["pass_filenames"] is False
    workflow = yaml.safe_load((starter / ".github" / "workflows" / "sms-lint.yml").read_text())
    steps = workflow["jobs"]["sms-lint"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert "/sms-lint@v" in steps[1]["uses"]


def test_pre_commit_config_is_valid(starter: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed")
    config = starter / ".pre-commit-config.yaml"
    command = [sys.executable, "-m", "pre_commit", "validate-config", str(config)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_yaml_artifacts_carry_a_modeline_to_schemas_on_disk(starter: Path) -> None:
    yaml_artifacts = [
        p for p in starter.rglob("*.yaml") if not any(part.startswith(".") for part in p.parts[-3:])
    ]
    assert len(yaml_artifacts) >= 9
    for path in yaml_artifacts:
        first = path.read_text().splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), path
        schema = (path.parent / first.removeprefix(prefix)).resolve()
        kind = yaml.safe_load(path.read_text())["kind"]
        assert schema == (starter / ".sms-lint" / "schemas" / f"{kind}.json").resolve()
        assert schema.is_file()
    assert (starter / ".sms-lint" / "schemas" / "defs.json").is_file()


def test_refuses_a_non_empty_folder_and_changes_nothing(invoke, tmp_path: Path) -> None:
    folder = tmp_path / "sms"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n")
    result = invoke("init", str(folder), "--today", TODAY)
    assert result.exit_code == 2
    assert "not empty" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_refuses_a_file_as_target(invoke, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    assert invoke("init", str(target), "--today", TODAY).exit_code == 2


def test_an_empty_existing_folder_is_fine(invoke, tmp_path: Path) -> None:
    assert invoke("init", str(tmp_path), "--today", TODAY).exit_code == 0
    assert (tmp_path / "governance" / "roles.yaml").is_file()


def test_templates_cover_every_process_and_kind() -> None:
    """The starter holds one artifact of every kind except the records of events that have
    not happened: no management-review minutes, no nonconformity (its audits are planned)."""
    kinds = set()
    for path in TEMPLATES.rglob("*"):
        text = path.read_text() if path.suffix in (".yaml", ".md") else ""
        if path.suffix == ".md":
            text = text.split("---\n")[1] if text.startswith("---\n") else ""
        data = yaml.safe_load(text.replace("{{", "").replace("}}", "")) if text else None
        if isinstance(data, dict) and "kind" in data:
            kinds.add(data["kind"])
    assert len(list((TEMPLATES / "processes").glob("*.md"))) == 18
    assert not {"nonconformity", "management-review"} & kinds
    assert len(kinds) == 14
