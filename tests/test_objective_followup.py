"""SMS034 objective-followed-up (issue 15, point 5): an objective whose due date has passed is
followed up by a result, a newer objectives document, or an improvement or nonconformity that
names it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from auditor_repos import header, markdown, objective, only
from conftest import EXAMPLE, located
from sms_texts import SMS_MANAGER, roles_artifact

RULES = ("SMS001", "SMS034")
PAST = "2026-06-30"  # before the tests' today, 2026-11-22


def goal(obj_id: str, due: str = PAST, extra: str = "") -> str:
    """A measurable objective of nine lines, ``due`` on its seventh, then ``extra``."""
    return objective(obj_id).replace("due: 2027-06-30", f"due: {due}") + extra


def objectives(
    *goals: str, doc_id: str = "OBJ-A", status: str = "approved", dates: str = ""
) -> str:
    """Header lines 1-9 (``dates`` replaces approved_on/last_reviewed 2026-01-10), then
    ``objectives:`` on 10: the first objective's id is on 11 and its due on 17."""
    text = header(doc_id, "objectives", status)
    if dates:
        approved, reviewed = dates.split()
        text = text.replace("approved_on: 2026-01-10", f"approved_on: {approved}")
        text = text.replace("last_reviewed: 2026-01-10", f"last_reviewed: {reviewed}")
    return text + "objectives:\n" + "".join(goals)


def improvement(description: str, status: str = "approved") -> str:
    return header("IMP-1", "improvement", status) + (
        "opportunities:\n  - id: OPP-1\n"
        f"    description: {description}\n"
        "    owner: sms-manager\n    priority: high\n    state: proposed\n"
    )


def nonconformity(related: str) -> str:
    return header("NC-1", "nonconformity") + (
        f'related: [{related}]\nraised_on: 2026-07-15\nclause: "6.2"\ngrade: minor\n'
        "description: The objective was missed.\ncorrection: Re-planned.\n"
        "due: 2027-01-31\nnc_status: open\n"
    )


def check(write, check_json, tmp_path: Path, files: dict[str, str]) -> list[tuple]:
    only(write, "SMS034")
    write("roles.yaml", roles_artifact(SMS_MANAGER))
    for name, text in files.items():
        write(name, text)
    _, report = check_json(tmp_path)
    return located(report, *RULES)


def message(obj_id: str, doc_id: str = "OBJ-A", due: str = PAST) -> str:
    return (
        f"objective '{obj_id}' of '{doc_id}' was due on {due} and nothing follows it up: record "
        "whether it was met (results on the objective), carry it into a newer objectives "
        "document with a new due date, or raise an improvement or nonconformity that names "
        f"'{obj_id}'"
    )


def test_the_example_sms_has_no_objective_left_without_follow_up(check_json) -> None:
    _, report = check_json(EXAMPLE, "--today", "2026-12-02")
    assert located(report, "SMS034") == []


def test_a_passed_objective_with_no_follow_up_is_a_minor_finding_at_its_due(
    write, check_json, tmp_path: Path
) -> None:
    files = {"obj.yaml": objectives(goal("O-1"), goal("O-2", due="2027-03-31"))}
    got = check(write, check_json, tmp_path, files)
    assert got == [("obj.yaml:17", "SMS034", "6.2", "minor", message("O-1"))]


def test_in_markdown_the_finding_is_at_the_due_line_too(write, check_json, tmp_path: Path) -> None:
    files = {"obj.md": markdown(objectives(goal("O-1", due="2027-01-31"), goal("O-2")))}
    got = check(write, check_json, tmp_path, files)
    assert got == [("obj.md:27", "SMS034", "6.2", "minor", message("O-2"))]


def test_due_today_has_not_passed(write, check_json, tmp_path: Path) -> None:
    files = {"obj.yaml": objectives(goal("O-1", due="2026-11-22"))}
    assert check(write, check_json, tmp_path, files) == []


