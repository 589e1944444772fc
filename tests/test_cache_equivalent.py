"""A file whose change alters nothing the cross-file rules read (a comment) lets a warm run
reuse the kept cross-file result without running a rule (issue 19, point 1); any change to
what they read (a value, an id, a line) runs them all again and is never stale."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE

from sms_lint import checks
from sms_lint.checks.base import Context, Hit
from sms_lint.config.pack import Rule

SERVICE = "services/svc-backup.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "sms"
    shutil.copytree(EXAMPLE, target)
    return target


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


def edit(root: Path, old: str, new: str) -> None:
    target = root / SERVICE
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def comment(root: Path, text: str) -> None:
    """A comment at the end of the file: no line of the data moves."""
    target = root / SERVICE
    kept = target.read_text(encoding="utf-8").split("\n# ")[0].rstrip("\n")
    target.write_text(f"{kept}\n# {text}\n", encoding="utf-8")


def test_a_comment_added_runs_no_rule_and_gives_the_same_report(
    repo: Path, check_json: Callable[..., tuple[int, dict]], ran: list[str]
) -> None:
    cold = check_json(repo)
    assert ran
    for round_ in range(3):  # each run keeps the result under its own inputs for the next
        ran.clear()
        comment(repo, f"edit {round_}")
        assert check_json(repo)[1]["findings"] == cold[1]["findings"] == []
        assert ran == []
    ran.clear()
    assert check_json(repo) == cold  # and once more with nothing changed
    assert ran == []


def test_an_id_changed_shows_the_findings_it_causes_in_other_files(
    repo: Path, check_json: Callable[..., tuple[int, dict]], ran: list[str]
) -> None:
    check_json(repo)
    comment(repo, "first")
    check_json(repo)
    ran.clear()
    edit(repo, "id: SVC-BACKUP\n", "id: SVC-BACKUPS\n")
    code, report = check_json(repo)
    assert ran
    elsewhere = {f["path"] for f in report["findings"] if f["rule"] == "SMS018"}
    assert "slas/sla-backup.yaml" in elsewhere
    assert (code, report) == check_json(repo, "--no-cache")
    ran.clear()
    edit(repo, "id: SVC-BACKUPS\n", "id: SVC-BACKUP\n")  # back: no finding is kept stale
    assert check_json(repo)[1]["findings"] == []


def test_a_comment_that_moves_lines_runs_the_rules_again(
    repo: Path, check_json: Callable[..., tuple[int, dict]], ran: list[str]
) -> None:
    check_json(repo)
    edit(repo, "depends_on: [SVC-NETWORK]", "depends_on: [SVC-NOWHERE]")
    first = check_json(repo)
    assert [f["line"] for f in first[1]["findings"] if f["path"] == SERVICE]
    ran.clear()
    edit(repo, "id: SVC-BACKUP\n", "# moved one line down\nid: SVC-BACKUP\n")
    moved = check_json(repo)
    assert ran  # the finding's line is in what the rules read: no reuse
    assert moved == check_json(repo, "--no-cache") != first


def test_a_value_changed_back_and_forth_is_never_stale(
    repo: Path, check_json: Callable[..., tuple[int, dict]]
) -> None:
    clean = check_json(repo)
    edit(repo, "depends_on: [SVC-NETWORK]", "depends_on: [SVC-NOWHERE]")
    broken = check_json(repo)
    assert broken != clean and broken == check_json(repo, "--no-cache")
    edit(repo, "depends_on: [SVC-NOWHERE]", "depends_on: [SVC-NETWORK]")
    assert check_json(repo) == clean
    comment(repo, "a comment")
    assert check_json(repo) == clean
    edit(repo, "depends_on: [SVC-NETWORK]", "depends_on: [SVC-NOWHERE]  # again")
    again = check_json(repo)
    assert again != clean and again == check_json(repo, "--no-cache")
