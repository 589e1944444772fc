"""`assignees:` in `.sms-lint.yaml` (issue 23, point 4): role id -> GitHub login(s), read into
a frozen value that `due` and the scheduled due workflow use; a bad value is exit 2 with one
sentence naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY

from sms_lint.config.assignees import assignees_for
from sms_lint.config.file import Config, load_config


def _config(tmp_path: Path, text: str) -> Config:
    (tmp_path / ".sms-lint.yaml").write_text(text, encoding="utf-8")
    return load_config(tmp_path)


def test_a_login_or_a_list_of_logins_per_role(tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        "assignees:\n  sms-manager: alice\n  service-owner: [bob, carol-2, bob]\n",
    )
    assert assignees_for(config.assignees, "sms-manager") == ("alice",)
    assert assignees_for(config.assignees, "service-owner") == ("bob", "carol-2")  # bob once
    assert assignees_for(config.assignees, "auditor") == ()  # a role the map does not name
    assert assignees_for(config.assignees, None) == ()  # an item without an owner


def test_without_the_key_nobody_is_assigned(tmp_path: Path) -> None:
    without = _config(tmp_path, "review_interval_months: 12\n").assignees
    assert without is None and assignees_for(without, "sms-manager") == ()
    assert assignees_for(Config().assignees, "sms-manager") == ()


def test_the_value_is_frozen(tmp_path: Path) -> None:
    config = _config(tmp_path, "assignees: {sms-manager: alice}\n")
    with pytest.raises(TypeError):
        config.assignees.by_role["sms-manager"] = ("mallory",)  # type: ignore[index]
    with pytest.raises(AttributeError):
        config.assignees.by_role = {}  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "sentence"),
    [
        (
            "[alice]",
            "'assignees' must be a mapping of role id to a GitHub login or a list of logins",
        ),
        ("{sms-manager: 12}", "'assignees.sms-manager' must be a GitHub login or a list"),
        ("{sms-manager: []}", "'assignees.sms-manager' must be a GitHub login or a list"),
        ("{sms-manager: {a: b}}", "'assignees.sms-manager' must be a GitHub login or a list"),
        ("{sms-manager: [alice, null]}", "'assignees.sms-manager' must be a GitHub login"),
        ("{' ': alice}", "every key of 'assignees' must be a role id (text)"),
        (
            "{sms-manager: '@alice'}",
            "'assignees.sms-manager' names '@alice', write the login without '@': alice",
        ),
        (
            "{sms-manager: 'alice smith'}",
            "'assignees.sms-manager' names 'alice smith', which is not a GitHub login",
        ),
        (
            "{sms-manager: '-alice'}",
            "'assignees.sms-manager' names '-alice', which is not a GitHub login",
        ),
        ("{sms-manager: " + "a" * 40 + "}", "which is not a GitHub login"),
        (
            "{sms-manager: [" + ", ".join(f"u{n}" for n in range(11)) + "]}",
            "'assignees.sms-manager' names 11 logins; GitHub assigns at most 10 people",
        ),
    ],
)
def test_a_bad_value_is_exit_2_with_one_sentence(
    write, invoke, tmp_path: Path, value: str, sentence: str
) -> None:
    write(".sms-lint.yaml", f"assignees: {value}\n")
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    assert sentence in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_hostile_login_reaches_the_terminal_inert(write, invoke, tmp_path: Path) -> None:
    write(".sms-lint.yaml", 'assignees: {sms-manager: "ali\\u001b[31mce"}\n')
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "is not a GitHub login" in result.stderr
