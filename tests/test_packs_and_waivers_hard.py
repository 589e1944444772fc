"""What an adversarial reviewer broke in rule packs and waivers (issue 16): one pack named twice
or through a link, a pack above an SMS root kept in a folder of the repository, and waivers
approved by a vacant role, with a lenient date, or for a rule that does not exist."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TODAY, quiet_config
from sms_texts import MANAGING_DIRECTOR, roles_artifact
from test_policy_files import guide_pack

QUIET = quiet_config("SMS001", "SMS020", "SMS021", "SMS036")
BAD_YAML = "id: PROC-1\nkind: procedure\ntitle: Document control\nowner: sms-manager\n"
BAD_YAML += "status: draft\npriority: high\n"  # priority: an unknown field, SMS001
VACANT = "{id: sms-manager, title: SMS manager, holder: Vacant, responsibilities: [Runs it]}"
TAIL = ": a waiver is an approved, time-limited exception"


def check(invoke: Callable, root: Path) -> tuple[int, str, str]:
    result = invoke("check", str(root), "--today", TODAY)
    return result.exit_code, result.stdout, result.stderr


def sms107(stdout: str) -> list[str]:
    return [line.split(":")[0] for line in stdout.splitlines() if " SMS107 " in line]


def check_packs(write: Callable, root: Path, invoke: Callable, policies: str) -> None:
    """With roles and a config naming ``policies``, check runs (exit 0 or 1, nothing on
    stderr) and reports no pack as a YAML file that is not an artifact (SMS107)."""
    write("roles.yaml", roles_artifact())
    write(".sms-lint.yaml", f"policies: {policies}\n")
    code, stdout, stderr = check(invoke, root)
    assert code in (0, 1) and stderr == "", stderr
    assert sms107(stdout) == []


# --- one pack named twice is read once ------------------------------------------------------


@pytest.mark.parametrize(
    "policies",
    [
        "[rules/other.yml, rules/other.yml]",
        "[rules/other.yml, ./rules/other.yml]",
        "[./rules/other.yml, rules/../rules/other.yml]",
    ],
)
def test_one_pack_named_twice_is_read_once(write, tmp_path, invoke, policies: str):
    write("rules/other.yml", guide_pack())
    check_packs(write, tmp_path, invoke, policies)
    result = invoke("rules", "--config", str(tmp_path / ".sms-lint.yaml"))
    assert result.output.count("ORG001") == 1


def test_one_pack_under_two_hard_links_is_read_once(write, tmp_path, invoke):
    write("rules/org.yaml", guide_pack())
    os.link(tmp_path / "rules/org.yaml", tmp_path / "rules/hard.yaml")
    check_packs(write, tmp_path, invoke, "[rules/org.yaml, rules/hard.yaml]")


def test_two_packs_defining_one_id_name_both_files(write, tmp_path, invoke):
    write("rules/other.yml", guide_pack())
    write("rules/two.yml", guide_pack())
    write(".sms-lint.yaml", "policies: [rules/other.yml, rules/two.yml]\n")
    code, stdout, stderr = check(invoke, tmp_path)
    assert (code, stdout) == (2, "")
    other, two = tmp_path / "rules/other.yml", tmp_path / "rules/two.yml"
    assert stderr == (
        f"sms-lint: error: rule id ORG001 is defined twice (in {other} and in {two}): give one "
        "of them another id\n"
    )


def test_a_pack_redefining_a_built_in_id_names_the_built_in_pack(write, tmp_path, invoke):
    write("rules/other.yml", guide_pack().replace("id: ORG001", "id: SMS001"))
    write(".sms-lint.yaml", "policies: [rules/other.yml]\n")
    code, _, stderr = check(invoke, tmp_path)
    pack = tmp_path / "rules/other.yml"
    assert code == 2
    assert stderr == (
        f"sms-lint: error: rule id SMS001 is defined twice (in the built-in pack and in {pack}): "
        "give one of them another id\n"
    )


# --- a pack reached through a link ----------------------------------------------------------


def test_a_pack_named_through_a_link_is_no_artifact_nor_is_its_target(write, tmp_path, invoke):
    write("rules/real.yaml", guide_pack())
    os.symlink("real.yaml", tmp_path / "rules/link.yaml")
    check_packs(write, tmp_path, invoke, "[rules/link.yaml]")
    assert "ORG001" in invoke("rules", "--config", str(tmp_path / ".sms-lint.yaml")).output


def test_a_link_and_its_target_both_named_are_one_pack(write, tmp_path, invoke):
    write("rules/real.yaml", guide_pack())
    os.symlink("real.yaml", tmp_path / "rules/link.yaml")
    check_packs(write, tmp_path, invoke, "[rules/real.yaml, rules/link.yaml]")


def test_a_pack_linking_out_of_the_root_is_refused_unread(write, tmp_path, invoke):
    write("outside/pack.yaml", guide_pack().replace("ORG001", "LEAKED1"))
    write("sms/roles.yaml", roles_artifact())
    os.symlink(tmp_path / "outside/pack.yaml", tmp_path / "sms/org.yaml")
    write("sms/.sms-lint.yaml", "policies: [org.yaml]\n")
    code, stdout, stderr = check(invoke, tmp_path / "sms")
    assert (code, stdout) == (2, "")
    assert stderr == (
        "sms-lint: error: .sms-lint.yaml: 'policies' entry org.yaml is a symbolic link that "
        f"leads outside the SMS root ({tmp_path / 'sms'}); copy the pack into the SMS root (a "
        "config given with --config may name packs anywhere)\n"
    )
    assert "outside/pack" not in stderr and "LEAKED1" not in stderr


# --- an SMS root in a folder of the git repository ------------------------------------------


def test_a_pack_above_the_sms_root_is_outside_the_root_not_the_repository(write, tmp_path, invoke):
    write("shared-rules.yaml", guide_pack())
    write("sms/.sms-lint.yaml", "policies: [../shared-rules.yaml]\n")
    (tmp_path / ".git").mkdir()  # the SMS root is a folder of the repository
    code, _, stderr = check(invoke, tmp_path / "sms")
    assert code == 2
    assert stderr == (
        "sms-lint: error: .sms-lint.yaml: 'policies' entry ../shared-rules.yaml lies outside "
        f"the SMS root ({tmp_path / 'sms'}); copy the pack into the SMS root (a config given "
        "with --config may name packs anywhere)\n"
    )


# --- waivers --------------------------------------------------------------------------------


def waiver(
    rule: str = "SMS001", approved_by: str = "sms-manager", expires: str = "2027-01-31"
) -> str:
    """The inside of a waiver of ``rule`` on bad.yaml (a flow mapping's inside)."""
    return (
        f"rule: {rule}, path: bad.yaml, reason: legacy, approved_by: {approved_by}, "
        f"expires: {expires}"
    )


def waiver_repo(write: Callable, waiver: str, *roles: str) -> int:
    """A repository whose one waiver is ``waiver`` (a flow mapping's inside); its line."""
    write("bad.yaml", BAD_YAML)
    write("roles.yaml", roles_artifact(*roles))
    config = QUIET + "waivers:\n" + f"  - {{{waiver}}}\n"
    write(".sms-lint.yaml", config)
    return config.splitlines().index("waivers:") + 2


def findings(check_json: Callable, root: Path, rule: str) -> list[tuple]:
    """(path, line, severity, message) of the findings of ``rule``."""
    _, report = check_json(root)
    return [
        (f["path"], f["line"], f["severity"], f["message"])
        for f in report["findings"]
        if f["rule"] == rule
    ]


@pytest.mark.parametrize("holder", ["Vacant", "N/A", "none", "  "])
def test_a_waiver_approved_by_a_vacant_role_is_sms036(
    write, tmp_path, invoke, check_json, holder: str
):
    role = VACANT.replace("Vacant", repr(holder) if holder.strip() == "" else holder)
    line = waiver_repo(
        write,
        waiver(),
        role,
        MANAGING_DIRECTOR,
    )
    assert check(invoke, tmp_path)[0] == 1
    assert findings(check_json, tmp_path, "SMS036") == [
        (
            ".sms-lint.yaml",
            line,
            "minor",
            "waiver for SMS001 on bad.yaml is approved by 'sms-manager', a role that has no "
            "holder (its 'holder' names nobody); have the role's holder approve it, or set "
            f"'approved_by' to the role of the person who did{TAIL}",
        )
    ]


def test_a_waiver_approved_by_a_held_role_is_in_order(write, tmp_path, invoke, check_json):
    waiver_repo(
        write,
        waiver(approved_by="managing-director"),
        VACANT,
        MANAGING_DIRECTOR,
    )
    assert check(invoke, tmp_path)[0] == 0
    assert findings(check_json, tmp_path, "SMS036") == []


@pytest.mark.parametrize(
    ("written", "got"),
    [
        ("'20270131'", " (got '20270131')"),
        ("'2027W051'", " (got '2027W051')"),
        ("20270131", " (got 20270131)"),
        ("'2027-1-31'", " (got '2027-1-31'; write 2027-01-31)"),
    ],
)
def test_a_waiver_date_not_written_yyyy_mm_dd_is_exit_2(
    write, tmp_path, invoke, written: str, got: str
):
    waiver_repo(write, waiver(expires=written))
    code, stdout, stderr = check(invoke, tmp_path)
    assert (code, stdout) == (2, "")
    assert stderr == (
        "sms-lint: error: .sms-lint.yaml: waivers[0].expires must be a date written YYYY-MM-DD"
        f"{got}\n"
    )


@pytest.mark.parametrize("written", ["2027-01-31", "'2027-01-31'"])
def test_a_waiver_date_written_yyyy_mm_dd_is_read(write, tmp_path, invoke, written: str):
    waiver_repo(write, waiver(expires=written))
    code, _, stderr = check(invoke, tmp_path)
    assert (code, stderr) == (0, "")
    assert (
        "expires 2027-01-31"
        in invoke("check", str(tmp_path), "--today", TODAY, "--format", "json").output
    )


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        ("SMS999", "no rule SMS999 exists"),
        ("SMS05", "no rule SMS05 exists (did you mean SMS005?)"),
        ("shcema", "no rule shcema exists (did you mean schema?)"),
    ],
)
def test_a_waiver_for_a_rule_that_does_not_exist_says_so(
    write, tmp_path, invoke, check_json, rule: str, says: str
):
    # expired too: renewing it would not help, so the unknown rule is what it says
    line = waiver_repo(write, waiver(rule=rule, expires="2026-01-31"))
    assert check(invoke, tmp_path)[0] == 1  # the SMS001 finding is not waived
    assert findings(check_json, tmp_path, "SMS021") == [
        (
            ".sms-lint.yaml",
            line,
            "observation",
            f"waiver for {rule} on bad.yaml matches no finding: {says}; correct 'rule' or "
            "remove the waiver",
        )
    ]
    assert findings(check_json, tmp_path, "SMS020") == []


def test_a_waiver_naming_a_rule_by_name_is_known(write, tmp_path, invoke, check_json):
    waiver_repo(write, waiver(rule="schema"))
    assert check(invoke, tmp_path)[0] == 0
    assert findings(check_json, tmp_path, "SMS021") == []
