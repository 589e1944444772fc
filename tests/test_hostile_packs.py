"""A rule pack named by the config may come from a pull request: every value of the wrong type
or shape is exit 2 with one sentence naming the pack file and the key, never a traceback; a
pack that loads never makes a rule crash (SMS199)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLE, TODAY

RULE: dict[str, Any] = {
    "id": "ORG001",
    "name": "sla-floor",
    "clause": "8.3.3",
    "severity": "major",
    "check": "require-schema",
    "description": "SLAs name their targets.",
    "params": {"select": {"kind": "sla"}, "schema": {"required": ["targets"]}},
}


def with_rule(**changes: Any) -> dict[str, Any]:
    rule = {**RULE, **changes}
    return {k: v for k, v in rule.items() if v is not _DROP}


def with_params(**changes: Any) -> dict[str, Any]:
    return with_rule(params={**RULE["params"], **changes})


_DROP = object()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    (root / ".sms-lint.yaml").write_text("policies: [org/rules.yaml]\nexclude: [org]\n")
    (root / "org").mkdir()
    return root


def run_with(invoke, repo: Path, rule: dict[str, Any], *extra: str):
    (repo / "org" / "rules.yaml").write_text(yaml.safe_dump({"rules": [rule]}, sort_keys=False))
    return invoke("check", str(repo), "--today", TODAY, "--no-cache", *extra)


@pytest.mark.parametrize(
    ("rule", "key"),
    [
        (with_rule(applies_to=5), "'applies_to'"),
        (with_rule(applies_to=None), "'applies_to'"),
        (with_rule(applies_to=[]), "'applies_to'"),
        (with_rule(applies_to=["sla", 5]), "'applies_to'"),
        (with_rule(applies_to={"kind": "sla"}), "'applies_to'"),
        (with_rule(example_pass=5), "'example_pass'"),
        (with_rule(example_fail=["x"]), "'example_fail'"),
        (with_rule(rationale={"a": 1}), "'rationale'"),
        (with_rule(remediation=True), "'remediation'"),
        (with_params(select={"path": 5}), "'select.path'"),
        (with_params(select={"path": ["slas/**", None]}), "'select.path'"),
        (with_params(select={"kind": [["sla"]]}), "'select.kind'"),
        (with_params(select={"kind": {"a": 1}}), "'select.kind'"),
        (with_params(message=[1]), "'message'"),
        (with_params(schema={"$ref": "#/$defs/nope"}), "$ref '#/$defs/nope'"),
        (with_params(schema={"$ref": "#nope"}), "$ref '#nope'"),
        (with_params(schema={"$ref": "defs.json#/$defs/nope"}), "$ref 'defs.json#/$defs/nope'"),
        (with_params(schema={"$ref": "#/required/5"}), "$ref '#/required/5'"),
        (with_params(schema={"$ref": "#"}), "refers to itself"),
        (
            with_params(
                schema={
                    "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}},
                    "$ref": "#/$defs/a",
                }
            ),
            "refers to itself",
        ),
        (with_params(schema={"$id": "defs.json", "$ref": "#/$defs/date"}), "'$id'"),
        (with_params(schema={"$anchor": "x"}), "'$anchor'"),
    ],
)
def test_hostile_pack_value_is_exit_2_naming_file_and_key(invoke, repo, rule, key) -> None:
    result = run_with(invoke, repo, rule)
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert message.count("\n") == 0, message
    assert "org/rules.yaml" in message and key in message, message


@pytest.mark.parametrize(
    "rule",
    [
        with_rule(applies_to=["sla", "service"]),
        with_rule(applies_to="repository"),
        with_params(select={"path": ["slas/**", "services/**"], "kind": ["sla"]}),
        with_params(schema={"$ref": "#/$defs/t", "$defs": {"t": {"required": ["targets"]}}}),
        with_params(schema={"properties": {"targets": {"items": {"$ref": "#"}}}}),
        with_params(schema={"properties": {"approved_on": {"$ref": "defs.json#/$defs/date"}}}),
        with_params(schema={"$ref": "defs.json#/$defs/measurable_target_list/items"}),
    ],
)
def test_well_formed_packs_still_load_and_run(invoke, repo, rule) -> None:
    result = run_with(invoke, repo, rule, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    assert '"SMS199"' not in result.stdout


# The parameters of the built-in checks, given values of every type in an organization pack:
# refused (exit 2) or harmless, never a crash.
BUILTIN_PARAMS = [
    ("review-due-soon", "days"),
    ("objectives-measurable", "vague_words"),
    ("supplier-control", "review_months"),
    ("internal-audit", "max_months"),
    ("audit-programme", "window_months"),
    ("management-review", "max_months"),
]
ODD_VALUES = [10**21, -(10**21), 0, -1, 1e308, True, None, "x", [], [5], {"a": 1}]


@pytest.mark.parametrize(("check", "param"), BUILTIN_PARAMS)
def test_builtin_check_params_of_any_value_never_crash(invoke, repo, check, param) -> None:
    rules = [
        {**RULE, "id": f"ORG{n}", "name": f"org-{n}", "check": check, "params": {param: value}}
        for n, value in enumerate(ODD_VALUES)
    ]
    (repo / "org" / "rules.yaml").write_text(yaml.safe_dump({"rules": rules}))
    result = invoke("check", str(repo), "--today", TODAY, "--no-cache", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    assert '"SMS199"' not in result.stdout
