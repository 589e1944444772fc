"""Shared fixtures: a CliRunner that lets exceptions through, a pinned date, repo builders."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sms_lint.cli import cli
from sms_lint.config.pack import load_framework

TODAY = "2026-11-22"
FIXTURES = Path(__file__).parent / "fixtures"
REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = REPO_ROOT / "example-sms-repo"


# Rules about a single file's text and shape; everything else looks across the repository.
FILE_RULES = (
    "SMS001",
    "SMS100",
    "SMS101",
    "SMS102",
    "SMS103",
    "SMS104",
    "SMS105",
    "SMS106",
    "SMS107",
)


def quiet_config(*keep: str, extra: str = "") -> str:
    """A .sms-lint.yaml that disables every built-in rule except ``keep``.

    Tests of one rule on a tiny repository use it so that repository-wide rules (clause
    coverage, core documents, ...) do not fire on what the tiny repository lacks.
    """
    disabled = "".join(
        f"  {rule.id}: {{enabled: false}}\n"
        for rule in load_framework().rules
        if rule.id not in keep
    )
    return "rules:\n" + disabled + extra


@pytest.fixture
def file_rules_only(write: Callable[..., Path]) -> Path:
    """Write a config under tmp_path that keeps only the per-file rules."""
    return write(".sms-lint.yaml", quiet_config(*FILE_RULES))


def found(report: dict, *rules: str) -> list[tuple]:
    """(path, line, rule, clause, message) of the report's findings of ``rules``."""
    return [
        (f["path"], f["line"], f["rule"], f["clause"], f["message"])
        for f in report["findings"]
        if f["rule"] in rules
    ]


def graded(report: dict, *rules: str) -> list[tuple]:
    """(path, line, rule, clause, severity, message) of the report's findings of ``rules``."""
    return [
        (f["path"], f["line"], f["rule"], f["clause"], f["severity"], f["message"])
        for f in report["findings"]
        if f["rule"] in rules
    ]


def located(report: dict, *rules: str) -> list[tuple]:
    """(path:line, rule, clause, severity, message) of the report's findings of ``rules``."""
    return [(f"{path}:{line}", *rest) for path, line, *rest in graded(report, *rules)]


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own cache folder: never the user's, never shared between tests."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "sms-lint"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner) -> Callable[..., Result]:
    """Run the CLI in-process; exceptions propagate so a traceback fails the test."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=False, env=env)

    return run


@pytest.fixture
def check_json(invoke: Callable[..., Result]) -> Callable[..., tuple[int, dict]]:
    """``check --format json --today TODAY`` on a root; returns (exit code, report)."""

    def run(root: Path, *extra: str) -> tuple[int, dict]:
        result = invoke("check", str(root), "--format", "json", "--today", TODAY, *extra)
        assert result.exit_code in (0, 1), result.output
        return result.exit_code, json.loads(result.stdout)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a file under tmp_path (text is dedented; bytes are written as they are)."""

    def put(relative: str, content: str | bytes) -> Path:
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return target

    return put
