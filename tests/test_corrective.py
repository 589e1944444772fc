"""Corrective action an auditor accepts (issue 15, point 5): SMS032 root-cause-named, SMS033
effectiveness-verified, and the verification fields where SMS006 and SMS018 judge them."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditor_repos import header, markdown, only
from conftest import EXAMPLE, located, quiet_config
from sms_texts import SMS_MANAGER, roles_artifact

RULES = ("SMS006", "SMS018", "SMS026", "SMS032", "SMS033")
CAUSE = "The firewall console allows direct edits that bypass the change pipeline"


def nonconformity(
    root_cause: str = CAUSE, closed: bool = True, extra: str = "", status: str = "approved"
) -> str:
    """Header lines 1-9; root_cause on 17, closed_on 19, effectiveness_verified 20 and
    ``extra`` from 21 when closed."""
    text = header("NC-1", "nonconformity", status) + (
        'raised_on: 2026-03-12\nclause: "8.5.1"\ngrade: minor\n'
        "description: An emergency change was made without approval.\n"
        "correction: The change was reviewed retrospectively.\n"
        f"due: 2026-06-30\nnc_status: {'closed' if closed else 'open'}\n"
        f"root_cause: {root_cause}\n"
        "corrective_action: Route every firewall change through the pipeline.\n"
    )
    if closed:
        text += "closed_on: 2026-07-10\neffectiveness_verified: true\n"
    return text + extra


VERIFIED = "verified_by: sms-manager\nverified_on: 2026-10-01\n"


def check(write, check_json, tmp_path: Path, files: dict[str, str]) -> list[tuple]:
    only(write, *RULES)
    write("roles.yaml", roles_artifact(SMS_MANAGER))
    for name, text in files.items():
        write(name, text)
    _, report = check_json(tmp_path)
    return located(report, *RULES)


def test_the_example_sms_passes_every_corrective_action_rule(check_json) -> None:
    _, report = check_json(EXAMPLE, "--today", "2026-12-02")
    assert located(report, *RULES, "SMS034") == []


def test_a_caused_and_verified_closure_passes(write, check_json, tmp_path: Path) -> None:
    assert check(write, check_json, tmp_path, {"nc.yaml": nonconformity(extra=VERIFIED)}) == []


# SMS032 root-cause-named


@pytest.mark.parametrize(
    "cause", ["Human error.", "human error", "Staff error!", "A mistake", "Oversight.", "error"]
)
def test_a_root_cause_that_only_blames_a_person_is_an_observation(
    write, check_json, tmp_path: Path, cause: str
) -> None:
    got = check(write, check_json, tmp_path, {"nc.yaml": nonconformity(cause, extra=VERIFIED)})
    assert got == [
        (
            "nc.yaml:17",
            "SMS032",
            "10.1",
            "observation",
            f"nonconformity 'NC-1' gives '{cause}' as its root cause, which names no cause the "
            "corrective action could remove: record why it could happen (training, an unclear "
            "procedure, tooling, workload, a missing check) and aim the corrective action at "
            "that",
        )
    ]


@pytest.mark.parametrize(
    "cause",
    [
        "Human error caused by an unclear runbook step",
        "Human error: the runbook names the old cluster",
        "Mistakes in manual data entry because the form has no validation",
    ],
)
def test_a_root_cause_that_says_why_passes(write, check_json, tmp_path: Path, cause: str) -> None:
    files = {"nc.yaml": nonconformity(cause, extra=VERIFIED)}
    assert check(write, check_json, tmp_path, files) == []


def test_an_open_nonconformity_in_markdown_is_judged_at_its_line(
    write, check_json, tmp_path: Path
) -> None:
    files = {"nc.md": markdown(nonconformity("Human error", closed=False))}
    got = check(write, check_json, tmp_path, files)
    assert [g[:4] for g in got] == [("nc.md:18", "SMS032", "10.1", "observation")]


def test_a_retired_nonconformity_is_not_judged(write, check_json, tmp_path: Path) -> None:
    files = {"nc.yaml": nonconformity("Human error", status="retired")}
    assert check(write, check_json, tmp_path, files) == []


def test_the_vague_words_are_the_rules_parameters(write, check_json, tmp_path: Path) -> None:
    # Only cause_words given: "error" is no longer one; person and filler words keep defaults.
    pack = (
        "rules:\n  - id: ORG-1\n    name: slip\n    clause: '10.1'\n    severity: observation\n"
        "    check: root-cause-named\n    params: {cause_words: [slip]}\n"
        "    description: An operator slip names no cause.\n"
    )
    write("org/rules.yaml", pack)
    config = quiet_config("SMS001") + "policies: [org/rules.yaml]\nexclude: [org]\n"
    write(".sms-lint.yaml", config)
    write("roles.yaml", roles_artifact(SMS_MANAGER))
    write("a.yaml", nonconformity("Operator slip.", extra=VERIFIED))
    write("b.yaml", nonconformity("Human error", extra=VERIFIED).replace("NC-1", "NC-2"))
    code, report = check_json(tmp_path)
    assert [g[:4] for g in located(report, "ORG-1")] == [
        ("a.yaml:17", "ORG-1", "10.1", "observation")
    ]
    assert code == 0


# SMS033 effectiveness-verified


def test_verified_on_the_day_it_closed_is_a_minor_finding_at_verified_on(
    write, check_json, tmp_path: Path
) -> None:
    extra = "verified_by: sms-manager\nverified_on: 2026-07-10\n"
    got = check(write, check_json, tmp_path, {"nc.yaml": nonconformity(extra=extra)})
    assert got == [
        (
            "nc.yaml:22",
            "SMS033",
            "10.1",
            "minor",
            "nonconformity 'NC-1' was verified effective on 2026-07-10, on the day it was closed "
            "(2026-07-10): effectiveness can only be verified once the corrective action is "
            "complete and has had time to work; verify it again later and set verified_on to "
            "that date",
        )
    ]


def test_verified_before_it_closed_says_before(write, check_json, tmp_path: Path) -> None:
    extra = "verified_on: 2026-07-01\nverified_by: sms-manager\n"
    got = check(write, check_json, tmp_path, {"nc.md": markdown(nonconformity(extra=extra))})
    assert [g[:4] for g in got] == [("nc.md:22", "SMS033", "10.1", "minor")]
    assert "on 2026-07-01, before it was closed (2026-07-10)" in got[0][4]


def test_no_record_of_who_verified_or_when_is_one_observation(
    write, check_json, tmp_path: Path
) -> None:
    got = check(write, check_json, tmp_path, {"nc.yaml": nonconformity()})
    assert got == [
        (
            "nc.yaml:20",
            "SMS033",
            "10.1",
            "observation",
            "nonconformity 'NC-1' says its corrective action was verified effective but not by "
            "whom or when: record verified_by (the role id of who verified it) and verified_on "
            "(the date it was verified), or point to the record of the verification if it is "
            "kept elsewhere",
        )
    ]


def test_only_the_missing_one_is_named(write, check_json, tmp_path: Path) -> None:
    files = {"nc.md": markdown(nonconformity(extra="verified_by: sms-manager\n"))}
    got = check(write, check_json, tmp_path, files)
    assert [g[:4] for g in got] == [("nc.md:21", "SMS033", "10.1", "observation")]
    assert "but not when: record verified_on (the date it was verified)," in got[0][4]


def test_an_unverified_closure_is_sms026s_finding_alone(write, check_json, tmp_path: Path) -> None:
    text = nonconformity().replace("effectiveness_verified: true", "effectiveness_verified: false")
    got = check(write, check_json, tmp_path, {"nc.yaml": text})
    assert [g[:4] for g in got] == [("nc.yaml:20", "SMS026", "10.1", "minor")]


def test_an_open_nonconformity_needs_no_verification(write, check_json, tmp_path: Path) -> None:
    assert check(write, check_json, tmp_path, {"nc.yaml": nonconformity(closed=False)}) == []


def test_an_impossible_verified_on_is_one_finding_at_its_value(
    write, check_json, tmp_path: Path
) -> None:
    extra = "verified_by: sms-manager\nverified_on: 2026-02-30\n"
    got = check(write, check_json, tmp_path, {"nc.yaml": nonconformity(extra=extra)})
    assert len(got) == 1, got
    assert got[0][:3] == ("nc.yaml:22", "SMS033", "10.1")
    assert "verified_on" in got[0][4]


def test_a_future_verified_on_is_sms006s_finding_alone(write, check_json, tmp_path: Path) -> None:
    extra = "verified_by: sms-manager\nverified_on: 2027-01-15\n"
    got = check(write, check_json, tmp_path, {"nc.yaml": nonconformity(extra=extra)})
    assert got == [
        (
            "nc.yaml:22",
            "SMS006",
            "7.5.2",
            "minor",
            "verified_on 2027-01-15 is after today (2026-11-22): verifying the corrective "
            "action's effectiveness cannot have happened yet; write the date it took place, or "
            "leave verified_on out until then",
        )
    ]


def test_a_verifier_that_is_no_role_is_sms018s_finding_under_10_1(
    write, check_json, tmp_path: Path
) -> None:
    extra = "verified_by: quality-lead\nverified_on: 2026-10-01\n"
    got = check(write, check_json, tmp_path, {"nc.md": markdown(nonconformity(extra=extra))})
    assert got == [
        (
            "nc.md:22",
            "SMS018",
            "10.1",
            "minor",
            "verified_by 'quality-lead' is not a role in ROLES-1: use a role id defined there, "
            "or add the role with its holder",
        )
    ]
