"""One defect, one finding: the schema's finding about a field folds into a clause rule's.

A missing owner of a management-review action breaks the schema (SMS001) and the management
review rule (SMS014) alike; an auditor raises it once. Every finding carries the data paths it
is about (``Finding.about``). After the rules have run, each schema finding about a path equal
to, inside or containing one of a clause rule's paths in the same file is folded into that
rule's finding:

- the rule id and clause stay the clause rule's (the clause of what is wrong);
- the severity is the higher of the two;
- when the schema finding is about something the file writes (a wrong value, an impossible
  date, a misspelled key), its message and place replace the clause rule's, which were written
  for a field that is absent and would give the wrong advice ("add it"); otherwise the clause
  rule's message, which says what the requirement needs, stands. When the rule's finding is
  about more than what was written wrong (a closed nonconformity lacking its root cause and
  with a blank closing date), both are said: the schema's words, then the rule's.

Schema findings that no clause rule covers stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sms_lint.finding import Finding

Paths = tuple[tuple[str | int, ...], ...]


def fold(file_findings: Iterable[Finding], rule_findings: Iterable[Finding]) -> list[Finding]:
    """The per-file and clause-rule findings with every folded schema finding merged away."""
    schema = [f for f in file_findings]
    by_path: dict[str, list[int]] = {}
    for index, finding in enumerate(schema):
        if finding.path is not None and finding.about and finding.rule == SCHEMA_RULE:
            by_path.setdefault(finding.path, []).append(index)
    folded: set[int] = set()
    merged = []
    for finding in rule_findings:
        candidates = by_path.get(finding.path or "", []) if finding.about else []
        matches = [i for i in candidates if related(schema[i].about, finding.about)]
        folded.update(matches)
        merged.append(_merge(finding, [schema[i] for i in matches]) if matches else finding)
    return [f for i, f in enumerate(schema) if i not in folded] + merged


SCHEMA_RULE = "SMS001"


def related(first: Paths, second: Paths) -> bool:
    """Whether a path of one is the same as, inside or around a path of the other (never the
    artifact as a whole: an empty path concerns everything and folds nothing)."""
    return any(a[: len(b)] == b or b[: len(a)] == a for a in first for b in second if a and b)


def _merge(finding: Finding, schema: list[Finding]) -> Finding:
    severity = max((finding, *schema), key=lambda f: f.severity.rank).severity
    written = sorted((f for f in schema if f.written), key=Finding.sort_key)
    if not written:
        return replace(finding, severity=severity)
    message = "; ".join(dict.fromkeys(f.message for f in written))
    covered = [path for f in written for path in f.about]
    if not all(related((path,), tuple(covered)) for path in finding.about):
        message = f"{message}; {finding.message}"  # the rule's finding says more
    first = written[0]
    return replace(
        finding,
        severity=severity,
        message=message,
        line=first.line,
        column=first.column,
        written=True,
    )
