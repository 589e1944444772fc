"""``sms-lint schema``: one kind's JSON Schema on stdout, or every schema file on disk."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE
from jsonschema import Draft202012Validator

from sms_lint.resources import data_dir

KINDS = sorted(
    p.stem for p in data_dir("schemas").glob("*.json") if p.name not in ("header.json", "defs.json")
)


def test_objectives_schema_is_a_valid_json_schema(invoke) -> None:
    result = invoke("schema", "objectives")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["kind"]["const"] == "objectives"
    assert result.stdout.startswith('{\n  "$schema"')  # indent 2


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_prints(invoke, kind: str) -> None:
    result = invoke("schema", kind)
    assert result.exit_code == 0
    Draft202012Validator.check_schema(json.loads(result.stdout))


def test_unknown_kind_exits_2_listing_the_kinds(invoke) -> None:
    result = invoke("schema", "objective")
    assert result.exit_code == 2
    assert "unknown kind 'objective'" in result.stderr
    assert all(kind in result.stderr for kind in KINDS)


def test_no_kind_prints_every_schema_keyed_by_file(invoke) -> None:
    # Issue 17: without KIND, every schema (the README's promise), not a usage error.
    result = invoke("schema")
    assert result.exit_code == 0
    assert set(json.loads(result.stdout)) == {f"{kind}.json" for kind in KINDS} | {
        "header.json",
        "defs.json",
    }


def test_kind_and_output_dir_together_exit_2(invoke, tmp_path: Path) -> None:
    assert invoke("schema", "sla", "--output-dir", str(tmp_path)).exit_code == 2


def test_output_dir_writes_every_file_so_references_resolve(invoke, tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    result = invoke("schema", "--output-dir", str(target))
    assert result.exit_code == 0
    names = sorted(p.name for p in target.iterdir())
    assert names == sorted([*(f"{k}.json" for k in KINDS), "defs.json", "header.json"])
    # Writing again replaces the copies (upgrading sms-lint refreshes an editor's schemas).
    assert invoke("schema", "--output-dir", str(target)).exit_code == 0


def _check_jsonschema() -> str:
    beside_python = Path(sys.executable).with_name("check-jsonschema")
    found = str(beside_python) if beside_python.exists() else shutil.which("check-jsonschema")
    if found is None:
        pytest.skip("check-jsonschema is not installed (pip install '.[test]')")
    return found


def test_written_schemas_validate_files_with_an_independent_tool(invoke, tmp_path, write) -> None:
    """check-jsonschema resolves the relative $refs from disk, as an editor does."""
    tool = _check_jsonschema()
    invoke("schema", "--output-dir", str(tmp_path / "schemas"))
    suppliers = sorted(str(p) for p in (EXAMPLE / "suppliers").glob("*.yaml"))
    good = subprocess.run(
        [tool, "--schemafile", str(tmp_path / "schemas" / "supplier.json"), *suppliers],
        capture_output=True,
        text=True,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    original = (EXAMPLE / "suppliers" / "sup-cloud.yaml").read_text()
    bad = write("bad.yaml", original.replace("contract_end: 2027-11-30", "contract_end: soon"))
    failed = subprocess.run(
        [tool, "--schemafile", str(tmp_path / "schemas" / "supplier.json"), str(bad)],
        capture_output=True,
        text=True,
    )
    assert failed.returncode == 1
    assert "contract_end" in failed.stdout
