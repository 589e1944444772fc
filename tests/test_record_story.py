"""Records that tell a possible story (issue 21, item 3): SMS046 nonconformity dates, SMS047
audit findings and sources agree, SMS048 review actions due after the review, SMS049
objectives not due before their document's approval. Today is pinned to 2026-11-22."""

from __future__ import annotations

from pathlib import Path

from auditor_repos import AUDIT_ROLES, audit, header, objective, only, review
from conftest import EXAMPLE, located
from sms_texts import roles_artifact

RULES = ("SMS001", "SMS006", "SMS018", "SMS033", "SMS046", "SMS047", "SMS048", "SMS049")


def nc(
    nc_id: str,
    raised: str = "2026-05-14",
    *,
    source: str | None = None,
    closed: str | None = None,
    verified: str | None = None,
) -> str:
    """A nonconformity: header lines 1-9, raised_on on 10, source (if any) on 11, then the
    rest; closed_on and verified_on last (closed_on right after nc_status)."""
    text = header(nc_id, "nonconformity") + f"raised_on: {raised}\n"
    if source is not None:
        text += f"source: {source}\n"
    text += (
        'clause: "8.5"\ngrade: minor\ndescription: Found.\ncorrection: Contained.\n'
        "root_cause: The runbook had no step for it.\ncorrective_action: Runbook step added.\n"
        "due: 2027-01-31\n"
    )
    if closed is None:
        return text + "nc_status: open\n"
    text += f"nc_status: closed\nclosed_on: {closed}\neffectiveness_verified: true\n"
    if verified is not None:
        text += f"verified_by: sms-manager\nverified_on: {verified}\n"
    return text


def audit_listing(audit_id: str, date: str, *findings: str) -> str:
    """An approved audit (findings on line 11) listing ``findings``."""
    text = audit(audit_id, date, status="approved")
    return text.replace("findings: []\n", f"findings: [{', '.join(findings)}]\n")


def run(write, check_json, tmp_path: Path, files: dict[str, str], *rules: str) -> list[tuple]:
    only(write, "SMS006", "SMS018", "SMS033", *rules)
    write("roles.yaml", roles_artifact(*AUDIT_ROLES))
    for name, text in files.items():
        write(name, text)
    _, report = check_json(tmp_path, "--today", "2026-11-22")
    return located(report, *RULES)


def test_the_example_sms_tells_a_possible_story(check_json) -> None:
    _, report = check_json(EXAMPLE, "--today", "2026-12-01")
    assert located(report, "SMS046", "SMS047", "SMS048", "SMS049") == []


# SMS046 ------------------------------------------------------------------------------------


def test_a_nonconformity_closed_before_it_was_raised_is_found_at_closed_on(
    write, check_json, tmp_path: Path
) -> None:
    files = {"nc.yaml": nc("NC-1", "2026-05-14", closed="2026-04-30", verified="2026-07-01")}
    assert run(write, check_json, tmp_path, files, "SMS046") == [
        (
            "nc.yaml:19",
            "SMS046",
            "10.1",
            "minor",
            "nonconformity 'NC-1' was closed on 2026-04-30 (closed_on), before it was raised on "
            "2026-05-14 (raised_on): a nonconformity can only be closed after it is raised; "
            "correct whichever of the two dates is wrong",
        )
    ]


def test_verified_before_raised_on_an_open_nonconformity_is_found_at_verified_on(
    write, check_json, tmp_path: Path
) -> None:
    text = nc("NC-1", "2026-05-14") + "verified_on: 2026-05-01\n"
    got = run(write, check_json, tmp_path, {"nc.yaml": text}, "SMS046")
    assert [(where, rule) for where, rule, *_ in got] == [("nc.yaml:19", "SMS046")]
    assert "was verified effective on 2026-05-01 (verified_on), before it was raised" in got[0][4]


def test_verified_on_before_closing_is_sms033s_finding_alone(
    write, check_json, tmp_path: Path
) -> None:
    files = {"nc.yaml": nc("NC-1", "2026-05-14", closed="2026-07-10", verified="2026-05-01")}
    got = run(write, check_json, tmp_path, files, "SMS046")
    assert [(where, rule) for where, rule, *_ in got] == [("nc.yaml:22", "SMS033")]


def test_a_date_after_today_is_sms006s_finding_alone(write, check_json, tmp_path: Path) -> None:
    files = {"nc.yaml": nc("NC-1", "2026-12-14", closed="2026-11-01", verified="2026-11-10")}
    got = run(write, check_json, tmp_path, files, "SMS046")
    assert [(where, rule) for where, rule, *_ in got] == [("nc.yaml:10", "SMS006")]


