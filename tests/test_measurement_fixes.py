"""The measurement rules, the reviewer's defects (issue 22): a value that is no finite number,
one past-due objective reported once, and a series without a frequency judged by its cadence."""

from __future__ import annotations

import pytest
from test_measurement_rules import CALLS, MISSES, PROCESS, SLA, findings, months, record


@pytest.mark.parametrize(
    ("written", "said"), [(".nan", ".nan"), (".inf", ".inf"), ("-.inf", "-.inf"), (".NaN", ".nan")]
)
def test_a_value_that_is_no_finite_number_is_a_schema_finding(
    write, check_json, tmp_path, written: str, said: str
) -> None:
    files = {"a.yaml": record("M-1", CALLS, {**MISSES, "2026-10": written})}  # type: ignore[dict-item]
    # Without it the latest three are 2026-08 (met), 09 and 11: no run of misses.
    found = findings(write, check_json, tmp_path, files, "--today", "2026-12-01")
    [(where, rule, clause, _, message)] = found
    assert (where, rule, clause) == ("a.yaml:14", "SMS001", "9.1"), message
    assert message.endswith(f"(3rd item).value must be a finite number, not {said}: write the "
                            "value measured")  # fmt: skip


def test_a_past_due_objective_s_misses_are_sms034_s_alone(write, check_json, tmp_path) -> None:
    """OBJ-01 is due 2027-06-30 and missed 95 in January to March: one defect, one finding."""
    files = {"a.yaml": record("M-1", "OBJ-01", months(1, [80, 81, 82], year=2027))}
    assert [f[1] for f in findings(write, check_json, tmp_path, files, "--today", "2027-05-01")]\
        == ["SMS057"]  # fmt: skip
    rules = [f[1] for f in findings(write, check_json, tmp_path, files, "--today", "2027-08-01")]
    assert rules == ["SMS034"]


SLA_CALLS = "SLA-01/Calls answered within 30 seconds"


def test_one_month_result_without_a_frequency_is_not_judged(write, check_json, tmp_path) -> None:
    files = {"a.yaml": record("M-1", SLA_CALLS, {"2026-09": 95})}
    assert findings(write, check_json, tmp_path, files, "--today", "2027-03-01") == []


def test_without_a_frequency_the_spacing_of_the_results_is_the_cadence(
    write, check_json, tmp_path
) -> None:
    files = {"a.yaml": record("M-1", SLA_CALLS, {"2026-03": 95, "2026-06": 96, "2026-09": 97})}
    # 2026-03, 06 and 09: a quarter apart, so December's figure is due by 31 January.
    assert findings(write, check_json, tmp_path, files, "--today", "2027-01-31") == []
    [(where, rule, _, _, message)] = findings(
        write, check_json, tmp_path, files, "--today", "2027-02-01"
    )
    assert (where, rule) == ("sla.yaml:13", "SMS056")
    assert "since 2026-09 (in a.yaml): measured every 3 months, the next result was due by " \
        "2027-01-31" in message  # fmt: skip


@pytest.mark.parametrize("holder", ["prc.yaml", "sla.yaml"])
def test_a_kpi_or_target_may_say_its_frequency(write, check_json, tmp_path, holder) -> None:
    if holder == "prc.yaml":
        text = PROCESS.replace("unit: percent}", "unit: percent, frequency: monthly}")
        measures = "PRC-13/Share on time"
    else:
        text = SLA.replace(
            '    comparator: ">="\n', '    comparator: ">="\n    frequency: monthly\n'
        )
        measures = SLA_CALLS
    files = {holder: text, "a.yaml": record("M-1", measures, {"2026-09": 95})}
    assert findings(write, check_json, tmp_path, files, "--today", "2026-11-30") == []
    [(where, rule, *_)] = findings(write, check_json, tmp_path, files, "--today", "2026-12-01")
    assert (where, rule) == (f"{holder}:{12 if holder == 'prc.yaml' else 13}", "SMS056")
