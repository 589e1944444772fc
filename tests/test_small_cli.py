"""The small command-line fixes of issue 17: bare sms-lint, schema without KIND, the
SMS_LINT_TODAY message."""

from __future__ import annotations

import json

from click.testing import CliRunner

from sms_lint.cli import cli
from sms_lint.commands.schema import schema_files


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env, prog_name="sms-lint")
    return result.exit_code, result.stdout, result.stderr


def test_bare_sms_lint_prints_help_without_error() -> None:
    code, _, err = run()
    assert code == 2  # click's convention for a group without a command (no_args_is_help)
    assert "error" not in err
    assert err.startswith("Usage: sms-lint")
    assert "\nCommands:\n" in err and "  check " in err  # the help as laid out, not one line


def test_schema_without_kind_prints_every_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    printed = json.loads(out)
    assert printed == schema_files()
    assert "sla.json" in printed and "header.json" in printed


def test_bad_sms_lint_today_names_the_variable(tmp_path: object) -> None:
    code, _, err = run("check", str(tmp_path), env={"SMS_LINT_TODAY": "tomorrow"})
    assert code == 2
    assert "SMS_LINT_TODAY" in err and "--today" not in err
    assert "'tomorrow' is not a date written YYYY-MM-DD" in err


def test_bad_today_option_still_names_the_option(tmp_path: object) -> None:
    code, _, err = run("check", str(tmp_path), "--today", "tomorrow", env={"SMS_LINT_TODAY": ""})
    assert code == 2
    assert "'--today'" in err


def test_org001_fallback_messages_carry_no_python_repr() -> None:
    from jsonschema import Draft202012Validator

    from sms_lint.schema.violations import explain

    data = {"targets": [{"metric": "x"}], "tags": ["a", "b"], "n": 7}
    schemas = [
        {"properties": {"targets": {"not": {"type": "array"}}}},
        {"properties": {"targets": {"maxContains": 0, "contains": {"type": "object"}}}},
        {"properties": {"tags": {"items": False}}},
        {"properties": {"n": {"multipleOf": 5}}},
        {"properties": {"tags": {"enum": [["x"], {"a": 1}]}}},
        {"dependentRequired": {"n": ["zz"]}},
        {"properties": {"n": False}},
    ]
    messages = [
        violation.message
        for schema in schemas
        for error in Draft202012Validator(schema).iter_errors(data)
        for violation in explain(error, root=data)
    ]
    assert len(messages) == len(schemas)
    for message in messages:
        assert "{'" not in message and "['" not in message and "None" not in message, message
        assert "should not be valid" not in message and "is a dependency" not in message
