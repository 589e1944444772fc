"""The organization rule of the task page "Add an organization rule" asks for an availability
target of at least 99.5 percent: another percent target that high does not satisfy it, and the
page's stated limit (a second, lower availability target still passes) holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import quiet_config
from test_policy_files import guide_pack

HEADER = """\
id: SLA-{n}
kind: sla
title: Service level agreement {n}
owner: service-owner
status: approved
version: "1.0"
approved_by: managing-director
approved_on: 2026-11-01
last_reviewed: 2026-11-01
service: SVC-001
customer: Harbour Payroll Ltd
targets:
"""


def target(metric: str, value: float, unit: str = "percent") -> str:
    return f"  - {{metric: {metric}, target: {value}, unit: {unit}, comparator: '>='}}\n"


CASES = {
    "availability high enough": ([target("Monthly availability", 99.9)], False),
    "only another percent target is high": (
        [target("Service reports delivered on time", 100), target("Incident response", 4, "hours")],
        True,
    ),
    "availability too low beside a high other target": (
        [target("Monthly availability", 99.0), target("Service reports delivered on time", 100)],
        True,
    ),
    # The limit the page states: `contains` asks for one such target, not for all of them.
    "a second, lower availability target": (
        [target("Monthly availability", 99.9), target("Test environment availability", 98)],
        False,
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_pages_rule_asks_for_an_availability_target(
    case: str, write: Callable[..., Path], tmp_path: Path, check_json
) -> None:
    targets, flagged = CASES[case]
    write("org-rules.yaml", guide_pack())
    write(".sms-lint.yaml", quiet_config("ORG001", extra="policies: [org-rules.yaml]\n"))
    write("slas/sla-001.yaml", HEADER.format(n="001") + "".join(targets))
    _, report = check_json(tmp_path)
    rules = [f["rule"] for f in report["findings"] if f["path"] == "slas/sla-001.yaml"]
    assert rules == (["ORG001"] if flagged else [])
