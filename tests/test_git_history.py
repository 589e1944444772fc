"""``sms-lint history``: every commit that changed one document, following renames."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_git_support import OTHER_OWNER, GitRepo, policy, process, trusting


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """POL-001: added as 1.0, renamed, bumped; other commits touch other files."""
    sms = GitRepo(tmp_path / "sms")
    sms.write("pol.md", policy())
    sms.write("processes/demand.yaml", process())
    sms.commit("Policy 1.0", "2026-01-10", author="Alice Auditor")
    sms.write("processes/demand.yaml", process(status="retired"))
    sms.commit("Retire demand", "2026-02-01")
    (sms.path / "policies").mkdir()
    sms.git("mv", "pol.md", "policies/pol-001.md")
    sms.commit("Move the policy", "2026-03-01", author="Bob Builder")
    sms.write("policies/pol-001.md", policy("1.1", "2026-04-01", "New text."))
    sms.commit("Policy 1.1", "2026-04-01", author="Carol")
    return sms


def history_json(invoke, *args: str) -> list[dict]:
    result = invoke("history", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_lists_exactly_the_commits_that_touched_it(repo: GitRepo, invoke) -> None:
    revisions = history_json(invoke, "POL-001", "--root", str(repo.path))
    assert [(r["message"], r["author"], r["version"], r["status"]) for r in revisions] == [
        ("Policy 1.1", "Carol", "1.1", "approved"),
        ("Move the policy", "Bob Builder", "1.0", "approved"),
        ("Policy 1.0", "Alice Auditor", "1.0", "approved"),
    ]
    assert list(revisions[0]) == [
        *("commit", "author", "date", "message", "version", "status"),
        *("merged", "approver_shown"),  # the contract's fields first, then the extensions
        *("introduced_by", "in_force_from", "in_force_to"),
        *("approved_by", "approved_on", "approval_evidence"),  # issue 20 point 4
    ]
    assert revisions[0]["date"] == "2026-04-01T10:00:00+00:00"
    assert revisions[0]["commit"] == repo.git("rev-parse", "HEAD").strip()


def test_each_version_names_the_commit_that_brought_it_and_when_it_was_in_force(
    repo: GitRepo, invoke
) -> None:
    """1.0 came with its first commit and stayed through the rename; 1.1 replaced it."""
    first = repo.git("rev-list", "--max-parents=0", "HEAD").strip()
    revisions = history_json(invoke, "POL-001", "--root", str(repo.path))
    periods = [
        (r["version"], r["introduced_by"]["commit"], r["in_force_from"], r["in_force_to"])
        for r in revisions
    ]
    head = repo.git("rev-parse", "HEAD").strip()
    assert periods == [
        ("1.1", head, "2026-04-01", None),
        ("1.0", first, "2026-01-10", "2026-04-01"),
        ("1.0", first, "2026-01-10", "2026-04-01"),
    ]
    assert revisions[1]["introduced_by"]["author"] == "Alice Auditor"
    lines = invoke("history", "POL-001", "--root", str(repo.path)).stdout.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("VERSION ")))
    assert [line.split() for line in lines[at : at + 3]] == [
        ["VERSION", "INTRODUCED", "BY", "IN", "FORCE", "FROM", "TO"],
        ["1.1", head[:12], "Carol", "2026-04-01", "now"],
        ["1.0", first[:12], "Alice", "Auditor", "2026-01-10", "2026-04-01"],
    ]


def test_a_deletion_ends_the_last_version(repo: GitRepo, invoke) -> None:
    (repo.path / "policies/pol-001.md").unlink()
    repo.commit("Withdraw the policy", "2026-06-01")
    revisions = history_json(invoke, "policies/pol-001.md", "--root", str(repo.path))
    assert (revisions[0]["version"], revisions[0]["introduced_by"]) == (None, None)
    assert (revisions[1]["version"], revisions[1]["in_force_to"]) == ("1.1", "2026-06-01")


def test_by_path_and_status_at_each_commit(repo: GitRepo, invoke) -> None:
    revisions = history_json(invoke, "processes/demand.yaml", "--root", str(repo.path))
    assert [(r["message"], r["status"]) for r in revisions] == [
        ("Retire demand", "retired"),
        ("Policy 1.0", "approved"),
    ]


def test_deleted_document_keeps_its_history(repo: GitRepo, invoke) -> None:
    (repo.path / "processes/demand.yaml").unlink()
    repo.commit("Delete demand", "2026-05-01")
    revisions = history_json(invoke, "processes/demand.yaml", "--root", str(repo.path))
    assert (revisions[0]["message"], revisions[0]["version"]) == ("Delete demand", None)
    assert len(revisions) == 3


def test_text_table(repo: GitRepo, invoke) -> None:
    lines = invoke("history", "POL-001", "--root", str(repo.path)).stdout.splitlines()
    assert lines[0].split() == [
        *("DATE", "COMMIT", "VERSION", "STATUS", "AUTHOR", "MERGED", "BY", "MESSAGE")
    ]
    assert lines[1].startswith("2026-04-01  ") and lines[1].endswith("Policy 1.1")
    assert lines[1].split()[2:5] == ["1.1", "approved", "Carol"]


def test_a_file_named_like_an_option(repo: GitRepo, invoke, monkeypatch) -> None:
    repo.write("--output=x.yaml", process(artifact_id="PRC-OPTION"))
    repo.commit("Odd name", "2026-06-01")
    monkeypatch.chdir(repo.path)
    for wanted in ("PRC-OPTION", "./--output=x.yaml"):
        revisions = history_json(invoke, "--root", str(repo.path), "--", wanted)
        assert [r["message"] for r in revisions] == ["Odd name"]
    assert not (repo.path / "x").exists() and not (repo.path / "x.yaml").exists()


def test_detached_head_and_dubious_ownership(repo: GitRepo, invoke) -> None:
    repo.git("checkout", "-q", "--detach", "HEAD~1")
    args = ("history", "POL-001", "--root", str(repo.path), "--format", "json")
    refused = invoke(*args, env=OTHER_OWNER)
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1 and "safe.directory" in refused.stderr
    result = invoke(*args, env=trusting(repo.path))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["message"] == "Move the policy"


def test_shallow_clone_is_exit_2(repo: GitRepo, tmp_path: Path, invoke) -> None:
    clone = repo.shallow_clone(tmp_path / "clone")
    result = invoke("history", "POL-001", "--root", str(clone.path))
    assert result.exit_code == 2
    assert "is a shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr


@pytest.mark.parametrize("wanted", ["POL-999", "policies/none.md", "../outside.md"])
def test_unknown_document_is_exit_2_in_one_sentence(repo: GitRepo, invoke, wanted: str) -> None:
    result = invoke("history", wanted, "--root", str(repo.path))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and wanted in result.stderr


def test_outside_git_is_exit_2(tmp_path: Path, invoke) -> None:
    (tmp_path / "demand.yaml").write_text(process(), encoding="utf-8")
    result = invoke("history", "PRC-DEMAND", "--root", str(tmp_path))
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr


def test_a_copy_starts_its_own_history(repo: GitRepo, invoke) -> None:
    """git log --follow also follows copies; the copy's source history is not the copy's."""
    repo.write("processes/demand-eu.yaml", process(artifact_id="PRC-DEMAND-EU"))
    repo.commit("Start the EU demand process from the old one", "2026-06-01")
    revisions = history_json(invoke, "PRC-DEMAND-EU", "--root", str(repo.path))
    assert [r["message"] for r in revisions] == ["Start the EU demand process from the old one"]
