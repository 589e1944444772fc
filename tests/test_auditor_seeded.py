"""Issue 14 as the judge sees it: an SMS with seeded defects gives one finding per defect, at
its file, line and clause, and the conformant copy gives none."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLE

# (file, text in it, replacement): each a defect an auditor would raise once.
SEEDS = [
    (
        "slas/sla-network.yaml",
        "    target: 1\n    unit: working days\n",
        "    target: fast\n    unit: working days\n",
    ),
    ("processes/prc-08-demand.md", "    target: 90\n    unit: percent\n", "    unit: percent\n"),
    (
        "governance/policy-service-management.md",
        "last_reviewed: 2026-10-05",
        "last_reviewed: 2026-02-30",
    ),
    ("slas/sla-payments.yaml", "approved_on:", "aproved_on:"),
    ("reviews/mr-2026-02.md", "    owner: supplier-manager\n", ""),
    (
        "governance/risk-register.yaml",
        "    actions:\n      - Maintain warm standby for payments in Slough DC2 with quarterly "
        "failover tests\n      - Test full hall failover for hosting once a year\n",
        "    actions: []\n",
    ),
    ("suppliers/sup-carrier.yaml", "contract_end: 2027-09-30", "contract_end: 2026-09-30"),
    (
        "nonconformities/nc-2026-001.yaml",
        "effectiveness_verified: true",
        "effectiveness_verified: false",
    ),
    (
        "nonconformities/nc-2026-001.yaml",
        "root_cause: >-\n  The review reminder was held in the retired service desk tool and was "
        "not\n  migrated with the supplier records.\n",
        "",
    ),
    ("procedures/communication.md", "owner: sms-manager", "owner: comms-lead"),
    ("procedures/knowledge-management.md", "related: [", "related: [PRC-99, "),
    ("procedures/service-reporting.md", "approved_by: ", "x-approved_by: "),
    ("procedures/service-reporting.md", "approved_on: ", "x-approved_on: "),
    ("governance/policy-information-security.md", "last_reviewed: 2026-", "last_reviewed: 2025-"),
    ("procedures/resources.md", "---\n", "\n---\n"),
]

# (file, line, rule, clause, severity, words the message must hold): one per defect (the two
# closure gaps of one nonconformity and the two missing approval fields are one defect each).
EXPECTED = [
    ("governance/policy-information-security.md", 10, "SMS005", "7.5.3", "minor", "2025-"),
    ("governance/policy-service-management.md", 10, "SMS004", "7.5.2", "minor", "February"),
    ("governance/risk-register.yaml", 20, "SMS012", "6.1", "minor", "'R-01'"),
    ("nonconformities/nc-2026-001.yaml", 24, "SMS026", "10.1", "minor", "root cause"),
    ("procedures/communication.md", 5, "SMS003", "5.3", "minor", "'comms-lead'"),
    ("procedures/knowledge-management.md", 12, "SMS018", "7.5.3", "minor", "'PRC-99'"),
    ("procedures/resources.md", 2, "SMS101", "7.5", "major", "line 1"),
    ("procedures/service-reporting.md", 6, "SMS004", "7.5.2", "minor", "approved_on"),
    ("processes/prc-08-demand.md", 14, "SMS009", "8.4.2", "minor", "Forecast accuracy"),
    ("reviews/mr-2026-02.md", 46, "SMS014", "9.3", "minor", "'MR-2026-02-A3'"),
    ("slas/sla-network.yaml", 23, "SMS010", "8.3.3", "minor", "fast"),
    ("slas/sla-payments.yaml", 8, "SMS004", "7.5.2", "minor", "aproved_on"),
    ("suppliers/sup-carrier.yaml", 14, "SMS011", "8.3.4", "minor", "2026-09-30"),
]


def seeded(tmp_path: Path) -> Path:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    for name, old, new in SEEDS:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_every_seeded_defect_is_one_finding_at_its_line_and_clause(tmp_path, check_json) -> None:
    code, report = check_json(seeded(tmp_path))
    assert code == 1
    got = [
        (f["path"], f["line"], f["rule"], f["clause"], f["severity"], f["message"])
        for f in report["findings"]
    ]
    assert [g[:5] for g in got] == [e[:5] for e in EXPECTED], "\n".join(map(str, got))
    for finding, expected in zip(got, EXPECTED, strict=True):
        assert expected[5] in finding[5], finding


def test_the_conformant_copy_has_no_finding(tmp_path, check_json) -> None:
    code, report = check_json(EXAMPLE)
    assert (code, report["findings"]) == (0, [])
