"""Each hostile case alone: exit 0 or 1, a finding on the file, every report format parses.

Runs in-process through click's runner with exceptions let through, so a traceback fails the
test; the runner's output stream is strict UTF-8, as on a CI runner with a UTF-8 locale.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from hostile.cases import CASE_NAMES, MARKER_NAME, SECRET
from hostile.harness import TODAY, assert_findings_on_case
from hostile.known_bugs import CASE_FORMAT
from hostile.reports import formats, known, parse


def _params() -> list:
    out = []
    for name in CASE_NAMES:
        for format_name in formats():
            if not known(format_name):
                continue
            marks = []
            if (name, format_name) in CASE_FORMAT:
                marks.append(
                    pytest.mark.xfail(strict=True, reason=CASE_FORMAT[(name, format_name)])
                )
            out.append(pytest.param(name, format_name, marks=marks, id=f"{name}-{format_name}"))
    return out


def _run(invoke: Callable[..., Result], root, format_name: str) -> Result:
    result = invoke("check", str(root), "--format", format_name, "--today", TODAY)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case_is_a_finding_on_its_file(name: str, case_repo, invoke) -> None:
    case, root = case_repo(name)
    result = _run(invoke, root, "json")
    assert_findings_on_case(case, json.loads(result.stdout_bytes)["findings"])
    assert not (root.parent / "outside" / MARKER_NAME).exists()


@pytest.mark.parametrize(("name", "format_name"), _params())
def test_case_report_parses(name: str, format_name: str, case_repo, invoke) -> None:
    _, root = case_repo(name)
    findings = json.loads(_run(invoke, root, "json").stdout_bytes)["findings"]
    result = _run(invoke, root, format_name)
    text = result.stdout_bytes.decode("utf-8")
    parse(format_name, text, findings)
    assert SECRET not in text and SECRET not in result.stderr
