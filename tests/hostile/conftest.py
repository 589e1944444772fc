"""Fixtures of the hostile suite: one repository per case, and one mixing every case with the
example SMS (built once per session: the mixed runs are the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.cases import Case, build_cases
from hostile.harness import EXAMPLE, Mixed, make_repo, run_cli
from hostile.known_bugs import RUN_BREAKERS


@pytest.fixture(scope="session")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Mixed:
    """Every case but those whose known bug would spoil the whole run."""
    return Mixed(tmp_path_factory.mktemp("mixed"), leave_out=RUN_BREAKERS)


@pytest.fixture(scope="session")
def example_findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The example's own findings, from an untouched copy run the same way."""
    root = make_repo(tmp_path_factory.mktemp("example"), [], with_example=True)
    assert EXAMPLE.is_dir()
    return run_cli(root, "--format", "json").json()["findings"]


@pytest.fixture
def case_repo(tmp_path: Path):
    """Build a root holding only the named case (plus the outside folder); returns both."""

    def build(name: str) -> tuple[Case, Path]:
        case = build_cases(tmp_path / "outside")[name]
        return case, make_repo(tmp_path, [case], with_example=False)

    return build
