"""Every hostile file at once, beside the example SMS, through the real command in a child process.

One bad file never stops the others from being checked, never changes the findings of the
valid part, never leaks what lies outside the root and never writes a file.
"""

from __future__ import annotations

import pytest

from hostile.cases import CASE_NAMES, PREFIX, SECRET
from hostile.harness import Mixed, assert_findings_on_case
from hostile.known_bugs import RUN_BREAKERS
from hostile.reports import formats, known, parse


def _hostile(finding: dict) -> bool:
    return finding["path"] is not None and finding["path"].startswith(PREFIX)


def test_exit_code_and_no_traceback(mixed: Mixed) -> None:
    for name, run in mixed.runs.items():
        assert run.code == 1, (name, run.stderr[-2000:])
        assert run.stderr == b"", (name, run.stderr[-2000:])


def test_valid_part_reports_exactly_as_without_hostile_files(
    mixed: Mixed, example_findings: list[dict]
) -> None:
    report = mixed.runs["json"].json()
    assert [f for f in report["findings"] if not _hostile(f)] == example_findings


@pytest.mark.parametrize("name", [n for n in CASE_NAMES if n not in RUN_BREAKERS])
def test_every_case_is_found_among_all_the_others(mixed: Mixed, name: str) -> None:
    assert_findings_on_case(mixed.cases[name], mixed.runs["json"].json()["findings"])


@pytest.mark.parametrize("format_name", [n for n in formats() if known(n)])
def test_every_format_parses(mixed: Mixed, format_name: str) -> None:
    findings = mixed.runs["json"].json()["findings"]
    parse(format_name, mixed.runs[format_name].stdout.decode("utf-8"), findings)


def test_cached_run_reports_the_same(mixed: Mixed) -> None:
    assert any(mixed.cache.rglob("*")), "the first run should have filled the cache"
    cold = mixed.runs["json"]
    assert (mixed.warm_json.code, mixed.warm_json.stdout) == (cold.code, cold.stdout)


def test_nothing_outside_the_root_reaches_a_report(mixed: Mixed) -> None:
    for name, run in mixed.runs.items():
        assert SECRET.encode() not in run.stdout, name
        assert SECRET.encode() not in run.stderr, name


def test_no_payload_ran_and_no_file_was_written(mixed: Mixed) -> None:
    assert not mixed.marker.exists()
    assert mixed.files_unchanged


_BREAKERS_FIXED = not RUN_BREAKERS
_BREAKERS_MARK = pytest.mark.xfail(
    strict=True, reason="; ".join(RUN_BREAKERS.values()) or "nothing known"
)


@pytest.mark.parametrize(
    "leave_out", [pytest.param((), marks=[] if _BREAKERS_FIXED else [_BREAKERS_MARK], id="all")]
)
def test_every_case_together_including_known_bugs(tmp_path, leave_out: tuple[str, ...]) -> None:
    """The same guarantees with no case left out (the known bugs in ``RUN_BREAKERS`` too)."""
    whole = Mixed(tmp_path, leave_out=leave_out)
    findings = whole.runs["json"].json()["findings"]
    for name, run in whole.runs.items():
        assert (run.code, run.stderr) == (1, b""), (name, run.stderr[-2000:])
        parse(name, run.stdout.decode("utf-8"), findings)
        assert SECRET.encode() not in run.stdout + run.stderr
    for case in whole.cases.values():
        assert_findings_on_case(case, findings)
    assert whole.files_unchanged and not whole.marker.exists()
