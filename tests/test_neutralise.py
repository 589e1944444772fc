"""Output neutralisation: no report, in any format, is forged or broken by what it quotes.

A hostile repository (file names, ids, titles, owners, a non-UTF-8 file name, commit authors
and messages, a rule pack whose name and clause hold line breaks, ESC, OSC 52 and C0 controls)
goes through every command and format. Every output is valid UTF-8, holds no control character,
has no line that a CI runner would read as a command (``::`` for GitHub, ``##`` for Azure) and
no ``##vso[`` anywhere, and parses with a real parser (JSON, JUnit XSD, SARIF schema, XHTML,
Markdown with markdown-it-py: no raw HTML, no image, no broken table row).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from conftest import TODAY
from markdown_it import MarkdownIt
from test_git_support import GitRepo

from sms_lint.neutralise import csv_cell, lead, lead_path, markdown, terminal

DATA = Path(__file__).parent / "data"
OSC52 = "\x1b]52;c;aGVsbG8=\x07"
VSO = "##vso[task.setvariable variable=x]1"
HOSTILE = f"::error::x {OSC52} {VSO} \r | <img src=x onerror=alert(1)> \x9b31m ![t](http://t/p.png)"
# YAML double-quoted escapes, so the file itself stays readable YAML.
HOSTILE_YAML = (
    '"::error::x \\e]52;c;aGVsbG8=\\a ##vso[task.setvariable variable=x]1 \\r | '
    '<img src=x onerror=alert(1)> \\x9b31m ![t](http://t/p.png) \\x01"'
)
FILE_NAMES = [
    "::error file=README.md,line=1::Forged.yaml",
    "##vso[task.complete result=Succeeded]done.yaml",
    "##[error]azure.yaml",
    f"osc{OSC52}.yaml",
    "cr\rpipe|<img src=x onerror=alert(1)>.yaml",
    " ::add-mask::secret.yaml",
]
PACK = """
rules:
  - id: ORG001
    name: "sla\\nfloor\\e[31m\\x01 ::error::n ##vso[task.complete]"
    clause: "8.3.3\\x01\\e]52;c;aGk=\\a\\n::error::forged\\r##vso[task.complete]"
    severity: major
    check: require-schema
    description: "Our SLAs \\e[31m <img src=x onerror=alert(1)> ```"
    params:
      select: {kind: process}
      message: "the process\\n::error::m \\e]52;c;aGk=\\a"
      schema: {required: [never-there]}
"""
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
OUR_COMMANDS = ("::error ", "::warning ", "::notice ")


def artifact(artifact_id: str) -> str:
    return (
        f"id: {artifact_id}\nkind: process\ntitle: {HOSTILE_YAML}\nowner: {HOSTILE_YAML}\n"
        'status: approved\nversion: "1.0"\nprocess: demand\n'
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository of hostile files, committed by a hostile author."""
    repo = GitRepo(tmp_path_factory.mktemp("hostile") / "sms")
    for index, name in enumerate(FILE_NAMES):
        repo.write(name, artifact(f'"::error::id{index} ##vso[x]"'))
    repo.write("plain.yaml", artifact('"=HYPERLINK(1)"'))
    # Not UTF-8: Python names it with a lone surrogate ("bad\udcff.yaml").
    (repo.path / os.fsdecode(b"bad\xff.yaml")).write_bytes(artifact("BAD-1").encode())
    repo.write("org/rules.yaml", PACK)
    repo.write(".sms-lint.yaml", "policies: [org/rules.yaml]\nexclude: [org]\n")
    repo.commit(f"::error::commit {OSC52} {VSO}\r\n\n##vso[task.complete]", "2026-03-01",
                author=f"Mallory {OSC52} \x1b[2J ::error::a")  # fmt: skip
    return repo.path


def assert_safe_text(data: bytes, commands_allowed: bool = False) -> str:
    """Valid UTF-8, no control character, no forged command line, no ``##vso[``."""
    text = data.decode("utf-8")  # strict: invalid UTF-8 fails here
    assert not CONTROLS.findall(text.replace("\r\n", "\n")), CONTROLS.findall(text)
    assert "\r" not in text.replace("\r\n", "")
    assert "##vso[" not in text.lower()
    for line in text.splitlines():
        stripped = line.lstrip()
        if commands_allowed and stripped.startswith(OUR_COMMANDS):
            continue
        assert not stripped.startswith(("::", "##")), line
    return text


def run(invoke, *args: str, env: dict[str, str] | None = None) -> bytes:
    result = invoke(*args, env=env)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.stderr
    assert_safe_text(result.stderr_bytes)
    return result.stdout_bytes


def check(invoke, root: Path, fmt: str, env: dict[str, str] | None = None) -> bytes:
    return run(invoke, "check", str(root), "--today", TODAY, "--format", fmt, env=env)


