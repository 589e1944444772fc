"""SMS017 with ``--base``: a recorded review (only the review fields moved) needs no new version;
a revision (any other field, or the Markdown body) needs a new version, its approval and its
review, and one finding says which of them is missing (issue 16, point 1). Real git
repositories in tmp_path; today is pinned."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, graded, quiet_config
from sms_texts import roles_artifact
from test_git_support import GitRepo

POLICY = """\
---
id: POL-001
kind: policy
title: Service management policy
owner: sms-manager
status: approved
version: "{version}"
approved_by: sms-manager
approved_on: {approved}
last_reviewed: {reviewed}
{extra}policy_type: service-management
commitments: [Meet the agreed service requirements]
---
# Service management policy

{body}
"""

PROCESS = """\
id: PRC-DEMAND
kind: process
title: {title}
owner: sms-manager
status: approved
version: "{version}"
approved_by: sms-manager
approved_on: {approved}
last_reviewed: {reviewed}
{extra}process: demand
kpis:
  - name: Forecast accuracy
    target: 90
    unit: percent
"""

BASE = {"version": "2.0", "approved": "2026-03-02", "reviewed": "2026-03-02", "extra": ""}


def policy(body: str = "We deliver what we agreed.", **fields: str) -> str:
    return POLICY.format(**{**BASE, **fields}, body=body)


def process(title: str = "Demand management", **fields: str) -> str:
    return PROCESS.format(**{**BASE, **fields}, title=title)


def minor(message: str, rule: str = "SMS017") -> tuple[str, str, str, str]:
    """Rule, clause, severity and message of a minor finding (SMS017 and SMS025 cite 7.5.3)."""
    return (rule, "7.5.3", "minor", message)


def reviewed_earlier(name: str, reviewed: str, before: str) -> str:
    """SMS017's message for a review dated before the one recorded at main."""
    return (
        f"the review of '{name}' recorded since main has last_reviewed {reviewed}, "
        f"earlier than at main ({before}): set last_reviewed to the date of this review"
    )


def unrevised(name: str, what: str, version: str, approved: str, reviewed: str) -> str:
    """SMS017's message for a revision that moved none of version, approved_on, last_reviewed."""
    return (
        f"the content of '{name}' changed since main ({what}) but version is still "
        f"'{version}', approved_on is still {approved} and last_reviewed is still {reviewed}: "
        "raise the version, record the approval of the new version (approved_on, "
        "approved_by) and set last_reviewed to the date this change was reviewed"
    )


def sms(tmp_path: Path) -> GitRepo:
    """An approved policy (Markdown) and process (YAML), version 2.0 approved on 2026-03-02."""
    repo = GitRepo(tmp_path / "sms")
    repo.write("roles.yaml", roles_artifact())
    repo.write(".sms-lint.yaml", quiet_config("SMS017"))
    repo.write("policies/pol-001.md", policy())
    repo.write("processes/demand.yaml", process())
    repo.commit("Version 2.0 of the policy and the process", "2026-03-02")
    return repo


def sms017(check_json, repo: GitRepo, today: str = TODAY) -> list[tuple]:
    _, report = check_json(repo.path, "--base", "main", "--today", today)
    return graded(report, "SMS017")


