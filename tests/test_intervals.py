"""Planned intervals (issue 15, point 6): `intervals:` in .sms-lint.yaml decides how often
internal audits (SMS013), management reviews (SMS014) and supplier performance reviews
(SMS011) are due, and every message names the key that sets the interval."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditor_repos import AUDIT_ROLES, TARGET, audit, header, markdown, review
from conftest import located, quiet_config
from sms_texts import roles_artifact

from sms_lint.config.pack import load_framework

ROLES = roles_artifact(*AUDIT_ROLES)


def check(write, tmp_path: Path, check_json, files: dict, rules: tuple, intervals: str = ""):
    """Only ``rules`` (and the schema rule) enabled; ``intervals`` is the config's mapping."""
    extra = f"intervals: {intervals}\n" if intervals else ""
    write(".sms-lint.yaml", quiet_config("SMS001", *rules) + extra)
    for relative, content in {"roles.yaml": ROLES, **files}.items():
        write(relative, content)
    _, report = check_json(tmp_path)
    return report


def as_file(fields: str, markdown_file: bool) -> str:
    """The fields as YAML, or as Markdown front matter (every line one down)."""
    return markdown(fields) if markdown_file else fields


# SMS013: intervals.internal_audit_months


@pytest.mark.parametrize("md", [False, True])
def test_a_shorter_audit_interval_makes_a_recent_audit_late(write, tmp_path, check_json, md):
    name = "aud.md" if md else "aud.yaml"
    files = {name: as_file(audit("AUD-1", "2026-04-01", status="approved"), md)}
    report = check(write, tmp_path, check_json, files, ("SMS013",), "{internal_audit_months: 6}")
    assert located(report, "SMS013") == [
        (
            f"{name}:{8 if md else 7}",  # the audit's date
            "SMS013",
            "9.2",
            "minor",  # late by less than one more interval
            "the latest internal audit, 'AUD-1', was held on 2026-04-01, more than the planned "
            "interval of 6 months (intervals.internal_audit_months) before 2026-11-22: hold "
            "the next internal audit and record it (kind: audit, audit_type: internal)",
        )
    ]


def test_the_default_audit_interval_is_twelve_months(write, tmp_path, check_json) -> None:
    files = {"aud.yaml": audit("AUD-1", "2026-04-01", status="approved")}
    report = check(write, tmp_path, check_json, files, ("SMS013",))
    assert located(report, "SMS013") == []


def test_a_longer_audit_interval_accepts_an_older_audit(write, tmp_path, check_json) -> None:
    files = {"aud.yaml": audit("AUD-1", "2025-06-12", status="approved")}
    report = check(write, tmp_path, check_json, files, ("SMS013",), "{internal_audit_months: 18}")
    assert located(report, "SMS013") == []


def test_a_missing_audit_names_the_configured_interval(write, tmp_path, check_json) -> None:
    report = check(write, tmp_path, check_json, {}, ("SMS013",), "{internal_audit_months: 9}")
    assert located(report, "SMS013") == [
        (
            "None:None",
            "SMS013",
            "9.2",
            "major",
            "no internal audit has been held: an internal audit is due within the planned "
            "interval of 9 months (intervals.internal_audit_months); hold one and record it "
            "(kind: audit, audit_type: internal)",
        )
    ]


# SMS014: intervals.management_review_months


@pytest.mark.parametrize("md", [False, True])
def test_a_shorter_review_interval_makes_a_recent_review_late(write, tmp_path, check_json, md):
    name = "mr.md" if md else "mr.yaml"
    files = {name: as_file(review("MR-1", "2026-04-21", status="approved"), md)}
    report = check(write, tmp_path, check_json, files, ("SMS014",), "{management_review_months: 6}")
    assert located(report, "SMS014") == [
        (
            f"{name}:{7 if md else 6}",
            "SMS014",
            "9.3",
            "minor",
            "the latest management review, 'MR-1', was held on 2026-04-21, more than the "
            "planned interval of 6 months (intervals.management_review_months) before "
            "2026-11-22: hold the next management review and record it (kind: "
            "management-review)",
        )
    ]


def test_the_review_interval_also_bounds_which_reviews_are_judged(write, tmp_path, check_json):
    # With 24 months, a review of 2025-06 is recent: its missing top management is judged.
    text = review("MR-1", "2025-06-10", attendees=["sms-manager"], status="approved")
    report = check(
        write,
        tmp_path,
        check_json,
        {"mr.yaml": text},
        ("SMS014",),
        "{management_review_months: 24}",
    )
    [(where, rule, clause, _, message)] = located(report, "SMS014")
    assert (where, rule, clause) == ("mr.yaml:7", "SMS014", "9.3")  # at attendees
    assert "managing-director" in message


# SMS011: intervals.supplier_review_months


def supplier(reviewed: str) -> str:
    """A supplier; last_performance_review on line 16 (YAML)."""
    return header("SUP-PENNINE", "supplier") + (
        "supplier_name: Pennine Fibre\nsupports: [SVC-PAY]\ncontract_ref: PFN-1\n"
        f"contract_end: 2028-03-31\ntargets:\n{TARGET}last_performance_review: {reviewed}\n"
    )


@pytest.mark.parametrize("md", [False, True])
def test_a_shorter_supplier_interval_makes_a_review_overdue(write, tmp_path, check_json, md):
    name = "sup.md" if md else "sup.yaml"
    files = {name: as_file(supplier("2026-03-01"), md)}
    report = check(write, tmp_path, check_json, files, ("SMS011",), "{supplier_review_months: 6}")
    assert located(report, "SMS011") == [
        (
            f"{name}:{17 if md else 16}",
            "SMS011",
            "8.3.4",
            "minor",
            "the performance of 'Pennine Fibre' (SUP-PENNINE) was last reviewed on 2026-03-01, "
            "more than the planned interval of 6 months (intervals.supplier_review_months) "
            "ago: review it against the contract's targets and set last_performance_review to "
            "the date of that review",
        )
    ]


def test_a_longer_supplier_interval_accepts_an_older_review(write, tmp_path, check_json):
    files = {"sup.yaml": supplier("2025-06-01")}
    report = check(write, tmp_path, check_json, files, ("SMS011",), "{supplier_review_months: 24}")
    assert located(report, "SMS011") == []


# The pack: the config decides, the rules carry no interval of their own.


def test_interval_rules_take_no_params_and_explain_names_the_config_key(invoke) -> None:
    rules = {r.id: r for r in load_framework().rules}
    for rule_id in ("SMS011", "SMS013", "SMS014", "SMS022"):
        assert dict(rules[rule_id].params) == {}, rule_id
    for rule_id, key in (
        ("SMS011", "intervals.supplier_review_months"),
        ("SMS013", "intervals.internal_audit_months"),
        ("SMS014", "intervals.management_review_months"),
        ("SMS022", "intervals.audit_cycle_months"),
    ):
        result = invoke("explain", rule_id)
        assert result.exit_code == 0
        assert key in " ".join(result.output.split()), rule_id
