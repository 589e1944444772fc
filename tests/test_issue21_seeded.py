"""Issue 21, items 1, 2 and 5 on a realistic SMS: defects seeded into the example, each found
once, at its file, line and clause, and nothing else found."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLE

# (file, text in it, replacement): each one defect an auditor would raise once.
SEEDS = [
    (
        "services/svc-hosting.yaml",
        "depends_on: [SVC-NETWORK]",
        "depends_on: [SVC-NETWORK, SVC-OBSERVABILITY]",
    ),
    ("governance/scope.yaml", "  - SVC-BACKUP\n", ""),
    (
        "suppliers/sup-cloud.yaml",  # the SLA's own metric: a different one is not compared
        "  - metric: Object storage API availability\n    target: 99.9\n",
        "  - metric: Backup portal availability\n    target: 99.0\n",
    ),
    (
        "governance/plans/plan-continuity.md",
        "SVC-BACKUP, SVC-NETWORK, SVC-SERVICEDESK]",
        "SVC-BACKUP, SVC-SERVICEDESK]",
    ),
    (
        "governance/plans/plan-continuity.md",
        "    scenario: Payments failover to DC2\n    result: passed\n",
        "    scenario: Payments failover to DC2\n    result: failed\n",
    ),
    ("slas/sla-payments.yaml", "    compliance: 95\n", ""),
]

EXPECTED = [
    ("governance/plans/plan-continuity.md", 13, "SMS041", "8.7.2", "minor", "'SVC-NETWORK'"),
    ("governance/plans/plan-continuity.md", 24, "SMS042", "8.7.2", "minor", "failed"),
    ("governance/scope.yaml", 12, "SMS043", "4.3", "minor", "'SVC-BACKUP'"),
    ("services/svc-hosting.yaml", 23, "SMS039", "8.2.4", "minor", "'SVC-OBSERVABILITY'"),
    ("slas/sla-payments.yaml", 23, "SMS045", "8.3.3", "observation", "P1 incident response"),
    ("suppliers/sup-cloud.yaml", 17, "SMS044", "8.3.4", "minor", "99.5 percent"),
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
    _, report = check_json(seeded(tmp_path), "--today", "2026-12-01")
    got = sorted(
        (f["path"], f["line"], f["rule"], f["clause"], f["severity"], f["message"])
        for f in report["findings"]
    )
    assert [g[:5] for g in got] == [e[:5] for e in EXPECTED], "\n".join(map(str, got))
    for finding, expected in zip(got, EXPECTED, strict=True):
        assert expected[5] in finding[5], finding
