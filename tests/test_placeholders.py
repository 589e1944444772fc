"""SMS027 placeholder: every placeholder in an artifact's front matter or Markdown text is one
finding at its line; major when approved, an observation on a draft, nothing when retired."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from auditor_repos import header, markdown, only
from conftest import located, quiet_config

ROLES_HEAD = "id: ROLES-1\nkind: roles\ntitle: Roles\nowner: sms-manager\n"


def roles(status: str, holder: str, extra: str = "") -> str:
    """A roles artifact whose managing director's holder (line 9) is ``holder``."""
    approval = (
        'version: "1.0"\napproved_by: sms-manager\napproved_on: 2026-01-10\n'
        "last_reviewed: 2026-01-10\n"
        if status == "approved"
        else "\n\n\n\n"
    )
    return (
        f"{ROLES_HEAD}status: {status}\n{approval}roles:\n"
        f"  - id: managing-director\n    holder: {holder}\n    title: MD\n"
        "    responsibilities: [Approves]\n"
        "  - {id: sms-manager, title: SMS manager, holder: Ann Lee, responsibilities: [Runs]}\n"
        f"{extra}"
    )


def page(body: str, status: str = "approved", art_id: str = "PROC-1") -> str:
    """A Markdown procedure: nine header lines (2-10), its fence on line 11, ``body`` after."""
    return f"---\n{header(art_id, 'procedure', status)}---\n{body}"


@pytest.mark.parametrize(("status", "severity"), [("approved", "major"), ("draft", "observation")])
def test_front_matter_placeholder_graded_by_status(
    write: Callable, check_json: Callable, tmp_path: Path, status: str, severity: str
) -> None:
    only(write, "SMS027")
    write("roles.yaml", roles(status, "<Name of your managing director>"))
    _, report = check_json(tmp_path)
    assert located(report, "SMS027") == [
        (
            "roles.yaml:12",
            "SMS027",
            "7.5.2",
            severity,
            "holder of role 'managing-director': '<Name of your managing director>' is a "
            "placeholder: write the holder's name",
        )
    ]


