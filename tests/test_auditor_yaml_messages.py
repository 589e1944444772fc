"""YAML syntax errors in plain words (issue 14, points 4 and 10): each common mistake is one
finding at its cause (the ': ' in a value, the tab, the opening quote or bracket), naming the
cause and the fix, in a YAML artifact and in Markdown front matter (one line lower: the
opening '---' comes first). libyaml and the pure-Python parser give the same words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import FILE_RULES, quiet_config

import sms_lint.parse.loader
from sms_lint.parse.loader import load_yaml

HEADER = "id: PRC-1\nkind: procedure\ntitle: T\nowner: sms-manager\nstatus: draft\n"
FIRST = 6  # the first line after HEADER


@dataclass(frozen=True)
class Case:
    name: str
    body: str  # appended to HEADER
    line: int  # within the body, 1-based
    column: int
    says: tuple[str, ...]  # the cause and the fix, each in the message
    rule: str = "SMS101"


CASES = [
    Case(
        "colon in a value",
        "x-summary: Policy: security\n",
        1,
        18,
        (
            "contains ': ' (colon and space)",
            'put the value in quotes (x-summary: "Policy: security")',
        ),
    ),
    Case(
        "tab indentation",
        "related:\n\t- PRC-2\n",
        2,
        1,
        ("a tab is used for indentation", "indent with spaces"),
    ),
    Case(
        "unclosed double quote",
        'x-summary: "Policy\nx-other: 1\n',
        1,
        12,
        (
            "double quote (\") that opens the value of 'x-summary' is never closed",
            'end the value with "',
        ),
    ),
    Case(
        "apostrophe closes a single-quoted value",
        "x-summary: 'Manager's guide'\n",
        1,
        20,
        ("ends the value, but more text follows it", "'Manager''s guide'"),
    ),
    Case(
        "list items indented differently (expected <block end>)",
        "related:\n  - PRC-2\n - PRC-3\n",
        3,
        2,
        (
            "this list item is indented 1 space, but the item on line {7}",
            "indent all items of one list the same",
        ),
    ),
    Case(
        "keys indented differently",
        "x-a:\n    x-b: 1\n  x-c: 2\n",
        3,
        3,
        (
            "indented 2 spaces, which matches none of the levels above it",
            "indent it the same as the keys",
        ),
    ),
    Case(
        "neither key: value nor item (could not find expected ':')",
        "purpose Keep the services running\nx-other: 1\n",
        1,
        1,
        (
            "'purpose Keep the services running' is neither 'key: value' nor a list item",
            "add the missing ':'",
        ),
    ),
    Case(
        "continuation line not indented",
        "x-summary: first words\nand the rest\nx-other: 1\n",
        2,
        1,
        ("'and the rest' is neither 'key: value' nor a list item", "indent it below that value"),
    ),
    Case(
        "duplicate key",
        "title: Again\n",
        1,
        1,
        ("duplicate key 'title' (first at line {3})", "remove one of them or merge the two"),
        "SMS102",
    ),
    Case(
        "list item where keys are expected",
        "x-refs:\n  x-a: 1\n  - PRC-2\n",
        3,
        3,
        (
            "a list item ('- ') stands where a key (key: value) is expected",
            "put the list under a key of its own",
        ),
    ),
    Case(
        "list item after key: on the same line",
        "related: - PRC-2\n",
        1,
        10,
        ("cannot follow 'related:' on the same line", "start each item on a line of its own"),
    ),
    Case(
        "key indented under a key that has a value",
        "x-a: b\n  x-c: d\n",
        2,
        3,
        ("'x-c' is indented under 'x-a', which already has a value ('b')", "indent it to column 1"),
    ),
    Case(
        "no space after the colon",
        "x-a:b\nx-c: d\n",
        1,
        4,
        ("'x-a:b' is neither 'key: value' nor a list item", "write a space after ':' ('x-a: b')"),
    ),
    Case(
        "'#' starts a comment instead of a value",
        "x-colour: #ff0000\n",
        1,
        11,
        ("'#ff0000' is read as a comment, not as the value", 'put it in quotes ("#ff0000")'),
    ),
    Case(
        "'#' in a list makes the rest a comment",
        "related: [PRC-2, #3]\nx-other: 1\n",
        1,
        18,
        ("'#' after a space starts a comment", 'put the item in quotes ("#3")'),
    ),
    Case(
        "'@' starts a value",
        "x-contact: @sms-team\n",
        1,
        12,
        (
            "a value cannot start with '@' (reserved in YAML)",
            'put the value in quotes ("@sms-team")',
        ),
    ),
    Case(
        "'`' starts a value",
        "x-command: `make check`\n",
        1,
        12,
        (
            "a value cannot start with '`' (reserved in YAML)",
            'put the value in quotes ("`make check`")',
        ),
    ),
    Case(
        "'%' at the start of a line",
        "%complete: 50\n",
        1,
        1,
        ("a line cannot start with '%'", 'put the key in quotes ("%complete":)'),
    ),
    Case(
        "unclosed bracket",
        "related: [PRC-2\nx-other: 1\n",
        1,
        10,
        ("the list opened with '[' is never closed", "add ']' after its last item"),
    ),
    Case(
        "backslash in double quotes",
        'x-path: "C:\\Users\\sms"\n',
        1,
        12,
        (
            "'\\U' in a double-quoted value starts an escape sequence",
            "put the value in single quotes ('C:\\Users\\sms')",
        ),
    ),
    Case(
        "impossible date",
        "x-checked: 2026-02-30\n",
        1,
        12,
        ("'2026-02-30' is not a date: February 2026 has 28 days", "correct the day"),
        "SMS105",
    ),
]


def _expected(says: str, markdown: bool) -> str:
    """A text naming other lines writes them as {n} (YAML numbering): one more in Markdown."""
    if "{" not in says:
        return says
    start, end = says.index("{"), says.index("}")
    return says[:start] + str(int(says[start + 1 : end]) + markdown) + says[end + 1 :]


@pytest.mark.parametrize("markdown", [False, True], ids=["yaml", "markdown"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_syntax_error_is_one_finding_at_its_cause_with_the_fix(
    case: Case, markdown: bool, write, tmp_path: Path, check_json
) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    text = HEADER + case.body
    path = "docs/prc.md" if markdown else "docs/prc.yaml"
    (tmp_path / "docs").mkdir()
    (tmp_path / path).write_text(f"---\n{text}---\n# Body\n" if markdown else text, "utf-8")

    _, report = check_json(tmp_path)

    ours = [f for f in report["findings"] if f["rule"] == case.rule]
    assert len(ours) == 1, report["findings"]
    finding = ours[0]
    line = FIRST + case.line - 1 + markdown
    assert (finding["path"], finding["line"], finding["column"]) == (path, line, case.column)
    for words in case.says:
        assert _expected(words, markdown) in finding["message"]
    assert "YAML syntax error" not in finding["message"]  # not the parser's words
    assert finding["clause"] == "7.5"


def test_impossible_date_is_minor_and_says_why_not_the_format(write, tmp_path, check_json):
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    write("prc.yaml", HEADER + "x-checked: 2025-02-29\n")
    _, report = check_json(tmp_path)
    (finding,) = [f for f in report["findings"] if f["rule"] == "SMS105"]
    assert finding["severity"] == "minor"
    assert finding["message"] == (
        "'2025-02-29' is not a date: February 2025 has 28 days; correct the day"
    )
    assert "YYYY-MM-DD" not in finding["message"]


ENCODINGS = [
    # (name, bytes after HEADER or the whole file, line within the body, column, words)
    (
        "saved in Windows-1252",
        "x-note: it\u2019s fine\n".encode("cp1252"),
        1,
        11,
        (
            "the file is not UTF-8 (byte 0x92 at line {6}, probably '\u2019' saved in "
            "Windows-1252)",
            "save it as UTF-8",
        ),
    ),
    (
        "Latin-1 letter",
        "x-note: café\n".encode("cp1252"),
        1,
        12,
        (
            "byte 0xe9 at line {6}, probably 'é' saved in Windows-1252 or Latin-1",
            "save it as UTF-8",
        ),
    ),
]


@pytest.mark.parametrize("markdown", [False, True], ids=["yaml", "markdown"])
@pytest.mark.parametrize(
    ("name", "body", "line", "column", "says"), ENCODINGS, ids=[e[0] for e in ENCODINGS]
)
def test_a_file_not_in_utf8_names_the_byte_and_the_encoding(
    name, body: bytes, line: int, column: int, says, markdown: bool, write, tmp_path, check_json
) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    raw = HEADER.encode() + body
    path = "prc.md" if markdown else "prc.yaml"
    write(path, b"---\n" + raw + b"---\n# Body\n" if markdown else raw)
    _, report = check_json(tmp_path)
    (finding,) = [f for f in report["findings"] if f["path"] == path]
    assert finding["rule"] == "SMS100"
    assert (finding["line"], finding["column"]) == (FIRST + line - 1 + markdown, column)
    for words in says:
        assert _expected(words, markdown) in finding["message"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16"])
@pytest.mark.parametrize("markdown", [False, True], ids=["yaml", "markdown"])
def test_utf16_with_or_without_bom_says_so(codec: str, markdown: bool, write, tmp_path, check_json):
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    text = f"---\n{HEADER}---\n# Body\n" if markdown else HEADER
    path = "prc.md" if markdown else "prc.yaml"
    write(path, text.encode(codec))
    _, report = check_json(tmp_path)
    (finding,) = [f for f in report["findings"] if f["path"] == path]
    assert (finding["rule"], finding["line"], finding["column"]) == ("SMS100", 1, 1)
    told = (
        "UTF-16 (it starts with a UTF-16 byte-order mark)"
        if codec == "utf-16"
        else ("UTF-16 text without a byte-order mark")
    )
    assert told in finding["message"] and finding["message"].endswith("save it as UTF-8")


def test_front_matter_never_closed(write, tmp_path, check_json) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    write("prc.md", "---\n" + HEADER + "\n# Body\n\nText.\n")
    write("near.md", "---\n" + HEADER.replace("PRC-1", "PRC-2") + "----\n# Body\n")
    _, report = check_json(tmp_path)
    by_path = {f["path"]: f for f in report["findings"] if f["rule"] == "SMS101"}
    assert (by_path["prc.md"]["line"], by_path["prc.md"]["column"]) == (1, 1)
    assert by_path["prc.md"]["message"] == (
        "the front matter opened by this '---' is never closed: add a line '---' after its "
        "last field, before the document's text"
    )
    assert by_path["near.md"]["line"] == 7  # the '----' meant to close it
    assert "'----' does not close it; write exactly '---'" in by_path["near.md"]["message"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_pure_python_parser_gives_the_same_hint(case: Case, monkeypatch) -> None:
    text = HEADER + case.body
    with_c = [(p.code, p.line, p.column, p.message) for p in load_yaml(text, 1).problems]
    monkeypatch.setattr(sms_lint.parse.loader, "_Loader", yaml.SafeLoader)
    pure = [(p.code, p.line, p.column, p.message) for p in load_yaml(text, 1).problems]
    assert pure == with_c
    assert [(code, line) for code, line, _, _ in pure] == [(case.rule, FIRST + case.line)]


def test_tab_after_a_colon_in_the_pure_python_parser(monkeypatch) -> None:
    # libyaml accepts a tab after ':'; the pure-Python parser refuses it: then it says so
    monkeypatch.setattr(sms_lint.parse.loader, "_Loader", yaml.SafeLoader)
    (problem,) = load_yaml("id: X\ntitle:\tT\n").problems
    assert (problem.line, problem.column) == (2, 7)
    assert "a tab stands where YAML needs a space" in problem.message
