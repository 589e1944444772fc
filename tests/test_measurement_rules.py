"""SMS055 measures-resolves, SMS056 measurement-stale and SMS057 target-missed (issue 22):
results on the items and in measurements records, judged together, at the item's line."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditor_repos import KPI, header, markdown, objective, only
from conftest import EXAMPLE, located
from sms_texts import SMS_MANAGER, roles_artifact

RULES = ("SMS001", "SMS034", "SMS055", "SMS056", "SMS057")
# Lines 1-9 header, `objectives:` on 10, OBJ-01's id on 11 (its due on 17).
OBJECTIVES = header("OBJ-A", "objectives") + "objectives:\n" + objective("OBJ-01")
# `kpis:` on 11, the KPI's name on 12.
PROCESS = header("PRC-13", "process") + "process: incident\nkpis:\n" + KPI
# `targets:` on 12, the target's metric on 13.
SLA = header("SLA-01", "sla") + (
    "service: SVC-1\ncustomer: All\ntargets:\n"
    "  - metric: Calls answered within 30 seconds\n    target: 90\n    unit: percent\n"
    '    comparator: ">="\n'
)


def record(ident: str, measures: str, periods: dict[str, float], extra: str = "") -> str:
    """A measurements record: header 1-9, ``measures`` on line 10, then ``extra``, results."""
    results = "".join(f"  - {{period: {p}, value: {v}}}\n" for p, v in periods.items())
    return header(ident, "measurements") + f"measures: {measures}\n{extra}results:\n{results}"


def months(first: int, values: list[float], year: int = 2026) -> dict[str, float]:
    return {f"{year}-{first + i:02d}": v for i, v in enumerate(values)}


def findings(write, check_json, tmp_path: Path, files: dict[str, str], *extra: str):
    only(write, *RULES[1:])
    write("roles.yaml", roles_artifact(SMS_MANAGER))
    for name, text in {"obj.yaml": OBJECTIVES, "prc.yaml": PROCESS, "sla.yaml": SLA}.items():
        write(name, text)
    for name, text in files.items():
        write(name, text)
    _, report = check_json(tmp_path, *extra)
    return [
        (where, rule, clause, severity, message)
        for where, rule, clause, severity, message in located(report, *RULES)
    ]


# SMS055 measures-resolves


def test_a_record_of_an_item_that_exists_is_silent(write, check_json, tmp_path) -> None:
    files = {
        "a.yaml": record("M-1", "OBJ-01", months(9, [96, 97])),
        "b.md": markdown(record("M-2", "prc-13 / share on time", months(9, [91, 92]))),
        "c.yaml": record("M-3", "SLA-01/Calls answered within 30 seconds", months(9, [91])),
        "d.yaml": record("M-4", "{process: PRC-13, kpi: Share on time}", months(9, [91])),
    }
    assert findings(write, check_json, tmp_path, files) == []


def test_an_unknown_objective_is_found_at_measures(write, check_json, tmp_path) -> None:
    files = {"a.yaml": record("M-1", "OBJ-10", months(9, [96]))}
    [(where, rule, clause, severity, message)] = findings(write, check_json, tmp_path, files)
    assert (where, rule, clause, severity) == ("a.yaml:10", "SMS055", "9.1", "minor")
    assert message.startswith("M-1 measures 'OBJ-10', which names no objective, process KPI")
    assert "did you mean 'OBJ-01'?" in message


def test_a_kpi_name_that_is_not_there_lists_the_process_kpis(write, check_json, tmp_path) -> None:
    files = {"a.md": markdown(record("M-1", "PRC-13/Share late", months(9, [96])))}
    [(where, rule, *_, message)] = findings(write, check_json, tmp_path, files)
    assert (where, rule) == ("a.md:11", "SMS055")
    assert "; PRC-13 has 'Share on time': write" in message


# SMS056 measurement-stale


def test_a_monthly_objective_is_stale_once_next_month_s_result_is_late(
    write, check_json, tmp_path
) -> None:
    files = {"a.yaml": record("M-1", "OBJ-01", months(8, [96, 97]))}  # to 2026-09
    # October's result is due by 30 November.
    assert findings(write, check_json, tmp_path, files, "--today", "2026-11-30") == []
    [(where, rule, clause, severity, message)] = findings(
        write, check_json, tmp_path, files, "--today", "2026-12-01"
    )
    assert (where, rule, clause, severity) == ("obj.yaml:11", "SMS056", "6.2", "minor")
    assert message.startswith(
        "objective 'OBJ-01' of 'OBJ-A' has not been measured since 2026-09 (in a.yaml): "
        "measured every month, the next result was due by 2026-11-30"
    )


def test_results_on_the_item_and_in_a_record_count_together(write, check_json, tmp_path) -> None:
    # Monthly by its frequency: the two results alone (07 and 10) would show a quarter's gap.
    kpi = "  - name: Share on time\n    target: 90\n    unit: percent\n    frequency: monthly\n"
    process = PROCESS.replace(KPI, kpi + "    results:\n      - {period: 2026-10, value: 93}\n")
    files = {"prc.yaml": process, "a.yaml": record("M-1", "PRC-13/Share on time", months(7, [91]))}
    assert findings(write, check_json, tmp_path, files, "--today", "2026-12-31") == []
    [(where, rule, clause, *_)] = findings(
        write, check_json, tmp_path, files, "--today", "2027-01-01"
    )
    assert (where, rule, clause) == ("prc.yaml:12", "SMS056", "9.1")


def test_the_record_s_frequency_and_quarters(write, check_json, tmp_path) -> None:
    quarterly = record("M-1", "SLA-01/Calls answered within 30 seconds", {"2026-Q2": 91})
    files = {"a.yaml": quarterly}
    # Q3's result is due by 31 October (a month after the quarter ends).
    assert findings(write, check_json, tmp_path, files, "--today", "2026-10-31") == []
    [(where, rule, clause, *_)] = findings(
        write, check_json, tmp_path, files, "--today", "2026-11-01"
    )
    assert (where, rule, clause) == ("sla.yaml:13", "SMS056", "9.4")
    weekly = record(
        "M-1", "SLA-01/Calls answered within 30 seconds", {"2026-11-09": 91}, "frequency: weekly\n"
    )
    files = {"a.yaml": weekly}
    assert findings(write, check_json, tmp_path, files, "--today", "2026-11-23") == []
    assert [
        f[1] for f in findings(write, check_json, tmp_path, files, "--today", "2026-11-24")
    ] == ["SMS056"]


def test_a_date_without_a_frequency_and_a_past_objective_are_not_judged(
    write, check_json, tmp_path
) -> None:
    files = {"a.yaml": record("M-1", "PRC-13/Share on time", {"2025-03-01": 91})}
    assert findings(write, check_json, tmp_path, files) == []
    # OBJ-01 is due 2027-06-30: past it, SMS034 judges the objective, not SMS056.
    files = {"a.yaml": record("M-1", "OBJ-01", months(1, [96]))}
    rules = [f[1] for f in findings(write, check_json, tmp_path, files, "--today", "2027-07-01")]
    assert rules == ["SMS034"]


def test_a_result_for_a_period_not_over_is_no_result_yet(write, check_json, tmp_path) -> None:
    files = {"a.yaml": record("M-1", "OBJ-01", {"2026-09": 96, "2026-12": 97})}
    [(where, rule, *_, message)] = findings(
        write, check_json, tmp_path, files, "--today", "2026-12-01"
    )
    assert (where, rule) == ("obj.yaml:11", "SMS056") and "since 2026-09" in message


# SMS057 target-missed

MISSES = {"2026-08": 92, "2026-09": 88, "2026-10": 87.5, "2026-11": 89}
CALLS = "SLA-01/Calls answered within 30 seconds"


def test_three_misses_in_a_row_without_action_are_an_observation(
    write, check_json, tmp_path
) -> None:
    files = {"a.yaml": record("M-1", CALLS, MISSES)}
    [(where, rule, clause, severity, message)] = findings(
        write, check_json, tmp_path, files, "--today", "2026-12-01"
    )
    assert (where, rule, clause, severity) == ("sla.yaml:13", "SMS057", "9.4", "observation")
    assert message == (
        "SLA target 'Calls answered within 30 seconds' of 'SLA-01' missed its target (>= 90 "
        "percent) in each of the last 3 periods (2026-09: 88, 2026-10: 87.5, 2026-11: 89) and "
        "no nonconformity or improvement opportunity names SLA-01: raise one that names it, "
        "saying what is done about the misses"
    )


@pytest.mark.parametrize(
    "names",
    ["SLA-01", "M-1"],
)
def test_an_improvement_naming_the_sla_or_its_record_is_action(
    write, check_json, tmp_path, names
) -> None:
    improvement = header("IMP-1", "improvement") + (
        "opportunities:\n  - id: OPP-1\n"
        f"    description: Staff the desk at peak times ({names})\n"
        "    owner: sms-manager\n    priority: high\n    state: proposed\n"
    )
    files = {"a.yaml": record("M-1", CALLS, MISSES), "imp.yaml": improvement}
    assert findings(write, check_json, tmp_path, files, "--today", "2026-12-01") == []


def test_fewer_misses_than_configured_are_silent(write, check_json, tmp_path) -> None:
    files = {"a.yaml": record("M-1", CALLS, MISSES)}
    write(".sms-lint.yaml", "")
    only(write, *RULES[1:])
    config = (tmp_path / ".sms-lint.yaml").read_text() + "measurement: {missed_periods: 4}\n"
    files[".sms-lint.yaml"] = config
    for name, text in {"roles.yaml": roles_artifact(SMS_MANAGER), "obj.yaml": OBJECTIVES,
                       "prc.yaml": PROCESS, "sla.yaml": SLA, **files}.items():  # fmt: skip
        write(name, text)
    _, report = check_json(tmp_path, "--today", "2026-12-01")
    assert located(report, *RULES) == []


def test_a_met_period_among_the_latest_is_silent(write, check_json, tmp_path) -> None:
    files = {"a.yaml": record("M-1", CALLS, {**MISSES, "2026-10": 90})}
    assert findings(write, check_json, tmp_path, files, "--today", "2026-12-01") == []


@pytest.mark.parametrize("value", ["0", "37", "three", "{}"])
def test_a_bad_missed_periods_is_a_config_error(invoke, write, tmp_path, value) -> None:
    write(".sms-lint.yaml", f"measurement: {{missed_periods: {value}}}\n")
    result = invoke("check", str(tmp_path), "--today", "2026-11-22")
    assert result.exit_code == 2
    assert "'measurement.missed_periods' must be a whole number from 1 to 36" in result.output


def test_a_record_s_result_follows_a_past_objective_up(write, check_json, tmp_path) -> None:
    """SMS034 reads the objective's results in measurements records too."""
    files = {"a.yaml": record("M-1", "OBJ-01", {"2027-06": 96})}  # due 2027-06-30, over on that day
    assert findings(write, check_json, tmp_path, files, "--today", "2027-07-01") == []


