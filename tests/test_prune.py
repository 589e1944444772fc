"""Rules see only schema-valid values: what the schema rejects reads as absent to them, while
SMS001 reports it and positions stay those of the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, found

from sms_lint.config.file import Config
from sms_lint.parse.documents import parse_document
from sms_lint.pipeline.engine import build_setup
from sms_lint.pipeline.filestage import check_document
from sms_lint.schema.prune import pruned

HEADER = (
    "id: RISK-REG\nkind: risk-register\ntitle: Risks\nowner: sms-manager\nstatus: approved\n"
    'version: "1.0"\napproved_by: sms-manager\napproved_on: 2026-01-10\n'
    "last_reviewed: 2026-10-01\n"
)
RISK = (
    "risks:\n  - id: R-1\n    description: Outage\n    likelihood: 2\n    impact: 3\n"
    "    owner: sms-manager\n    treatment: {treatment}\n    review_by: 2027-01-01\n"
)


def outcome(text: str):
    return check_document(parse_document("r.yaml", text.encode()), build_setup(Config()))


def test_values_the_schema_rejects_are_pruned_and_reported() -> None:
    text = HEADER + "clauses: 8.5\nreview_interval_months: 96000\nx-note: kept\nfoo: 1\n"
    result = outcome(text + RISK.format(treatment="[mitigate]"))
    data = result.artifact.data
    for gone in ("clauses", "review_interval_months", "foo"):
        assert gone not in data
    assert data["x-note"] == "kept" and data["title"] == "Risks"
    assert "treatment" not in data["risks"][0] and data["risks"][0]["id"] == "R-1"
    lines = sorted(f.line for f in result.findings if f.rule == "SMS001")
    assert lines == [10, 11, 13, 20]  # each at the line of its own field


def test_a_container_missing_a_key_stays_and_a_wrong_item_keeps_its_place() -> None:
    text = HEADER + "related: [CTX-001, 5, PLAN-SMS]\n" + RISK.format(treatment="mitigate")
    text = text.replace("    impact: 3\n", "")  # required: the risk entry stays all the same
    result = outcome(text)
    data = result.artifact.data
    assert data["related"] == ["CTX-001", None, "PLAN-SMS"]  # indexes keep pointing right
    assert data["risks"][0]["treatment"] == "mitigate"
    assert result.document.position(("related", 2))[0] == 10


def test_the_document_positions_and_original_data_are_untouched() -> None:
    document = parse_document("r.yaml", (HEADER + "clauses: [8.5, true]\n").encode())
    original = document.data
    snapshot = repr(original)
    result = check_document(document, build_setup(Config()))
    assert repr(original) == snapshot
    assert result.artifact.data["clauses"] == [8.5, None]
    assert result.document.positions == document.positions


def test_pruning_copies_only_the_way_to_a_pruned_value() -> None:
    shared = {"a": [1, 2]}
    data = {"keep": shared, "list": [{"x": 1, "y": 2}]}
    out = pruned(data, {("list", 0, "x")})
    assert out == {"keep": shared, "list": [{"y": 2}]}
    assert out["keep"] is shared and data["list"][0] == {"x": 1, "y": 2}
    assert pruned(data, set()) is data
    # An ancestor and its descendant: the ancestor goes, the descendant with it.
    assert pruned(data, {("list",), ("list", 0, "x")}) == {"keep": shared}


def test_a_wrong_value_a_rule_needs_is_one_finding_saying_what_is_wrong(
    write, tmp_path: Path, check_json
) -> None:
    # The rule reads the pruned value as absent; the schema's finding about it folds into the
    # rule's (one defect, one finding) and says what is wrong, not "add it".
    write("r.yaml", HEADER.replace("approved_by: sms-manager", "approved_by: [5]") + "clauses: 5\n")
    write(".sms-lint.yaml", "rules:\n  SMS016: {enabled: false}\n")
    code, report = check_json(tmp_path)
    assert code == 1
    assert [(f[1], f[4]) for f in found(report, "SMS004")] == [
        (7, "approved_by must be text (got a list)")
    ]
    assert sorted(f[4] for f in found(report, "SMS001")) == [
        "clauses must be a list (got 5)",
        "risks is missing: add it",
    ]
    assert not found(report, "SMS199")


def test_a_review_date_near_the_end_of_the_calendar_is_no_overflow(
    write, tmp_path: Path, check_json
) -> None:
    write("r.yaml", HEADER.replace("last_reviewed: 2026-10-01", "last_reviewed: 9999-06-01"))
    _, report = check_json(tmp_path)
    assert found(report, "SMS006")[0][4].startswith("last_reviewed 9999-06-01 is after today")
    assert not found(report, "SMS005") and not found(report, "SMS199")
    assert TODAY in found(report, "SMS006")[0][4]


@pytest.mark.parametrize("value", ["0", "121", "96000", str(10**21), "true", "1.5", "[12]"])
def test_a_config_review_interval_out_of_bounds_is_exit_2(write, tmp_path, invoke, value) -> None:
    write(".sms-lint.yaml", f"review_interval_months: {value}\n")
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    assert "'review_interval_months' must be a whole number from 1 to 120" in result.stderr
