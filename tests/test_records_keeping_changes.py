"""SMS017 with ``--base``: records kept in a document are no revision of it (issue 16).

Measured ``results`` on an objective, a KPI or an SLA target, a risk review that only moves
``risks[].review_by`` and a supplier's ``last_performance_review`` are evidence of operation:
recording them in a pull request needs no new version. Anything else changed in the same
field is still a revision. Real git repositories in tmp_path, files copied from the example
SMS; today is pinned."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE, TODAY, located, quiet_config
from test_git_support import GitRepo
from test_review_vs_revision import minor, reviewed_earlier, unrevised

OBJECTIVES = "governance/objectives-2026.yaml"
RISKS = "governance/risk-register.yaml"
SLA = "slas/sla-backup.yaml"
SUPPLIER = "suppliers/sup-cloud.yaml"
PROCESS = "processes/prc-02-asset.md"
FILES = (OBJECTIVES, RISKS, SLA, SUPPLIER, PROCESS)

OBJ_02_DONE = "    owner: incident-manager\n    frequency: monthly\n"
OBJ_02_RESULT = "    results:\n      - {period: 2026-11, value: 98.4}\n"
ASSET_KPI = (
    "  - name: Hardware assets with a verified location\n    target: 99\n    unit: percent\n"
)
FIRST_RESTORE = '    unit: hours\n    comparator: "<="\n'
A_RISK = "    likelihood: 2\n    impact: 5\n    owner: continuity"


def sms(tmp_path: Path) -> GitRepo:
    """The example's objectives, risk register, an SLA, a supplier and a process, on main."""
    repo = GitRepo(tmp_path / "sms")
    repo.write(".sms-lint.yaml", quiet_config("SMS017"))
    for path in FILES:
        repo.write(path, (EXAMPLE / path).read_text(encoding="utf-8"))
    repo.commit("The SMS as approved", "2026-10-27")
    repo.git("checkout", "-q", "-b", "november-results")  # as in a pull request into main
    return repo


def edit(repo: GitRepo, path: str, old: str, new: str) -> None:
    text = (repo.path / path).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    repo.write(path, text.replace(old, new))


def sms017(check_json, repo: GitRepo) -> list[tuple]:
    _, report = check_json(repo.path, "--base", "main", "--today", TODAY)
    return located(report, "SMS017")


def revision(where: str, name: str, what: str, version: str, approved: str, reviewed: str):
    """The finding for a revision that moved none of version, approved_on, last_reviewed."""
    return (where, *minor(unrevised(name, what, version, approved, reviewed)))


def record_results(repo: GitRepo) -> None:
    """November's results: a first one on an objective, a correction (value and note) on
    another, a first one on an SLA target, one more on another, and a KPI's in Markdown."""
    edit(repo, OBJECTIVES, OBJ_02_DONE, OBJ_02_DONE + OBJ_02_RESULT)
    edit(repo, OBJECTIVES, "value: 99.93\n", "value: 99.94\n")
    edit(repo, OBJECTIVES, "runbook was corrected", "runbook was fixed")
    edit(repo, SLA, FIRST_RESTORE, FIRST_RESTORE + "    results: [{period: 2026-11, value: 1.5}]\n")
    q3 = "      - {period: 2026-Q3, value: 100}\n"
    edit(repo, SLA, q3, q3 + "      - {period: 2026-Q4, value: 100}\n")
    kpi = "    results:\n      - period: 2026-11\n        value: 99.4\n        note: Two found\n"
    edit(repo, PROCESS, ASSET_KPI, ASSET_KPI + kpi)