def test_a_nonconformity_raised_before_its_audit_is_found_at_raised_on(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "aud.yaml": audit_listing("AUD-1", "2026-05-13", "NC-1"),
        "nc.yaml": nc("NC-1", "2026-05-04", source="AUD-1"),
    }
    assert run(write, check_json, tmp_path, files, "SMS046") == [
        (
            "nc.yaml:10",
            "SMS046",
            "10.1",
            "minor",
            "nonconformity 'NC-1' was raised on 2026-05-04, before audit 'AUD-1' it came from "
            "(source) took place on 2026-05-13: an audit raises its nonconformities on or after "
            "its date; correct raised_on, or source if another audit raised it",
        )
    ]


def test_with_no_source_the_one_audit_listing_it_is_where_it_came_from(
    write, check_json, tmp_path: Path
) -> None:
    text = nc("NC-1", "2026-05-04")
    files = {"aud.yaml": audit_listing("AUD-1", "2026-05-13", "NC-1"), "nc.yaml": text}
    assert run(write, check_json, tmp_path, files, "SMS046") == [
        (
            "nc.yaml:10",
            "SMS046",
            "10.1",
            "minor",
            "nonconformity 'NC-1' was raised on 2026-05-04, before audit 'AUD-1' whose findings "
            "list it took place on 2026-05-13: an audit raises its nonconformities on or after "
            "its date; correct raised_on, or the findings of 'AUD-1' if another audit raised it",
        )
    ]


def test_with_no_source_two_audits_listing_it_are_not_guessed_between(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "aud1.yaml": audit_listing("AUD-1", "2026-05-13", "NC-1"),
        "aud2.yaml": audit_listing("AUD-2", "2026-03-02", "NC-1"),
        "nc.yaml": nc("NC-1", "2026-05-04"),
    }
    got = run(write, check_json, tmp_path, files, "SMS046")
    assert [rule for _, rule, *_ in got if rule == "SMS046"] == []


def test_a_draft_audit_report_is_not_held_against_raised_on(
    write, check_json, tmp_path: Path
) -> None:
    """A draft report's date may be only planned: SMS046 compares approved audits alone."""
    files = {
        "aud.yaml": audit_listing("AUD-1", "2026-05-13", "NC-1").replace(
            "status: approved", "status: draft"
        ),
        "nc.yaml": nc("NC-1", "2026-05-04", source="AUD-1"),
    }
    got = run(write, check_json, tmp_path, files, "SMS046")
    assert [rule for _, rule, *_ in got if rule == "SMS046"] == []


def test_raised_before_an_audit_that_does_not_list_it_is_sms047s_finding_alone(
    write, check_json, tmp_path: Path
) -> None:
    """The source itself is in doubt: one finding, at source, not a second at raised_on."""
    files = {
        "aud.yaml": audit_listing("AUD-1", "2026-05-13"),
        "nc.yaml": nc("NC-1", "2026-05-04", source="AUD-1"),
    }
    got = run(write, check_json, tmp_path, files, "SMS046", "SMS047")
    assert [(where, rule) for where, rule, *_ in got] == [("nc.yaml:11", "SMS047")]


def test_dates_in_order_and_raised_on_the_audit_day_pass(write, check_json, tmp_path: Path) -> None:
    files = {
        "aud.yaml": audit_listing("AUD-1", "2026-05-13", "NC-1"),
        "nc.yaml": nc(
            "NC-1", "2026-05-13", source="AUD-1", closed="2026-07-10", verified="2026-09-15"
        ),
    }
    assert run(write, check_json, tmp_path, files, "SMS046") == []


# SMS047 ------------------------------------------------------------------------------------


def test_a_source_whose_audit_does_not_list_the_nonconformity_is_found_at_source(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "aud.yaml": audit_listing("AUD-1", "2026-05-13"),
        "nc.yaml": nc("NC-1", source="AUD-1"),
    }
    assert run(write, check_json, tmp_path, files, "SMS047") == [
        (
            "nc.yaml:11",
            "SMS047",
            "9.2",
            "minor",
            "nonconformity 'NC-1' names audit 'AUD-1' as its source, but the findings of "
            "'AUD-1' do not list it: add 'NC-1' to its findings, or correct source if another "
            "audit raised it",
        )
    ]


def test_a_finding_whose_nonconformity_names_another_audit_is_found_once_at_the_finding(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "aud1.yaml": audit_listing("AUD-1", "2026-05-13", "NC-0", "NC-1"),
        "aud2.yaml": audit_listing("AUD-2", "2026-04-01"),
        "nc0.yaml": nc("NC-0"),  # gives no source: may be listed by any audit
        "nc1.yaml": nc("NC-1", source="AUD-2"),
    }
    assert run(write, check_json, tmp_path, files, "SMS047") == [
        (
            "aud1.yaml:11",
            "SMS047",
            "9.2",
            "minor",
            "audit 'AUD-1' lists nonconformity 'NC-1' among its findings, but 'NC-1' names "
            "audit 'AUD-2' as its source: correct the nonconformity's source, or remove it "
            "from these findings if 'AUD-2' raised it",
        )
    ]


