"""The readiness page names the folder it checked: given as ".", its name (persona review,
issue 16: "Repository ." told the reader nothing)."""

from __future__ import annotations

import shutil

import pytest
from conftest import EXAMPLE, TODAY


@pytest.mark.parametrize(("cwd", "given"), [("acme-sms", "."), (".", "acme-sms")])
def test_the_page_names_the_checked_folder(invoke, tmp_path, monkeypatch, cwd, given) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "acme-sms")
    monkeypatch.chdir(tmp_path / cwd)
    out = tmp_path / "readiness.html"
    invoke("coverage", given, "--format", "html", "-o", str(out), "--today", TODAY)
    assert "<dt>Repository</dt> <dd>acme-sms</dd>" in out.read_text(encoding="utf-8")
