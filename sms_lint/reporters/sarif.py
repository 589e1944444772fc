"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Every enabled rule is described in ``tool.driver.rules``; every finding is a result, waived ones
with an external suppression. Code scanning needs a file for every result, so a repository-wide
finding is shown on ``.sms-lint.yaml`` line 1 when the root has one, else on the first artifact
giving evidence for the finding's clause, else on ``README.md`` (see ``base.repository_anchor``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sms_lint import __version__
from sms_lint.neutralise import markdown, no_commands_json
from sms_lint.reporters.base import (
    Reporter,
    clause_label,
    clean,
    one_line,
    repository_anchor,
)

if TYPE_CHECKING:
    from sms_lint.engine import Result
    from sms_lint.finding import Finding
    from sms_lint.pack import Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/sms-lint/"
ROOT_BASE = "%SRCROOT%"
FALLBACK_FILE = "README.md"
FINGERPRINT = "smsLintFinding/v1"
LEVELS = {"major": "error", "minor": "warning", "observation": "note"}

# Line and column numbers inside a message (a duplicate key's "first at line 3", a YAML error's
# "line 4, column 7") move with unrelated edits; fingerprints ignore them.
_POSITION = re.compile(r"\b(line|column)\s+\d+", re.IGNORECASE)


def prose(text: str) -> str:
    """Pack text as Markdown prose: its own Markdown (back-quoted names) kept, raw HTML shown
    as text (code scanning renders this help)."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def code_block(example: str) -> str:
    """A fenced YAML block that the example cannot close: the fence is longer than any run of
    back-quotes inside it."""
    runs = re.findall(r"`+", example)
    fence = "`" * max(3, 1 + max((len(run) for run in runs), default=0))
    return f"{fence}yaml\n{clean(example).rstrip()}\n{fence}"


def rule_help_markdown(rule: Rule, result: Result) -> str:
    title = f"{rule.id} {rule.name}"
    parts = [
        f"**{markdown(title)}** (clause {markdown(clause_label(result, rule.clause))})",
        prose(rule.description),
    ]
    if rule.rationale:
        parts.append(f"**Why:** {prose(rule.rationale)}")
    if rule.remediation:
        parts.append(f"**Fix:** {prose(rule.remediation)}")
    for label, example in (("Passes", rule.example_pass), ("Fails", rule.example_fail)):
        if example.strip():
            parts.append(f"{label}:\n\n{code_block(example)}")
    return "\n\n".join(parts)


def rule_object(rule: Rule, result: Result) -> dict[str, Any]:
    full = " ".join(t for t in (rule.description, rule.rationale) if t)
    return {
        "id": one_line(rule.id),
        "name": one_line(rule.name),
        "shortDescription": {"text": one_line(rule.description)},
        "fullDescription": {"text": one_line(full)},
        "help": {
            "text": one_line(rule.remediation or rule.description),
            "markdown": rule_help_markdown(rule, result),
        },
        "defaultConfiguration": {"level": LEVELS[result.rulebook.severities[rule.id].value]},
        "properties": {
            "tags": ["compliance", one_line(result.framework.name), one_line(rule.clause)],
            "clause": one_line(rule.clause),
            "clauseTitle": clean(result.framework.title(rule.clause)),
        },
    }


def described_rules(result: Result) -> list[Rule]:
    """Every enabled rule, plus any rule a finding names (so every ruleIndex resolves)."""
    rules = {rule.id: rule for rule in result.rulebook.enabled()}
    for finding in result.findings:
        rules.setdefault(finding.rule, result.rulebook.rules[finding.rule])
    return list(rules.values())


def fingerprint(finding: Finding) -> str:
    """A hash of what identifies the finding, never of its line: stable across unrelated edits."""
    message = _POSITION.sub(r"\1", clean(finding.message))
    identity = "\0".join((finding.rule, finding.path or "", finding.artifact or "", message))
    # "surrogatepass": a path from an undecodable file name holds lone surrogates.
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()


def uri_of(path: str) -> str:
    """A relative path as a URI reference: spaces, '%', '#' and non-ASCII percent-encoded.

    An undecodable file name reaches us with lone surrogates (Python's "surrogateescape"); they
    turn back into the file name's own bytes, so the URI still names the file.
    """
    return quote(path.encode("utf-8", "surrogateescape"), safe="/")


def location(finding: Finding, result: Result) -> dict[str, Any]:
    if finding.path is not None:
        uri, line, column = finding.path, finding.line or 1, finding.column or 1
    else:
        uri, line, column = repository_anchor(result, finding.clause) or FALLBACK_FILE, 1, 1
    return {
        "physicalLocation": {
            "artifactLocation": {
                "uri": uri_of(result.repository_folder + uri),
                "uriBaseId": ROOT_BASE,
            },
            "region": {"startLine": line, "startColumn": column},
        }
    }


def result_object(finding: Finding, index: int, seen: Counter[str], result: Result) -> dict:
    digest = fingerprint(finding)
    seen[digest] += 1  # identical findings in one file stay distinct: digest:1, digest:2, ...
    out: dict[str, Any] = {
        "ruleId": one_line(finding.rule),
        "ruleIndex": index,
        "level": LEVELS[finding.severity.value],
        "message": {"text": clean(finding.message)},
        "locations": [location(finding, result)],
        "partialFingerprints": {FINGERPRINT: f"{digest}:{seen[digest]}"},
        "properties": {
            "severity": finding.severity.value,
            "clause": one_line(finding.clause),
            "clauseTitle": clean(result.framework.title(finding.clause)),
        },
    }
    if finding.artifact:
        out["properties"]["artifact"] = clean(finding.artifact)
    if finding.waived:
        reason = clean(finding.waived_reason or "")
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": reason}]
    return out


def sarif_log(result: Result) -> dict[str, Any]:
    rules = described_rules(result)
    indexes = {rule.id: index for index, rule in enumerate(rules)}
    seen: Counter[str] = Counter()
    driver = {
        "name": "sms-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [rule_object(rule, result) for rule in rules],
    }
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": True, "exitCode": result.exit_code}],
        # The root's absolute URI is left out (SARIF 3.14.14 allows it): the log stays the same
        # wherever the repository is checked out.
        "originalUriBaseIds": {
            ROOT_BASE: {
                "description": {
                    "text": "The top of the git repository holding the checked SMS "
                    "(the SMS root itself when it is not in a git repository)."
                }
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [result_object(f, indexes[f.rule], seen, result) for f in result.findings],
        "properties": {
            "framework": clean(result.framework.name),
            "today": result.today.isoformat(),
            "failOn": result.fail_on,
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0 for GitHub code scanning"

    def render(self, result: Result) -> str:
        # ASCII-only, like the JSON report: safe for any consumer and any terminal encoding.
        return no_commands_json(json.dumps(sarif_log(result), indent=2, ensure_ascii=True)) + "\n"
