"""``history`` starts the likely file's ``git log`` before it knows the answer (issue 19): the
answer is still the one the exact search gives, whatever was guessed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_git_support import GitRepo, policy

from sms_lint.commands.history_guess import likely_file
from sms_lint.gitrepo.ignored import StartedIgnored, candidates, git_ignored


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A note named after POL-001 whose body has a line ``id: POL-001`` (no front-matter id:
    a guess, not the answer), sorted before the policy that declares it; a file named like a
    path that another file declares as its id."""
    sms = GitRepo(tmp_path / "sms")
    sms.write("a/pol-001.md", "---\ntitle: note\n---\n\nid: POL-001\n")
    sms.write("policies/pol-001.md", policy())
    sms.write("named.yaml", "id: NAMED\nkind: note\n")
    sms.write("zz/claims.yaml", "id: named.yaml\nkind: note\n")
    sms.commit("First", "2026-01-10")
    sms.write("policies/pol-001.md", policy("1.1", "2026-02-01"))
    sms.write("a/pol-001.md", "---\ntitle: note\n---\n\nid: POL-001 (edited)\nid: POL-001\n")
    sms.write("named.yaml", "id: NAMED\nkind: note\ntitle: edited\n")
    sms.commit("Second", "2026-02-01")
    return sms


def messages(invoke, repo: GitRepo, wanted: str) -> list[str]:
    result = invoke("history", wanted, "--root", str(repo.path), "--format", "json")
    assert result.exit_code == 0, result.output
    return [rev["message"] for rev in json.loads(result.stdout)]


def test_a_wrong_guess_is_discarded(repo: GitRepo, invoke) -> None:
    assert likely_file("POL-001", repo.path) == "a/pol-001.md"  # the guess, not the answer
    result = invoke("history", "POL-001", "--root", str(repo.path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [rev["version"] for rev in json.loads(result.stdout)] == ["1.1", "1.0"]


def test_an_id_equal_to_a_path_still_wins(repo: GitRepo, invoke) -> None:
    # named.yaml exists (its log starts early), but zz/claims.yaml declares the id named.yaml.
    assert messages(invoke, repo, "named.yaml") == ["First"]
    assert messages(invoke, repo, "NAMED") == ["Second", "First"]


def test_no_guess_for_an_id_nothing_declares(repo: GitRepo, invoke) -> None:
    assert likely_file("POL-404", repo.path) is None
    result = invoke("history", "POL-404", "--root", str(repo.path))
    assert result.exit_code == 2
    assert "neither the id of an artifact nor a file git knows" in result.stderr


def test_the_guess_skips_hidden_folders_links_and_other_files(tmp_path: Path) -> None:
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "a.yaml").write_text("id: X-1\n")
    (tmp_path / "b.txt").write_text("id: X-1\n")
    (tmp_path / "c.yaml").symlink_to(tmp_path / ".hidden" / "a.yaml")
    (tmp_path / "d.yml").write_text("title: x\nid: 'X-1'  # quoted\n")
    assert likely_file("X-1", tmp_path) == "d.yml"
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "x-1.md").write_text("---\nid: X-1\n---\n")
    assert likely_file("X-1", tmp_path) == "z/x-1.md"  # named after the id: read first
    assert likely_file("X 1", tmp_path) is None  # white space: never guessed


def test_git_started_early_answers_as_git_asked_late(tmp_path: Path, monkeypatch) -> None:
    """What git ignores, asked while the config loads, is what discovery asks it itself."""
    sms = GitRepo(tmp_path / "sms")
    sms.write(".gitignore", "build/\n*.tmp.yml\n")
    sms.write("build/new.yml", "id: X\n")
    sms.write("notes/draft.tmp.yml", "id: X\n")
    sms.write("notes/kept.yml", "id: X\n")
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "nowhere-index"))  # a hook's: dropped
    early = StartedIgnored(sms.path)
    assert early() == git_ignored(sms.path)
    assert candidates(sms.path, (), StartedIgnored(sms.path)).paths == candidates(sms.path).paths
    assert StartedIgnored(tmp_path / "elsewhere")() is None  # no work tree: no git at all
    unread = StartedIgnored(sms.path)
    unread.close()  # git ended, unread
    assert unread.process is not None and unread.process.returncode is not None


def test_history_of_simple_files_imports_no_yaml(repo: GitRepo) -> None:
    """Only the data of each revision is shown, so simple files are read without the YAML
    parser (the quick reader gives load_yaml's data, tests/test_flatyaml.py)."""
    probe = (
        "import sys; from sms_lint.cli import cli\n"
        "try:\n    cli.main(args=sys.argv[1:], prog_name='sms-lint')\n"
        "except SystemExit as done:\n    code = done.code\n"
        "sys.stdout.flush(); print('\\nYAML', 'yaml' in sys.modules, code)"
    )
    args = ["history", "NAMED", "--root", str(repo.path), "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
    )
    output, _, last = done.stdout.rpartition("\nYAML ")
    assert last.split() == ["False", "0"], done.stderr
    assert [rev["version"] for rev in json.loads(output)] == [None, None]
