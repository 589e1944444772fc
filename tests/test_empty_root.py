"""Issue 14, point 11: a root with no artifact is a usage error, not 69 findings; a link to
something that is not a candidate document is passed over."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import TODAY


@pytest.mark.parametrize("command", ["check", "coverage"])
def test_an_empty_root_is_one_sentence(invoke, tmp_path: Path, command: str) -> None:
    (tmp_path / "notes.txt").write_text("not a document\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# no front matter\n", encoding="utf-8")
    result = invoke(command, str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"sms-lint: error: no SMS documents under {tmp_path.as_posix()}: is this the right folder?"
    )
    assert result.stdout == ""


def test_a_root_holding_only_an_unreadable_file_still_reports_it(invoke, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 1
    assert "x.yaml:1:1: major SMS100" in result.stdout


def test_links_to_non_documents_are_passed_over(invoke, tmp_path: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "hostname").write_text("secret-host\n", encoding="utf-8")
    root = tmp_path / "sms"
    (root / "venv" / "bin").mkdir(parents=True)
    (root / "notes.txt").symlink_to(outside / "hostname")
    (root / "venv" / "bin" / "python3").symlink_to(outside / "hostname")
    (root / "outside-folder").symlink_to(outside, target_is_directory=True)
    (root / "a.yaml").write_text("id: A-1\nkind: nope\n", encoding="utf-8")
    result = invoke("check", str(root), "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    assert "notes.txt" not in result.stdout and "python3" not in result.stdout
    assert "secret-host" not in result.stdout
    # A link to a folder outside is still said (it could be where documents were meant to be).
    assert '"path": "outside-folder"' in result.stdout