def test_a_recorded_result_is_follow_up(write, check_json, tmp_path: Path) -> None:
    result = "    results:\n      - {period: 2026-Q2, value: 96.1, note: target met}\n"
    files = {"obj.yaml": objectives(goal("O-1", extra=result))}
    assert check(write, check_json, tmp_path, files) == []


def test_results_take_every_period_form_the_spec_names(write, check_json, tmp_path: Path) -> None:
    result = (
        "    results:\n      - {period: 2026-05, value: 94}\n      - {period: 2026-Q2, value: 95}\n"
        "      - {period: 2026-06-30, value: 96}\n"
    )
    files = {"obj.yaml": objectives(goal("O-1", extra=result))}
    assert check(write, check_json, tmp_path, files) == []


def test_a_result_without_a_value_is_the_schemas_finding_and_no_follow_up(
    write, check_json, tmp_path: Path
) -> None:
    result = "    results:\n      - {period: 2026-13, value: high}\n"
    files = {"obj.yaml": objectives(goal("O-1", extra=result))}
    got = check(write, check_json, tmp_path, files)
    assert [g[:4] for g in got] == [
        ("obj.yaml:17", "SMS034", "6.2", "minor"),
        ("obj.yaml:21", "SMS001", "6.2", "minor"),  # the period
        ("obj.yaml:21", "SMS001", "6.2", "minor"),  # the value
    ]
    assert [g[4] for g in got[1:]] == [
        "objectives (O-1).results (1st item)."
        "period must be written YYYY-MM (a month), YYYY-Qn (a quarter) or YYYY-MM-DD (a day) "
        '(got "2026-13")',
        'objectives (O-1).results (1st item).value must be a number (got "high")',
    ]


def test_the_same_objective_carried_into_another_document_is_follow_up(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "a.yaml": objectives(goal("O-1")),
        "b.yaml": objectives(goal("O-1", due="2027-06-30"), doc_id="OBJ-B"),
    }
    assert check(write, check_json, tmp_path, files) == []


def test_a_newer_objectives_document_is_follow_up(write, check_json, tmp_path: Path) -> None:
    files = {
        "a.yaml": objectives(goal("O-1")),
        "b.yaml": objectives(
            goal("O-9", due="2027-06-30"), doc_id="OBJ-B", dates="2026-07-20 2026-07-20"
        ),
    }
    assert check(write, check_json, tmp_path, files) == []


def test_a_document_issued_before_the_due_date_is_not_newer(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "a.yaml": objectives(goal("O-1")),
        "b.yaml": objectives(
            goal("O-9", due="2027-06-30"), doc_id="OBJ-B", dates="2026-03-01 2026-05-01"
        ),
    }
    got = check(write, check_json, tmp_path, files)
    assert got == [("a.yaml:17", "SMS034", "6.2", "minor", message("O-1"))]


def test_reviewing_the_document_that_keeps_the_passed_date_is_no_follow_up(
    write, check_json, tmp_path: Path
) -> None:
    files = {"a.yaml": objectives(goal("O-1"), dates="2026-01-10 2026-09-01")}
    got = check(write, check_json, tmp_path, files)
    assert [g[:2] for g in got] == [("a.yaml:17", "SMS034")]


def test_an_improvement_that_names_the_objective_is_follow_up(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "obj.yaml": objectives(goal("O-1"), goal("O-2")),
        "imp.yaml": improvement("Automate P2 triage to reach O-2 next year (missed in June)."),
    }
    got = check(write, check_json, tmp_path, files)
    assert got == [("obj.yaml:17", "SMS034", "6.2", "minor", message("O-1"))]


def test_a_retired_improvement_follows_nothing_up(write, check_json, tmp_path: Path) -> None:
    files = {
        "obj.yaml": objectives(goal("O-1")),
        "imp.yaml": improvement("Reach O-1 next year", status="retired"),
    }
    assert [g[:2] for g in check(write, check_json, tmp_path, files)] == [("obj.yaml:17", "SMS034")]


