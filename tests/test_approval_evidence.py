"""Approval evidence from git (issue 20, point 4): the commit that recorded each document's
current approval, in ``register --format json`` and ``history``, and the two observations
``check --base`` makes of it (SMS053, SMS054). Real git repositories in tmp_path, every
commit with a fixed date; today is pinned."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import graded, quiet_config
from sms_texts import roles_artifact
from test_git_support import GitRepo

POLICY = """\
---
id: POL-001
kind: policy
title: Service management policy
owner: sms-manager
status: {status}
version: "{version}"
{approval}last_reviewed: 2026-01-05
policy_type: service-management
---
# Policy

{body}
"""


def policy(
    version: str = "1.0",
    status: str = "approved",
    by: str | None = "sms-manager",
    on: str | None = "2026-01-10",
    body: str = "We deliver.",
) -> str:
    approval = (f"approved_by: {by}\n" if by else "") + (f"approved_on: {on}\n" if on else "")
    return POLICY.format(status=status, version=version, approval=approval, body=body)


def sms(tmp_path: Path, text: str, date: str = "2026-01-10", author: str = "Alice") -> GitRepo:
    """Roles (the commit "Start", on 2026-01-01) and POL-001 (approved_on on line 9),
    committed on ``date``; SMS053/054 only."""
    repo = GitRepo(tmp_path / "sms")
    repo.write(".sms-lint.yaml", quiet_config("SMS053", "SMS054"))
    repo.write("roles.yaml", roles_artifact())
    repo.commit("Start", "2026-01-01")
    repo.write("policies/pol-001.md", text)
    repo.commit("POL-001", date, author=author)
    return repo


def edit(repo: GitRepo, text: str, date: str, author: str = "Bob") -> str:
    repo.write("policies/pol-001.md", text)
    return repo.commit(f"POL-001 on {date}", date, author=author)


def register_rows(invoke, repo: GitRepo, *extra: str) -> dict[str, dict]:
    result = invoke("register", str(repo.path), "--format", "json", "--approval-evidence", *extra)
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)}


def observations(check_json, repo: GitRepo, base: str | None = None) -> list[tuple]:
    """SMS053/054 of ``check --base`` (default: the commit "Start", before POL-001 came)."""
    start = repo.git("rev-list", "--max-parents=0", "HEAD").strip()
    _, report = check_json(repo.path, "--base", base or start)
    return graded(report, "SMS053", "SMS054")


def test_register_names_the_commit_that_recorded_the_current_approval(
    tmp_path: Path, invoke
) -> None:
    """Draft 1.0, then approved 1.0, then an edit of the text: the approval's commit stays."""
    repo = sms(tmp_path, policy(status="draft", by=None, on=None), "2026-01-05")
    approved = edit(repo, policy(), "2026-01-10", author="Carol")
    edit(repo, policy(body="We deliver, and say so."), "2026-02-01")
    row = register_rows(invoke, repo)["POL-001"]
    assert list(row)[-2:] == ["last_change", "approval_evidence"]
    evidence = row["approval_evidence"]
    assert (evidence["commit"], evidence["author"]) == (approved, "Carol")
    assert evidence["date"] == "2026-01-10T10:00:00+00:00"
    assert row["last_change"]["author"] == "Bob"
    roles = register_rows(invoke, repo)
    assert all("approval_evidence" in r for r in roles.values())


def test_no_evidence_for_a_draft_an_uncommitted_approval_or_outside_git(
    tmp_path: Path, invoke
) -> None:
    repo = sms(tmp_path, policy(status="draft", by=None, on=None))
    assert register_rows(invoke, repo)["POL-001"]["approval_evidence"] is None
    repo.write("policies/pol-001.md", policy())  # approved in the work tree only
    assert register_rows(invoke, repo)["POL-001"]["approval_evidence"] is None
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "pol.md").write_text(policy(), encoding="utf-8")
    result = invoke("register", str(plain), "--format", "json", "--approval-evidence")
    assert json.loads(result.stdout)[0]["approval_evidence"] is None
    plain_json = json.loads(invoke("register", str(repo.path), "--format", "json").stdout)
    assert "approval_evidence" not in plain_json[0]  # asked for, never by default
    refused = invoke("register", str(repo.path), "--approval-evidence")
    assert refused.exit_code == 2
    assert "use it with --format json" in refused.output


def test_evidence_follows_a_rename_and_register_as_of_stops_at_its_commit(
    tmp_path: Path, invoke
) -> None:
    repo = sms(tmp_path, policy())
    first = repo.git("rev-parse", "HEAD").strip()
    (repo.path / "governance").mkdir()
    repo.git("mv", "policies/pol-001.md", "governance/pol-001.md")
    repo.commit("Move the policy", "2026-02-01")
    assert register_rows(invoke, repo)["POL-001"]["approval_evidence"]["commit"] == first
    edit_to = repo.path / "governance/pol-001.md"
    edit_to.write_text(policy("1.1", on="2026-03-01"), encoding="utf-8")
    second = repo.commit("Version 1.1", "2026-03-01")
    assert register_rows(invoke, repo)["POL-001"]["approval_evidence"]["commit"] == second
    then = register_rows(invoke, repo, "--as-of", "2026-02-15")["POL-001"]
    assert (then["version"], then["approval_evidence"]["commit"]) == ("1.0", first)