def test_retired_artifact_is_not_examined(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    write("roles.yaml", roles("retired", "<Name of your managing director>"))
    write("p.md", page("\n# P\n\nTBD\n", status="retired"))
    _, report = check_json(tmp_path)
    assert located(report, "SMS027") == []


def test_placeholder_inside_longer_value_and_user_field(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    write(
        "scope.md",
        markdown(
            header("SCOPE-1", "scope")
            + "services: [SVC-1]\nlocations:\n  - Leeds\n  - TBD\nx-notes: Ask the todos owner\n"
            + "x-contact: to be confirmed\n"
        ),
    )
    write(
        ".sms-lint.yaml",
        quiet_config("SMS001", "SMS027", extra="placeholders: [to be confirmed]\n"),
    )
    _, report = check_json(tmp_path)
    assert located(report, "SMS027") == [
        (
            "scope.md:14",
            "SMS027",
            "7.5.2",
            "major",
            "the 2nd entry in locations: 'TBD' is a placeholder: write the text it stands for",
        ),
        (
            "scope.md:16",
            "SMS027",
            "7.5.2",
            "major",
            "x-contact: 'to be confirmed' is a placeholder: write the text it stands for",
        ),
    ]


def test_body_placeholders_one_finding_per_line_at_its_first(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    body = (
        "\n# Procedure\n\n"  # lines 12-14
        "Owned by <Your organization> for <your customers>.\n"  # line 15
        "Steps: TODO\n"  # line 16
    )
    write("p.md", page(body))
    _, report = check_json(tmp_path)
    places = [(f["line"], f["column"], f["message"]) for f in report["findings"]]
    assert places == [
        (
            15,
            10,
            "line 15 of the text still holds the placeholders '<Your organization>' and "
            "'<your customers>': write what they ask for, or remove them",
        ),
        (
            16,
            8,
            "line 16 of the text still holds the placeholder 'TODO': write the text it stands "
            "for, or remove it",
        ),
    ]
    assert {f["severity"] for f in report["findings"]} == {"major"}


def test_body_line_after_multiline_front_matter_and_crlf(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    front = header("PROC-1", "procedure") + "related:\n  - PROC-2\n  - PROC-3\n"
    text = f"---\n{front}---\n\n# Title\n\nStill TBD here.\n"  # TBD on line 18
    write("lf.md", text)
    write("crlf.md", text.replace("PROC-1", "PROC-9").replace("\n", "\r\n").encode())
    _, report = check_json(tmp_path)
    assert [(f["path"], f["line"], f["column"]) for f in report["findings"]] == [
        ("crlf.md", 18, 7),
        ("lf.md", 18, 7),
    ]


def test_code_comments_and_markup_are_not_placeholders(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    body = (
        "\n# Procedure\n\n"
        "Use `<your value>` and `TODO` in examples only.<br>\n"
        "<details open>\n<summary>More</summary>\n\nSee <https://example.com/a b>.\n"
        "Respond in < 4 hours; A<B tests run; sizes S to XXXL; TBDs are listed.\n"
        "</details>\n\n"
        "```\nTODO: <not a placeholder here>\n```\n\n"
        "~~~~\nTBD\n~~~~\n\n"
        "<!-- TODO: a comment\nover two lines, TBD -->\n"
        "Done.\n"
    )
    write("p.md", page(body))
    _, report = check_json(tmp_path)
    assert located(report, "SMS027") == []


def test_whole_words_in_any_case(write: Callable, check_json: Callable, tmp_path: Path) -> None:
    only(write, "SMS027")
    write("p.md", page("\n# P\n\nOwner: tbd. Lorem   ipsum dolor.\n"))
    _, report = check_json(tmp_path)
    assert [(f["line"], f["column"], f["message"][:59]) for f in report["findings"]] == [
        (15, 8, "line 15 of the text still holds the placeholders 'tbd' and "),
    ]
    assert (
        "'tbd' and 'Lorem ipsum': write the text they stand for"
        in (report["findings"][0]["message"])
    )


def test_multiline_marker_is_one_finding_at_its_opening_line(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    body = "\n# Audit\n\n<PLACEHOLDER. Replace this record with the report\nof your audit.>\n"
    write("p.md", page(body))
    _, report = check_json(tmp_path)
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(15, 1)]
    assert "'<PLACEHOLDER. Replace this record with the report'" in report["findings"][0]["message"]


def test_schema_invalid_value_holding_a_placeholder_is_one_finding(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    text = header("PROC-1", "procedure").replace(
        "approved_on: 2026-01-10", "approved_on: <date of approval>"
    )
    write("p.yaml", text + "x-note: TODO\n")
    write("q.yaml", header("PROC-2", "procedure") + "review_interval_months: TBD\n")
    _, report = check_json(tmp_path)
    assert located(report, "SMS001", "SMS027") == [
        (
            "p.yaml:8",
            "SMS027",
            "7.5.2",
            "major",
            "approved_on: '<date of approval>' is a placeholder: write what it asks for; it "
            "must be a date written YYYY-MM-DD",
        ),
        (
            "p.yaml:10",
            "SMS027",
            "7.5.2",
            "major",
            "x-note: 'TODO' is a placeholder: write the text it stands for",
        ),
        (
            "q.yaml:10",
            "SMS027",
            "7.5.2",
            "major",
            "review_interval_months: 'TBD' is a placeholder: write the value it stands for; it "
            "must be a whole number",
        ),
    ]


@pytest.mark.parametrize(("status", "severity"), [("approved", "major"), ("draft", "minor")])
def test_placeholder_role_is_one_finding_not_also_an_unknown_role(
    write: Callable, check_json: Callable, tmp_path: Path, status: str, severity: str
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS003", "SMS018", "SMS027"))
    write("roles.yaml", roles("draft", "Bo Chan"))
    text = header("PROC-1", "procedure", status).replace("owner: sms-manager", "owner: TBD")
    write("p.yaml", text.replace("approved_by: sms-manager", "approved_by: <approving role>"))
    _, report = check_json(tmp_path)
    assert [f[:4] for f in located(report, "SMS003", "SMS018", "SMS027")] == [
        ("p.yaml:4", "SMS027", "7.5.2", severity),
        ("p.yaml:7", "SMS027", "7.5.2", severity),
    ]
