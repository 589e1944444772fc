"""``--format junit``: one test suite per clause, one test case per (rule, examined artifact).

Built with junit-xml, then shaped (:func:`shape_suite`) so that both the Jenkins xUnit
``junit-10.xsd`` and the stricter Apache Ant JUnit schema accept it.

Two families, after pytest's ``junit_family``: ``xunit2`` (the default) is valid under both
schemas; ``xunit1`` adds ``file`` and ``line`` to each test case (which both schemas reject, and
which GitLab and the GitHub test-report actions need to place a case on its file) and writes the
observations of a case into the case's own ``<system-out>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING

from sms_lint.finding import fails
from sms_lint.neutralise import xml_safe_lines
from sms_lint.reporters import DEFAULT_JUNIT_FAMILY, JUNIT_FAMILIES
from sms_lint.reporters.base import (
    Reporter,
    clause_key,
    clause_label,
    excuse_note,
    location,
    one_line,
    repository_anchor,
    rule_label,
)

if TYPE_CHECKING:
    from junit_xml import TestCase, TestSuite

    from sms_lint.config.pack import Rule
    from sms_lint.finding import Finding
    from sms_lint.pipeline.engine import Result

REPOSITORY = "(repository)"
HOSTNAME = "sms-lint"  # fixed: the report must not depend on the machine it was written on

# Declared with the registry, so --junit-family needs no XML code.
FAMILIES = JUNIT_FAMILIES
DEFAULT_FAMILY = DEFAULT_JUNIT_FAMILY
# Every case and suite gets this positive time, never a measured one: reports of the same input
# must be byte-identical, rules run over all artifacts at once (there is no per-case time to
# measure), and viewers such as junit2html divide by the time, so "0" breaks them.
CASE_TIME = 0.001

CaseKey = tuple[str, str]  # (rule id, test case name)


def examined(rule: Rule, result: Result) -> list[str]:
    """The test case names of a rule: what it examined in this run."""
    if "repository" in rule.applies_to:
        return [REPOSITORY]
    if "all" in rule.applies_to:
        return list(result.paths)
    return [a.path for a in result.artifacts if a.kind in rule.applies_to]


def case_keys(result: Result) -> list[CaseKey]:
    """Every (rule, name) pair: the examined ones plus any a finding needs (none is dropped)."""
    keys: dict[CaseKey, None] = {}
    for rule in (result.rulebook.rules[rule_id] for rule_id in result.rules_run):
        keys.update((k, None) for k in ((rule.id, name) for name in examined(rule, result)))
    for finding in result.findings:
        keys[(finding.rule, finding.path or REPOSITORY)] = None
    return sorted(keys)


def describe(finding: Finding, result: Result) -> str:
    """The failure text of one finding: where, what, which clause, why it matters, what to do."""
    rule = result.rulebook.rules[finding.rule]
    where = one_line(location(finding))
    lines = [
        f"{where}: {finding.severity.value} {rule_label(result, finding.rule)}",
        one_line(finding.message),
        f"Clause: {clause_label(result, finding.clause)}",
    ]
    if finding.artifact:
        lines.append(f"Artifact: {one_line(finding.artifact)}")
    if rule.rationale:
        lines.append(f"Why: {one_line(rule.rationale)}")
    if rule.remediation:
        lines.append(f"Fix: {one_line(rule.remediation)}")
    if finding.waived:
        lines.append(f"Waived: {one_line(finding.waived_reason or '')}")
    elif finding.excused:
        lines.append(f"Not failing: {excuse_note(finding, result)}")
    return "\n".join(lines)


def summary_message(findings: list[Finding]) -> str:
    """The one-line ``message`` attribute: the message, or a count and the messages."""
    messages = [one_line(f.message) for f in findings]
    if len(messages) == 1:
        return messages[0]
    return f"{len(messages)} findings: " + "; ".join(messages)


def skip_message(excused: list[Finding], result: Result) -> str:
    """``waived: R1; R2`` as before, then ``in the baseline since DATE`` and ``present at REF
    before this change``, each said once."""
    reasons = [one_line(f.waived_reason or "") for f in excused if f.waived]
    notes = [f"waived: {'; '.join(dict.fromkeys(reasons))}"] if reasons else []
    notes += [excuse_note(f, result) or "" for f in excused if not f.waived]
    return "; ".join(dict.fromkeys(notes))


def case_place(key: CaseKey, findings: list[Finding], result: Result) -> tuple[str | None, int]:
    """The file (from the top of the git repository, as the annotations name it) and line of a
    case for ``xunit1``: its first finding's line, else 1. A repository-wide case is placed on
    the config or an artifact that gives evidence for the rule's clause (None: no file)."""
    rule_id, name = key
    path = repository_anchor(result, result.rulebook.rules[rule_id].clause)
    if name != REPOSITORY:
        path = name
    # The line of the finding a reader should look at first: unwaived, most severe.
    ordered = sorted(findings, key=lambda f: (f.excused, -f.severity.rank))
    line = next((f.line for f in ordered if f.line), 1)
    return (None if path is None else one_line(result.repository_folder + path)), line


