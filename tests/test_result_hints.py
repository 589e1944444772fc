"""A measured result written as a spreadsheet shows it gets the form to write (persona review,
issue 16): the period's form in words with its reading, a value without its unit."""

from __future__ import annotations

import pytest

OBJECTIVES = """\
id: OBJ-001
kind: objectives
title: Objectives
owner: sms-manager
status: draft
objectives:
  - id: OBJ-1
    statement: Resolve incidents within target
    metric: Share of P1 incidents resolved within 4 hours
    target: 95
    unit: percent
    comparator: ">="
    owner: sms-manager
    due: 2027-12-31
    frequency: monthly
    results:
      - period: {period}
        value: {value}
"""


def _messages(write, tmp_path, check_json, period: str, value: str) -> list[str]:
    write("objectives.yaml", OBJECTIVES.format(period=period, value=value))
    _, report = check_json(tmp_path)
    return [f["message"] for f in report["findings"] if f["rule"] == "SMS001"]


@pytest.mark.parametrize(
    ("period", "reading"),
    [
        ("03/2027", "; write 2027-03"),
        ("March 2027", "; write 2027-03"),
        ("2027/3", "; write 2027-03"),
        ("Q1 2027", "; write 2027-Q1"),
        ("2027 q2", "; write 2027-Q2"),
        ("31/03/2027", "; write 2027-03-31"),
        ("last month", ""),
    ],
)
def test_a_period_written_another_way_gets_the_form_and_its_reading(
    write, tmp_path, check_json, period: str, reading: str
) -> None:
    [message] = _messages(write, tmp_path, check_json, f'"{period}"', "96")
    assert message.startswith(
        "objectives (OBJ-1).results (1st item).period must be written YYYY-MM (a month), "
        f'YYYY-Qn (a quarter) or YYYY-MM-DD (a day) (got "{period}"{reading})'
    ), message


@pytest.mark.parametrize(
    ("value", "number"), [('"83%"', "83"), ('"4 hours"', "4"), ('"83,5 %"', "83.5")]
)
def test_a_value_written_with_its_unit_gets_the_number_alone(
    write, tmp_path, check_json, value: str, number: str
) -> None:
    [message] = _messages(write, tmp_path, check_json, "2027-03", value)
    assert f"; write the number alone: {number}" in message, message