def test_a_nonconformity_naming_the_document_follows_up_its_only_objective(
    write, check_json, tmp_path: Path
) -> None:
    files = {"obj.yaml": objectives(goal("O-1")), "nc.yaml": nonconformity("OBJ-A")}
    assert check(write, check_json, tmp_path, files) == []


def test_naming_a_document_of_several_objectives_does_not_say_which(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "obj.yaml": objectives(goal("O-1"), goal("O-2", due="2027-06-30")),
        "nc.yaml": nonconformity("OBJ-A"),
    }
    assert [g[:2] for g in check(write, check_json, tmp_path, files)] == [("obj.yaml:17", "SMS034")]


def test_drafts_and_retired_documents_are_not_judged(write, check_json, tmp_path: Path) -> None:
    files = {
        "a.yaml": objectives(goal("O-1"), status="draft"),
        "b.yaml": objectives(goal("O-2"), doc_id="OBJ-B", status="retired"),
    }
    assert check(write, check_json, tmp_path, files) == []


def test_an_objective_of_the_example_left_past_its_date_is_found(
    tmp_path: Path, check_json
) -> None:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    path = root / "governance" / "objectives-2026.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    assert lines[96] == "    due: 2027-03-31\n"  # OBJ-07's, after OBJ-01 and OBJ-03's results
    lines[96] = "    due: 2026-09-30\n"
    path.write_text("".join(lines), encoding="utf-8")
    _, report = check_json(root, "--today", "2026-12-02")
    assert located(report, "SMS034") == [
        (
            "governance/objectives-2026.yaml:97",
            "SMS034",
            "6.2",
            "minor",
            message("OBJ-07", "OBJ-2026", "2026-09-30"),
        )
    ]


# A result follows the objective up only when it evaluates it at its due date (review of
# issue 15): its period ends no more than one measurement period before the due date.


def results(*periods: str) -> str:
    """``results:`` on the objective's tenth line (20 of the file), one result per period."""
    return "    results:\n" + "".join(f"      - {{period: {p}, value: 96}}\n" for p in periods)


def timed(due: str, *periods: str, frequency: str = "monthly") -> str:
    text = goal("O-1", due=due, extra=results(*periods))
    return text.replace("frequency: monthly", f"frequency: {frequency}")


def stale(due: str, latest: str, earliest: str) -> str:
    return (
        f"objective 'O-1' of 'OBJ-A' was due on {due} and its latest result is for {latest}, "
        "more than one measurement period before that date, so it does not show whether the "
        f"objective was met: record the result of a period that ends on or after {earliest}, "
        "carry it into a newer objectives document with a new due date, or raise an "
        "improvement or nonconformity that names 'O-1'"
    )


@pytest.mark.parametrize(
    ("due", "periods", "frequency"),
    [
        ("2026-09-30", ("2026-09",), "monthly"),  # the month ending on the due date
        ("2026-09-30", ("2026-07", "2026-08"), "monthly"),  # one month short: February's rule
        ("2026-09-15", ("2026-08",), "monthly"),  # the last month complete at the due date
        ("2026-06-30", ("2026-10",), "monthly"),  # evaluated later still says whether met
        ("2026-09-30", ("2026-Q2",), "quarterly"),  # the quarter before: one period
        ("2026-09-30", ("2026-07",), "Quarterly, by sampling"),
        ("2026-08-15", ("2026-Q2",), "monthly"),  # a quarterly result: its own quarter
        ("2026-09-30", ("2026-09-10",), "monthly"),
        ("2026-09-30", ("2026-09-24",), "weekly"),
        ("2026-09-30", ("2025-10-15",), "annually"),  # last year's survey is the latest
        ("2026-09-30", ("2026-04",), "half-yearly"),
        ("2026-09-30", ("2026-09-01",), "per release"),  # names no period: a month
    ],
)
def test_a_result_at_the_due_date_follows_the_objective_up(
    write, check_json, tmp_path: Path, due: str, periods: tuple[str, ...], frequency: str
) -> None:
    files = {"obj.yaml": objectives(timed(due, *periods, frequency=frequency))}
    assert check(write, check_json, tmp_path, files) == []


