"""``register --format xlsx -o FILE`` (issue 23, point 2): the register as a spreadsheet that
openpyxl reads back with one row per artifact, typed dates, a frozen header and a filter."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE
from test_git_support import GitRepo, policy, process

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    sms = GitRepo(tmp_path / "sms")
    sms.write("policies/pol-001.md", policy())
    sms.write("processes/demand.yaml", process())
    hostile = process(artifact_id="PRC-EVIL").replace(
        "title: Demand management", 'title: \'=HYPERLINK("http://x","y")\''
    )
    sms.write("processes/evil.yaml", hostile)
    sms.commit("Approve", "2026-01-10", author="@Mallory")
    return sms


def _workbook(invoke, root: Path, target: Path, *extra: str):
    result = invoke("register", str(root), "--format", "xlsx", "-o", str(target), *extra)
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(target)


def test_one_row_per_artifact_with_typed_dates(repo: GitRepo, invoke, tmp_path: Path) -> None:
    sheet = _workbook(invoke, repo.path, tmp_path / "register.xlsx").active
    header = [cell.value for cell in sheet[1]]
    assert header[:9] == [
        "id", "title", "kind", "owner", "version", "status", "last_reviewed", "next_review",
        "path",
    ]  # fmt: skip
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    json_rows = json.loads(invoke("register", str(repo.path), "--format", "json").stdout)
    assert [r["id"] for r in rows] == [r["id"] for r in json_rows] == [
        "POL-001", "PRC-DEMAND", "PRC-EVIL",
    ]  # fmt: skip
    pol = rows[0]
    assert pol["last_reviewed"] == datetime.datetime(2026, 1, 10)  # a date cell, read back
    assert pol["next_review"] == datetime.datetime(2027, 1, 10)
    assert pol["last_date"] == datetime.datetime(2026, 1, 10, 10, 0)
    assert pol["version"] == "1.0"  # text, not the number 1
    cell = sheet["G2"]
    assert cell.is_date and cell.number_format == "yyyy-mm-dd"


def test_header_frozen_filtered_and_columns_sized(repo: GitRepo, invoke, tmp_path: Path) -> None:
    sheet = _workbook(invoke, repo.path, tmp_path / "register.xlsx").active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Q4"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width > 0


def test_formula_looking_values_stay_text(repo: GitRepo, invoke, tmp_path: Path) -> None:
    target = tmp_path / "register.xlsx"
    sheet = _workbook(invoke, repo.path, target).active
    evil = next(row for row in sheet.iter_rows(2) if row[0].value == "PRC-EVIL")
    assert evil[1].value == '\'=HYPERLINK("http://x","y")'
    assert evil[1].data_type == "s"
    author = evil[10]
    assert author.value == "'@Mallory" and author.data_type == "s"
    with zipfile.ZipFile(target) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula anywhere in the sheet


def test_the_same_register_gives_the_same_bytes(repo: GitRepo, invoke, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _workbook(invoke, repo.path, first)
    _workbook(invoke, repo.path, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_to_a_pipe_the_bytes_go_to_stdout(repo: GitRepo, invoke) -> None:
    result = invoke("register", str(repo.path), "--format", "xlsx")
    assert result.exit_code == 0
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    assert book.active.max_row == 4


def test_to_a_terminal_it_is_refused(repo: GitRepo, monkeypatch, invoke) -> None:
    from sms_lint.commands import register_xlsx

    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(register_xlsx, "standard_output", Terminal)
    result = invoke("register", str(repo.path), "--format", "xlsx")
    assert result.exit_code == 2
    assert "binary: write it to a file with -o FILE" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_example_sms_as_a_workbook(invoke, tmp_path: Path) -> None:
    sheet = _workbook(invoke, EXAMPLE, tmp_path / "register.xlsx").active
    rows = json.loads(invoke("register", str(EXAMPLE), "--format", "json").stdout)
    assert sheet.max_row == len(rows) + 1
    assert [row[0].value for row in sheet.iter_rows(2)] == [r["id"] for r in rows]
