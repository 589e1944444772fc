"""``--format json``: the machine-readable report of the CLI contract, byte-stable."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sms_lint import __version__
from sms_lint.neutralise import no_commands_json
from sms_lint.reporters.base import Reporter, clean, conformant, counts

if TYPE_CHECKING:
    from sms_lint.finding import Finding
    from sms_lint.pipeline.engine import Result


def finding_object(finding: Finding, result: Result) -> dict[str, Any]:
    rule = result.rulebook.rules[finding.rule]
    out: dict[str, Any] = {
        "rule": finding.rule,
        "name": clean(rule.name),  # a pack's name and clause are data: controls are cleaned
        "clause": clean(finding.clause),
        "severity": finding.severity.value,
        "path": clean(finding.path) if finding.path is not None else None,
        "line": finding.line,
        "column": finding.column,
        "artifact": clean(finding.artifact) if finding.artifact is not None else None,
        "message": clean(finding.message),
    }
    if finding.waived:
        out["waived"] = True
        out["waiver_reason"] = clean(finding.waived_reason or "")
    if finding.baselined is not None:
        out["baselined"] = True
        out["baselined_since"] = clean(finding.baselined)
    if result.new_only is not None:
        # Under --new-only every finding says which side it is on; a fixed one was at the base.
        out["new"] = finding.new is not False
    return out


def fixed_object(finding: Finding, result: Result) -> dict[str, Any]:
    """A finding the base had and the change removed: its object as at the base."""
    out = finding_object(finding, result)
    out["new"] = False
    return out


class JsonReporter(Reporter):
    name = "json"
    description = "the JSON report of the CLI contract"

    def render(self, result: Result) -> str:
        tally = counts(result)
        report: dict[str, Any] = {
            "tool": {"name": "sms-lint", "version": __version__},
            "framework": result.framework.name,
            "root": clean(result.root),
            "today": result.today.isoformat(),
            "summary": {
                "artifacts": result.documents,
                "findings": len(result.findings),
                **tally,
                "conformant": conformant(result),
            },
            "findings": [finding_object(f, result) for f in result.findings],
            # Office and PDF files under the root, never read (not findings): a contract extension.
            "not_read": [clean(p) for p in result.not_read],
        }
        if result.commit is not None:  # --as-of: the commit this report describes
            report["commit"] = result.commit
            report["committed"] = result.committed
        if result.baseline is not None:
            report["baseline"] = clean(result.baseline)
        if result.new_only is not None:
            report["base"] = clean(result.new_only)
            report["fixed"] = [fixed_object(f, result) for f in result.fixed]
        # ASCII-only output: safe for any consumer and any terminal encoding.
        return no_commands_json(json.dumps(report, indent=2, ensure_ascii=True)) + "\n"
