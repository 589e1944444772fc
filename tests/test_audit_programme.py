"""The audit programme looks ahead (issue 15, point 6): planned audits (`status: draft`, a
future `date`) count for SMS022 within the audit cycle, are no future-dated record for SMS006
and no held audit for SMS013; a whole clause ("8") is too coarse when no audit samples a
sub-clause's process owner; live services no audit lists are an observation; a draft audit or
review dated in the past is SMS035's observation."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditor_repos import AUDIT_ROLES, KPI, audit, header, markdown, review
from conftest import EXAMPLE, located, quiet_config
from sms_texts import roles_artifact

ROLES = roles_artifact(*AUDIT_ROLES)
TO_9 = ["4", "5", "6", "7", "8", "9"]
TENS = "10.1 Nonconformity and corrective action and 10.2 Continual improvement"


def check(write, tmp_path: Path, check_json, files: dict, *rules: str, extra: str = ""):
    write(".sms-lint.yaml", quiet_config("SMS001", *rules) + extra)
    for relative, content in {"roles.yaml": ROLES, **files}.items():
        write(relative, content)
    _, report = check_json(tmp_path)
    return report


def process(process_id: str, value: str, owner: str) -> str:
    return (
        f"id: {process_id}\nkind: process\ntitle: {process_id}\nowner: {owner}\n"
        f"status: draft\nprocess: {value}\nkpis:\n{KPI}"
    )


def service(service_id: str, status: str = "live") -> str:
    return header(service_id, "service") + (
        f"name: {service_id}\ndescription: A service\nservice_status: {status}\n"
        f"customers: [Kestrel]\nsla: SLA-{service_id}\n"
    )


# SMS022 over the audit cycle


def test_a_clause_only_a_planned_audit_covers_is_no_finding(write, tmp_path, check_json):
    files = {
        "a.yaml": audit("AUD-1", "2026-01-13", scope=["4", "5", "6", "7"]),
        "p.yaml": audit("AUD-P", "2027-06-01", scope=["8", "9", "10"]),
    }
    report = check(write, tmp_path, check_json, files, "SMS022", "SMS013", "SMS006")
    assert located(report, "SMS022", "SMS013", "SMS006") == []


def test_a_plan_after_the_cycle_ends_leaves_the_gap(write, tmp_path, check_json) -> None:
    files = {
        "a.yaml": audit("AUD-1", "2026-01-13", scope=TO_9),
        "p.yaml": audit("AUD-LATE", "2029-03-01", scope=["10"]),
    }
    report = check(write, tmp_path, check_json, files, "SMS022")
    assert located(report, "SMS022") == [
        (
            "a.yaml:10",  # no audit is planned in the cycle: the latest held audit's scope
            "SMS022",
            "9.2",
            "minor",
            "the internal audits of the audit cycle from 2026-01-13 to 2029-01-13 (36 months "
            "from the first internal audit, intervals.audit_cycle_months), 'AUD-1' held and "
            f"none planned, do not cover {TENS}: include them in the scope_clauses of an "
            "internal audit planned by 2029-01-13 ('AUD-LATE', planned for 2029-03-01, comes "
            "after the cycle ends)",
        )
    ]


@pytest.mark.parametrize("md", [False, True])
def test_a_young_programme_is_fixed_at_its_next_planned_audit(write, tmp_path, check_json, md):
    ext = "md" if md else "yaml"
    files = {
        f"a.{ext}": audit("AUD-1", "2026-01-13", scope=["4", "5", "6", "7"]),
        f"p.{ext}": audit("AUD-P", "2027-03-01", scope=["8", "9"]),
    }
    files = {name: markdown(text) if md else text for name, text in files.items()}
    report = check(write, tmp_path, check_json, files, "SMS022")
    assert located(report, "SMS022") == [
        (
            f"p.{ext}:{11 if md else 10}",  # the scope_clauses of the planned audit
            "SMS022",
            "9.2",
            "minor",
            "the internal audits of the audit cycle from 2026-01-13 to 2029-01-13 (36 months "
            "from the first internal audit, intervals.audit_cycle_months), 'AUD-1' held and "
            f"'AUD-P' planned, do not cover {TENS}: include them in the scope_clauses of an "
            "internal audit planned by 2029-01-13",
        )
    ]


def test_a_rolling_cycle_counts_no_plan(write, tmp_path, check_json) -> None:
    # Audited since 2023: the cycle is the last 36 months, and 10 went unaudited in them.
    files = {
        "a.yaml": audit("AUD-OLD", "2023-06-01"),
        "b.yaml": audit("AUD-2", "2026-05-13", scope=TO_9),
        "p.yaml": audit("AUD-P", "2026-12-10", scope=["10"]),
    }
    report = check(write, tmp_path, check_json, files, "SMS022")
    assert located(report, "SMS022") == [
        (
            "b.yaml:10",
            "SMS022",
            "9.2",
            "minor",
            "the internal audits of the last 36 months (the audit cycle, "
            f"intervals.audit_cycle_months) ('AUD-2') did not audit {TENS}: 'AUD-P', planned "
            "for 2026-12-10, includes them: hold it as planned",
        )
    ]


def test_a_rolling_gap_no_plan_covers_asks_for_one(write, tmp_path, check_json) -> None:
    """The advice names the planned audit only when it really includes what was missed."""
    files = {
        "a.yaml": audit("AUD-OLD", "2023-06-01"),
        "b.yaml": audit("AUD-2", "2026-05-13", scope=TO_9),
        "p.yaml": audit("AUD-P", "2026-12-10", scope=["8"]),
    }
    report = check(write, tmp_path, check_json, files, "SMS022")
    [(_, _, _, _, message)] = located(report, "SMS022")
    assert message.endswith(": include them in the scope_clauses of the next internal audit")


def test_the_cycle_length_comes_from_the_config(write, tmp_path, check_json) -> None:
    files = {
        "a.yaml": audit("AUD-1", "2025-06-01"),
        "b.yaml": audit("AUD-2", "2026-05-13", scope=TO_9),
    }
    extra = "intervals: {audit_cycle_months: 12}\n"
    report = check(write, tmp_path, check_json, files, "SMS022", extra=extra)
    [(where, _, _, severity, message)] = located(report, "SMS022")
    assert (where, severity) == ("b.yaml:10", "minor")
    assert message.startswith("the internal audits of the last 12 months (the audit cycle, ")


def test_a_programme_of_plans_only_is_judged_from_today(write, tmp_path, check_json) -> None:
    files = {"p.yaml": audit("AUD-P", "2027-03-01", scope=TO_9)}
    report = check(write, tmp_path, check_json, files, "SMS022", "SMS013")
    assert located(report, "SMS022") == [
        (
            "p.yaml:10",
            "SMS022",
            "9.2",
            "minor",
            "the internal audits of the audit cycle from 2026-11-22 to 2029-11-22 (36 months "
            "from today, intervals.audit_cycle_months), none held yet and 'AUD-P' planned, do "
            f"not cover {TENS}: include them in the scope_clauses of an internal audit "
            "planned by 2029-11-22",
        )
    ]
    # Not held: SMS013 still reports that no internal audit took place, naming the plan.
    [(_, _, _, severity, message)] = located(report, "SMS013")
    assert severity == "major" and "('AUD-P' is planned for 2027-03-01)" in message


# Whole clauses too coarse for the process owners they stand for


PROCESSES = {
    "prc-chg.yaml": process("PRC-CHG", "change", "change-manager"),
    "prc-inc.yaml": process("PRC-INC", "incident", "incident-manager"),
    "prc-req.yaml": process("PRC-REQ", "service-request", "service-desk-manager"),
}


@pytest.mark.parametrize("md", [False, True])
def test_a_whole_clause_is_too_coarse_when_no_owner_was_sampled(write, tmp_path, check_json, md):
    name = "aud.md" if md else "aud.yaml"
    text = audit("AUD-1", "2026-05-13", auditees=["change-manager"])  # scope 4 to 10
    files = {**PROCESSES, name: markdown(text) if md else text}
    report = check(write, tmp_path, check_json, files, "SMS022")
    assert located(report, "SMS022") == [
        (
            f"{name}:{11 if md else 10}",  # at "8" in scope_clauses
            "SMS022",
            "9.2",
            "observation",
            "scope_clauses '8' of 'AUD-1' is too coarse to evidence 8.6.1 Incident "
            "management and 8.6.2 Service request management: no internal audit of the audit "
            "cycle (2026-05-13 to 2029-05-13) that covers them samples the owners of their "
            "processes ('incident-manager' for 'PRC-INC' and 'service-desk-manager' for "
            "'PRC-REQ') among its auditee_roles; add those roles to the auditee_roles of an "
            "audit that covers them (a planned audit counts)",
        )
    ]


def test_a_planned_audit_of_the_owner_or_a_named_sub_clause_is_enough(
    write, tmp_path, check_json
) -> None:
    files = {
        **PROCESSES,
        "a.yaml": audit("AUD-1", "2026-05-13", auditees=["change-manager"]),
        # The planned audit samples the incident manager; 8.6.2 is named, taken at its word.
        "p.yaml": audit("AUD-P", "2027-05-10", auditees=["incident-manager"], scope=["8.6"]),
        "q.yaml": audit("AUD-Q", "2027-09-10", auditees=["sms-manager"], scope=["8.6.2"]),
    }
    report = check(write, tmp_path, check_json, files, "SMS022")
    assert located(report, "SMS022") == []


# Services the audits sample


def test_live_services_no_audit_lists_are_one_observation(write, tmp_path, check_json):
    files = {
        "svc-a.yaml": service("SVC-A"),
        "svc-b.yaml": service("SVC-B"),
        "svc-c.yaml": service("SVC-C", "pipeline"),
        "a.yaml": audit("AUD-1", "2026-05-13") + "services: [SVC-A]\n",
    }
    report = check(write, tmp_path, check_json, files, "SMS022")
    assert located(report, "SMS022") == [
        (
            "a.yaml:12",  # its services
            "SMS022",
            "9.2",
            "observation",
            "no internal audit of the audit cycle (2026-05-13 to 2029-05-13) lists the live "
            "service 'SVC-B' in its services, so the programme shows no sample of its "
            "delivery: add it to the services of an internal audit of the cycle (a planned "
            "audit counts)",
        )
    ]


def test_services_are_not_asked_for_when_no_audit_lists_any(write, tmp_path, check_json):
    files = {"svc-a.yaml": service("SVC-A"), "a.yaml": audit("AUD-1", "2026-05-13")}
    report = check(write, tmp_path, check_json, files, "SMS022")
    assert located(report, "SMS022") == []


# SMS006: a plan is no future-dated record


@pytest.mark.parametrize(
    ("status", "expected"),
    [("draft", None), ("approved", "minor"), ("retired", "observation")],
)
def test_only_a_draft_audit_may_carry_a_future_date(write, tmp_path, check_json, status, expected):
    files = {"p.yaml": audit("AUD-P", "2027-03-01", status=status)}
    report = check(write, tmp_path, check_json, files, "SMS006")
    if expected is None:
        assert located(report, "SMS006") == []
        return
    assert located(report, "SMS006") == [
        (
            "p.yaml:7",
            "SMS006",
            "7.5.2",
            expected,
            "date 2027-03-01 is after today (2026-11-22): the audit cannot have happened yet; "
            "write the date it took place, or leave date out until then (a planned audit is "
            "kept as status: draft)",
        )
    ]


def test_a_planned_management_review_is_no_future_dated_record(write, tmp_path, check_json):
    files = {"mr.yaml": review("MR-P", "2027-01-20")}
    report = check(write, tmp_path, check_json, files, "SMS006")
    assert located(report, "SMS006") == []


# SMS035: a draft dated in the past


@pytest.mark.parametrize("md", [False, True])
def test_a_draft_audit_dated_in_the_past_is_an_observation(write, tmp_path, check_json, md):
    name = "aud.md" if md else "aud.yaml"
    text = audit("AUD-1", "2026-10-20")
    files = {name: markdown(text) if md else text}
    files["held.yaml"] = audit("AUD-0", "2026-03-02", status="approved")
    report = check(write, tmp_path, check_json, files, "SMS035")
    assert located(report, "SMS035") == [
        (
            f"{name}:{6 if md else 5}",  # its status
            "SMS035",
            "9.2",
            "observation",
            "audit 'AUD-1' is dated 2026-10-20 but is still a draft: if it took place, "
            "complete its report and approve it (status: approved, with approved_by and "
            "approved_on); if it did not, move its date to when it is planned",
        )
    ]


@pytest.mark.parametrize("md", [False, True])
def test_a_past_draft_that_is_the_only_audit_of_the_interval_is_minor(
    write, tmp_path, check_json, md
):
    # An untouched planned audit whose date passed would otherwise stand in for the audit of
    # the year: nothing approved shows an audit was held, so the lapse is graded minor.
    name = "aud.md" if md else "aud.yaml"
    text = audit("AUD-1", "2026-10-20")
    files = {name: markdown(text) if md else text}
    files["old.yaml"] = audit("AUD-0", "2025-06-02", status="approved")  # outside 12 months
    report = check(write, tmp_path, check_json, files, "SMS035")
    assert located(report, "SMS035") == [
        (
            f"{name}:{6 if md else 5}",
            "SMS035",
            "9.2",
            "minor",
            "audit 'AUD-1' is dated 2026-10-20 but is still a draft: if it took place, "
            "complete its report and approve it (status: approved, with approved_by and "
            "approved_on); if it did not, move its date to when it is planned; no approved "
            "report lies within the planned interval of 12 months "
            "(intervals.internal_audit_months)",
        )
    ]


def test_a_draft_review_dated_in_the_past_is_an_observation(write, tmp_path, check_json):
    files = {
        "mr.yaml": review("MR-1", "2026-10-20"),
        "held.yaml": review("MR-0", "2026-04-20", status="approved"),
    }
    report = check(write, tmp_path, check_json, files, "SMS035")
    [(where, rule, clause, severity, message)] = located(report, "SMS035")
    assert (where, rule, clause, severity) == ("mr.yaml:5", "SMS035", "9.3", "observation")
    assert message.startswith("management review 'MR-1' is dated 2026-10-20 but is still a draft")
    assert "complete its minutes and approve it" in message


def test_an_approved_record_or_a_draft_dated_today_is_not_unfinished(
    write, tmp_path, check_json
) -> None:
    files = {
        "a.yaml": audit("AUD-1", "2026-10-20", status="approved"),
        "b.yaml": audit("AUD-2", "2026-11-22"),  # being held today
        "p.yaml": audit("AUD-P", "2027-03-01"),  # planned
    }
    report = check(write, tmp_path, check_json, files, "SMS035")
    assert located(report, "SMS035") == []


def test_example_programme_is_clean_and_plans_2027(check_json) -> None:
    _, report = check_json(EXAMPLE, "--today", "2026-12-02")
    assert located(report, "SMS006", "SMS013", "SMS022", "SMS035") == []
    planned = EXAMPLE / "audits" / "aud-2027-01.md"
    assert "status: draft" in planned.read_text() and "date: 2027-05-12" in planned.read_text()
