"""``check --base`` reuses the cached findings of the rules that need no base and always runs
the change rules (issue 19, point 4); it never gives a stale result."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_git_support import GitRepo, policy, process

from sms_lint import checks
from sms_lint.checks.base import Context, Hit
from sms_lint.config.pack import Rule


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    sms = GitRepo(tmp_path / "sms")
    sms.write("policies/pol-001.md", policy())
    sms.write("processes/demand.yaml", process())
    sms.commit("Approve the policy and the demand process", "2026-01-10")
    sms.write("policies/pol-001.md", policy(body="We deliver, and we say so."))
    return sms


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The checks that examined the repository, in the order they ran."""
    names: list[str] = []
    for name, check in list(checks.REGISTRY.items()):

        def counting(
            ctx: Context, rule: Rule, name: str = name, check: Any = check
        ) -> Iterator[Hit]:
            names.append(name)
            return check(ctx, rule)

        monkeypatch.setitem(checks.REGISTRY, name, counting)
    return names


def test_a_warm_base_run_runs_only_the_change_rules(
    repo: GitRepo, check_json: Callable[..., tuple[int, dict]], ran: list[str]
) -> None:
    cold = check_json(repo.path, "--base", "HEAD")
    assert any(f["rule"] == "SMS017" for f in cold[1]["findings"])
    assert set(ran) > checks.NEEDS_BASE
    ran.clear()
    assert check_json(repo.path, "--base", "HEAD") == cold
    assert ran and set(ran) <= checks.NEEDS_BASE
    assert check_json(repo.path, "--base", "HEAD", "--no-cache") == cold


def test_a_plain_warm_check_serves_a_base_run(
    repo: GitRepo, check_json: Callable[..., tuple[int, dict]], ran: list[str]
) -> None:
    check_json(repo.path)
    ran.clear()
    based = check_json(repo.path, "--base", "HEAD")
    assert ran and set(ran) <= checks.NEEDS_BASE
    assert based == check_json(repo.path, "--base", "HEAD", "--no-cache")


def test_an_edit_after_a_base_run_runs_every_rule_again(
    repo: GitRepo, check_json: Callable[..., tuple[int, dict]], ran: list[str]
) -> None:
    check_json(repo.path, "--base", "HEAD")
    repo.write("processes/demand.yaml", process().replace("status: approved", "status: draft"))
    ran.clear()
    after = check_json(repo.path, "--base", "HEAD")
    assert set(ran) > checks.NEEDS_BASE
    assert after == check_json(repo.path, "--base", "HEAD", "--no-cache")
