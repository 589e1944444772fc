"""SMS027 and SMS028 after review: single-word markers, placeholders the schema rejects, a
placeholder entry of a list another rule reads, empty bodies of markup only, file names and
more marker phrases, and placeholders inside YAML block scalars, each from the user's side."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from auditor_repos import KPI, header, only
from conftest import EXAMPLE, located, quiet_config

SUPPLIER = (
    "supplier_name: Acme Ltd\nsupports: [SVC-1]\ncontract_ref: C-1\ncontract_end: TBD\n"
    "targets:\n  - {metric: uptime, target: 99, unit: percent, comparator: '>='}\n"
    "last_performance_review: 2026-05-01\n"
)  # contract_end on line 13 after the nine header lines


def example(tmp_path: Path, path: str, old: str, new: str) -> Path:
    """A copy of the example SMS with ``old`` replaced by ``new`` in ``path``."""
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, old
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def page(body: str, status: str = "approved", front: str = "") -> str:
    """A Markdown procedure: nine header lines (2-10), ``front`` after them, the fence, body."""
    return f"---\n{header('PROC-1', 'procedure', status)}{front}---\n{body}"


def places(report: dict) -> list[tuple]:
    return [(f["line"], f["column"], f["rule"], f["message"]) for f in report["findings"]]


# --- 1. single-word markers, never markup ---------------------------------------------------


def test_single_word_markers_in_text_are_placeholders(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    body = (
        "\n# Procedure\n\n"  # lines 12-14
        "Owned by <Name> of <Service>, see <Reference>.\n"  # line 15
        "Reviewed by <owner> on <date> (<YYYY-MM-DD>), approved by <<Name>>.\n"  # line 16
    )
    write("p.md", page(body))
    _, report = check_json(tmp_path)
    # one finding per line, at its first placeholder, quoting each
    assert [(line, column, rule) for line, column, rule, _ in places(report)] == [
        (15, 10, "SMS027"),
        (16, 13, "SMS027"),
    ]
    assert report["findings"][0]["message"] == (
        "line 15 of the text still holds the placeholders '<Name>', '<Service>' and "
        "'<Reference>': write what they ask for, or remove them"
    )
    assert report["findings"][1]["message"] == (
        "line 16 of the text still holds the placeholders '<owner>', '<date>', '<YYYY-MM-DD>' "
        "and '<<Name>>': write what they ask for, or remove them"
    )
    assert {f["severity"] for f in report["findings"]} == {"major"}


def test_markup_autolinks_and_comparisons_are_not_single_word_markers(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    body = (
        "\n# Procedure\n\n"
        "Line one<br>\n<Strong>bold</Strong> and <EM>this</EM>, <kbd>Ctrl</kbd>, <sup>2</sup>\n"
        "<div>\n<span class=note>A note</span>\n</div>\n<H2>Title</H2>\n"
        "<table><tbody><tr><td>1</td></tr></tbody></table>\n"
        "Mail <ops@example.com> or see <https://example.com>.\n"
        "P1 < 4h and P2 > 8h; a<b and b>c; List<T>.\n"
        "See [Name] and [the policy][pol] for [x] tasks.\n"
    )
    write("p.md", page(body))
    _, report = check_json(tmp_path)
    assert places(report) == []


def test_single_word_marker_in_front_matter_is_a_placeholder_holder(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS003", "SMS027"))
    write(
        "roles.yaml",
        "id: ROLES-1\nkind: roles\ntitle: Roles\nowner: sms-manager\nstatus: draft\nroles:\n"
        "  - id: sms-manager\n    title: SMS manager\n    holder: <Name>\n"
        "    responsibilities: [Runs the SMS]\n",
    )
    _, report = check_json(tmp_path)
    assert located(report, "SMS001", "SMS003", "SMS027") == [
        (
            "roles.yaml:9",
            "SMS027",
            "7.5.2",
            "observation",
            "holder of role 'sms-manager': '<Name>' is a placeholder: write the holder's name",
        )
    ]


# --- 2. a placeholder where the schema wants a date, a number, a clause -----------------------


@pytest.mark.parametrize(
    ("path", "old", "new", "line", "message"),
    [
        (
            "suppliers/sup-acquirer.yaml",
            "contract_end: 2028-03-31",
            "contract_end: TBD",
            14,
            "contract_end: 'TBD' is a placeholder: write the value it stands for; it must be a "
            "date written YYYY-MM-DD",
        ),
        (
            "slas/sla-backup.yaml",
            "last_reviewed: 2026-10-19",
            "last_reviewed: <date>",
            9,
            "last_reviewed: '<date>' is a placeholder: write what it asks for; it must be a date "
            "written YYYY-MM-DD",
        ),
        (
            "slas/sla-backup.yaml",
            "    target: 99\n",
            "    target: TBD\n",
            15,
            "the value of target 'Scheduled backup jobs completed successfully': 'TBD' is a "
            "placeholder: write the value it stands for; it must be a number",
        ),
        (
            "nonconformities/nc-2026-001.yaml",
            'clause: "8.3.4"',
            "clause: TBD",
            13,
            "clause: 'TBD' is a placeholder: write the number of the clause it concerns (such "
            "as 8.3.4)",
        ),
    ],
)
def test_typed_placeholder_in_approved_artifact_is_one_major_sms027(
    check_json: Callable, tmp_path: Path, path: str, old: str, new: str, line: int, message: str
) -> None:
    root = example(tmp_path, path, old, new)
    _, report = check_json(root)
    assert located(report, *{f["rule"] for f in report["findings"]}) == [
        (f"{path}:{line}", "SMS027", "7.5.2", "major", message)
    ]


def test_typed_placeholder_in_markdown_audit_is_one_finding_at_the_value(
    check_json: Callable, tmp_path: Path
) -> None:
    root = example(tmp_path, "audits/aud-2026-01.md", "date: 2026-05-13", "date: TBD")
    _, report = check_json(root)
    mine = [f for f in report["findings"] if f["path"] == "audits/aud-2026-01.md"]
    assert [(f["line"], f["rule"], f["severity"], f["message"]) for f in mine] == [
        (
            13,
            "SMS027",
            "major",
            "date: 'TBD' is a placeholder: write the value it stands for; it must be a date "
            "written YYYY-MM-DD",
        )
    ]
    assert not {"SMS001", "SMS004"} & {f["rule"] for f in report["findings"]}


@pytest.mark.parametrize(
    ("status", "keep", "expected"),
    [
        ("draft", ("SMS001", "SMS027"), ("SMS027", "7.5.2", "observation")),
        # SMS027 switched off, or a retired supplier: the schema's finding stays.
        ("draft", ("SMS001",), ("SMS001", "8.3.4", "minor")),
        ("retired", ("SMS001", "SMS027"), ("SMS001", "8.3.4", "minor")),
    ],
)
def test_typed_placeholder_graded_on_a_draft_and_left_to_the_schema_when_not_examined(
    write: Callable,
    check_json: Callable,
    tmp_path: Path,
    status: str,
    keep: tuple[str, ...],
    expected: tuple[str, str, str],
) -> None:
    write(".sms-lint.yaml", quiet_config(*keep))
    write("sup.yaml", header("SUP-1", "supplier", status) + SUPPLIER)
    _, report = check_json(tmp_path)
    [(place, *graded, message)] = located(report, "SMS001", "SMS027")
    assert (place, *graded) == ("sup.yaml:13", *expected)
    assert "contract_end" in message and "TBD" in message


# --- 3. a placeholder entry of a list another rule reads -------------------------------------


def test_placeholder_attendee_is_one_finding_not_also_no_top_management(
    check_json: Callable, tmp_path: Path
) -> None:
    old = "attendees:\n  - managing-director\n  - operations-director\n  - finance-director\n"
    root = example(tmp_path, "reviews/mr-2026-02.md", old, "attendees: [TBD]\nx-was:\n")
    _, report = check_json(root)
    assert [
        (f["path"], f["line"], f["column"], f["rule"], f["severity"], f["message"])
        for f in report["findings"]
    ] == [
        (
            "reviews/mr-2026-02.md",
            13,
            13,
            "SMS027",
            "major",
            "the 1st entry in attendees: 'TBD' is a placeholder: write the id of the attending "
            "role",
        )
    ]


def test_placeholder_ids_in_lists_and_owner_are_one_finding_each(
    check_json: Callable, tmp_path: Path
) -> None:
    root = example(
        tmp_path,
        "audits/aud-2026-01.md",
        "services: [SVC-PAYMENTS, SVC-HOSTING, SVC-SERVICEDESK]",
        "services: [SVC-PAYMENTS, SVC-HOSTING, SVC-SERVICEDESK, TBD]",
    )
    review = root / "reviews/mr-2026-02.md"
    text = review.read_text(encoding="utf-8")
    text = text.replace("    owner: business-relationship-manager", "    owner: TBD", 1)
    review.write_text(text.replace("related: [MR-2026-01,", "related: [<Reference>,"))
    _, report = check_json(root)
    assert located(report, *{f["rule"] for f in report["findings"]}) == [
        (
            "audits/aud-2026-01.md:30",
            "SMS027",
            "7.5.2",
            "major",
            "the 4th entry in services: 'TBD' is a placeholder: write the id of the service",
        ),
        (
            "reviews/mr-2026-02.md:11",
            "SMS027",
            "7.5.2",
            "major",
            "the 1st entry in related: '<Reference>' is a placeholder: write the id of the "
            "related artifact",
        ),
        (
            "reviews/mr-2026-02.md:38",
            "SMS027",
            "7.5.2",
            "major",
            "owner of action 'MR-2026-02-A1': 'TBD' is a placeholder: write the id of the "
            "owning role",
        ),
    ]


# --- 4. bodies of markup only ---------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    ["***", "___", "- - -", "* * *", "<br>", "&nbsp;", "<div></div>", ".", "...", "```\n```"],
)
def test_body_of_markup_only_is_empty(
    write: Callable, check_json: Callable, tmp_path: Path, body: str
) -> None:
    only(write, "SMS028")
    write("p.md", page(f"\n# Procedure\n\n{body}\n"))
    _, report = check_json(tmp_path)
    assert located(report, "SMS028") == [
        (
            "p.md:11",
            "SMS028",
            "7.5.2",
            "minor",
            "'PROC-1' has no text beyond headings after its front matter: write the procedure "
            "(who does what, when, and the records kept)",
        )
    ]


@pytest.mark.parametrize("body", ["1.", "<img src='flow.png'>", "![Flow](flow.png)", "&gt; Go"])
def test_a_digit_an_image_or_a_word_is_content(
    write: Callable, check_json: Callable, tmp_path: Path, body: str
) -> None:
    only(write, "SMS028")
    write("p.md", page(f"\n# Procedure\n\n{body}\n"))
    _, report = check_json(tmp_path)
    assert located(report, "SMS028") == []


@pytest.mark.parametrize(
    ("described", "found"),
    [
        ('activities: ["-"]', True),
        ('activities: ["-", "..."]', True),
        ('description: "..."', True),
        ('activities: ["-", "Log it"]', False),
    ],
)
def test_yaml_process_steps_without_a_letter_or_digit_describe_nothing(
    write: Callable, check_json: Callable, tmp_path: Path, described: str, found: bool
) -> None:
    only(write, "SMS028")
    write("prc.yaml", header("PRC-1", "process") + f"process: incident\nkpis:\n{KPI}{described}\n")
    _, report = check_json(tmp_path)
    expected = [
        (
            "prc.yaml:10",
            "SMS028",
            "7.5.2",
            "major",
            "process 'PRC-1' says nothing of how it runs: add its activities (the steps, in "
            "order) or a description, or write it as a Markdown document with the text",
        )
    ]
    assert located(report, "SMS028") == (expected if found else [])


# --- 5. file names and more marker phrases ---------------------------------------------------


def test_file_names_are_not_markers_and_more_phrases_are(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    body = (
        "\n# Procedure\n\n"  # lines 12-14
        "Keep todo.txt and TODO.md in the share; fixme.log too.\n"  # line 15: none
        "Frequency to be determined, owner To Be Defined.\n"  # line 16
        "Budget T.B.D., contact to be confirmed, code XXXX and XXXXXX; sizes XXL and XXXL.\n"
    )
    write("p.md", page(body))
    # no default markers since honest prose uses them: added here as the user would
    write(
        ".sms-lint.yaml",
        quiet_config(
            "SMS001",
            "SMS027",
            extra="placeholders: [to be determined, to be defined, to be confirmed, XXX]\n",
        ),
    )
    _, report = check_json(tmp_path)
    assert [
        (line, column, message.split("'")[1::2]) for line, column, _, message in places(report)
    ] == [
        (16, 11, ["to be determined", "To Be Defined"]),
        (17, 8, ["T.B.D.", "to be confirmed", "XXXX", "XXXXXX"]),
    ]


# --- 6. placeholders inside YAML block scalars -----------------------------------------------

BLOCKS = (
    "x-multiline: |\n"  # line 10
    "  First line.\n"
    "  Second line.\n"
    "    Then TBC here.\n"  # line 13: the value's 3rd line, column 10
    "x-folded: >\n"  # line 14
    "  Folded first\n"
    "  and TODO later.\n"
    "x-steps:\n"
    "  - |-\n"  # line 18
    "    one\n"
    "    <Name> two\n"  # line 20
)


def test_placeholder_in_literal_block_at_its_own_line_folded_at_the_value(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    write("p.yaml", header("PROC-1", "procedure", "draft") + BLOCKS)
    write("p.md", page("\n# P\n\nText.\n", "draft", BLOCKS).replace("PROC-1", "PROC-2"))
    write("crlf.yaml", (header("PROC-3", "procedure", "draft") + BLOCKS).replace("\n", "\r\n"))
    _, report = check_json(tmp_path)
    for path in ("p.yaml", "p.md", "crlf.yaml"):
        shift = 1 if path.endswith(".md") else 0  # the Markdown front matter starts on line 2
        mine = [f for f in report["findings"] if f["path"] == path]
        assert [(f["line"] - shift, f["column"], f["severity"], f["message"]) for f in mine] == [
            (
                13,
                10,
                "observation",
                "x-multiline still holds the placeholder 'TBC': write the text it stands for",
            ),
            (
                14,
                1,
                "observation",
                "x-folded still holds the placeholder 'TODO': write the text it stands for",
            ),
            (
                20,
                5,
                "observation",
                "the 1st entry in x-steps still holds the placeholder '<Name>': write what it "
                "asks for",
            ),
        ], path
