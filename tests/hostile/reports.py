"""Prove that a report in any format is well formed, whatever the findings say.

Formats are taken from ``sms_lint.reporters.REPORTERS`` at test time, so formats added later
are covered as soon as they are registered; a name this module does not know is skipped by the
callers (:func:`known`).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from sms_lint.reporters import REPORTERS

Finding = dict  # one finding of the JSON report

_TEXT_FINDING = re.compile(r"(?:.+?:\d+:\d+|\(repository\)): (major|minor|observation) (\S+) ")
_TEXT_FIRST_STEP = ("Start with", "Nothing is approved yet: ")
_WORKFLOW_COMMAND = re.compile(r"::(error|warning|notice|debug)( [^:]*)?::")
# Characters no report may carry raw: C0/C1 controls other than tab/newline, lone surrogates,
# U+FFFE/U+FFFF. The text format may colour (ESC) only on a terminal; tests run without colour.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\ud800-\udfff\ufffe\uffff]")


def formats() -> list[str]:
    """Every registered format name, sorted."""
    return sorted(REPORTERS)


def known(format_name: str) -> bool:
    return format_name in _PARSERS


def parse(format_name: str, text: str, findings: Sequence[Finding]) -> None:
    """Assert that ``text`` is a well-formed ``format_name`` report of ``findings``."""
    text.encode("utf-8")  # strict: a lone surrogate would make the report unwritable
    assert not _FORBIDDEN.search(text.replace("\r\n", "\n")), _FORBIDDEN.search(text)
    _PARSERS[format_name](text, findings)


def _json(text: str, findings: Sequence[Finding]) -> None:
    assert text.isascii()
    report = json.loads(text)
    assert report["summary"]["findings"] == len(report["findings"])


def _sarif(text: str, findings: Sequence[Finding]) -> None:
    assert text.isascii()
    report = json.loads(text)
    assert report["version"] == "2.1.0"
    assert isinstance(report["runs"][0]["results"], list)


def _junit(text: str, findings: Sequence[Finding]) -> None:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag in ("testsuites", "testsuite")


def _text(text: str, findings: Sequence[Finding]) -> None:
    """One line per finding (however its path is displayed); every other line is blank, a
    path header or the summary, so a line break smuggled into a path or message shows up as
    an extra line and a forged finding line as an extra finding."""
    lines = text.split("\n")[:-1]  # the report ends with a newline
    if lines[0].startswith(_TEXT_FIRST_STEP):  # what to do first: one line, then a blank one
        assert lines[1] == "", lines[:2]
        lines = lines[2:]
    shown = [m.group(1, 2) for line in lines if (m := _TEXT_FINDING.match(line))]
    assert sorted(shown) == sorted((f["severity"], f["rule"]) for f in findings), shown[:5]
    others = [line for line in lines if line and not _TEXT_FINDING.match(line)]
    groups = len({f["path"] for f in findings})
    assert len(others) <= groups + 1, others[:5]  # a header per file and the summary
    assert "checked" in lines[-1]


def _github(text: str, findings: Sequence[Finding]) -> None:
    """One workflow command per unwaived finding, each on its own line; then a totals line."""
    lines = text.split("\n")[:-1]
    commands = [line for line in lines if line.startswith("::")]
    assert all(_WORKFLOW_COMMAND.match(line) for line in commands), commands[:5]
    assert len(commands) == sum(1 for f in findings if not f.get("waived")), commands[:5]
    assert lines[:-1] == commands, [line for line in lines[:-1] if line not in commands][:5]


def step_summary_rows(markdown: str, findings: Sequence[Finding]) -> None:
    """The GitHub job summary lists every finding as one table row."""
    rows = [line for line in markdown.split("\n") if line.startswith("| ")]
    header_rows = 2 + 4  # the two table headers and the four severity tallies
    assert len(rows) == len(findings) + header_rows, rows[:8]


_PARSERS: dict[str, Callable[[str, Sequence[Finding]], None]] = {
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "text": _text,
    "github": _github,
}
