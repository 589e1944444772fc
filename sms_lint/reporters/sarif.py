"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Every enabled rule is described in ``tool.driver.rules``; every finding is a result of its own
(its own code-scanning alert: see ``sarif_alerts``), the most serious first. Waived findings
carry an accepted external suppression with the waiver's reason: GitHub documents that code
scanning closes a result whose suppression is accepted. Code scanning needs an existing file
for every result, so a repository-wide finding is shown on line 1 of the config file, else of
the artifact it names, else of the first artifact giving evidence for its clause, else of the
SMS's first document (``base.repository_anchor``).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sms_lint import __version__
from sms_lint.neutralise import markdown, no_commands_json
from sms_lint.reporters.base import Reporter, clause_label, clean, one_line, place
from sms_lint.reporters.sarif_alerts import (
    ACCEPTED_LIMIT,
    LINE_HASH,
    Fingerprints,
    limit_notifications,
    ordered,
)

if TYPE_CHECKING:
    from sms_lint.config.pack import Rule
    from sms_lint.finding import Finding
    from sms_lint.pipeline.engine import Result

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/sms-lint/"
ROOT_BASE = "%SRCROOT%"
FINGERPRINT = "smsLintFinding/v1"
LEVELS = {"major": "error", "minor": "warning", "observation": "note"}


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


def uri_of(path: str) -> str:
    """A relative path as a URI reference: spaces, '%', '#' and non-ASCII percent-encoded.

    An undecodable file name reaches us with lone surrogates (Python's "surrogateescape"); they
    turn back into the file name's own bytes, so the URI still names the file.
    """
    return quote(path.encode("utf-8", "surrogateescape"), safe="/")


def location(finding: Finding, result: Result) -> list[dict[str, Any]]:
    """The result's one location: its own place, or for a repository-wide finding line 1 of
    an existing file (none only when the SMS root holds no file at all)."""
    where = place(finding, result)
    if where is None:
        return []
    uri, line, column = where
    return [
        {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": uri_of(uri),
                    "uriBaseId": ROOT_BASE,
                },
                "region": {"startLine": line, "startColumn": column or 1},
            }
        }
    ]


def result_object(finding: Finding, index: int, prints: Fingerprints, result: Result) -> dict:
    ours, line_hash = prints.next(finding)
    out: dict[str, Any] = {
        "ruleId": one_line(finding.rule),
        "ruleIndex": index,
        "level": LEVELS[finding.severity.value],
        "message": {"text": clean(finding.message)},
        "locations": location(finding, result),
        # GitHub reads only the line hash; ours keeps the full digest for other consumers.
        "partialFingerprints": {LINE_HASH: line_hash, FINGERPRINT: ours},
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
    if result.baseline is not None or result.new_only is not None:
        # SARIF 3.27.24: compared with the baseline (or the base of --new-only), a finding
        # recorded there is "unchanged", any other one "new". Without either, no state at all.
        known = finding.baselined is not None or finding.pre_existing
        out["baselineState"] = "unchanged" if known else "new"
    return out


def sarif_log(result: Result) -> dict[str, Any]:
    rules = described_rules(result)
    indexes = {rule.id: index for index, rule in enumerate(rules)}
    prints = Fingerprints()
    findings = ordered(result.findings)
    invocation: dict[str, Any] = {"executionSuccessful": True, "exitCode": result.exit_code}
    notes = limit_notifications(len(findings))
    if notes:
        invocation["toolExecutionNotifications"] = notes
    driver = {
        "name": "sms-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [rule_object(rule, result) for rule in rules],
    }
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
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
        # Over code scanning's limit the whole file would be rejected: keep the most serious.
        "results": [
            result_object(f, indexes[f.rule], prints, result) for f in findings[:ACCEPTED_LIMIT]
        ],
        "properties": {
            "framework": clean(result.framework.name),
            "today": result.today.isoformat(),
            "failOn": result.fail_on,
            **({"commit": result.commit} if result.commit is not None else {}),  # --as-of
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0 for GitHub code scanning"

    def render(self, result: Result) -> str:
        # ASCII-only, like the JSON report: safe for any consumer and any terminal encoding.
        return no_commands_json(json.dumps(sarif_log(result), indent=2, ensure_ascii=True)) + "\n"
