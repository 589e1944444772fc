"""What counts as content, third round (issue 16): text a reader sees is never taken for an
HTML comment, the comment scans take linear time, a decoy copy cannot hide a rename plus a
rewrite, and a new review cycle is a revision. Real git repositories in tmp_path; today is
pinned."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, graded, quiet_config
from sms_texts import roles_artifact
from test_git_support import GitRepo
from test_review_vs_revision import policy, process


def sms(tmp_path: Path) -> GitRepo:
    """An approved policy (Markdown) and process (YAML), version 2.0 approved on 2026-03-02."""
    repo = GitRepo(tmp_path / "sms")
    repo.write("roles.yaml", roles_artifact())
    repo.write(".sms-lint.yaml", quiet_config("SMS017"))
    repo.write("policies/pol-001.md", policy())
    repo.write("processes/demand.yaml", process())
    repo.commit("Version 2.0 of the policy and the process", "2026-03-02")
    return repo


def sms017(check_json, repo: GitRepo) -> list[tuple]:
    _, report = check_json(repo.path, "--base", "main", "--today", TODAY)
    return graded(report, "SMS017")


def test_a_new_review_cycle_is_a_revision(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("processes/demand.yaml", process(extra="review_interval_months: 120\n"))
    found = sms017(check_json, repo)
    assert len(found) == 1
    assert "changed since main (review_interval_months)" in found[0][-1]