def build_case(
    key: CaseKey, findings: list[Finding], result: Result, family: str = DEFAULT_FAMILY
) -> tuple[TestCase, str]:
    """The test case of one key, and the detail its passing findings add to the suite output
    (``xunit1``: to the case's own output instead, and the detail returned is empty)."""
    rule_id, name = key
    from junit_xml import TestCase  # imported only when a JUnit report is asked for

    case = TestCase(one_line(name), classname=rule_label(result, rule_id), elapsed_sec=CASE_TIME)
    if family == "xunit1":
        case.file, case.line = case_place(key, findings, result)
    failing: list[Finding] = []
    excused: list[Finding] = []  # waived, in the baseline, or present before --new-only's change
    passing: list[Finding] = []
    for finding in findings:
        if finding.excused:
            excused.append(finding)
        elif fails(finding.severity, result.fail_on):
            failing.append(finding)
        else:
            passing.append(finding)
    detail = "\n\n".join(describe(f, result) for f in passing)
    if failing:
        worst = max(failing, key=lambda f: f.severity.rank).severity.value
        # One failure per case (the Ant schema allows one): its text lists every finding.
        text = "\n\n".join(describe(f, result) for f in [*failing, *excused, *passing])
        case.add_failure_info(message=summary_message(failing), output=text, failure_type=worst)
        return case, ""
    if excused:
        text = "\n\n".join(describe(f, result) for f in excused)
        case.add_skipped_info(message=skip_message(excused, result), output=text)
    if family == "xunit1" and detail:
        # Viewers show a case's own output next to the case (the Ant schema has no place for it).
        case.stdout, detail = detail, ""
    return case, detail


def build_suites(result: Result, family: str = DEFAULT_FAMILY) -> list[TestSuite]:
    """One suite per clause of the rules' home clauses, in clause order."""
    from junit_xml import TestSuite

    by_key: dict[CaseKey, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_key[(finding.rule, finding.path or REPOSITORY)].append(finding)
    cases: dict[str, list[TestCase]] = defaultdict(list)
    outputs: dict[str, list[str]] = defaultdict(list)
    for key in case_keys(result):
        clause = result.rulebook.rules[key[0]].clause
        case, detail = build_case(key, by_key.get(key, []), result, family)
        cases[clause].append(case)
        if detail:
            outputs[clause].append(detail)
    stamp = f"{result.today.isoformat()}T00:00:00"
    return [
        TestSuite(
            clause_label(result, clause),
            cases[clause],
            hostname=HOSTNAME,
            id=str(index),
            package=f"clause-{one_line(clause)}",
            timestamp=stamp,
            properties=suite_properties(result, clause),
            stdout="\n\n".join(outputs[clause]) or None,
        )
        for index, clause in enumerate(sorted(cases, key=clause_key))
    ]


def suite_properties(result: Result, clause: str) -> dict[str, str]:
    return {
        "framework": one_line(result.framework.name),
        "clause": one_line(clause),  # a pack's clause is data: it may hold controls
        "today": result.today.isoformat(),
        "fail-on": result.fail_on,
        **({"commit": result.commit} if result.commit is not None else {}),  # --as-of
    }


def shape_suite(suite: ET.Element) -> ET.Element:
    """Fix what junit-xml 1.9 writes that the schemas reject (kyrus/python-junit-xml#63).

    Drops the ``disabled`` count (neither schema has it) and the ``type`` of ``<skipped>`` (the
    Ant schema has none), writes the fixed times (``0.001``, not junit-xml's ``0.001000`` and a
    float sum) and moves ``<system-out>`` and ``<system-err>`` after the cases, both present, as
    the Ant schema's sequence requires.
    """
    suite.attrib.pop("disabled", None)
    cases = suite.findall("testcase")
    suite.set("time", f"{len(cases) * CASE_TIME:.3f}")
    for case in cases:
        case.set("time", f"{CASE_TIME:.3f}")
        for skipped in case.iter("skipped"):
            skipped.attrib.pop("type", None)
    for tag in ("system-out", "system-err"):
        stream = suite.find(tag)
        if stream is None:
            stream = ET.Element(tag)
        else:
            suite.remove(stream)
        suite.append(stream)
    return suite


def to_xml(suites: list[TestSuite]) -> str:
    """The document, ASCII-only (character references) so no terminal or file encoding matters.

    The ``<testsuites>`` root is built here without attributes: the Ant schema allows none, and
    consumers read the counts from each suite. Text lines that would read as CI commands (the
    report may be printed in a log) start with a character reference instead.
    """
    root = ET.Element("testsuites")
    for suite in suites:
        root.append(shape_suite(suite.build_xml_doc()))
    ET.indent(root)
    body = xml_safe_lines(ET.tostring(root, encoding="us-ascii").decode("ascii"))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


class JunitReporter(Reporter):
    name = "junit"
    description = "JUnit XML for GitLab, Jenkins and Azure DevOps"

    def __init__(self, color: bool = False, family: str = DEFAULT_FAMILY) -> None:
        super().__init__(color)
        self.family = family

    def render(self, result: Result) -> str:
        return to_xml(build_suites(result, self.family))
