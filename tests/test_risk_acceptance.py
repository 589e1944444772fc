"""SMS051 risk-acceptance (issue 21, item 6): with `risk_acceptance: {max_score: N}`, a risk
scored above N (likelihood x impact) and accepted names a top-management role in
`accepted_by`; a bad value of the key is exit 2 with one sentence. Today is 2026-11-22."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditor_repos import AUDIT_ROLES, header, risk
from conftest import located, quiet_config
from sms_texts import roles_artifact

RULES = ("SMS001", "SMS051")


def register(*risks: str) -> str:
    """The first risk's id on line 11, its treatment on line 16, what follows on line 18."""
    return header("RISK-REG", "risk-register") + "risks:\n" + "".join(risks)


def run(write, check_json, tmp_path: Path, text: str, extra: str) -> list[tuple]:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS051", extra=extra))
    write("roles.yaml", roles_artifact(*AUDIT_ROLES))
    write("risks.yaml", text)
    _, report = check_json(tmp_path, "--today", "2026-11-22")
    return located(report, *RULES)


CRITERION = "risk_acceptance: {max_score: 6}\n"
ABOVE = "risk 'R-1' of 'RISK-REG' scores 12 (likelihood x impact), above the acceptance criterion of 6 (risk_acceptance.max_score)"  # noqa: E501


def test_an_accepted_risk_above_the_criterion_without_accepted_by_is_found_at_treatment(
    write, check_json, tmp_path: Path
) -> None:
    assert run(write, check_json, tmp_path, register(risk("R-1")), CRITERION) == [
        (
            "risks.yaml:16",
            "SMS051",
            "6.1",
            "minor",
            f"{ABOVE}, and is accepted with no record of who accepted it: have top management "
            "decide to accept it and name that role in accepted_by, or treat the risk "
            "(mitigate, transfer or avoid) with actions",
        )
    ]


def test_accepted_by_a_role_that_is_not_top_management_is_found_at_accepted_by(
    write, check_json, tmp_path: Path
) -> None:
    text = register(risk("R-1", actions="    accepted_by: sms-manager\n"))
    assert run(write, check_json, tmp_path, text, CRITERION) == [
        (
            "risks.yaml:18",
            "SMS051",
            "6.1",
            "minor",
            f"{ABOVE}, and accepted_by names no top-management role: role 'sms-manager' is not "
            "marked top_management: true: have top management accept it and name that role, "
            "or treat the risk (mitigate, transfer or avoid) with actions",
        )
    ]


def test_accepted_by_no_defined_role_is_found_at_accepted_by(
    write, check_json, tmp_path: Path
) -> None:
    text = register(risk("R-1", actions="    accepted_by: board\n"))
    got = run(write, check_json, tmp_path, text, CRITERION)
    assert [(where, rule) for where, rule, *_ in got] == [("risks.yaml:18", "SMS051")]
    assert "'board' is neither a defined role nor the holder of a top-management role" in got[0][4]


def test_top_management_acceptance_a_low_score_or_no_criterion_passes(
    write, check_json, tmp_path: Path
) -> None:
    accepted = risk("R-1", actions="    accepted_by: managing-director\n")
    low = risk("R-2").replace("likelihood: 3", "likelihood: 1")  # score 4
    mitigated = risk("R-3", "mitigate", actions="    actions: [Keep a second link]\n")
    text = register(accepted, low, mitigated)
    assert run(write, check_json, tmp_path, text, CRITERION) == []
    assert run(write, check_json, tmp_path, register(risk("R-1")), "") == []


def test_accepted_by_the_holder_of_a_top_management_role_passes(
    write, check_json, tmp_path: Path
) -> None:
    """The managing director (Bo Chan) signing as themselves is still top management."""
    text = register(risk("R-1", actions="    accepted_by: Bo  chan\n"))
    assert run(write, check_json, tmp_path, text, CRITERION) == []


def test_a_score_equal_to_the_criterion_passes(write, check_json, tmp_path: Path) -> None:
    extra = "risk_acceptance: {max_score: 12}\n"
    assert run(write, check_json, tmp_path, register(risk("R-1")), extra) == []


@pytest.mark.parametrize(
    ("value", "sentence"),
    [
        (
            "{max_score: 30}",
            "'risk_acceptance.max_score' must be a whole number from 1 to 25 (likelihood x impact)",
        ),
        ("{max_score: high}", "'risk_acceptance.max_score' must be a whole number from 1 to 25"),
        ("12", "'risk_acceptance' must be a mapping with 'max_score'"),
        ("{max: 12}", "unknown key 'risk_acceptance.max' (known keys: max_score)"),
    ],
)
def test_a_bad_criterion_is_exit_2_with_one_sentence(
    write, invoke, tmp_path: Path, value: str, sentence: str
) -> None:
    write(".sms-lint.yaml", f"risk_acceptance: {value}\n")
    result = invoke("check", str(tmp_path), "--today", "2026-11-22")
    assert result.exit_code == 2
    assert sentence in result.output
    assert "Traceback" not in result.output
