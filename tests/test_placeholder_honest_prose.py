"""SMS027 on an honest, independently written SMS: keyboard keys and prose phrases are not
placeholders; template tokens, bracketed instructions and date templates are; several
placeholders on one line are one finding; a holder that names nobody is SMS003's vacant role.
Each from the user's side, in YAML and in Markdown with front matter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from auditor_repos import header, only
from conftest import located, quiet_config
from sms_texts import SMS_MANAGER, roles_artifact


def page(body: str, front: str = "") -> str:
    """An approved Markdown procedure: front matter on lines 2-10 (+ ``front``), its closing
    fence on line 11, then ``body``."""
    return f"---\n{header('PROC-1', 'procedure')}{front}---\n{body}"


def yaml(front: str) -> str:
    """An approved YAML procedure: its own fields start on line 10."""
    return header("PROC-1", "procedure") + front


# --- 1. keyboard keys ------------------------------------------------------------------------

KEYS = (
    "Press <Enter> after the summary, <Tab> to move, <Esc> to leave, <Shift>, <Alt>, "
    "<Space>, <Return>, <Del>, <Delete>, <Backspace>, <Home>, <End>, <PgUp>, <PgDn>, <Up>, "
    "<Down>, <Left>, <Right>, <Insert>, <Cmd>, <Option>, <Win>, <F1>, <F5>, <F12>, "
    "<Ctrl+C>, <Ctrl-C>, <Ctrl + Alt + Del>, <Ctrl>"
)


def test_keyboard_keys_in_text_are_not_placeholders(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    write("p.md", page(f"\n# Steps\n\n{KEYS}.\n\nThen ask <owner> for <Name> by <YYYY-MM-DD>.\n"))
    _, report = check_json(tmp_path)
    assert located(report, "SMS027") == [
        (
            "p.md:17",
            "SMS027",
            "7.5.2",
            "major",
            "line 17 of the text still holds the placeholders '<owner>', '<Name>' and "
            "'<YYYY-MM-DD>': write what they ask for, or remove them",
        )
    ]


def test_keyboard_keys_in_yaml_values_are_not_placeholders(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    write("p.yaml", yaml(f"x-steps:\n  - '{KEYS}'\n  - Ask <owner> first\n"))
    _, report = check_json(tmp_path)
    assert located(report, "SMS027") == [
        (
            "p.yaml:12",
            "SMS027",
            "7.5.2",
            "major",
            "the 2nd entry in x-steps still holds the placeholder '<owner>': write what it "
            "asks for",
        )
    ]


# --- 2. phrases of honest prose are no default marker -----------------------------------------

PROSE = (
    "Impact still to be confirmed by the customer; the fee is to be determined at renewal, "
    "scope to be defined with them. Card XXXX XXXX XXXX 1234 was masked."
)


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        ("p.md", page(f"\n# Record\n\n{PROSE}\n"), 15),
        ("p.yaml", yaml(f"x-notes: '{PROSE}'\n"), 10),
    ],
)
def test_prose_phrases_are_not_placeholders_unless_configured(
    write: Callable, check_json: Callable, tmp_path: Path, path: str, text: str, line: int
) -> None:
    only(write, "SMS027")
    write(path, text)
    _, report = check_json(tmp_path)
    assert located(report, "SMS027") == []
    write(
        ".sms-lint.yaml",
        quiet_config("SMS001", "SMS027", extra="placeholders: [to be confirmed, XXX]\n"),
    )
    _, report = check_json(tmp_path)
    assert [(f[0], f[1]) for f in located(report, "SMS027")] == [(f"{path}:{line}", "SMS027")]
    assert "'to be confirmed'" in located(report, "SMS027")[0][4]


# --- 3. template tokens, bracketed instructions, date templates -------------------------------


def test_tokens_instructions_and_date_templates_in_text(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    body = (
        "\n# Procedure\n\n"  # lines 12-14
        "Owned by {{owner}} for {{ name }}.\n"  # line 15
        "[Insert the scope here] and [name of the service owner].\n"  # line 16
        "[Enter the date], [Add the risks], [Your organization].\n"  # line 17
        "Reviewed on: YYYY-MM-DD\n"  # line 18
        "| Date | DD/MM/YYYY |\n"  # line 19
        "See [Name], [Add a risk](risks.md), [the policy][pol] and [x] tasks.\n"  # 20: links
        "Dates are written YYYY-MM-DD, as MM/DD/YYYY never, ISO 8601 (YYYY-MM-DD).\n"  # 21
    )
    write("p.md", page(body))
    _, report = check_json(tmp_path)
    assert [(f[0], f[4].split(": ")[0]) for f in located(report, "SMS027")] == [
        (
            "p.md:15",
            "line 15 of the text still holds the placeholders '{{owner}}' and '{{ name }}'",
        ),
        (
            "p.md:16",
            "line 16 of the text still holds the placeholders '[Insert the scope here]' and "
            "'[name of the service owner]'",
        ),
        (
            "p.md:17",
            "line 17 of the text still holds the placeholders '[Enter the date]', "
            "'[Add the risks]' and '[Your organization]'",
        ),
        ("p.md:18", "line 18 of the text still holds the placeholder 'YYYY-MM-DD'"),
        ("p.md:19", "line 19 of the text still holds the placeholder 'DD/MM/YYYY'"),
    ]
    assert {f[3] for f in located(report, "SMS027")} == {"major"}


def test_tokens_and_instructions_in_yaml_values(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    write(
        "p.yaml",
        yaml("x-contact: '{{ contact }}'\nx-scope: '[Insert the scope]'\nx-link: '[Name]'\n"),
    )
    _, report = check_json(tmp_path)
    assert located(report, "SMS027") == [
        (
            "p.yaml:10",
            "SMS027",
            "7.5.2",
            "major",
            "x-contact: '{{ contact }}' is a placeholder: write what it asks for",
        ),
        (
            "p.yaml:11",
            "SMS027",
            "7.5.2",
            "major",
            "x-scope: '[Insert the scope]' is a placeholder: write what it asks for",
        ),
    ]


@pytest.mark.parametrize("markdown", [False, True])
def test_date_template_as_a_date_is_one_placeholder_finding(
    write: Callable, check_json: Callable, tmp_path: Path, markdown: bool
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS004", "SMS027"))
    front = header("PROC-1", "procedure").replace(
        "last_reviewed: 2026-01-10", "last_reviewed: YYYY-MM-DD"
    )
    path = "p.md" if markdown else "p.yaml"
    write(path, f"---\n{front}---\n\n# P\n\nText.\n" if markdown else front)
    _, report = check_json(tmp_path)
    line = 10 if markdown else 9
    assert located(report, "SMS001", "SMS004", "SMS027") == [
        (
            f"{path}:{line}",
            "SMS027",
            "7.5.2",
            "major",
            "last_reviewed: 'YYYY-MM-DD' is a placeholder: write the value it stands for; it "
            "must be a date written YYYY-MM-DD",
        )
    ]


# --- 4. one finding per line -----------------------------------------------------------------


def test_several_placeholders_on_one_line_are_one_finding(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS027")
    write("p.md", page("\n# P\n\nOwner: TBD <Name of owner> TBD.\nDue TODO.\n"))
    _, report = check_json(tmp_path)
    assert located(report, "SMS027") == [
        (
            "p.md:15",
            "SMS027",
            "7.5.2",
            "major",
            "line 15 of the text still holds the placeholders 'TBD' and '<Name of owner>': "
            "write what they ask for, or remove them",
        ),
        (
            "p.md:16",
            "SMS027",
            "7.5.2",
            "major",
            "line 16 of the text still holds the placeholder 'TODO': write the text it stands "
            "for, or remove it",
        ),
    ]
    assert report["findings"][0]["column"] == 8


# --- 5. a holder that names nobody ------------------------------------------------------------


def roles_markdown(*roles: str) -> str:
    """The roles artifact with its front matter in Markdown: the first role on line 8."""
    return f"---\n{roles_artifact(*roles)}---\n\n# Roles\n\nWho does what.\n"


@pytest.mark.parametrize("holder", ["N/A", "n/a", "NA", "-", "'?'", "none", "Vacant", "TBA"])
@pytest.mark.parametrize(("path", "line"), [("roles.yaml", 8), ("roles.md", 9)])
def test_holder_naming_nobody_is_a_vacant_role(
    write: Callable, check_json: Callable, tmp_path: Path, holder: str, path: str, line: int
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS003", "SMS027"))
    role = f"{{id: ops-lead, title: Ops lead, holder: {holder}, responsibilities: [Runs ops]}}"
    write(path, (roles_markdown if path.endswith(".md") else roles_artifact)(SMS_MANAGER, role))
    write("p.yaml", yaml("").replace("owner: sms-manager", "owner: ops-lead"))
    _, report = check_json(tmp_path)
    written = holder.strip("'")
    assert located(report, "SMS003", "SMS027", "SMS001") == [
        (
            f"{path}:{line}",
            "SMS003",
            "5.3",
            "minor",
            f"role 'ops-lead' has no holder (the holder is written as '{written}'), yet it owns "
            "PROC-1: name who holds it (holder: ...)",
        )
    ]


@pytest.mark.parametrize("holder", ["open", "Unassigned", "unfilled"])
def test_more_holders_naming_nobody(
    write: Callable, check_json: Callable, tmp_path: Path, holder: str
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS003", "SMS027"))
    role = f"{{id: ops-lead, title: Ops lead, holder: {holder}, responsibilities: [Runs ops]}}"
    write("roles.yaml", roles_artifact(SMS_MANAGER, role))
    write("p.yaml", yaml("").replace("owner: sms-manager", "owner: ops-lead"))
    _, report = check_json(tmp_path)
    assert [(f[0], f[1]) for f in located(report, "SMS003", "SMS027")] == [
        ("roles.yaml:8", "SMS003")
    ]


@pytest.mark.parametrize(("path", "line"), [("roles.yaml", 8), ("roles.md", 9)])
def test_placeholder_holder_stays_the_placeholder_rules(
    write: Callable, check_json: Callable, tmp_path: Path, path: str, line: int
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS003", "SMS027"))
    role = "{id: ops-lead, title: Ops lead, holder: TBD, responsibilities: [Runs ops]}"
    write(path, (roles_markdown if path.endswith(".md") else roles_artifact)(SMS_MANAGER, role))
    write("p.yaml", yaml("").replace("owner: sms-manager", "owner: ops-lead"))
    _, report = check_json(tmp_path)
    assert [(f[0], f[1], f[4]) for f in located(report, "SMS003", "SMS027")] == [
        (
            f"{path}:{line}",
            "SMS027",
            "holder of role 'ops-lead': 'TBD' is a placeholder: write the holder's name",
        )
    ]
