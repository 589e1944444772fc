"""``check --base REF``: SMS017 version-bumped and SMS025 artifact-deleted on real git repos."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TODAY
from test_git_support import OTHER_OWNER, GitRepo, policy, process, trusting

CHANGE_RULES = ("SMS017", "SMS025")


def change_findings(report: dict) -> list[tuple[str, str, int, str]]:
    return [
        (f["rule"], f["path"], f["line"], f["clause"])
        for f in report["findings"]
        if f["rule"] in CHANGE_RULES
    ]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A policy and a process, committed; then a second commit that only adds a note."""
    sms = GitRepo(tmp_path / "sms")
    sms.write("policies/pol-001.md", policy())
    sms.write("processes/demand.yaml", process())
    sms.commit("Approve the policy and the demand process", "2026-01-10")
    sms.write("README.md", "# Our SMS\n")
    sms.commit("Add a readme", "2026-02-01")
    return sms


def run_base(
    check_json: Callable[..., tuple[int, dict]], root: Path, ref: str = "HEAD~1"
) -> tuple[int, dict]:
    return check_json(root, "--base", ref)


def test_acceptance_unbumped_edit_and_deleted_process(repo: GitRepo, check_json) -> None:
    repo.write("policies/pol-001.md", policy(body="We deliver, and we say so."))
    (repo.path / "processes/demand.yaml").unlink()
    repo.commit("Edit the policy; drop the demand process", "2026-03-01")
    code, report = run_base(check_json, repo.path)
    assert code == 1
    # One uncontrolled change, one finding (at version, naming the review date too); the
    # deleted process at the status: line of its last version.
    assert change_findings(report) == [
        ("SMS017", "policies/pol-001.md", 7, "7.5.3"),
        ("SMS025", "processes/demand.yaml", 5, "7.5.3"),
    ]
    changed = next(f for f in report["findings"] if f["rule"] == "SMS017")
    assert changed["message"] == (
        "the content of 'POL-001' changed since HEAD~1 (the text) but version is still '1.0', "
        "approved_on is still 2026-01-10 and last_reviewed is still 2026-01-10: raise the "
        "version, record the approval of the new version (approved_on, approved_by) and set "
        "last_reviewed to the date this change was reviewed"
    )
    deleted = next(f for f in report["findings"] if f["rule"] == "SMS025")
    assert deleted["artifact"] == "PRC-DEMAND"
    assert deleted["message"] == (
        "PRC-DEMAND was deleted since HEAD~1, but approved documented information is retired, "
        "not deleted: restore the file and set status: retired (a rename is fine)"
    )


def test_no_change_no_finding(repo: GitRepo, check_json) -> None:
    _, report = run_base(check_json, repo.path, "HEAD")
    assert change_findings(report) == []


def approved_on(text: str, day: str) -> str:
    """The policy or process ``text`` approved on ``day`` (a new version's approval)."""
    return text.replace("approved_on: 2026-01-10", f"approved_on: {day}")


def test_bumped_version_and_review_pass(repo: GitRepo, check_json) -> None:
    revised = approved_on(policy("1.1", "2026-03-01", "Changed text."), "2026-03-01")
    repo.write("policies/pol-001.md", revised)
    repo.commit("Policy 1.1", "2026-03-01")
    _, report = run_base(check_json, repo.path)
    assert change_findings(report) == []


def test_bumped_version_with_an_older_review_is_one_finding(repo: GitRepo, check_json) -> None:
    revised = approved_on(policy("1.1", "2026-01-09", "Changed text."), "2026-03-01")
    repo.write("policies/pol-001.md", revised)
    repo.commit("Policy 1.1", "2026-03-01")
    _, report = run_base(check_json, repo.path)
    assert change_findings(report) == [("SMS017", "policies/pol-001.md", 10, "7.5.3")]


def test_a_same_day_review_passes_when_the_version_moved_on(repo: GitRepo, check_json) -> None:
    """Issue 14, point 11: changed, approved and reviewed today, on the day of the previous
    review (2026-01-10), under a new version is a revision; without a new version it is not
    (issue 16: on a later day, the previous day is the previous version's)."""
    repo.write("policies/pol-001.md", policy("1.1", "2026-01-10", "Changed text."))
    _, report = check_json(repo.path, "--base", "HEAD", "--today", "2026-01-10")
    assert change_findings(report) == []
    repo.write("policies/pol-001.md", policy("1.0", "2026-01-10", "Changed text."))
    _, report = check_json(repo.path, "--base", "HEAD", "--today", "2026-01-10")
    assert [f[2] for f in change_findings(report)] == [7]


def test_uncommitted_edit_counts(repo: GitRepo, check_json) -> None:
    index = repo.path / ".git" / "index"
    before = index.read_bytes()
    repo.write("policies/pol-001.md", policy(body="Edited, not committed."))
    _, report = run_base(check_json, repo.path, "HEAD")
    assert [f[0] for f in change_findings(report)] == ["SMS017"]
    assert index.read_bytes() == before  # nothing written inside the checked repository


def test_rename_is_not_a_deletion_but_its_edit_is_compared(repo: GitRepo, check_json) -> None:
    repo.git("mv", "processes/demand.yaml", "processes/prc-demand.yaml")
    repo.commit("Rename the demand process", "2026-03-01")
    _, report = run_base(check_json, repo.path)
    assert change_findings(report) == []
    repo.write("processes/prc-demand.yaml", process() + "inputs: [forecasts]\n")
    repo.commit("Edit it without a new version", "2026-03-02")
    _, report = run_base(check_json, repo.path, "HEAD~2")
    assert [f[:3] for f in change_findings(report)] == [
        ("SMS017", "processes/prc-demand.yaml", 6),
    ]


