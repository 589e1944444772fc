"""SMS007 objectives-measurable and SMS012 risk-treatment (clause 6)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from auditor_repos import header, objective, risk
from conftest import EXAMPLE, found

from sms_lint.checks.planning import first_vague_word


def objectives_file(write: Callable, statements: list[str], status: str = "approved") -> None:
    body = "objectives:\n" + "".join(
        objective(f"O{n}", text) for n, text in enumerate(statements, 1)
    )
    write("objectives.yaml", header("OBJ-2026", "objectives", status) + body)


def risks_file(write: Callable, risks: list[str], status: str = "approved") -> None:
    write("risks.yaml", header("RISKS", "risk-register", status) + "risks:\n" + "".join(risks))


# SMS007 objectives-measurable


def test_measurable_statements_pass(write: Callable, tmp_path: Path, check_json) -> None:
    objectives_file(
        write,
        [
            "Resolve 95 percent of P2 incidents within 8 hours",
            "Improve first-call resolution to 70 percent",  # vague word, but a number
            "Keep customers informed of every planned outage",  # no number, not vague
            "Run the improvement programme every quarter",  # "improvement" is not "improve"
        ],
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS007") == []


def test_vague_statement_without_number_is_flagged(
    write: Callable, tmp_path: Path, check_json
) -> None:
    objectives_file(
        write,
        ["Resolve 95 percent of P2 incidents within 8 hours", "Improve incident handling"],
    )
    _, report = check_json(tmp_path)
    # O2 starts on line 10 + 1 + 9; its statement is the line after.
    assert found(report, "SMS007") == [
        (
            "objectives.yaml",
            21,
            "SMS007",
            "6.2",
            "objective 'O2' is stated vaguely: 'Improve incident handling' uses 'Improve' and "
            "no number, so it cannot be met or missed: state the result it commits to in "
            "figures (e.g. p2_resolved_in_8h >= 95 percent)",
        )
    ]


def test_vague_phrase_any_case_names_the_first_word(
    write: Callable, tmp_path: Path, check_json
) -> None:
    objectives_file(write, ["Deliver better reports ASAP"], status="draft")
    _, report = check_json(tmp_path)
    assert [f[4] for f in found(report, "SMS007")] == [
        "objective 'O1' is stated vaguely: 'Deliver better reports ASAP' uses 'better' and "
        "no number, so it cannot be met or missed: state the result it commits to in figures "
        "(e.g. p2_resolved_in_8h >= 95 percent)"
    ]


def test_retired_objectives_are_not_checked(write: Callable, tmp_path: Path, check_json) -> None:
    objectives_file(write, ["Improve everything"], status="retired")
    _, report = check_json(tmp_path)
    assert found(report, "SMS007") == []


def test_statement_of_wrong_type_is_left_to_the_schema(
    write: Callable, tmp_path: Path, check_json
) -> None:
    objectives_file(write, ["[improve, better]"])
    _, report = check_json(tmp_path)
    assert found(report, "SMS007") == []
    assert any(f["rule"] == "SMS001" for f in report["findings"])


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("Improve incident handling as appropriate", "improve"),
        ("Respond as soon as possible", "as soon as possible"),
        ("Be world-class", "world-class"),
        ("Improved reporting", "improved"),
        ("Implement the improvement plan", None),
        ("Reach a better-than-average score", "better"),
        ("Grow the business", None),
    ],
)
def test_first_vague_word(statement: str, expected: str | None) -> None:
    words = [
        "improve",
        "improved",
        "better",
        "as appropriate",
        "asap",
        "as soon as possible",
        "world-class",
    ]
    assert first_vague_word(statement, words) == expected


# SMS012 risk-treatment


def test_treated_and_current_risks_pass(write: Callable, tmp_path: Path, check_json) -> None:
    risks_file(
        write,
        [
            risk("R-01", "mitigate", actions="    actions: [Second link by Q2]\n"),
            risk("R-02", "accept"),  # accepted risks need no actions
            risk(
                "R-03",
                "transfer",
                review_by="2026-11-22",  # due today is not overdue
                actions="    actions:\n      - description: Insure the hardware\n",
            ),
        ],
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS012") == []


def test_treated_risk_without_actions(write: Callable, tmp_path: Path, check_json) -> None:
    risks_file(
        write,
        [
            risk("R-01", "accept"),
            risk("R-02", "mitigate"),
            risk("R-03", "avoid", actions="    actions: []\n"),
        ],
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS012") == [
        (
            "risks.yaml",
            18,
            "SMS012",
            "6.1",
            "risk 'R-02' is to be treated by 'mitigate' but lists no actions: add the actions "
            "that carry out the treatment under actions, or set treatment: accept if the risk "
            "is accepted as it is",
        ),
        (  # at the empty actions list, not at the risk's first line
            "risks.yaml",
            32,
            "SMS012",
            "6.1",
            "risk 'R-03' is to be treated by 'avoid' but lists no actions: add the actions "
            "that carry out the treatment under actions, or set treatment: accept if the risk "
            "is accepted as it is",
        ),
    ]


def test_risk_review_overdue(write: Callable, tmp_path: Path, check_json) -> None:
    risks_file(write, [risk("R-03", "accept", review_by="2026-01-31")], status="draft")
    _, report = check_json(tmp_path)
    assert found(report, "SMS012") == [
        (
            "risks.yaml",
            17,
            "SMS012",
            "6.1",
            "risk 'R-03' was due for review on 2026-01-31: review its likelihood, impact and "
            "treatment, and set review_by to the date of the next review",
        )
    ]


def test_unknown_treatment_and_retired_register_are_silent(
    write: Callable, tmp_path: Path, check_json
) -> None:
    risks_file(write, [risk("R-01", "reduce")])  # not a treatment: a schema finding
    write(
        "old/risks.yaml",
        header("RISKS-OLD", "risk-register", "retired")
        + "risks:\n"
        + risk("R-09", "mitigate", review_by="2024-01-31"),
    )
    _, report = check_json(tmp_path)
    assert found(report, "SMS012") == []
    assert any(f["rule"] == "SMS001" and f["path"] == "risks.yaml" for f in report["findings"])


def test_example_repository_passes_the_planning_rules(check_json) -> None:
    _, report = check_json(EXAMPLE)
    assert [f for f in report["findings"] if f["rule"] in ("SMS007", "SMS012")] == []
