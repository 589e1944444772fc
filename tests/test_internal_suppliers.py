"""Internal suppliers (ISO/IEC 20000-1 8.3.4.2): another part of the organization, under an
internal agreement that may be open-ended. ``supplier_type: internal`` makes contract_end
optional; SMS011 words an ended agreement as the internal agreement it is."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from conftest import EXAMPLE, found, quiet_config

TODAY = "2026-11-22"
TARGET = '  - {metric: availability, target: 99.9, unit: percent, comparator: ">="}\n'
# Nine header lines: the supplier's own fields start on line 10.
HEADER = (
    "id: SUP-NET\nkind: supplier\ntitle: Group network team\nowner: sms-manager\n"
    'status: approved\nversion: "1.0"\napproved_by: sms-manager\napproved_on: 2026-01-15\n'
    "last_reviewed: 2026-01-15\n"
)


def supplier(kind_line: str, contract_end: str | None, reviewed: str = "2026-06-01") -> str:
    """A supplier naming ``kind_line`` (a supplier_type line, or "") on line 11 if given."""
    end = f"contract_end: {contract_end}\n" if contract_end else ""
    return (
        f"{HEADER}supplier_name: Group Network Services\n{kind_line}supports: [SVC-PAY]\n"
        f"contract_ref: OLA-NET-3\n{end}targets:\n{TARGET}last_performance_review: {reviewed}\n"
    )


def check(invoke: Callable[..., Result], write: Callable, root: Path, text: str) -> list[tuple]:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS011"))
    write("suppliers/net.yaml", text)
    result = invoke("check", str(root), "--format", "json", "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    return found(json.loads(result.stdout), "SMS001", "SMS011")


def test_an_internal_supplier_needs_no_contract_end(invoke, write, tmp_path: Path) -> None:
    assert check(invoke, write, tmp_path, supplier("supplier_type: internal\n", None)) == []


def test_an_external_supplier_without_contract_end_is_one_finding(
    invoke, write, tmp_path: Path
) -> None:
    for kind_line in ("", "supplier_type: external\n"):  # external is the default
        assert check(invoke, write, tmp_path, supplier(kind_line, None)) == [
            ("suppliers/net.yaml", 1, "SMS001", "8.3.4", "contract_end is missing: add it")
        ]


def test_an_internal_supplier_missing_more_is_told_in_the_usual_order(
    invoke, write, tmp_path: Path
) -> None:
    text = HEADER + "supplier_type: internal\nsupplier_name: Group Network Services\n"
    assert check(invoke, write, tmp_path, text) == [
        (
            "suppliers/net.yaml",
            1,
            "SMS001",
            "8.3.4",
            "supports, contract_ref, targets and last_performance_review are missing: add them",
        )
    ]


def test_an_expired_internal_agreement_says_internal_agreement(
    invoke, write, tmp_path: Path
) -> None:
    text = supplier("supplier_type: internal\n", "2026-06-30", reviewed="2025-02-01")
    # supplier_type on line 11, contract_end on line 14, the review on line 17.
    assert check(invoke, write, tmp_path, text) == [
        (
            "suppliers/net.yaml",
            14,
            "SMS011",
            "8.3.4",
            "the internal agreement with 'Group Network Services' (SUP-NET) ended on "
            "2026-06-30: renew it and set contract_end to the new end date (or remove "
            "contract_end if the agreement is now open-ended), or end the arrangement and "
            "retire this supplier (status: retired)",
        ),
        (
            "suppliers/net.yaml",
            17,
            "SMS011",
            "8.3.4",
            "the performance of 'Group Network Services' (SUP-NET) was last reviewed on "
            "2025-02-01, more than the planned interval of 12 months "
            "(intervals.supplier_review_months) ago: review it against the internal "
            "agreement's targets and set last_performance_review to the date of that review",
        ),
    ]


def test_an_open_ended_internal_agreement_still_needs_its_reviews(
    invoke, write, tmp_path: Path
) -> None:
    text = supplier("supplier_type: internal\n", None, reviewed="2025-02-01")
    (only,) = check(invoke, write, tmp_path, text)
    assert only[1:3] == (16, "SMS011") and "internal agreement's targets" in only[4]


def test_a_misspelt_supplier_type_is_one_enum_finding(invoke, write, tmp_path: Path) -> None:
    text = supplier("supplier_type: intrnal\n", None)
    assert check(invoke, write, tmp_path, text) == [
        (
            "suppliers/net.yaml",
            11,
            "SMS001",
            "8.3.4",
            'supplier_type must be one of: external, internal (got "intrnal"); did you mean '
            "'internal'?",
        )
    ]


def test_the_example_sms_stays_clean(invoke) -> None:
    result = invoke("check", str(EXAMPLE), "--today", "2026-12-02")
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output