def test_the_hostile_repository_reaches_every_report(hostile, invoke):
    report = json.loads(check(invoke, hostile, "json"))
    paths = {f["path"] for f in report["findings"]}
    assert "::error file=README.md,line=1::Forged.yaml" in paths
    assert any(f["rule"] == "ORG001" for f in report["findings"])


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif"])
def test_check_reports_are_neutral(hostile, invoke, fmt):
    assert_safe_text(check(invoke, hostile, fmt))


def test_text_report_prefixes_paths_that_would_be_commands(hostile, invoke):
    text = check(invoke, hostile, "text").decode("utf-8")
    assert "./::error file=README.md,line=1::Forged.yaml:1:1: " in text
    assert "\n./##[error]azure.yaml\n" in text  # the group header


def test_github_annotations_escape_data(hostile, invoke, tmp_path):
    summary = tmp_path / "summary.md"
    output = check(invoke, hostile, "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = assert_safe_text(output, commands_allowed=True)
    for line in text.splitlines()[:-1]:
        command, rest = line.split(" ", 1)
        assert command in ("::error", "::warning", "::notice")
        properties, _message = rest.split("::", 1)  # the first '::' ends the properties
        pairs = [pair.split("=", 1) for pair in properties.split(",")]
        assert {key for key, _ in pairs} <= {"file", "line", "col", "title"}
        assert all(":" not in value for _, value in pairs)  # data's ':' and ',' are escaped
    assert_markdown(summary.read_bytes())


def assert_markdown(data: bytes) -> None:
    """Markdown with no raw HTML and no image, every table row as wide as its header."""
    ours = re.compile(rb"^#{2,3} (sms-lint: |Findings$|Coverage gaps$)", re.MULTILINE)
    text = assert_safe_text(ours.sub(b"", data))  # our own headings may start with ##
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kinds = {token.type for token in tokens}
    assert not kinds & {"html_block", "html_inline"}, kinds
    for token in tokens:
        assert not any(child.type in ("html_inline", "image") for child in token.children or [])
    # markdown-it drops extra cells silently, so count the column breaks of each table's
    # source lines: every row must have as many as its header (a data pipe is escaped).
    for table in re.findall(r"(?:^\|.*\n)+", text, re.MULTILINE):
        breaks = {len(re.findall(r"(?<!\\)\|", line)) for line in table.splitlines()}
        assert len(breaks) == 1, table


def test_junit_is_valid_against_the_ant_schema(hostile, invoke):
    document = check(invoke, hostile, "junit")
    ET.fromstring(document)
    xmlschema.XMLSchema(str(DATA / "JUnit.xsd")).validate(document.decode("utf-8"))


def test_sarif_is_valid_and_its_help_markdown_is_safe(hostile, invoke):
    log = json.loads(check(invoke, hostile, "sarif"))
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    [rule] = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "ORG001"]
    help_markdown = rule["help"]["markdown"]
    assert "<img" not in help_markdown and "\n::" not in help_markdown
    tokens = MarkdownIt("commonmark").parse(help_markdown)
    assert not any(t.type.startswith("html") for t in tokens)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_coverage_reports_are_neutral(hostile, invoke, fmt):
    output = run(invoke, "coverage", str(hostile), "--today", TODAY, "--format", fmt)
    if fmt == "markdown":
        assert_markdown(output)
    elif fmt == "html":
        page = ET.fromstring(output)
        assert not CONTROLS.findall(output.decode("utf-8"))
        assert all(not el.tag.endswith(("img", "script")) for el in page.iter())
        assert all("onerror" not in el.attrib for el in page.iter())
    else:
        assert_safe_text(output)


@pytest.mark.parametrize("with_output", [False, True], ids=["stdout", "-o"])
@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
def test_register_is_neutral_in_every_format(hostile, invoke, tmp_path, fmt, with_output):
    args = ["register", str(hostile), "--format", fmt]
    if with_output:
        out = tmp_path / f"register.{fmt}"
        assert run(invoke, *args, "-o", str(out)) == b""
        output = out.read_bytes()
    else:
        output = run(invoke, *args)
    if fmt == "markdown":
        assert_markdown(output)
        return
    text = assert_safe_text(output)
    assert "Mallory" in text and "bad\ufffd.yaml" in text
    if fmt == "json":
        rows = json.loads(text)
        assert {row["path"] for row in rows} >= {"bad\ufffd.yaml", *map(terminal_free, FILE_NAMES)}
    if fmt == "csv":
        table = list(csv.reader(io.StringIO(text)))
        assert all(len(row) == len(table[0]) for row in table)
        cells = [cell for row in table[1:] for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
        assert "'=HYPERLINK(1)" in cells


def terminal_free(name: str) -> str:
    """A file name as the JSON register shows it: controls replaced, the rest kept."""
    return CONTROLS.sub("\ufffd", name)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_history_is_neutral(hostile, invoke, fmt):
    output = run(invoke, "history", "plain.yaml", "--root", str(hostile), "--format", fmt)
    text = assert_safe_text(output)
    if fmt == "json":
        [revision] = json.loads(text)
        assert revision["author"].startswith("Mallory \ufffd]52;")
    else:
        assert "Mallory" in text and "::error::commit" in text


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("::error::x", "./::error::x"),
        ("  ::x", "./  ::x"),
        ("##[error]x", "./##[error]x"),
        ("##vso[task.complete]", "./## vso[task.complete]"),
        ("a::b.yaml", "a::b.yaml"),
        ("line\nbreak", "line\\nbreak"),
        ("esc\x1b[31m", "esc\ufffd[31m"),
    ],
)
def test_lead_path(given, expected):
    assert lead_path(given) == expected