def test_a_mapping_that_names_nothing_is_found_at_measures(write, check_json, tmp_path) -> None:
    files = {"a.yaml": record("M-1", "{sla: SLA-01, target: Calls answered}", months(9, [96]))}
    [(where, rule, *_, message)] = findings(write, check_json, tmp_path, files)
    assert (where, rule) == ("a.yaml:10", "SMS055")
    assert "measures 'SLA-01/Calls answered'" in message
    assert "; SLA-01 has 'Calls answered within 30 seconds': write" in message


# The example SMS: figures to 2026-11, so clean until the December figures fall due


@pytest.mark.parametrize("today", ["2026-11-22", "2026-12-15", "2027-01-25", "2027-01-31"])
def test_the_example_is_clean_while_its_figures_are_current(check_json, today) -> None:
    _, report = check_json(EXAMPLE, "--today", today)
    assert located(report, "SMS055", "SMS056", "SMS057") == []


def test_the_example_stops_being_current_in_february(check_json) -> None:
    _, report = check_json(EXAMPLE, "--today", "2027-02-01")
    stale = located(report, "SMS056")
    assert len(stale) == 11 and not located(report, "SMS055", "SMS057")
    assert stale[-1][:4] == ("slas/sla-servicedesk.yaml:14", "SMS056", "9.4", "minor")
    assert (
        "not been measured since 2026-11 (in measurements/sla-servicedesk-calls.yaml)"
        in (stale[-1][4])
    )
