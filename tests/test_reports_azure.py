"""``--format azure``: Azure Pipelines logging commands, read back with a small parser that
follows the agent's documented grammar: ``##vso[area.action key=value;key=value]message``,
the first ``##vso[`` of a line up to the first ``]``, properties split at ``;`` and the first
``=``, and values unescaped (``%3B`` ``%0D`` ``%0A`` ``%5D``, then ``%AZP25``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from conftest import EXAMPLE, TODAY
from report_repos import failing_repo, hostile_result, result_for

from sms_lint.finding import Finding, Severity
from sms_lint.reporters.azure import AzureReporter, escape

PREFIX = "##vso["
_UNESCAPES = ((";", "%3B"), ("\r", "%0D"), ("\n", "%0A"), ("]", "%5D"), ("%", "%AZP25"))

Command = tuple[str, dict[str, str], str]


def unescape(text: str) -> str:
    for raw, escaped in _UNESCAPES:
        text = text.replace(escaped, raw)
    return text


def parse_line(line: str) -> Command | None:
    """The command the agent reads in one log line, or None."""
    start = line.lower().find(PREFIX)
    if start < 0:
        return None
    end = line.find("]", start)
    assert end > 0, line  # the agent would report a malformed command
    name, _, listed = line[start + len(PREFIX) : end].partition(" ")
    properties = {}
    for item in filter(None, listed.split(";")):
        key, _, value = item.partition("=")
        properties[key.strip()] = unescape(value)
    return name, properties, unescape(line[end + 1 :])


def commands(text: str) -> tuple[list[Command], list[str]]:
    """The commands of an output, and its plain lines (which must never hold one)."""
    found, plain = [], []
    for line in text.split("\n")[:-1]:
        command = parse_line(line)
        if command is None:
            plain.append(line)
        else:
            assert line.startswith(PREFIX)  # a command only where we put one
            found.append(command)
    return found, plain


def azure(invoke: Callable, root: Path, *extra: str) -> tuple[int, list[Command], list[str]]:
    run = invoke("check", str(root), "--format", "azure", "--today", TODAY, *extra)
    assert run.exit_code in (0, 1), run.output
    return run.exit_code, *commands(run.stdout)


def json_findings(invoke: Callable, root: Path) -> list[dict]:
    run = invoke("check", str(root), "--format", "json", "--today", TODAY)
    return json.loads(run.stdout)["findings"]


def test_escape_round_trips_through_the_agents_unescaping():
    for text in ("50% a;b]c\r\nd", "%3B literal", "%AZP25 and %0A", "]]];;;%%%"):
        assert unescape(escape(text)) == text
        assert not any(ch in escape(text) for ch in ";]\r\n")


def test_example_repo_succeeds_without_issues(invoke):
    code, found, plain = azure(invoke, EXAMPLE)
    assert code == 0 and found == [
        ("task.complete", {"result": "Succeeded"}, "sms-lint check done")
    ]
    assert plain[0].startswith("sms-lint: ") and "no findings" in plain[0]


def test_one_issue_per_unwaived_finding_and_the_run_fails(invoke, tmp_path):
    root = failing_repo(tmp_path)
    code, found, _ = azure(invoke, root)
    expected = [f for f in json_findings(invoke, root) if not f.get("waived")]
    assert code == 1 and found[-1][:2] == ("task.complete", {"result": "Failed"})
    issues = found[:-1]
    assert len(issues) == len(expected) > 5
    for (name, props, message), finding in zip(issues, expected, strict=True):
        assert name == "task.logissue" and props["code"] == finding["rule"]
        below = finding["severity"] == "observation"  # the default --fail-on is minor
        assert props["type"] == ("warning" if below else "error")
        assert message.endswith(finding["message"])
        assert (root / props["sourcepath"]).is_file()
        if finding["path"] is not None:
            assert props["sourcepath"] == finding["path"]
            assert props["linenumber"] == str(finding["line"])
            assert props["columnnumber"] == str(finding["column"])
        else:
            assert props["sourcepath"] == ".sms-lint.yaml" and props["linenumber"] == "1"


def test_errors_are_what_fails_the_run(invoke, tmp_path):
    root = failing_repo(tmp_path)
    _, found, _ = azure(invoke, root, "--fail-on", "major")
    types = {(p["code"], p["type"]) for n, p, _ in found if n == "task.logissue"}
    assert ("SMS013", "error") in types and ("SMS018", "warning") in types
    code, found, _ = azure(invoke, root, "--fail-on", "never")
    assert code == 0 and found[-1][1] == {"result": "SucceededWithIssues"}
    assert {p["type"] for n, p, _ in found if n == "task.logissue"} == {"warning"}


def test_also_written_with_report(invoke, tmp_path):
    root = failing_repo(tmp_path)
    out = tmp_path / "reports" / "sms-lint.azure.log"
    run = invoke("check", str(root), "--today", TODAY, "--report", f"azure:{out}")
    assert run.exit_code == 1
    stdout = invoke("check", str(root), "--today", TODAY, "--format", "azure").stdout
    assert out.read_text(encoding="utf-8") == stdout


def test_hostile_names_and_messages_stay_data():
    evil = "a;b]c\r\n##vso[task.complete result=Failed;]x ##vso[task.setvariable variable=v]1 %3B"
    base = hostile_result(EXAMPLE)
    extra = Finding(evil + ".yaml", 2, 1, "SMS001", "7.5", Severity.MINOR, evil, artifact=evil)
    result = replace(base, findings=(*base.findings, extra))
    found, plain = commands(AzureReporter().render(result))
    assert len(found) == 5 and len(plain) == 1  # four unwaived findings, the totals, the result
    assert [name for name, _, _ in found] == ["task.logissue"] * 4 + ["task.complete"]
    for _, _props, message in found[:-1]:
        assert "\x1b" not in message and "\x00" not in message
    _, props, message = found[3]
    assert props["sourcepath"] == evil.replace("##vso[", "## vso[") + ".yaml"
    assert message.endswith(evil.replace("##vso[", "## vso["))
    assert "\r\n" in message  # given back as data, never as a second line


def test_a_message_cannot_hide_a_command_anywhere_in_its_line():
    base = result_for(EXAMPLE)
    evil = Finding("x.yaml", 1, 1, "SMS001", "7.5", Severity.MINOR, "ok ##VSO[task.complete]")
    text = AzureReporter().render(replace(base, findings=(evil,)))
    assert text.lower().count(PREFIX) == 2  # our logissue and our task.complete, nothing else