def test_the_helpers():
    assert terminal(f"a\r\n{OSC52}\u2028b") == "a \ufffd]52;c;aGVsbG8=\ufffd b"
    assert terminal("x ##VSO[task.complete]") == "x ## VSO[task.complete]"
    assert lead("::notice::x") == "\\::notice::x" and lead("ok") == "ok"
    assert markdown("a|b\\|<i>&") == "a\\|b\\\\\\|&lt;i&gt;&amp;"
    assert markdown("![x](http://t)") == "!\\[x](http://t)"
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("-2") == "'-2" and csv_cell("@x") == "'@x"
    assert csv_cell("a\nb") == "a b" and csv_cell("::x") == "\\::x"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_rules_of_a_hostile_pack_are_neutral(hostile, invoke, fmt):
    config = str(hostile / ".sms-lint.yaml")
    output = run(invoke, "rules", "--config", config, "--format", fmt)
    if fmt == "markdown":
        generated = re.compile(rb"^<!-- Generated by `[^`]*`: do not edit by hand. -->$", re.M)
        ours = re.compile(rb"^#{1,2} (Rules of the |[A-Z]+\d{3} )", re.M)  # our headings
        page = ours.sub(b"", generated.sub(b"", output))
        assert_markdown(page)
        assert b"<img" not in page
    else:
        assert_safe_text(output)


def test_explaining_a_hostile_pack_rule_is_neutral(hostile, invoke):
    config = str(hostile / ".sms-lint.yaml")
    assert_safe_text(run(invoke, "explain", "ORG001", "--config", config))


# --- found by the adversarial review after the first round -----------------------------------


def test_coverage_page_is_safe_in_a_log_too(hostile, invoke):
    """The page may be printed to a job log (``-o -``): a line break in a message must not let
    data start a line, nor ``##vso[`` reach the log."""
    output = run(invoke, "coverage", str(hostile), "--today", TODAY, "--format", "html")
    assert_safe_text(output)


def test_a_wrongly_typed_severity_in_the_config_is_one_sentence(write, invoke, tmp_path):
    for value in ("[]", "[5]", "{a: 1}", "[[1]]", "[null]"):
        write(".sms-lint.yaml", f"rules:\n  review-current: {{severity: {value}}}\n")
        result = invoke("check", str(tmp_path), "--today", TODAY)
        assert result.exit_code == 2, (value, result.output)
        assert "rules.review-current.severity" in result.stderr
        assert len(result.stderr.splitlines()) == 1


def write_pack(write, text: str) -> None:
    """An organization pack at org/p.yaml, named by the root's config."""
    write(".sms-lint.yaml", "policies: [org/p.yaml]\nexclude: [org]\n")
    write("org/p.yaml", text)


def test_pack_errors_on_stderr_are_neutral(write, invoke, tmp_path):
    write_pack(
        write,
        'rules:\n  - {id: ORG1, name: n, clause: "8.1", check: require-schema, description: d,\n'
        '     severity: "x\\n::error::forged \\e]52;c;aGk=\\a \\r##vso[task.complete]"}\n',
    )
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    assert "ORG1" in result.stderr
    assert_safe_text(result.stderr_bytes)
    assert len(result.stderr.splitlines()) == 1


def test_explain_keeps_pack_prose_from_starting_a_line(write, invoke, tmp_path):
    write_pack(
        write,
        "rules:\n  - id: ORG001\n    name: n\n    clause: '8.1'\n    severity: minor\n"
        "    check: require-schema\n    description: '::error::desc'\n"
        "    rationale: '##[error]rat ' \n    remediation: 'fix it'\n"
        "    params: {select: {kind: process}, schema: {required: [x]}}\n",
    )
    result = invoke("explain", "--config", str(tmp_path / ".sms-lint.yaml"), "ORG001")
    assert result.exit_code == 0, result.output
    assert "desc" in result.stdout and "rat" in result.stdout
    assert_safe_text(result.stdout_bytes)


def test_coverage_says_when_files_could_not_be_read(write, invoke, tmp_path):
    write("a.yaml", artifact("A-1"))
    os.mkfifo(tmp_path / "fifo.yaml")
    result = invoke("coverage", str(tmp_path), "--today", TODAY, "--format", "json")
    assert "could not be read" in result.stderr
    json.loads(result.stdout)
