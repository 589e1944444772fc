"""The measurement rules, the reviewer's defects (issue 22): a value that is no finite number,
one past-due objective reported once, and a series without a frequency judged by its cadence."""

from __future__ import annotations

import pytest
from test_measurement_rules import CALLS, MISSES, findings, record


@pytest.mark.parametrize(
    ("written", "said"), [(".nan", ".nan"), (".inf", ".inf"), ("-.inf", "-.inf"), (".NaN", ".nan")]
)
def test_a_value_that_is_no_finite_number_is_a_schema_finding(
    write, check_json, tmp_path, written: str, said: str
) -> None:
    files = {"a.yaml": record("M-1", CALLS, {**MISSES, "2026-10": written})}  # type: ignore[dict-item]
    # Without it the latest three are 2026-08 (met), 09 and 11: no run of misses.
    [(where, rule, clause, _, message)] = findings(
        write, check_json, tmp_path, files, "--today", "2026-12-01"
    )
    assert (where, rule, clause) == ("a.yaml:14", "SMS001", "9.1"), message
    assert message.endswith(f"(3rd item).value must be a finite number, not {said}: write the "
                            "value measured")  # fmt: skip
