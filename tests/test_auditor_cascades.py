"""No cascades (issue 14, point 5): an unreadable or unparsable roles, objectives or scope file
is reported on that file, and nothing else in the report tells the user to re-create it or
guesses at the ids it holds."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLE

FILES = ("governance/roles.yaml", "governance/objectives-2026.yaml", "governance/scope.yaml")

# Advice that only makes sense if the document did not exist.
RECREATE = re.compile(r"\badd one\b|\badd it\b|\bwrite it\b|\bre-?create\b|\bcreate (it|one)\b")


def _cp1252(text: str) -> bytes:
    # a non-UTF-8 character: 'é' as the single byte 0xE9
    return text.replace("title: ", "title: Café ", 1).encode("cp1252")


def _tab(text: str) -> bytes:
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("  "))
    lines[first] = "\t" + lines[first][2:]  # a tab in indentation: a YAML syntax error
    return "\n".join(lines).encode("utf-8")


def _kind(text: str) -> bytes:
    return re.sub(r"^kind: (\S+)", r"kind: \1x", text, count=1, flags=re.M).encode("utf-8")


BREAKS: dict[str, Callable[[str], bytes]] = {"cp1252": _cp1252, "tab": _tab, "kind": _kind}

# The rules that look in each file for what other artifacts refer to; while it is broken, they
# wait for it, and its own finding says so.
WAITING = {
    "governance/roles.yaml": "SMS003, SMS016, SMS018, SMS029, SMS030 and SMS031",
    "governance/objectives-2026.yaml": "SMS016 and SMS018",
    "governance/scope.yaml": "SMS008, SMS016 and SMS018",
}


def _ids(node: Any) -> set[str]:
    """Every id the file holds: its own and those of its roles, objectives, ..."""
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            found.add(node["id"])
        for value in node.values():
            found |= _ids(value)
    elif isinstance(node, list):
        for item in node:
            found |= _ids(item)
    return found


@pytest.mark.parametrize("how", sorted(BREAKS))
@pytest.mark.parametrize("relative", FILES)
def test_a_broken_file_is_reported_on_itself_and_causes_no_advice_to_recreate_it(
    tmp_path: Path, check_json, relative: str, how: str
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE, root)
    target = root / relative
    text = target.read_text(encoding="utf-8")
    held = _ids(yaml.safe_load(text))
    target.write_bytes(BREAKS[how](text))

    _, report = check_json(root)
    findings = report["findings"]

    on_file = [f for f in findings if f["path"] == relative]
    assert on_file, f"no finding names {relative}"
    # One defect, one finding: the rest of the example is conformant, and nothing else
    # reports what could not be checked because of this file.
    assert findings == on_file
    first = on_file[0]
    assert first["message"].endswith(
        f"; until then {WAITING[relative]} cannot check what may depend on it"
    ), first
    # Graded as the most serious waiting rule: SMS003 and SMS008 are major; a misspelt kind
    # (SMS107, minor) waited for by SMS018 alone (minor) stays minor.
    alone = how == "kind" and WAITING[relative] == "SMS018"
    assert first["severity"] == ("minor" if alone else "major"), first
    for finding in findings:
        message = finding["message"]
        assert not RECREATE.search(message), finding
        for held_id in held:
            assert f"did you mean '{held_id}'" not in message, finding
        if finding["path"] != relative:  # a kind hint on the file itself is right
            assert "did you mean" not in message, finding