def test_results_recorded_in_a_pull_request_need_no_new_version(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    record_results(repo)
    repo.commit("November results", "2026-12-01")
    assert sms017(check_json, repo) == []


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param(
            [
                (RISKS, "    review_by: 2027-05-31\n", "    review_by: 2027-11-30\n"),
                (
                    SUPPLIER,
                    "last_performance_review: 2026-07-22",
                    'last_performance_review: "2026-11-20"',
                ),
            ],
            id="a risk review and a supplier review",
        ),
        pytest.param(
            [(OBJECTIVES, "      - {period: 2026-11, value: 2.7}\n", "")],
            id="removing a wrong result",
        ),
        pytest.param(
            [
                (OBJECTIVES, "    target: 99.95\n", '    target: "99.95"\n'),
                (RISKS, A_RISK, A_RISK.replace("likelihood: 2", "likelihood: '2'")),
            ],
            id="quoting a value inside a list",
        ),
    ],
)
def test_records_keeping_needs_no_new_version(
    tmp_path: Path, check_json, edits: list[tuple[str, str, str]]
) -> None:
    """Reviews recorded, a wrong result removed, a value quoted: none of them a revision."""
    repo = sms(tmp_path)
    for path, old, new in edits:
        edit(repo, path, old, new)
    assert sms017(check_json, repo) == []


def test_anything_else_in_the_same_field_is_still_a_revision(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    record_results(repo)
    edit(repo, OBJECTIVES, "    target: 99.95\n", "    target: 99.9\n")
    edit(
        repo, SLA, "  - metric: Backup portal availability\n", "  - metric: Backup portal uptime\n"
    )
    edit(repo, PROCESS, "    target: 99\n", "    target: 98\n")
    edit(repo, RISKS, A_RISK, A_RISK.replace("likelihood: 2", "likelihood: 1"))
    edit(repo, RISKS, "    review_by: 2027-05-31\n", "    review_by: 2027-11-30\n")
    edit(repo, SUPPLIER, "    target: 1\n", "    target: 2\n")
    edit(
        repo, SUPPLIER, "last_performance_review: 2026-07-22", "last_performance_review: 2026-11-20"
    )
    assert sms017(check_json, repo) == [
        revision(f"{OBJECTIVES}:6", "OBJ-2026", "objectives", "1.2", "2026-04-21", "2026-10-27"),
        revision(f"{RISKS}:6", "RISK-REG", "risks", "4.3", "2026-08-10", "2026-10-27"),
        revision(f"{PROCESS}:7", "PRC-02", "kpis", "1.6", "2026-02-16", "2026-09-07"),
        revision(f"{SLA}:6", "SLA-BACKUP", "targets", "2.0", "2026-04-13", "2026-10-19"),
        revision(f"{SUPPLIER}:6", "SUP-CLOUD", "targets", "1.3", "2026-04-13", "2026-10-19"),
    ]


def test_a_revision_with_results_names_only_what_was_revised(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    record_results(repo)
    edit(repo, OBJECTIVES, "title: Service management objectives 2026-2027", "title: Objectives")
    assert sms017(check_json, repo) == [
        revision(f"{OBJECTIVES}:6", "OBJ-2026", "title", "1.2", "2026-04-21", "2026-10-27"),
    ]


def test_results_with_last_reviewed_moved_earlier_is_still_a_finding(
    tmp_path: Path, check_json
) -> None:
    repo = sms(tmp_path)
    record_results(repo)
    edit(repo, OBJECTIVES, "last_reviewed: 2026-10-27", "last_reviewed: 2026-10-01")
    earlier = reviewed_earlier("OBJ-2026", "2026-10-01", "2026-10-27")
    assert sms017(check_json, repo) == [(f"{OBJECTIVES}:9", *minor(earlier))]


def test_review_by_is_a_record_only_on_a_risk(tmp_path: Path, check_json) -> None:
    """A ``review_by`` on an objective is not a risk review: a change to it is content."""
    repo = sms(tmp_path)
    edit(repo, OBJECTIVES, OBJ_02_DONE, OBJ_02_DONE + "    review_by: 2027-01-31\n")
    assert sms017(check_json, repo) == [
        revision(f"{OBJECTIVES}:6", "OBJ-2026", "objectives", "1.2", "2026-04-21", "2026-10-27"),
    ]
