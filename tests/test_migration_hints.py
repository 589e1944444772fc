"""What a migration from Word and spreadsheets runs into first: dates written the old way get
the YYYY-MM-DD reading(s) in the schema finding, and office files and PDF under the root are
named as not read (a note, never a finding) instead of being passed over in silence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import EXAMPLE, TODAY, quiet_config

from sms_lint.parse.date_readings import date_hint

ROLES = (EXAMPLE / "governance" / "roles.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("03/02/2026", "; write 2026-02-03 if that is 3 February, 2026-03-02 if it is 2 March"),
        ("3.2.2026", "; write 2026-02-03 if that is 3 February, 2026-03-02 if it is 2 March"),
        ("03-02-2026", "; write 2026-02-03 if that is 3 February, 2026-03-02 if it is 2 March"),
        ("13/02/2026", "; write 2026-02-13"),
        ("02/13/2026", "; write 2026-02-13"),
        ("03/03/2026", "; write 2026-03-03"),
        ("3 Feb 2026", "; write 2026-02-03"),
        ("3rd February 2026", "; write 2026-02-03"),
        ("Feb 3, 2026", "; write 2026-02-03"),
        ("2026/02/03", "; write 2026-02-03"),
        ("31/02/2026", ""),  # no reading is a real date: no guess
        ("3 Foo 2026", ""),
        ("TBD", ""),
        (42, ""),
    ],
)
def test_each_reading_a_date_can_have(written: object, hint: str) -> None:
    assert date_hint(written) == hint


def _roles_reviewed(write: Callable[..., Path], written: str) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001"))
    write("governance/roles.yaml", ROLES.replace("last_reviewed: 2026-10-05", written))


def _check(invoke: Callable[..., Result], root: Path, *extra: str) -> Result:
    return invoke("check", str(root), "--today", TODAY, *extra)


def test_a_uk_date_gets_both_readings_in_the_one_schema_finding(
    invoke: Callable[..., Result], write: Callable[..., Path], tmp_path: Path
) -> None:
    _roles_reviewed(write, 'last_reviewed: "03/02/2026"')
    report = json.loads(_check(invoke, tmp_path, "--format", "json").stdout)
    assert [(f["rule"], f["line"], f["message"]) for f in report["findings"]] == [
        (
            "SMS001",
            9,
            'last_reviewed must be a date written YYYY-MM-DD (got "03/02/2026"; write '
            "2026-02-03 if that is 3 February, 2026-03-02 if it is 2 March)",
        )
    ]


def test_an_unambiguous_date_gets_one_reading(
    invoke: Callable[..., Result], write: Callable[..., Path], tmp_path: Path
) -> None:
    _roles_reviewed(write, "last_reviewed: 13/02/2026")
    lines = _check(invoke, tmp_path).stdout.splitlines()
    assert (
        "governance/roles.yaml:9:1: minor SMS001 schema: last_reviewed must be a date written "
        'YYYY-MM-DD (got "13/02/2026"; write 2026-02-13) [7.5.2]'
    ) in lines


def _office_files(write: Callable[..., Path]) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", extra="exclude: [archive/**]\n"))
    write("governance/roles.yaml", ROLES)
    for name in (
        "procedures/Change.docx",
        "Manual.pdf",
        "risks/Risk register.xlsx",
        "archive/Old manual.doc",  # excluded
        ".drafts/Plan.docx",  # hidden folder
        ".~lock.Manual.pdf",  # hidden file
        "risks/export.csv",  # a spreadsheet's export: a register still to migrate
        "logo.png",  # an image: not a document to migrate
    ):
        write(name, b"\xd0\xcf\x11\xe0 not text")


def test_the_text_report_names_office_files_in_one_note_before_the_summary(
    invoke: Callable[..., Result], write: Callable[..., Path], tmp_path: Path
) -> None:
    _office_files(write)
    result = _check(invoke, tmp_path)
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[-1] == "1 artifact checked: no findings."
    assert lines[-3] == (
        "note: 4 files are not YAML or Markdown and were not read: Manual.pdf, "
        "procedures/Change.docx and 2 more; keep documents as YAML or Markdown and link to "
        "other files from them (the guide's task 'Migrate an existing document set')"
    )
    assert sum("not read" in line for line in lines) == 1


def test_the_json_report_lists_them_and_keeps_every_other_key(
    invoke: Callable[..., Result], write: Callable[..., Path], tmp_path: Path
) -> None:
    _office_files(write)
    result = _check(invoke, tmp_path, "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert list(report) == ["tool", "framework", "root", "today", "summary", "findings", "not_read"]
    assert report["not_read"] == [
        "Manual.pdf",
        "procedures/Change.docx",
        "risks/Risk register.xlsx",
        "risks/export.csv",
    ]
    assert report["findings"] == [] and report["summary"]["conformant"] is True


def test_one_file_is_named_in_the_singular_and_none_leaves_no_note(
    invoke: Callable[..., Result], write: Callable[..., Path], tmp_path: Path
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001"))
    write("governance/roles.yaml", ROLES)
    assert "not read" not in _check(invoke, tmp_path).stdout
    assert json.loads(_check(invoke, tmp_path, "--format", "json").stdout)["not_read"] == []
    write("Manual.PDF", b"%PDF-1.7")
    assert (
        "note: 1 file is not YAML or Markdown and was not read: Manual.PDF; keep documents as "
        "YAML or Markdown and link to other files from them (the guide's task "
        "'Migrate an existing document set')"
    ) in _check(invoke, tmp_path).stdout.splitlines()


def test_a_file_name_that_could_break_the_report_is_neutralised(
    invoke: Callable[..., Result], write: Callable[..., Path], tmp_path: Path
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001"))
    write("governance/roles.yaml", ROLES)
    write("bad\nname\x1b[31m.docx", b"x")
    note = [line for line in _check(invoke, tmp_path).stdout.splitlines() if "not read" in line]
    assert len(note) == 1 and "\x1b" not in note[0]
    listed = json.loads(_check(invoke, tmp_path, "--format", "json").stdout)["not_read"]
    assert len(listed) == 1 and "\x1b" not in listed[0]
