"""What must never happen, watched from inside the process: no file outside the root is opened
or listed, no YAML tag runs code (the same payloads *do* run under PyYAML's unsafe loader, so
the marker file is a real witness), and the pure-Python parser is as safe as libyaml's."""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

import pytest
import yaml

from hostile.cases import CASE_NAMES, MARKER_NAME, PREFIX, SECRET, build_cases
from hostile.harness import TODAY, assert_findings_on_case, make_repo, render_all
from hostile.known_bugs import CASE_FORMAT, PURE_PYTHON_PARSER
from hostile.reports import parse
from sms_lint.config.file import Config
from sms_lint.parse import loader
from sms_lint.pipeline.engine import Result, build_setup, run_check

_WATCHED = ("open", "os.listdir", "os.scandir")
_touched: list[str] | None = None  # the paths the audit hook saw, while a test watches


def _audit(event: str, args: tuple) -> None:
    if _touched is not None and event in _WATCHED and args:
        target = args[0]
        if isinstance(target, (str, bytes, os.PathLike)):
            _touched.append(os.path.abspath(os.fsdecode(target)))


_hook_installed = False


@pytest.fixture
def touched():
    """Every path opened or listed while the test runs (audit hooks cannot be removed, so
    one hook is installed once and records only while a test asks for it)."""
    global _touched, _hook_installed
    if not _hook_installed:
        sys.addaudithook(_audit)
        _hook_installed = True
    _touched = []
    try:
        yield _touched
    finally:
        _touched = None


def _check(root: Path) -> Result:
    today = datetime.date.fromisoformat(TODAY)
    return run_check(root, build_setup(Config()), today, "minor")


def test_nothing_outside_the_root_is_opened(tmp_path: Path, touched: list[str]) -> None:
    outside = (tmp_path / "outside").resolve()
    root = make_repo(tmp_path, build_cases(outside).values())
    touched.clear()  # building the repository wrote the outside folder
    result = _check(root)
    findings, texts = render_all(result)
    assert all(SECRET not in text for text in texts.values())
    resolved = {Path(p).resolve() for p in touched}
    assert (root / PREFIX / "empty.yaml").resolve() in resolved  # the hook does see reads
    assert [p for p in resolved if p.is_relative_to(outside)] == []
    assert not {Path("/etc/passwd"), Path("/etc/shadow")} & resolved
    linked = {PREFIX + name for name in ("link.yaml", "linkdir", "abs.md", "loop.yaml")}
    assert linked <= {f["path"] for f in findings if f["rule"] == "SMS100"}


WITNESSED = ("python-apply", "python-exec", "python-apply-kwds", "python-mapping-tag")


@pytest.mark.parametrize("name", WITNESSED)
def test_payloads_are_real_but_never_run(name: str, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    case = build_cases(outside)[name]
    root = make_repo(tmp_path, [case], with_example=False)
    _check(root)
    assert not (outside / MARKER_NAME).exists()
    (text,) = case.files.values()
    yaml.unsafe_load(text)  # the witness: what an unsafe loader does with the same text
    assert (outside / MARKER_NAME).exists()


def _pure_python_params() -> list:
    marks = {}
    if PURE_PYTHON_PARSER is not None:
        marks["raw-u-fffe"] = [pytest.mark.xfail(strict=True, reason=PURE_PYTHON_PARSER)]
    return [pytest.param(name, marks=marks.get(name, [])) for name in CASE_NAMES]


@pytest.mark.parametrize("name", _pure_python_params())
def test_pure_python_parser_is_as_safe(name: str, tmp_path: Path, monkeypatch) -> None:
    """Without libyaml PyYAML's own scanner runs (it accepts escapes libyaml refuses, such as
    lone surrogates): the same guarantees hold."""
    monkeypatch.setattr(loader, "_Loader", yaml.SafeLoader)
    outside = tmp_path / "outside"
    case = build_cases(outside)[name]
    findings, texts = render_all(_check(make_repo(tmp_path, [case], with_example=False)))
    assert_findings_on_case(case, findings)
    for format_name, text in texts.items():
        if (name, format_name) not in CASE_FORMAT:
            parse(format_name, text, findings)
    assert not (outside / MARKER_NAME).exists()
