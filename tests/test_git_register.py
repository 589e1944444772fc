"""``sms-lint register``: the master list with each file's last change from one git log."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_git_support import OTHER_OWNER, GitRepo, policy, process, trusting

from sms_lint.gitrepo.repo import Repository

KEYS = [
    "id", "title", "kind", "owner", "version", "status", "last_reviewed", "next_review", "path",
    "last_change",
]  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """POL-001 changed twice (Bob last), PRC-DEMAND once (Alice), then a commit touching neither."""
    sms = GitRepo(tmp_path / "sms")
    sms.write("policies/pol-001.md", policy())
    sms.write("processes/demand.yaml", process())
    first = sms.commit("Approve both", "2026-01-10", author="Alice Auditor")
    sms.write("policies/pol-001.md", policy("1.1", "2026-04-01"))
    sms.commit("Policy 1.1", "2026-04-01", author="Bob Builder")
    sms.write("README.md", "# notes\n")
    sms.commit("Readme", "2026-05-01", author="Carol")
    sms.first = first  # type: ignore[attr-defined]
    return sms


def register_json(invoke, root: Path, env: dict[str, str] | None = None) -> list[dict]:
    result = invoke("register", str(root), "--format", "json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_rows_carry_the_last_change_of_each_file(repo: GitRepo, invoke) -> None:
    rows = register_json(invoke, repo.path)
    assert [row["id"] for row in rows] == ["POL-001", "PRC-DEMAND"]
    assert all(list(row) == KEYS for row in rows)
    pol, prc = rows
    assert pol["version"] == "1.1"
    assert pol["last_reviewed"] == "2026-04-01"
    assert pol["next_review"] == "2027-04-01"
    assert pol["path"] == "policies/pol-001.md"
    assert pol["last_change"]["author"] == "Bob Builder"
    assert pol["last_change"]["date"] == "2026-04-01T10:00:00+00:00"
    assert pol["last_change"]["message"] == "Policy 1.1"
    assert prc["last_change"] == {
        "commit": repo.first,  # type: ignore[attr-defined]
        "author": "Alice Auditor",
        "date": "2026-01-10T10:00:00+00:00",
        "message": "Approve both",
        "merged": None,  # committed straight onto the branch: no approver in the history
        "approver_shown": False,
    }


def test_one_history_walk_per_run(repo: GitRepo, invoke, monkeypatch, tmp_path) -> None:
    for number in range(20):
        repo.write(f"processes/extra-{number}.yaml", process(artifact_id=f"PRC-X{number:02}"))
    repo.commit("Twenty more", "2026-06-01")
    # The walk may run in a forked process: the spy records to a file both processes share.
    record = tmp_path / "git-calls.txt"
    for name in ("run_status", "stream"):
        original = getattr(Repository, name)

        def spy(self: Repository, subcommand: str, *args: str, original=original):
            with record.open("a") as stream:
                stream.write(subcommand + "\n")
            return original(self, subcommand, *args)

        monkeypatch.setattr(Repository, name, spy)
    rows = register_json(invoke, repo.path)
    calls = record.read_text().split()
    assert len(rows) == 22 and all(row["last_change"] for row in rows)
    assert calls.count("log") == 1
    assert sorted(calls) == ["log", "ls-files", "rev-parse"]  # never one call per file


def test_untracked_file_has_no_last_change(repo: GitRepo, invoke) -> None:
    repo.write("processes/new.yaml", process(artifact_id="PRC-NEW"))
    rows = {row["id"]: row for row in register_json(invoke, repo.path)}
    assert rows["PRC-NEW"]["last_change"] is None
    assert rows["POL-001"]["last_change"] is not None


def test_outside_git_works_with_null_last_change(tmp_path: Path, invoke) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "demand.yaml").write_text(process(), encoding="utf-8")
    result = invoke("register", str(tmp_path / "plain"), "--format", "json")
    assert result.exit_code == 0
    assert [row["last_change"] for row in json.loads(result.stdout)] == [None]
    assert "not inside a git repository" in result.stderr


def test_repository_without_commits(tmp_path: Path, invoke) -> None:
    sms = GitRepo(tmp_path / "sms")
    sms.write("demand.yaml", process())
    assert [row["last_change"] for row in register_json(invoke, sms.path)] == [None]


def test_shallow_clone_works_and_says_dates_are_incomplete(
    repo: GitRepo, tmp_path: Path, invoke
) -> None:
    clone = repo.shallow_clone(tmp_path / "clone")
    result = invoke("register", str(clone.path), "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == 2
    assert "shallow clone" in result.stderr and "incomplete" in result.stderr
    # The only commit there is the readme commit, at the boundary: it shows every file as
    # added, which is no last change (the real one may be older than the clone).
    assert [row["last_change"] for row in rows] == [None, None]


def test_detached_head_and_subfolder_root(tmp_path: Path, invoke) -> None:
    outer = GitRepo(tmp_path / "mono")
    outer.write("sms/demand.yaml", process())
    outer.write("elsewhere/demand.yaml", process(artifact_id="PRC-ELSEWHERE"))
    outer.commit("Start", "2026-01-10")
    outer.write("elsewhere/demand.yaml", process(artifact_id="PRC-MOVED"))
    outer.commit("Touch the other folder only", "2026-02-01")
    outer.git("checkout", "-q", "--detach", "HEAD")
    rows = register_json(invoke, outer.path / "sms")
    assert [(row["path"], row["last_change"]["message"]) for row in rows] == [
        ("demand.yaml", "Start")
    ]


def test_dubious_ownership_is_refused_until_the_user_trusts_it(repo: GitRepo, invoke) -> None:
    for fmt in ("text", "json", "csv", "markdown"):
        refused = invoke("register", str(repo.path), "--format", fmt, env=OTHER_OWNER)
        assert refused.exit_code == 2
        assert refused.stderr.count("\n") == 1 and "safe.directory" in refused.stderr
    rows = register_json(invoke, repo.path, env=trusting(repo.path))
    assert all(row["last_change"] is not None for row in rows)


def test_a_file_named_like_an_option(repo: GitRepo, invoke, monkeypatch) -> None:
    repo.write("--output=x.yaml", process(artifact_id="PRC-OPTION"))
    repo.commit("Odd name", "2026-06-01")
    monkeypatch.chdir(repo.path)
    rows = {row["id"]: row for row in register_json(invoke, repo.path)}
    assert rows["PRC-OPTION"]["path"] == "--output=x.yaml"
    assert rows["PRC-OPTION"]["last_change"]["message"] == "Odd name"
    assert not (repo.path / "x").exists() and not (repo.path / "x.yaml").exists()


def test_text_csv_and_markdown(repo: GitRepo, invoke) -> None:
    repo.write("policies/pol-001.md", policy().replace("Service management policy", "=1+1 | a"))
    text = invoke("register", str(repo.path)).stdout.splitlines()
    assert text[0].split()[:3] == ["ID", "TITLE", "KIND"]
    assert text[1].startswith("POL-001") and "2026-04-01" in text[1]
    assert len({line.index("policy") for line in text[1:2]}) == 1
    table = list(
        csv.reader(io.StringIO(invoke("register", str(repo.path), "--format", "csv").stdout))
    )
    assert table[0][:2] == ["id", "title"] and table[0][-5:] == [
        *("last_message", "merged_commit", "merged_by", "merged_date", "approver_shown")
    ]
    assert table[1][1] == "'=1+1 | a"  # a spreadsheet must not run it
    markdown = invoke("register", str(repo.path), "--format", "markdown").stdout
    assert "=1+1 \\| a" in markdown
    assert markdown.splitlines()[1].startswith("|---|")


def test_no_git_import_without_base() -> None:
    """``check`` without --base and ``rules`` never load GitPython."""
    example = Path(__file__).resolve().parent.parent / "example-sms-repo"
    script = (
        "import sys\n"
        "from sms_lint.cli import cli\n"
        "for args in (['check', sys.argv[1], '--today', '2026-11-22'], ['rules']):\n"
        "    try:\n"
        "        cli.main(args, prog_name='sms-lint')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert 'git' not in sys.modules, 'GitPython was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(example)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_without_a_git_executable(repo: GitRepo) -> None:
    """No git: register still lists the documents; --base is a clear exit 2."""
    env = {**os.environ, "GIT_PYTHON_GIT_EXECUTABLE": str(repo.path / "no-such-git")}
    register = subprocess.run(
        [sys.executable, "-m", "sms_lint", "register", str(repo.path), "--format", "json"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert register.returncode == 0, register.stderr
    assert [row["last_change"] for row in json.loads(register.stdout)] == [None, None]
    assert "git is not installed" in register.stderr
    check = subprocess.run(
        [sys.executable, "-m", "sms_lint", "check", str(repo.path), "--base", "HEAD",
         "--today", "2026-11-22"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert check.returncode == 2
    assert check.stderr.strip() == "sms-lint: error: git is not installed (or not on PATH)"
