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
    """One line per finding: every other line is blank, a path header or the summary."""
    lines = text.split("\n")[:-1]  # the report ends with a newline
    prefixes = [_text_prefix(f) for f in findings]
    headers = {f["path"] if f["path"] is not None else "(repository-wide)" for f in findings}
    for prefix in set(prefixes):
        hits = [line for line in lines if line.startswith(prefix)]
        assert len(hits) == prefixes.count(prefix), (prefix, hits)
    strays = [
        line
        for line in lines[:-1]
        if line and line not in headers and not any(line.startswith(p) for p in prefixes)
    ]
    assert not strays, strays[:5]
    assert "checked" in lines[-1]


def _text_prefix(finding: Finding) -> str:
    if finding["path"] is None:
        where = "(repository)"
    else:
        where = f"{finding['path']}:{finding['line'] or 1}:{finding['column'] or 1}"
    return f"{where}: {finding['severity']} {finding['rule']} "


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
