"""Waivers are approved, time-limited exceptions: SMS036 when one has no `expires`, runs past
`waiver_max_months`, or is approved by no defined role; SMS020/SMS021 keep their own cases."""

from __future__ import annotations

from collections.abc import Callable

from conftest import TODAY, quiet_config
from sms_texts import roles_artifact

QUIET = quiet_config("SMS001", "SMS020", "SMS021", "SMS036")

BAD_YAML = "id: PROC-1\nkind: procedure\ntitle: Document control\nowner: sms-manager\n"
BAD_YAML += "status: draft\npriority: high\n"  # priority: an unknown field, SMS001
BAD_MD = "---\nid: PROC-2\nkind: procedure\ntitle: Change\nowner: sms-manager\nstatus: draft\n"
BAD_MD += "priority: high\n---\n# Change\n\nHow changes are made.\n"
BOUNDED = "reason: Legacy field removed in Q1, approved_by: sms-manager, expires: 2027-03-31"
MESSAGE_TAIL = ": a waiver is an approved, time-limited exception"


def waivers(*entries: str, extra: str = "") -> str:
    """QUIET plus ``extra`` and one waiver line (a flow mapping) per entry; the first waiver
    is on the line after 'waivers:'."""
    return QUIET + extra + "waivers:\n" + "".join(f"  - {{{e}}}\n" for e in entries)


def waiver_line(config: str, index: int = 0) -> int:
    return config.splitlines().index("waivers:") + 2 + index


def graded(report: dict, *rules: str) -> list[tuple]:
    return [
        (f["path"], f["line"], f["rule"], f["clause"], f["severity"], f["message"])
        for f in report["findings"]
        if f["rule"] in rules
    ]


def repo(write: Callable, config: str, roles: bool = True) -> None:
    write("bad.yaml", BAD_YAML)
    write("change.md", BAD_MD)
    if roles:
        write("roles.yaml", roles_artifact())
    write(".sms-lint.yaml", config)


def test_a_bounded_waiver_by_a_defined_role_is_no_finding(write, tmp_path, check_json):
    repo(write, waivers(f"rule: SMS001, path: '*', {BOUNDED}"))
    code, report = check_json(tmp_path)
    assert code == 0
    assert graded(report, "SMS020", "SMS021", "SMS036") == []
    assert [f["waived"] for f in report["findings"] if f["rule"] == "SMS001"] == [True, True]


def test_a_waiver_without_expires_still_waives_but_is_a_finding(write, tmp_path, check_json):
    config = waivers(
        "rule: SMS001, artifact: PROC-1, reason: legacy, approved_by: sms-manager",
        "rule: SMS001, path: change.md, reason: legacy, approved_by: managing-director",
    )
    repo(write, config)
    code, report = check_json(tmp_path)
    assert code == 1  # the waiver's own finding fails the check
    no_end = "has no 'expires', so it waives for ever; add 'expires' with the date, when the "
    no_end += "exception ends" + MESSAGE_TAIL
    assert graded(report, "SMS036") == [
        (".sms-lint.yaml", waiver_line(config), "SMS036", "10.1", "minor",
         "waiver for SMS001 on PROC-1 " + no_end),
        (".sms-lint.yaml", waiver_line(config, 1), "SMS036", "10.1", "minor",
         "waiver for SMS001 on change.md " + no_end),
    ]  # fmt: skip
    # both the YAML and the Markdown artifact's findings stay waived
    assert {(f["path"], f["waived"]) for f in report["findings"] if f["rule"] == "SMS001"} == {
        ("bad.yaml", True),
        ("change.md", True),
    }


def test_waiver_max_months_bounds_how_far_expires_may_lie(write, tmp_path, check_json):
    # TODAY is 2026-11-22: six months later is 2027-05-22
    config = waivers(
        "rule: SMS001, artifact: PROC-1, reason: legacy, approved_by: sms-manager, "
        "expires: 2027-05-23",
        "rule: SMS001, artifact: PROC-2, reason: legacy, approved_by: sms-manager, "
        "expires: 2027-05-22",
        extra="waiver_max_months: 6\n",
    )
    repo(write, config)
    _, report = check_json(tmp_path)
    assert graded(report, "SMS036") == [
        (".sms-lint.yaml", waiver_line(config), "SMS036", "10.1", "minor",
         "waiver for SMS001 on PROC-1 expires on 2027-05-23, more than 6 months from today "
         "(waiver_max_months: 6); have it approved with an 'expires' no later than 2027-05-22"
         + MESSAGE_TAIL),
    ]  # fmt: skip