def test_draft_approved_under_its_version_and_new_files_pass(tmp_path: Path, check_json) -> None:
    sms = GitRepo(tmp_path / "sms")
    sms.write("processes/demand.yaml", process(status="draft"))
    sms.commit("Draft the demand process", "2026-01-05")
    sms.write("processes/demand.yaml", process())
    sms.write("policies/pol-001.md", policy())
    sms.commit("Approve it; add the policy", "2026-01-10")
    _, report = run_base(check_json, sms.path)
    assert change_findings(report) == []


def test_deleted_files_that_were_not_artifacts_pass(repo: GitRepo, check_json) -> None:
    (repo.path / "README.md").unlink()
    repo.commit("Drop the readme", "2026-03-01")
    _, report = run_base(check_json, repo.path)
    assert change_findings(report) == []


def test_root_in_a_subfolder_of_the_repository(tmp_path: Path, check_json) -> None:
    outer = GitRepo(tmp_path / "mono")
    outer.write("sms/policies/pol-001.md", policy())
    outer.write("sms/processes/demand.yaml", process())
    outer.write("other/unrelated.yaml", process(artifact_id="PRC-OTHER"))
    outer.commit("Start", "2026-01-10")
    (outer.path / "sms/processes/demand.yaml").unlink()
    (outer.path / "other/unrelated.yaml").unlink()
    outer.write("sms/policies/pol-001.md", policy(body="Edited."))
    outer.commit("Edit and delete", "2026-03-01")
    _, report = run_base(check_json, outer.path / "sms")
    assert [f[:3] for f in change_findings(report)] == [
        ("SMS017", "policies/pol-001.md", 7),
        ("SMS025", "processes/demand.yaml", 5),
    ]


def test_detached_head(repo: GitRepo, check_json) -> None:
    (repo.path / "processes/demand.yaml").unlink()
    repo.commit("Delete", "2026-03-01")
    repo.git("checkout", "-q", "--detach", "HEAD")
    _, report = run_base(check_json, repo.path)
    assert [f[0] for f in change_findings(report)] == ["SMS025"]


def test_dubious_ownership_is_refused_until_the_user_trusts_it(repo: GitRepo, invoke) -> None:
    """git's own protection stays on: sms-lint no longer passes -c safe.directory itself."""
    (repo.path / "processes/demand.yaml").unlink()
    env = OTHER_OWNER
    with pytest.raises(subprocess.CalledProcessError):  # git itself refuses the repository...
        subprocess.run(
            ["git", "log", "-1"], cwd=repo.path, env={**os.environ, **env}, check=True,
            capture_output=True,
        )  # fmt: skip
    args = ("check", str(repo.path), "--base", "HEAD", "--format", "json", "--today", TODAY)
    refused = invoke(*args, env=env)  # ...and so does sms-lint, saying how to trust it
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1
    assert f"git config --global --add safe.directory {repo.path.resolve()}" in refused.stderr
    report = json.loads(invoke(*args, env=trusting(repo.path)).stdout)
    assert [f[0] for f in change_findings(report)] == ["SMS025"]


def test_a_file_named_like_an_option_never_reaches_git_as_one(
    repo: GitRepo, check_json, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write("--output=x.yaml", process(artifact_id="PRC-OPTION"))
    repo.write("--output=x", "not an artifact\n")
    repo.commit("Files named like options", "2026-03-01")
    (repo.path / "--output=x.yaml").unlink()
    (repo.path / "--output=x").unlink()
    monkeypatch.chdir(repo.path)
    _, report = run_base(check_json, repo.path, "HEAD")
    assert change_findings(report) == [("SMS025", "--output=x.yaml", 5, "7.5.3")]
    assert not (repo.path / "x").exists()
    assert not (repo.path / "x.yaml").exists()


@pytest.mark.parametrize("ref", ["--output=x", "-h", ""])
def test_refs_that_look_like_options_are_refused(repo: GitRepo, invoke, ref: str) -> None:
    result = invoke("check", str(repo.path), "--today", TODAY, f"--base={ref}")
    assert result.exit_code == 2
    assert "is not a git revision" in result.stderr
    assert not (repo.path / "x").exists()


def test_unknown_ref_is_exit_2(repo: GitRepo, invoke) -> None:
    result = invoke("check", str(repo.path), "--today", TODAY, "--base", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "'no-such-branch' names no commit" in result.stderr


def test_outside_git_is_exit_2(tmp_path: Path, invoke) -> None:
    (tmp_path / "plain").mkdir()
    result = invoke("check", str(tmp_path / "plain"), "--today", TODAY, "--base", "main")
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr


def test_shallow_clone_is_exit_2_naming_it(repo: GitRepo, tmp_path: Path, invoke) -> None:
    (repo.path / "processes/demand.yaml").unlink()
    repo.commit("Delete", "2026-03-01")
    clone = repo.shallow_clone(tmp_path / "clone")
    result = invoke("check", str(clone.path), "--today", TODAY, "--base", "HEAD~1")
    assert result.exit_code == 2
    assert "is a shallow clone" in result.stderr
    assert "fetch-depth: 0" in result.stderr
