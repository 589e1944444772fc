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


# --- A decoy copy cannot hide a rename plus a rewrite -------------------------------------

CHANGE_POLICY = """\
---
id: {id}
kind: policy
title: Change management policy
owner: sms-manager
status: approved
version: "2.0"
approved_by: sms-manager
approved_on: 2026-03-02
last_reviewed: 2026-03-02
policy_type: service-management
commitments: [Meet the agreed service requirements]
---
# Change management policy

{body}
"""
CONTROLLED = "".join(
    f"Rule {n}: every change of class {n} is assessed, approved by the change advisory "
    f"board and recorded before it is deployed to the live service.\n\n"
    for n in range(1, 13)
)


def test_a_decoy_copy_does_not_hide_a_renamed_rewrite(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    old = "policies/policy-change-management.md"
    repo.write(old, CHANGE_POLICY.format(id="POL-002", body=CONTROLLED))
    repo.commit("Change management policy 2.0", "2026-03-02")
    repo.git("checkout", "-q", "-b", "tidy-up")
    (repo.path / old).unlink()
    decoy = CHANGE_POLICY.format(id="POL-009", body=CONTROLLED + "See also POL-002.\n")
    repo.write("policies/pol-009.md", decoy)
    rewritten = CHANGE_POLICY.format(id="POL-002", body="We now skip CAB review for all changes.")
    repo.write("policies/policy-change.md", rewritten)
    repo.commit("Tidy up the policies", "2026-09-14")
    renames = repo.git("diff", "-M", "--name-status", "--diff-filter=R", "main", "HEAD")
    assert renames.split()[1:] == [old, "policies/pol-009.md"]  # git is fooled
    found = sms017(check_json, repo)
    assert [(path, message.split(" but ")[0]) for path, _, _, _, _, message in found] == [
        ("policies/policy-change.md", "the content of 'POL-002' changed since main (the text)")
    ]


def test_a_rename_git_finds_with_the_same_id_is_still_compared(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.git("mv", "policies/pol-001.md", "policies/service-management-policy.md")
    assert sms017(check_json, repo) == []
    repo.write("policies/service-management-policy.md", policy(body="We deliver less."))
    assert [f[0] for f in sms017(check_json, repo)] == ["policies/service-management-policy.md"]
