"""Schema validation per kind: positive and negative fixture folders.

Each invalid fixture starts with ``# expect: LINE FIELDPATH`` comments naming exactly the schema
violations it holds; the test checks the set of SMS001 findings matches them one for one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, quiet_config

VALID = sorted((FIXTURES / "kinds" / "valid").iterdir())
INVALID = sorted((FIXTURES / "kinds" / "invalid").iterdir())
_EXPECT = re.compile(r"# expect: (\d+) (.+?)[ \t]*$", re.M)


def schema_findings(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] == "SMS001"]


@pytest.mark.parametrize("fixture", VALID, ids=lambda p: p.name)
def test_valid_fixture_has_no_schema_finding(fixture: Path, tmp_path: Path, check_json) -> None:
    shutil.copy(fixture, tmp_path / fixture.name)
    _, report = check_json(tmp_path)
    assert schema_findings(report) == []
    assert [f for f in report["findings"] if f["rule"].startswith("SMS1")] == []


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_reports_each_violation_at_its_line(
    fixture: Path, tmp_path: Path, check_json
) -> None:
    expected = sorted((int(m.group(1)), m.group(2)) for m in _EXPECT.finditer(fixture.read_text()))
    assert expected, f"{fixture.name} has no '# expect:' lines"
    shutil.copy(fixture, tmp_path / fixture.name)
    # The schema alone: with the clause rules on, their findings absorb some of these
    # (tests/test_folding.py).
    (tmp_path / ".sms-lint.yaml").write_text(quiet_config("SMS001"))
    code, report = check_json(tmp_path)
    found = schema_findings(report)
    assert code == 1
    assert len(found) == len(expected), [(f["line"], f["message"]) for f in found]
    for line, field in expected:
        assert any(f["line"] == line and _names(f["message"], field) for f in found), (
            f"no finding at line {line} about {field}: {[(f['line'], f['message']) for f in found]}"
        )


def _names(message: str, field: str) -> bool:
    """Whether the message is about ``field`` (``actions (A1).owner``), written out or, for a
    missing field, as ``actions (A1) has no owner``."""
    if re.search(rf"(^|\s){re.escape(field)}(\s|$)", message):
        return True
    item, _, name = field.rpartition(".")
    lacking = rf"(^|\s){re.escape(item)} has no ([\w, ]+ or )?{re.escape(name)}\b"
    return bool(item) and re.search(lacking, message) is not None


def test_schema_finding_carries_the_clause_of_the_kind(write, tmp_path: Path, check_json) -> None:
    write(
        "objectives.yaml",
        """
        id: OBJ-1
        kind: objectives
        title: Objectives
        owner: sms-manager
        status: draft
        objectives:
          - id: O1
            statement: Resolve 95 percent of incidents within 8 hours
            metric: resolved_in_8h
            target: high
            unit: percent
            comparator: ">="
            due: 2027-06-30
            owner: incident-manager
            frequency: monthly
        """,
    )
    write(
        "supplier.yaml",
        """
        id: SUP-1
        kind: supplier
        title: Data centre
        status: draft
        supplier_name: DC Ltd
        supports: [SVC-1]
        contract_ref: C-1
        contract_end: 2028-01-01
        targets: [{metric: availability, target: 99.9, unit: percent, comparator: ">="}]
        last_performance_review: 2026-06-01
        """,
    )
    write(".sms-lint.yaml", quiet_config("SMS001"))  # the schema alone (SMS007 would fold it)
    _, report = check_json(tmp_path)
    by_path = {f["path"]: f for f in schema_findings(report)}
    objective = by_path["objectives.yaml"]
    assert (objective["line"], objective["clause"]) == (10, "6.2")
    assert objective["message"] == 'objectives (O1).target must be a number (got "high")'
    supplier = by_path["supplier.yaml"]
    assert supplier["message"] == "owner is missing: add it"
    assert supplier["clause"] == "7.5.2"  # a header field: document control


def test_typo_in_field_name_suggests_the_real_one(write, tmp_path: Path, check_json) -> None:
    write(
        "proc.md",
        """
        ---
        id: PROC-1
        kind: procedure
        title: Document control
        owner: sms-manager
        status: draft
        last_reviewd: 2026-01-01
        ---
        # Document control
        """,
    )
    _, report = check_json(tmp_path)
    [finding] = schema_findings(report)
    assert finding["line"] == 7
    assert finding["message"] == "unknown field last_reviewd (did you mean 'last_reviewed'?)"


def test_every_kind_of_the_model_has_a_schema() -> None:
    from sms_lint.config.pack import load_framework
    from sms_lint.resources import data_dir

    names = {p.stem for p in data_dir("schemas").glob("*.json")}
    assert set(load_framework().kinds) <= names


def test_no_message_names_an_item_by_a_zero_based_index(tmp_path: Path, check_json) -> None:
    """Issue 14, point 2: items by their id, metric or name, else a 1-based ordinal."""
    for fixture in INVALID:
        shutil.copy(fixture, tmp_path / fixture.name)
    (tmp_path / "unnamed.yaml").write_text(
        "id: OBJ-SET\nkind: objectives\ntitle: t\nowner: o\nstatus: draft\n"
        "objectives: [{statement: s}, {statement: s, target: high}]\n",
        encoding="utf-8",
    )
    _, report = check_json(tmp_path)
    messages = [f["message"] for f in report["findings"]]
    assert not [m for m in messages if re.search(r"\w\[\d+\]", m)]
    assert any("objectives (2nd item)" in m for m in messages), messages


@pytest.mark.parametrize(
    ("number", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                         (12, "12th"), (13, "13th"), (21, "21st"), (112, "112th")]
)  # fmt: skip
def test_ordinals(number: int, text: str) -> None:
    from sms_lint.words import ordinal

    assert ordinal(number) == text
