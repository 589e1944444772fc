"""How SARIF results become GitHub code-scanning alerts: where each one sits, its identity,
its order, and what to say when there are more than code scanning takes.

GitHub's rules (docs.github.com, "SARIF support for code scanning" and "SARIF results exceed
limits"):

- An alert's identity is the rule, the file and ``partialFingerprints.primaryLocationLineHash``;
  code scanning uses no other fingerprint. When the hash is missing, the upload action computes
  one from the text of the result's line, so every repository-wide finding of one rule on
  ``.sms-lint.yaml:1`` became one alert. We set the hash ourselves, from the rule, the file and
  what the finding is about (never its line), so it survives edits that move lines. The upload
  action keeps a hash it finds (it logs "inconsistent fingerprint value" and moves on).
- A result needs a file that exists in the repository, or GitHub cannot show it.
- A run may hold 25,000 results (more and the whole file is rejected); only 5,000 are shown.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import TYPE_CHECKING

from sms_lint.neutralise import clean

if TYPE_CHECKING:
    from sms_lint.finding import Finding

LINE_HASH = "primaryLocationLineHash"
SHOWN_LIMIT = 5_000  # results per run that code scanning shows
ACCEPTED_LIMIT = 25_000  # results per run above which code scanning rejects the file
_LEVEL_ORDER = {"major": 0, "minor": 1, "observation": 2}

# Line and column numbers inside a message (a duplicate key's "first at line 3", a YAML error's
# "line 4, column 7") move with unrelated edits; fingerprints ignore them.
_POSITION = re.compile(r"\b(line|column)\s+\d+", re.IGNORECASE)


def ordered(findings: tuple[Finding, ...]) -> list[Finding]:
    """Errors first, then warnings, then notes; by path and line within each. Code scanning
    keeps only the first results when there are too many, so the serious ones must lead."""
    return sorted(findings, key=lambda f: (_LEVEL_ORDER[f.severity.value], f.sort_key()))


def identity_digest(finding: Finding) -> str:
    """A hash of what identifies the finding, never of its line: the rule, the file, the
    artifact, the message (positions taken out) and the data paths it is about."""
    message = _POSITION.sub(r"\1", clean(finding.message))
    about = "\x1f".join("/".join(str(step) for step in path) for path in finding.about)
    parts = (finding.rule, finding.path or "", finding.artifact or "", message, about)
    # "surrogatepass": a path from an undecodable file name holds lone surrogates.
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class Fingerprints:
    """Hands out ``primaryLocationLineHash`` values in GitHub's shape, ``<16 hex>:<n>``.

    ``n`` counts identical findings (same rule, file and message), so that even they stay
    distinct alerts, as GitHub's own hash counts identical lines.
    """

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def next(self, finding: Finding) -> tuple[str, str]:
        """The full digest (our own fingerprint) and the line hash, both numbered."""
        digest = identity_digest(finding)
        self.seen[digest] += 1
        count = self.seen[digest]
        return f"{digest}:{count}", f"{digest[:16]}:{count}"


def limit_notifications(total: int) -> list[dict]:
    """A run-level warning when code scanning will not show every result."""
    if total <= SHOWN_LIMIT:
        return []
    if total > ACCEPTED_LIMIT:
        text = (
            f"sms-lint found {total} findings. GitHub code scanning rejects a file with more "
            f"than {ACCEPTED_LIMIT:,} results, so this file holds only the first "
            f"{ACCEPTED_LIMIT:,} (the most serious first), and code scanning shows only "
            f"{SHOWN_LIMIT:,} of them: {total - SHOWN_LIMIT} findings will not be shown."
        )
    else:
        text = (
            f"sms-lint found {total} findings. GitHub code scanning shows only the first "
            f"{SHOWN_LIMIT:,} (the most serious first): {total - SHOWN_LIMIT} findings "
            "will not be shown."
        )
    text += " For every finding, write the JSON report too (--report json:reports/sms-lint.json)."
    return [
        {
            "level": "warning",
            "message": {"text": text},
            "descriptor": {"id": "sms-lint/too-many-results"},
        }
    ]