def test_a_recorded_review_needs_no_new_version(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.git("checkout", "-q", "-b", "review")
    repo.write("policies/pol-001.md", policy(reviewed="2026-09-14"))
    rescheduled = "next_review: 2028-09-14\n"
    repo.write("processes/demand.yaml", process(reviewed="2026-09-14", extra=rescheduled))
    repo.commit("Annual review: no change", "2026-09-14")
    assert sms017(check_json, repo) == []


def test_a_review_moving_next_review_only_passes(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("policies/pol-001.md", policy(extra="next_review: 2026-12-31\n"))
    assert sms017(check_json, repo) == []


def test_a_review_dated_before_the_previous_one_is_a_finding(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("processes/demand.yaml", process(reviewed="2026-02-01"))
    earlier = reviewed_earlier("PRC-DEMAND", "2026-02-01", "2026-03-02")
    assert sms017(check_json, repo) == [("processes/demand.yaml", 9, *minor(earlier))]


def test_a_content_change_without_a_new_version_names_all_three(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("processes/demand.yaml", process(title="Demand and capacity management"))
    all_three = unrevised("PRC-DEMAND", "title", "2.0", "2026-03-02", "2026-03-02")
    assert sms017(check_json, repo) == [("processes/demand.yaml", 6, *minor(all_three))]


def test_a_content_change_with_only_the_review_date_moved(tmp_path: Path, check_json) -> None:
    """Moving last_reviewed on does not make a revision a review."""
    repo = sms(tmp_path)
    repo.write("policies/pol-001.md", policy("We deliver.", reviewed="2026-09-14"))
    message = (
        "the content of 'POL-001' changed since main (the text) but version is still "
        "'2.0' and approved_on is still 2026-03-02: raise the version and record the "
        "approval of the new version (approved_on, approved_by)"
    )
    assert sms017(check_json, repo) == [("policies/pol-001.md", 7, *minor(message))]


def test_a_new_version_with_the_old_approval_date(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.git("checkout", "-q", "-b", "version-2.1")  # as in a pull request into main
    revised = {"version": "2.1", "reviewed": "2026-09-14"}
    repo.write("policies/pol-001.md", policy("We deliver and report.", **revised))
    repo.write("processes/demand.yaml", process("Demand", **revised))
    repo.commit("Version 2.1", "2026-09-14")
    assert sms017(check_json, repo) == [
        (
            path,
            line,
            *minor(
                f"the content of '{name}' changed since main ({what}) but approved_on is still "
                "2026-03-02: record the approval of version '2.1' (approved_on, approved_by)"
            ),
        )
        for path, line, name, what in (
            ("policies/pol-001.md", 9, "POL-001", "the text and version"),
            ("processes/demand.yaml", 8, "PRC-DEMAND", "title and version"),
        )
    ]


def test_a_body_change_only_is_a_revision(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("policies/pol-001.md", policy("We deliver what we agreed, and measure it."))
    [(path, line, *_, message)] = sms017(check_json, repo)
    assert (path, line) == ("policies/pol-001.md", 7)
    assert message.startswith("the content of 'POL-001' changed since main (the text) but ")


def test_a_revision_approved_and_reviewed_passes(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    revised = {"version": "2.1", "approved": "2026-09-15", "reviewed": "2026-09-14"}
    repo.write("policies/pol-001.md", policy("We deliver and report.", **revised))
    repo.write("processes/demand.yaml", process("Demand", **revised))
    assert sms017(check_json, repo) == []


def test_the_same_day_as_before_passes_only_on_that_day(tmp_path: Path, check_json) -> None:
    """Revised on the day of the previous approval: no later date can be written yet."""
    repo = sms(tmp_path)
    repo.write("policies/pol-001.md", policy("Typo fixed.", version="2.1"))
    assert sms017(check_json, repo, today="2026-03-02") == []
    [(*_, message)] = sms017(check_json, repo, today="2026-03-03")
    assert "approved_on is still 2026-03-02 and last_reviewed is still 2026-03-02" in message


def test_layout_line_endings_and_comments_are_not_content(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    text = process().replace('"2.0"', "'2.0'").replace("kpis:\n", "# measured monthly\nkpis:\n")
    repo.write("processes/demand.yaml", text)
    body = policy().replace("agreed.\n", "agreed.   \n\n\n").replace("\n", "\r\n")
    (repo.path / "policies/pol-001.md").write_bytes(body.encode())
    assert sms017(check_json, repo) == []


def test_a_changed_approval_record_is_a_revision(tmp_path: Path, check_json) -> None:
    """approved_by rewritten for the same version: the approval record of 2.0 is not
    rewritten, a new version records the new approval."""
    repo = sms(tmp_path)
    other = process().replace("approved_by: sms-manager", "approved_by: managing-director")
    repo.write("processes/demand.yaml", other)
    [(path, line, *_, message)] = sms017(check_json, repo)
    assert (path, line) == ("processes/demand.yaml", 6)
    assert message.startswith("the content of 'PRC-DEMAND' changed since main (approved_by) ")
