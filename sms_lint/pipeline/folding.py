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

Schema findings that no clause rule covers stay as they are. A value that is still a
placeholder is the placeholder rule's finding alone (``fold_placeholders``). Likewise what a
rule could not check because a file could not be read folds into that file's own finding
(``name_what_waits``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from sms_lint.checks.base import Hit
from sms_lint.config.pack import Rule
from sms_lint.config.rulebook import RuleBook
from sms_lint.finding import Finding
from sms_lint.words import listing

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
PLACEHOLDER_RULE = "SMS027"


def fold_placeholders(findings: list[Finding]) -> list[Finding]:
    """A value that is still a placeholder (``owner: TBD``) is one defect, the placeholder's:
    what other rules say about that very value (no such role, no such id) folds into its
    finding, which takes the higher severity. So does what a rule says of the list that holds
    a placeholder as an entry (``attendees: [TBD]`` names no top management): the placeholder
    may be the very entry the rule looks for. Only findings about nothing but placeholder
    values (or their lists) fold; one about a field and another (a review missing two inputs)
    stands, and so does one about an entry of which only a deeper field is a placeholder."""
    places: dict[tuple, int] = {}
    for index, finding in enumerate(findings):
        if finding.rule == PLACEHOLDER_RULE:
            for path in finding.about:
                places.setdefault((finding.path, path), index)
                if path and isinstance(path[-1], int):  # an entry: its list folds here too
                    places.setdefault((finding.path, path[:-1]), index)
    if not places:
        return findings
    out = list(findings)
    folded: set[int] = set()
    for index, finding in enumerate(findings):
        hosts = {places.get((finding.path, path), -1) for path in finding.about}
        if finding.rule == PLACEHOLDER_RULE or not finding.about or -1 in hosts:
            continue
        folded.add(index)
        for host in hosts:
            worst = max(out[host].severity, finding.severity, key=lambda s: s.rank)
            out[host] = replace(out[host], severity=worst)
    return [f for i, f in enumerate(out) if i not in folded]


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


# --- what could not be checked because a file could not be read -----------------------------
# A hit graded "unchecked" says that something could not be checked because a file that may
# hold it could not be read. Those hits are not reported one by one (one defect, one finding:
# the unread file is the defect); the unread file's own finding says which rules wait for it.
UNCHECKED = "unchecked"


def checked_hits(rule: Rule, hits: Iterable[Hit], aside: list[tuple[Rule, Hit]]) -> Iterator[Hit]:
    """The rule's hits, with those saying what could not be checked put ``aside``."""
    for hit in hits:
        if hit.grade == UNCHECKED:
            aside.append((rule, hit))
        else:
            yield hit


def name_what_waits(
    findings: list[Finding], unread: tuple[str, ...], aside: list[tuple[Rule, Hit]], book: RuleBook
) -> list[Finding] | None:
    """The first finding on each unread file says which rules wait for it (those whose hits
    name it, or every one when a hit names no file), graded as the most serious of them would
    have graded what it could not check (a roles file in the wrong encoding leaves the SMS
    without known roles until it is fixed). None when an unread file some rule waits for has
    no finding to say it on: then the waiting rules' findings are reported as such."""
    waiting: dict[str, set[str]] = {}
    for rule, hit in aside:
        named = [path for path in unread if path in hit.message] or list(unread)
        for path in named:
            waiting.setdefault(path, set()).add(rule.id)
    if not waiting:
        return findings
    if not set(waiting) <= {f.path for f in findings}:
        return None
    out = []
    for finding in sorted(findings, key=Finding.sort_key):
        rules = sorted(waiting.pop(finding.path, ()))
        if rules:
            note = f"; until then {listing(rules)} cannot check what may depend on it"
            worst = max((book.severities[r] for r in rules), key=lambda s: s.rank)
            severity = max(finding.severity, worst, key=lambda s: s.rank)
            finding = replace(finding, message=finding.message + note, severity=severity)
        out.append(finding)
    return out
