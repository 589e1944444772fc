"""SMS011 grades an expired supplier contract by what it leaves unbound (issue 21, item 1): a
live service whose suppliers are all out of contract is major; a lapse while another supplier
under contract supports each of the same live services is an isolated one (minor)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from conftest import graded, quiet_config

TODAY = "2026-11-22"
SERVICE = (
    "id: SVC-PAY\nkind: service\ntitle: Payments\nowner: sms-manager\nstatus: approved\n"
    'version: "1.0"\napproved_by: sms-manager\napproved_on: 2026-01-15\n'
    "last_reviewed: 2026-01-15\nservice_status: live\n"
)


def supplier(supplier_id: str, contract_end: str) -> str:
    """A supplier of SVC-PAY whose contract_end is on line 13."""
    return (
        f"id: {supplier_id}\nkind: supplier\ntitle: {supplier_id}\nowner: sms-manager\n"
        'status: approved\nversion: "1.0"\napproved_by: sms-manager\napproved_on: 2026-01-15\n'
        f"last_reviewed: 2026-01-15\nsupplier_name: {supplier_id} Ltd\nsupports: [SVC-PAY]\n"
        f"contract_ref: C-{supplier_id}\ncontract_end: {contract_end}\n"
        "targets:\n"
        '  - {metric: availability, target: 99.9, unit: percent, comparator: ">="}\n'
        "last_performance_review: 2026-06-01\n"
    )


def lapses(invoke: Callable[..., Result], write: Callable, root: Path, second_end: str) -> list:
    write(".sms-lint.yaml", quiet_config("SMS011"))
    write("services/pay.yaml", SERVICE)
    write("suppliers/a.yaml", supplier("SUP-A", "2026-09-30"))
    write("suppliers/b.yaml", supplier("SUP-B", second_end))
    result = invoke("check", str(root), "--format", "json", "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    return [f[:5] for f in graded(json.loads(result.stdout), "SMS011")]


def test_a_lapse_another_contract_covers_is_minor(invoke, write, tmp_path: Path) -> None:
    assert lapses(invoke, write, tmp_path, "2028-06-30") == [
        ("suppliers/a.yaml", 13, "SMS011", "8.3.4", "minor")
    ]


def test_every_supplier_of_a_live_service_out_of_contract_is_major(
    invoke, write, tmp_path: Path
) -> None:
    assert lapses(invoke, write, tmp_path, "2026-10-31") == [
        ("suppliers/a.yaml", 13, "SMS011", "8.3.4", "major"),
        ("suppliers/b.yaml", 13, "SMS011", "8.3.4", "major"),
    ]
