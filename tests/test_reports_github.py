"""``--format github``: one workflow command per unwaived finding, escaped as @actions/core
escapes them, and a Markdown job summary listing every finding."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from conftest import EXAMPLE, TODAY
from report_repos import failing_repo, hostile_result, result_for

from sms_lint.finding import Finding, Severity
from sms_lint.reporters.github import GithubReporter, escape_data, escape_property

COMMANDS = {"major": "error", "minor": "warning", "observation": "notice"}
# ::command key=value,key=value::message, where neither part holds a raw newline.
COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def github(invoke: Callable, root: Path, summary: Path, *extra: str) -> tuple[int, list[str]]:
    run = invoke(
        "check", str(root), "--format", "github", "--today", TODAY, *extra,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert run.exit_code in (0, 1), run.output
    return run.exit_code, run.stdout.splitlines()


def unescape(text: str) -> str:
    for raw, escaped in (("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25")):
        text = text.replace(escaped, raw)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    properties = dict(item.split("=", 1) for item in match.group(2).split(","))
    return match.group(1), {k: unescape(v) for k, v in properties.items()}, unescape(match[3])


def json_findings(invoke: Callable, root: Path) -> list[dict]:
    run = invoke("check", str(root), "--format", "json", "--today", TODAY)
    return json.loads(run.stdout)["findings"]


def test_example_repo_has_no_annotation_and_a_clean_summary(invoke, tmp_path):
    summary = tmp_path / "summary.md"
    code, lines = github(invoke, EXAMPLE, summary)
    assert code == 0
    assert lines == [lines[-1]] and lines[-1].endswith("; no findings.") and "::" not in lines[-1]
    markdown = summary.read_text(encoding="utf-8")
    assert "| major | 0 |" in markdown and "| minor | 0 |" in markdown
    assert "### Findings\n\nNone." in markdown
    assert "### Coverage gaps\n\nNone" in markdown


def test_failing_repo_one_annotation_per_unwaived_finding(invoke, tmp_path):
    root = failing_repo(tmp_path)
    code, lines = github(invoke, root, tmp_path / "summary.md")
    findings = [f for f in json_findings(invoke, root) if not f.get("waived")]
    assert code == 1
    annotations = [parse(line) for line in lines[:-1]]
    assert len(annotations) == len(findings)
    # The planned audit AUD-2027-01 remains: its dangling related (SMS018) and the programme's
    # gap (SMS022, minor), its coarse "8" and unsampled services (SMS022, observations).
    assert "2 major, 15 minor, 3 observation, 1 waived" in lines[-1]
    for (command, properties, message), finding in zip(annotations, findings, strict=True):
        assert command == COMMANDS[finding["severity"]]
        assert message == finding["message"]
        title = f"{finding['rule']} {finding['name']} ({finding['clause']})"
        assert properties["title"] == title
        if finding["path"] is None:
            assert properties == {"file": ".sms-lint.yaml", "line": "1", "title": title}
        else:
            where = (properties["file"], properties["line"], properties["col"])
            assert where == (finding["path"], str(finding["line"]), str(finding["column"]))
    assert sum(c in ("error", "warning") for c, _, _ in annotations) == sum(
        f["severity"] in ("major", "minor") for f in findings
    )


def test_step_summary_lists_every_finding(invoke, tmp_path):
    root = failing_repo(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    github(invoke, root, summary)
    markdown = summary.read_text(encoding="utf-8")
    assert markdown.startswith("earlier step\n")  # appended, never overwritten
    findings = json_findings(invoke, root)
    rows = [line for line in markdown.splitlines() if re.match(r"\| (major|minor|obs)", line)]
    rows = [row for row in rows if row.count(" | ") == 4]  # the findings table, not the counts
    # As the rows render: Markdown escapes and the comment that keeps ``@`` from linking removed.
    rows = [re.sub(r"\\([^|])", r"\1", row).replace("<!-- -->", "") for row in rows]
    assert len(rows) == len(findings)
    for finding in findings:
        where = "(repository)"
        if finding["path"] is not None:
            where = f"{finding['path']}:{finding['line']}:{finding['column']}"
        matching = [r for r in rows if f"| {where} |" in r and finding["message"] in r]
        assert matching, finding
        assert f"| {finding['rule']} {finding['name']} |" in matching[0]
        assert f"| {finding['clause']} " in matching[0]
    for severity, count in (("major", 2), ("minor", 15), ("observation", 3), ("waived", 1)):
        assert f"| {severity} | {count} |" in markdown
    assert "| minor (waived) | SMS107 not-an-artifact |" in markdown
    assert rows[0].startswith("| major |")  # most serious first


def test_step_summary_lists_coverage_gaps(tmp_path):
    gaps = (
        Finding(None, None, None, "SMS016", "8.5.1", Severity.MAJOR, "no evidence for 8.5.1"),
        Finding(None, None, None, "SMS016", "9.4", Severity.MAJOR, "no evidence for 9.4"),
    )
    result = replace(result_for(EXAMPLE), findings=gaps)
    markdown = GithubReporter().step_summary(result)
    assert "- 8.5.1 Change management: no evidence for 8.5.1" in markdown
    assert "- 9.4 Service reporting: no evidence for 9.4" in markdown


def test_no_summary_file_without_the_variable(invoke, tmp_path):
    run = invoke("check", str(failing_repo(tmp_path)), "--format", "github", "--today", TODAY)
    assert run.exit_code == 1 and run.stdout.startswith("::")


def test_escaping_matches_the_actions_toolkit():
    assert escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_hostile_text_cannot_break_out_of_its_annotation(tmp_path):
    result = hostile_result(EXAMPLE)
    reporter = GithubReporter()
    lines = reporter.render(result).splitlines()
    assert len(lines) == 4  # three unwaived findings and the totals line
    for line in lines[:-1]:
        message = parse(line)[2]
        assert message.startswith("bad \ufffd \ufffd \ufffd[31mred\ufffd[0m \ufffd2J")
        assert "\r\n::error::x" in message  # as text inside the message, escaped on the line
        assert not any(ch in line for ch in "\x00\x07\x1b\x9b\ufffe\udc80\r")
    assert parse(lines[0])[1]["file"].startswith("bad \ufffd")
    markdown = reporter.step_summary(result)
    assert markdown.encode("utf-8")
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "SMS" in line]
    assert len(rows) == 4
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 6 for row in rows)  # five cells each
    assert "\\|pipe\\|" in markdown and "\x1b" not in markdown