def test_history_shows_each_approved_revision_s_evidence_and_the_current_one(
    tmp_path: Path, invoke
) -> None:
    repo = sms(tmp_path, policy(status="draft", by=None, on=None), "2026-01-05")
    approved = edit(repo, policy(), "2026-01-10", author="Carol")
    edit(repo, policy(body="Edited."), "2026-02-01")
    result = invoke("history", "POL-001", "--root", str(repo.path), "--format", "json")
    revisions = json.loads(result.stdout)
    assert [r["approval_evidence"] and r["approval_evidence"]["commit"] for r in revisions] == [
        approved,
        approved,
        None,
    ]
    assert (revisions[0]["approved_by"], revisions[0]["approved_on"]) == (
        "sms-manager",
        "2026-01-10",
    )
    text = invoke("history", "POL-001", "--root", str(repo.path)).stdout
    assert (
        f"The approval of version 1.0 (approved_by sms-manager, approved_on 2026-01-10) was "
        f"recorded by commit {approved[:12]} of Carol, in the branch since 2026-01-10; git shows"
        " who committed and merged, approved_by who approved."
    ) in text.splitlines()


def test_sms053_approved_on_later_than_the_commit_that_marked_it_approved(
    tmp_path: Path, check_json
) -> None:
    repo = sms(tmp_path, policy(on="2026-01-20"), "2026-01-10")
    commit = repo.git("rev-parse", "HEAD").strip()
    assert observations(check_json, repo) == [
        (
            "policies/pol-001.md",
            9,
            "SMS053",
            "7.5.3",
            "observation",
            "'POL-001' version 1.0 records approved_on 2026-01-20, but git shows it marked "
            f"approved since 2026-01-10 (commit {commit[:12]} by Alice): either approved_on is "
            "wrong (correct it) or the document was shown as approved before its approval "
            "(commit or merge a version as approved only once it is approved)",
        )
    ]


def test_sms053_not_for_an_approval_on_or_before_the_commit(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path, policy(on="2026-01-10"), "2026-01-10")
    assert observations(check_json, repo) == []
    # Committed early but merged on the day of approval: the merge is when it entered main.
    repo.git("checkout", "-q", "-b", "revise")
    edit(repo, policy("1.1", on="2026-02-10"), "2026-02-01")
    assert [row[2] for row in observations(check_json, repo)] == ["SMS053"]  # not merged yet
    repo.git("checkout", "-q", "main")
    repo.git("merge", "--no-ff", "-q", "-m", "Merge 1.1", "revise")
    repo.git(
        "commit", "--amend", "-q", "--no-edit", "--date", "2026-02-10T12:00:00+00:00"
    )  # the merge's author date: the day the approver merged
    assert observations(check_json, repo) == []


def test_sms054_approval_changed_while_the_version_stayed(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path, policy(), "2026-01-10")
    changed = edit(repo, policy(on="2026-01-12"), "2026-01-15")
    assert observations(check_json, repo) == [
        (
            "policies/pol-001.md",
            9,
            "SMS054",
            "7.5.3",
            "observation",
            f"commit {changed[:12]} (2026-01-15, Bob) changed the approval of 'POL-001' "
            "(approved_on '2026-01-10' to '2026-01-12') while version stayed 1.0: an approval "
            "belongs to one version, so give a new approval a new version; if the commit only "
            "corrected a typing mistake, waive this finding with that reason",
        )
    ]
    # A document the change (since HEAD) does not touch is not examined: its findings came
    # with the change that touched it.
    assert observations(check_json, repo, "HEAD") == []
    # A new version with its own approval: nothing more to say.
    edit(repo, policy("1.1", by="top-management", on="2026-02-01"), "2026-02-01")
    assert observations(check_json, repo) == []


def test_sms054_not_for_approving_a_draft_nor_without_base(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path, policy(status="draft", by=None, on=None), "2026-01-05")
    edit(repo, policy(), "2026-01-10")
    assert observations(check_json, repo) == []
    edit(repo, policy(by="top-management"), "2026-01-15")
    assert [row[2] for row in observations(check_json, repo)] == ["SMS054"]
    _, report = check_json(repo.path)  # no --base: no history read
    assert graded(report, "SMS053", "SMS054") == []


def test_sms054_not_for_replacing_the_approval_carried_over_from_the_last_version(
    tmp_path: Path, check_json
) -> None:
    """The version raised first (its old approval still written), the approval recorded in
    the next commit: the way docs/tasks/revise-a-document.md revises a document."""
    repo = sms(tmp_path, policy(), "2026-01-10")
    edit(repo, policy("1.1", body="Revised."), "2026-02-01")
    edit(repo, policy("1.1", on="2026-02-03", body="Revised."), "2026-02-03")
    assert observations(check_json, repo) == []
    edit(repo, policy("1.1", on="2026-02-04", body="Revised."), "2026-02-05")
    assert [row[2] for row in observations(check_json, repo)] == ["SMS054"]


def test_register_evidence_costs_one_more_walk_not_one_call_per_file(
    tmp_path: Path, invoke, monkeypatch
) -> None:
    from sms_lint.gitrepo.repo import Repository

    repo = sms(tmp_path, policy(), "2026-01-10")
    for number in range(20):
        repo.write(f"policies/extra-{number}.md", policy().replace("POL-001", f"POL-X{number:02}"))
    repo.commit("Twenty more", "2026-02-01")
    record = tmp_path / "git-calls.txt"  # the register's walk may run in a forked process
    for name in ("run_status", "stream"):
        original = getattr(Repository, name)

        def spy(self: Repository, subcommand: str, *args: str, original=original):
            with record.open("a") as stream:
                stream.write(subcommand + "\n")
            return original(self, subcommand, *args)

        monkeypatch.setattr(Repository, name, spy)
    rows = register_rows(invoke, repo)
    calls = record.read_text().split()
    policies = [row for ident, row in rows.items() if ident.startswith("POL-")]
    assert len(policies) == 21 and all(row["approval_evidence"] for row in policies)
    assert calls.count("log") == 2  # the register's walk, and the evidence's
    assert len(calls) <= 8, calls  # never one call per file