def test_without_expires_the_maximum_is_named(write, tmp_path, check_json):
    config = waivers(
        "rule: SMS001, artifact: PROC-1, reason: legacy, approved_by: sms-manager",
        extra="waiver_max_months: 12\n",
    )
    repo(write, config)
    _, report = check_json(tmp_path)
    [(_, line, *_, message)] = graded(report, "SMS036")
    assert line == waiver_line(config)
    assert message == (
        "waiver for SMS001 on PROC-1 has no 'expires', so it waives for ever; add 'expires' "
        "with the date, no later than 2027-11-22 (waiver_max_months: 12)" + MESSAGE_TAIL
    )


def test_an_approver_who_is_no_defined_role_is_a_finding(write, tmp_path, check_json):
    config = waivers(
        "rule: SMS001, path: change.md, reason: legacy, approved_by: the-intern, "
        "expires: 2027-01-31"
    )
    repo(write, config)
    code, report = check_json(tmp_path)
    assert code == 1
    assert graded(report, "SMS036") == [
        (".sms-lint.yaml", waiver_line(config), "SMS036", "10.1", "minor",
         "waiver for SMS001 on change.md is approved by 'the-intern', which is no role defined "
         "in the roles artifacts; set 'approved_by' to the role that approved it "
         "('managing-director' or 'sms-manager')" + MESSAGE_TAIL),
    ]  # fmt: skip


def test_every_lapse_of_one_waiver_is_one_finding(write, tmp_path, check_json):
    config = waivers("rule: SMS001, artifact: PROC-1, reason: legacy, approved_by: the-intern")
    repo(write, config, roles=False)
    _, report = check_json(tmp_path)
    [(_, line, rule, _, severity, message)] = graded(report, "SMS036")
    assert (line, rule, severity) == (waiver_line(config), "SMS036", "minor")
    assert message == (
        "waiver for SMS001 on PROC-1 has no 'expires', so it waives for ever; add 'expires' "
        "with the date, when the exception ends and is approved by 'the-intern', but no roles "
        "artifact defines any role; define the approving role in one and name it in "
        "'approved_by'" + MESSAGE_TAIL
    )


def test_an_unread_roles_file_leaves_the_approver_unchecked(write, tmp_path, check_json):
    config = waivers(f"rule: SMS001, artifact: PROC-1, {BOUNDED}").replace(
        "approved_by: sms-manager", "approved_by: quality-lead"
    )
    repo(write, config, roles=False)
    write("roles.yaml", b"id: ROLES-1\nkind: roles\ntitle: \xff\n")
    _, report = check_json(tmp_path)
    assert graded(report, "SMS036") == [
        (".sms-lint.yaml", waiver_line(config), "SMS036", "10.1", "observation",
         "whether approver 'quality-lead' of the waiver for SMS001 on PROC-1 is a defined role "
         "could not be checked: roles.yaml could not be read; fix that file first"),
    ]  # fmt: skip


def test_expired_and_unused_waivers_keep_their_own_single_finding(write, tmp_path, check_json):
    # expired and approved by nobody: SMS020 only (renewal is a new approval); unused: SMS021
    config = waivers(
        "rule: SMS001, artifact: PROC-1, reason: legacy, approved_by: the-intern, "
        "expires: 2026-01-31",
        "rule: SMS005, artifact: GONE-1, reason: legacy, approved_by: the-intern",
    )
    repo(write, config)
    _, report = check_json(tmp_path)
    assert [(r[1], r[2]) for r in graded(report, "SMS020", "SMS021", "SMS036")] == [
        (waiver_line(config), "SMS020"),
        (waiver_line(config, 1), "SMS021"),
    ]


def test_sms036_can_be_switched_off(write, tmp_path, check_json):
    config = waivers("rule: SMS001, path: '*', reason: legacy, approved_by: x")
    repo(write, config.replace("rules:\n", "rules:\n  SMS036: {enabled: false}\n", 1))
    code, report = check_json(tmp_path)
    assert code == 0 and graded(report, "SMS036") == []


def test_an_invalid_waiver_max_months_is_exit_2(write, tmp_path, invoke):
    for value in ("0", "121", "6.5", "true", "six"):
        write(".sms-lint.yaml", f"waiver_max_months: {value}\n")
        result = invoke("check", str(tmp_path), "--today", TODAY)
        assert result.exit_code == 2, value
        assert (
            ".sms-lint.yaml: 'waiver_max_months' must be a whole number from 1 to 120"
            in result.output
        )
