"""The readiness page names the folder it checked: given as ".", its name (persona review,
issue 16: "Repository ." told the reader nothing)."""

from __future__ import annotations

import shutil

from conftest import EXAMPLE, TODAY


def test_the_current_folder_is_named(invoke, tmp_path, monkeypatch) -> None:
    root = tmp_path / "acme-sms"
    shutil.copytree(EXAMPLE, root)
    monkeypatch.chdir(root)
    out = tmp_path / "readiness.html"
    invoke("coverage", ".", "--format", "html", "-o", str(out), "--today", TODAY)
    page = out.read_text(encoding="utf-8")
    assert "<dt>Repository</dt> <dd>acme-sms</dd>" in page


def test_a_folder_given_by_path_is_shown_as_given(invoke, tmp_path, monkeypatch) -> None:
    root = tmp_path / "acme-sms"
    shutil.copytree(EXAMPLE, root)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "readiness.html"
    invoke("coverage", "acme-sms", "--format", "html", "-o", str(out), "--today", TODAY)
    assert "<dt>Repository</dt> <dd>acme-sms</dd>" in out.read_text(encoding="utf-8")
