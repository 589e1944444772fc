"""``check --base REF --new-only``: on a real git history, only what the change introduced
fails; what REF already had is pre-existing, and what the change fixed is reported as fixed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import EXAMPLE
from test_git_support import GitRepo

LATER = "2028-06-01"  # two years on, the example SMS has dozens of findings


@pytest.fixture
def history(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(EXAMPLE, repo.path / "sms")
    repo.commit("the SMS as it was", "2028-05-01")
    return repo


def new_only(invoke: Callable[..., Result], root: Path, *extra: str) -> tuple[int, dict]:
    result = invoke("check", str(root), "--format", "json", "--today", LATER, "--new-only", *extra)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def failing(report: dict) -> list[tuple[str, str | None]]:
    return [(f["rule"], f["path"]) for f in report["findings"] if f["new"] and not f.get("waived")]


def edit(repo: GitRepo, relative: str, old: str, new: str) -> None:
    target = repo.path / relative
    text = target.read_text()
    assert old in text
    target.write_text(text.replace(old, new, 1))


def revise(repo: GitRepo, relative: str) -> None:
    """A new version, approved and reviewed on the day of the change."""
    edit(repo, relative, 'version: "2.1"', 'version: "2.2"')
    edit(repo, relative, "approved_on: 2026-04-21", "approved_on: 2028-05-20")
    edit(repo, relative, "last_reviewed: 2026-10-27", "last_reviewed: 2028-05-20")


# The revision of CTX-001 asks the three approved documents that refer to it for a review
# (SMS052): observations the change introduced, so new, but they do not fail the run.
REVIEWS_ASKED = [
    ("SMS052", "governance/risk-register.yaml"),
    ("SMS052", "governance/scope.yaml"),
    ("SMS052", "governance/sms-manual.md"),
]


def test_a_commit_adding_one_defect_fails_on_it_alone(invoke, history: GitRepo) -> None:
    # the defect, in a revision of an approved document made as the change rules require
    edit(history, "sms/governance/context.yaml", "owner: sms-manager", 'owner: ""')
    revise(history, "sms/governance/context.yaml")
    history.commit("blank the owner", "2028-05-20")
    code, report = new_only(invoke, history.path / "sms", "--base", "HEAD~1")
    assert code == 1
    assert failing(report) == [("SMS001", "governance/context.yaml"), *REVIEWS_ASKED]
    assert report["summary"]["pre_existing"] == len(report["findings"]) - 4 > 24
    assert report["summary"]["major"] + report["summary"]["minor"] == 1
    new = {"SMS001", "SMS052"}
    assert all(f["new"] is False for f in report["findings"] if f["rule"] not in new)


def test_a_commit_that_only_fixes_passes_and_names_the_fix(invoke, history: GitRepo) -> None:
    edit(
        history,
        "sms/governance/context.yaml",
        "last_reviewed: 2026-10-27",
        "last_reviewed: 2028-05-02",
    )  # a recorded review: last_reviewed alone changes
    history.commit("review the context", "2028-05-20")
    code, report = new_only(invoke, history.path / "sms", "--base", "HEAD~1")
    assert code == 0, failing(report)
    fixed = [(f["rule"], f["artifact"]) for f in report["fixed"]]
    assert ("SMS005", "CTX-001") in fixed
    assert report["summary"]["fixed"] == len(report["fixed"]) >= 1


def test_uncommitted_work_is_judged_against_the_base(invoke, history: GitRepo) -> None:
    edit(history, "sms/governance/context.yaml", "owner: sms-manager", 'owner: ""')
    revise(history, "sms/governance/context.yaml")
    code, report = new_only(invoke, history.path / "sms", "--base", "HEAD")
    assert code == 1
    assert failing(report) == [("SMS001", "governance/context.yaml"), *REVIEWS_ASKED]


def test_repository_wide_findings_present_at_the_base_are_pre_existing(
    invoke, history: GitRepo
) -> None:
    code, plain = new_only(invoke, history.path / "sms", "--base", "HEAD")
    assert code == 0 and failing(plain) == []
    before = [f for f in plain["findings"] if f["path"] is None]
    assert all(f["new"] is False for f in before)


def test_new_only_writes_nothing_in_the_repository(invoke, history: GitRepo) -> None:
    edit(history, "sms/governance/context.yaml", "owner: sms-manager", 'owner: ""')
    status = history.git("status", "--porcelain")
    index = (history.path / ".git/index").read_bytes()
    new_only(invoke, history.path / "sms", "--base", "HEAD")
    assert history.git("status", "--porcelain") == status
    assert (history.path / ".git/index").read_bytes() == index


def test_a_bad_base_is_exit_2(invoke, history: GitRepo) -> None:
    result = invoke(
        "check", str(history.path / "sms"), "--today", LATER, "--new-only", "--base", "nope"
    )
    assert result.exit_code == 2 and "nope" in result.stderr


def test_reordered_list_items_stay_pre_existing(invoke, history: GitRepo) -> None:
    import yaml  # the register rewritten with its risks in the opposite order

    register = history.path / "sms/governance/risk-register.yaml"
    data = yaml.safe_load(register.read_text())
    data["risks"].reverse()
    register.write_text(yaml.safe_dump(data, sort_keys=False))
    _, report = new_only(invoke, history.path / "sms", "--base", "HEAD")
    assert [r for r in failing(report) if r[0] == "SMS012"] == []


def test_a_base_without_an_sms_makes_every_finding_new(invoke, tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("x.txt", "before the SMS\n")
    repo.commit("nothing yet", "2028-05-01")
    shutil.copytree(EXAMPLE, repo.path / "sms")
    shutil.rmtree(repo.path / "sms/audits")
    repo.commit("the SMS arrives", "2028-05-02")
    code, report = new_only(invoke, repo.path / "sms", "--base", "HEAD~1")
    assert code == 1 and report["summary"]["pre_existing"] == 0
    assert report["fixed"] == []


def test_committed_links_are_read_at_the_base_as_in_the_work_tree(
    invoke, history: GitRepo, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: X\n")
    governance = history.path / "sms/governance"
    (governance / "outside.yaml").symlink_to(outside)
    (governance / "inside-link.yaml").symlink_to("../services/svc-backup.yaml")
    (governance / "nowhere.yaml").symlink_to("missing.yaml")
    history.commit("links", "2028-05-10")
    history.write("README.md", "unrelated\n")
    history.commit("an unrelated change", "2028-05-20")
    code, report = new_only(invoke, history.path / "sms", "--base", "HEAD~1")
    assert failing(report) == []
    assert code == 0
    paths = {f["path"] for f in report["findings"]}
    assert {"governance/outside.yaml", "governance/inside-link.yaml"} <= paths