def test_a_dangling_reference_is_sms018s_finding_alone(write, check_json, tmp_path: Path) -> None:
    files = {
        "aud.yaml": audit_listing("AUD-1", "2026-05-13", "NC-9"),
        "nc.yaml": nc("NC-1", source="AUD-7"),
    }
    got = run(write, check_json, tmp_path, files, "SMS047")
    assert sorted((where, rule) for where, rule, *_ in got) == [
        ("aud.yaml:11", "SMS018"),
        ("nc.yaml:11", "SMS018"),
    ]


# SMS048 ------------------------------------------------------------------------------------

ACTIONS = """\
actions:
  - id: MR-A1
    description: Staff the late shift
    owner: sms-manager
    due: {due}
"""


def test_an_action_due_before_its_review_is_found_at_its_due(
    write, check_json, tmp_path: Path
) -> None:
    text = review("MR-1", "2026-10-27", status="approved", actions=ACTIONS.format(due="2026-04-30"))
    assert run(write, check_json, tmp_path, {"mr.yaml": text}, "SMS048") == [
        (
            "mr.yaml:13",
            "SMS048",
            "9.3",
            "minor",
            "action 'MR-A1' of management review 'MR-1' is due on 2026-04-30, before the review "
            "that decided it was held on 2026-10-27: set the due date the review agreed, after "
            "the review",
        )
    ]


def test_an_action_due_on_or_after_the_review_day_passes(write, check_json, tmp_path: Path) -> None:
    text = review("MR-1", "2026-10-27", status="approved", actions=ACTIONS.format(due="2026-10-27"))
    planned = review("MR-2", "2027-04-27", actions=ACTIONS.format(due="2027-01-01"))  # a plan
    got = run(write, check_json, tmp_path, {"mr.yaml": text, "mr2.yaml": planned}, "SMS048")
    assert got == []


# SMS049 ------------------------------------------------------------------------------------


def objectives(*goals: str) -> str:
    """Approved 2026-01-10; the first objective's id on line 11 and its due on line 17."""
    return header("OBJ-A", "objectives") + "objectives:\n" + "".join(goals)


def goal(obj_id: str, due: str, extra: str = "") -> str:
    return objective(obj_id).replace("due: 2027-06-30", f"due: {due}") + extra


def test_an_objective_due_before_its_document_was_approved_is_found_at_its_due(
    write, check_json, tmp_path: Path
) -> None:
    files = {"obj.yaml": objectives(goal("O-1", "2027-06-30"), goal("O-2", "2025-12-31"))}
    assert run(write, check_json, tmp_path, files, "SMS049") == [
        (
            "obj.yaml:26",
            "SMS049",
            "6.2",
            "minor",
            "objective 'O-2' of 'OBJ-A' is due on 2025-12-31, before the document was approved "
            "on 2026-01-10 (approved_on): an objective is planned ahead of its due date; set "
            "the due date the objective is planned for, or move an objective that is over into "
            "the record of its results",
        )
    ]


def test_a_past_objective_kept_with_its_results_is_an_observation(
    write, check_json, tmp_path: Path
) -> None:
    results = "    results:\n      - {period: 2025-Q4, value: 96}\n"
    files = {"obj.yaml": objectives(goal("O-1", "2025-12-31", results))}
    got = run(write, check_json, tmp_path, files, "SMS049")
    assert [(where, rule, severity) for where, rule, _, severity, _ in got] == [
        ("obj.yaml:17", "SMS049", "observation")
    ]
    assert got[0][4].endswith("(it carries results: keep them with the objective's record)")


def test_an_objective_due_before_approval_is_one_finding_not_also_sms034s(
    write, check_json, tmp_path: Path
) -> None:
    files = {"obj.yaml": objectives(goal("O-1", "2025-12-31"))}
    got = run(write, check_json, tmp_path, files, "SMS034", "SMS049")
    assert [(where, rule) for where, rule, *_ in got] == [("obj.yaml:17", "SMS049")]
    only(write, "SMS034")  # with SMS049 switched off, SMS034 still reports it
    _, report = check_json(tmp_path, "--today", "2026-11-22")
    assert [(f["line"], f["rule"]) for f in report["findings"]] == [(17, "SMS034")]


def test_a_draft_objectives_document_is_not_judged(write, check_json, tmp_path: Path) -> None:
    text = objectives(goal("O-1", "2025-12-31")).replace("status: approved", "status: draft")
    assert run(write, check_json, tmp_path, {"obj.yaml": text}, "SMS049") == []