@pytest.mark.parametrize(
    ("due", "periods", "frequency", "latest", "earliest"),
    [
        ("2026-09-30", ("2026-06", "2026-07"), "monthly", "2026-07", "2026-08-30"),
        ("2026-09-15", ("2026-07",), "monthly", "2026-07", "2026-08-15"),
        ("2026-09-30", ("2026-Q1",), "quarterly", "2026-Q1", "2026-06-30"),
        ("2026-09-30", ("2026-08-29",), "monthly", "2026-08-29", "2026-08-30"),
        ("2026-09-30", ("2026-09-20",), "weekly", "2026-09-20", "2026-09-23"),
        ("2026-09-30", ("2025-09-15",), "yearly", "2025-09-15", "2025-09-30"),
        ("2026-09-30", ("2026-08-15",), "per release", "2026-08-15", "2026-08-30"),
    ],
)
def test_an_older_result_is_no_follow_up_and_the_finding_says_which_period_is_needed(
    write,
    check_json,
    tmp_path: Path,
    due: str,
    periods: tuple[str, ...],
    frequency: str,
    latest: str,
    earliest: str,
) -> None:
    files = {"obj.yaml": objectives(timed(due, *periods, frequency=frequency))}
    got = check(write, check_json, tmp_path, files)
    assert got == [("obj.yaml:17", "SMS034", "6.2", "minor", stale(due, latest, earliest))]


def test_in_markdown_an_old_result_is_found_at_the_due_line(
    write, check_json, tmp_path: Path
) -> None:
    files = {"obj.md": markdown(objectives(timed("2026-09-30", "2026-01", "2026-02")))}
    got = check(write, check_json, tmp_path, files)
    assert got == [
        ("obj.md:18", "SMS034", "6.2", "minor", stale("2026-09-30", "2026-02", "2026-08-30"))
    ]


def test_a_period_not_over_by_today_is_no_result_yet(write, check_json, tmp_path: Path) -> None:
    files = {"obj.yaml": objectives(timed("2026-10-31", "2026-Q4", "2026-12-01"))}
    got = check(write, check_json, tmp_path, files)
    assert got == [("obj.yaml:17", "SMS034", "6.2", "minor", message("O-1", due="2026-10-31"))]


def test_another_follow_up_still_counts_beside_an_old_result(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "obj.yaml": objectives(timed("2026-09-30", "2026-02")),
        "imp.yaml": improvement("O-1 was missed, so P2 triage is to be automated."),
    }
    assert check(write, check_json, tmp_path, files) == []


def test_the_example_s_monthly_results_stop_following_up_once_the_due_date_passes(
    check_json,
) -> None:
    _, report = check_json(EXAMPLE, "--today", "2027-10-15")
    got = {g[0]: g for g in located(report, "SMS034")}
    path = "governance/objectives-2026.yaml"
    assert sorted(got) == sorted(f"{path}:{line}" for line in (19, 40, 50, 67, 77, 87, 97))
    assert got[f"{path}:19"] == (
        f"{path}:19",
        "SMS034",
        "6.2",
        "minor",
        "objective 'OBJ-01' of 'OBJ-2026' was due on 2027-06-30 and its latest result is for "
        "2026-11, more than one measurement period before that date, so it does not show "
        "whether the objective was met: record the result of a period that ends on or after "
        "2027-05-30, carry it into a newer objectives document with a new due date, or raise "
        "an improvement or nonconformity that names 'OBJ-01'",
    )
    assert "its latest result is for 2026-11" in got[f"{path}:50"][4]  # OBJ-03
