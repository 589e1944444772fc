"""``--format gitlab``: a GitLab Code Quality report (``artifacts: reports: codequality:``).

A JSON array with one object per unwaived finding: ``description``, ``check_name``,
``fingerprint``, ``severity`` and ``location`` (``path`` from the top of the repository and
``lines.begin``), the fields GitLab's merge request widget and diff annotations read.

- **Severity.** GitLab's scale is info < minor < major < critical < blocker. sms-lint's grades
  keep their names (major -> ``major``, minor -> ``minor``) so the widget says what the other
  reports say; an observation is ``info`` (a note, not a defect). ``critical`` and ``blocker``
  are never used: sms-lint has no grade above major, and claiming one would overstate it.
- **Fingerprint.** GitLab shows one entry per fingerprint and compares fingerprints with the
  target branch's report to tell new findings from fixed ones. It hashes what identifies the
  finding (rule, file, artifact, message without line numbers), never its line, so an edit
  elsewhere in the file does not make it "new"; identical findings get ``:2``, ``:3``.
- **Waived findings are left out.** Code Quality has no "accepted" state: every entry is shown
  as a problem to fix. A waived finding is accepted under an approved waiver; the JSON and
  JUnit reports still list it, and it comes back here when the waiver expires. Findings in
  the ``--baseline`` and, under ``--new-only``, those present at the base are left out too:
  recorded debt, not what this change should fix.
- **Repository-wide findings** (no file, e.g. no internal audit in 12 months) need a file:
  the config ``.sms-lint.yaml``; without one, the first artifact giving evidence for the
  finding's clause; else the first file checked; else ``.sms-lint.yaml`` (an SMS with no
  files at all, where no file could be named).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from sms_lint.neutralise import no_commands_json
from sms_lint.reporters.base import Reporter, clean, one_line, place, rule_label

if TYPE_CHECKING:
    from sms_lint.finding import Finding
    from sms_lint.pipeline.engine import Result

SEVERITIES = {"major": "major", "minor": "minor", "observation": "info"}
FALLBACK_FILE = ".sms-lint.yaml"

# Line and column numbers inside a message ("first at line 3") move with unrelated edits.
_POSITION = re.compile(r"\b(line|column)\s+\d+", re.IGNORECASE)


def fingerprint(finding: Finding) -> str:
    """A hash of what identifies the finding, never of its line: stable across unrelated edits."""
    message = _POSITION.sub(r"\1", clean(finding.message))
    identity = "\0".join(("gitlab/v1", finding.rule, finding.path or "", finding.artifact or ""))
    # "surrogatepass": a path from an undecodable file name holds lone surrogates.
    data = (identity + "\0" + message).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def anchor(finding: Finding, result: Result) -> tuple[str, int]:
    """The file (from the top of the repository) and line GitLab shows a finding on (see the
    module's note on repo-wide ones)."""
    where = place(finding, result)
    if where is None:
        return result.repository_folder + FALLBACK_FILE, 1
    return where[0], where[1]


def issue(finding: Finding, result: Result, seen: Counter[str]) -> dict[str, Any]:
    digest = fingerprint(finding)
    seen[digest] += 1
    path, line = anchor(finding, result)
    rule = rule_label(result, finding.rule)
    return {
        # The widget shows only the description: the rule and clause go with it, so the
        # reader knows what to look up (sms-lint explain SMS005).
        "description": f"{one_line(finding.message)} [{rule}, clause {one_line(finding.clause)}]",
        "check_name": one_line(finding.rule),
        "fingerprint": f"{digest}:{seen[digest]}" if seen[digest] > 1 else digest,
        "severity": SEVERITIES[finding.severity.value],
        # GitLab wants the path from the top of the repository, without "./".
        "location": {"path": clean(path), "lines": {"begin": line}},
    }


def code_quality(result: Result) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    return [issue(f, result, seen) for f in result.findings if not f.excused]


class GitlabReporter(Reporter):
    name = "gitlab"
    description = "GitLab Code Quality JSON (merge request widget)"

    def render(self, result: Result) -> str:
        # ASCII-only, like the JSON report; "##vso[" written so no CI log reads a command.
        text = json.dumps(code_quality(result), indent=2, ensure_ascii=True)
        return no_commands_json(text) + "\n"
