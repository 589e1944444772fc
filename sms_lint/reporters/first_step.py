"""The text report's first line: what to do first when there are findings.

An SMS manager facing forty findings needs to know where to begin, so the first line names one
thing, chosen in this order:

1. Nothing is approved yet (every artifact a draft or retired) and something major is found:
   almost every gap follows from that, so the line names the draft to approve first -- the
   scope, which bounds every other document, then the others in the framework's clause order
   -- after the roles file to fill in, since every owner and approval names a role.
2. One pattern: when one rule gives most of the most serious findings (at least
   ``PATTERN_MIN`` of them, more than half), the line names the rule and what its pack entry says
   to do, and where its first finding is. Fixing the pattern removes most of the work at once.
3. Otherwise the most important finding itself: the highest severity; then
   a file that could not be read (the rules that wait for it may find more once it is fixed);
   then the scope first (clause 4.3, or anything in the scope document), since what is in scope
   decides what else applies; then the framework's clause order; then path and line.
   Deterministic: no tie is left to input order. A finding about the scope at the highest
   severity also comes before a pattern (2).

Waived findings are never "to do": a run whose findings are all waived has no first step.

The line names a place as ``path:line`` (editors open it) but is not shaped like a finding line
(``path:line:col: severity RULE``): problem matchers and scripts that read those lines must not
count it as a second copy of the finding.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from sms_lint.facts import is_record
from sms_lint.neutralise import terminal, visible_path
from sms_lint.reporters.base import clause_key, clause_label

if TYPE_CHECKING:
    from sms_lint.finding import Finding
    from sms_lint.model import Artifact
    from sms_lint.pipeline.engine import Result

PATTERN_MIN = 5
_SCOPE = "4.3"


# The end of a remediation's first sentence (not the dot of "e.g." or "i.e.").
# Compiled at first use: only a run with findings words a first step.
@cache
def _sentence_end() -> re.Pattern[str]:
    return re.compile(r"(?<!e\.g)(?<!i\.e)\.(\s|$)")


def first_step(result: Result) -> str | None:
    """The report's first line, or None when nothing is left to do."""
    open_findings = [f for f in result.findings if not f.excused]
    if not open_findings:
        return None
    unread, scopes = _unread_paths(result), _scope_paths(result)
    ranked = sorted(open_findings, key=lambda f: _priority(f, unread, scopes))
    top = [f for f in ranked if f.severity == ranked[0].severity]
    # Approval matters first only when something major is wrong (with every rule enabled,
    # nothing approved always is: no approved scope); a draft-only repository whose worst
    # finding is minor starts with that finding.
    if top[0].severity.value == "major":
        nothing_approved = _nothing_approved(result)
        if nothing_approved is not None:
            return nothing_approved
    # The scope decides what else applies (which services, which processes), so a defect in it
    # comes before any pattern elsewhere.
    pattern = None if _scope_first(ranked[0], scopes) else _pattern(result, top)
    return pattern if pattern is not None else _single(result, ranked[0])


def _single(result: Result, finding: Finding) -> str:
    """'Start with: path:line RULE name (severity, clause): message'."""
    where = "(repository)"
    if finding.path is not None:
        where = f"{terminal(visible_path(finding.path))}:{finding.line or 1}"
    rule = result.rulebook.rules[finding.rule]
    grade = ", ".join(part for part in (finding.severity.value, finding.clause) if part)
    return (
        f"Start with: {where} {terminal(finding.rule)} {terminal(rule.name)} "
        f"({terminal(grade)}): {terminal(finding.message)}"
    )


def _clause_order(clause: str) -> tuple[int, tuple[int, ...]]:
    """The framework's clause order, with the scope (4.3 and finer) before everything else."""
    return (0 if _is_scope(clause) else 1, clause_key(clause))


def _is_scope(clause: str) -> bool:
    return clause == _SCOPE or clause.startswith(_SCOPE + ".")


def _scope_paths(result: Result) -> frozenset[str]:
    return frozenset(a.path for a in result.artifacts if a.kind == "scope")


def _scope_first(finding: Finding, scopes: frozenset[str]) -> bool:
    """Whether the finding concerns the scope: clause 4.3, or anything in the scope document
    (its title or approval is filed under 7.5.2, but it is still the scope that is wrong)."""
    return _is_scope(finding.clause) or finding.path in scopes


def _unread_paths(result: Result) -> frozenset[str]:
    """Files sms-lint tried to read that did not become artifacts (unreadable, or no kind)."""
    return frozenset(result.paths) - {a.path for a in result.artifacts}


def _priority(finding: Finding, unread: frozenset[str], scopes: frozenset[str]) -> tuple:
    return (
        -finding.severity.rank,
        0 if finding.path in unread else 1,
        (0, clause_key(finding.clause)) if _scope_first(finding, scopes) else (1, ()),
        _clause_order(finding.clause),
        finding.sort_key(),
    )


def _nothing_approved(result: Result) -> str | None:
    """'Nothing is approved yet: ...' when drafts exist and no artifact is approved."""
    if any(a.approved for a in result.artifacts):
        return None
    # A draft audit or review is a plan: it is approved once the event took place, not now.
    drafts = [a for a in result.artifacts if a.status == "draft" and not is_record(a)]
    if not drafts:
        return None
    first = min(drafts, key=lambda a: (_kind_order(result, a), a.path))
    what = terminal(visible_path(first.path))
    clauses = result.framework.kind_clauses.get(first.kind or "", ())
    if clauses:
        what += f" ({clause_label(result, min(clauses, key=_clause_order))})"
    others = len(drafts) - 1
    rest = f", then the other {others} draft document{'s' if others != 1 else ''} in clause order"
    # Approvals and owners name roles, so whoever holds them is written down before anything
    # can be approved: the roles come before the scope, though they are not approved first.
    roles = [a for a in drafts if a.kind == "roles" and a is not first]
    before = ""
    if roles and _holders_to_write(result, roles[0].path):
        before = f"fill in who holds each role in {terminal(visible_path(roles[0].path))}, then "
    return f"Nothing is approved yet: {before}fill in and approve {what}{rest if others else ''}."


# What the roles file still says about its holders: a role without one, or a placeholder.
_HOLDER_RULES = frozenset({"SMS003", "SMS027"})


def _holders_to_write(result: Result, roles_path: str) -> bool:
    """Whether the roles draft still lacks holders (once written, the advice moves on)."""
    return any(f.path == roles_path and f.rule in _HOLDER_RULES for f in result.findings)


def _kind_order(result: Result, artifact: Artifact) -> tuple:
    """A draft's place in the order of approval: by the earliest clause its kind evidences."""
    clauses = result.framework.kind_clauses.get(artifact.kind or "", ())
    if not clauses:
        return (2, ())  # a kind with no clause of its own comes after every clause's document
    return min(_clause_order(c) for c in clauses)


def _pattern(result: Result, top: list[Finding]) -> str | None:
    """'Start with RULE name (N of the M major findings, in K files): what to do ...' when one
    rule gives most of the most serious findings."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in top:  # already in priority order, so each list's first is the one to show
        by_rule.setdefault(finding.rule, []).append(finding)
    rule_id, found = min(by_rule.items(), key=lambda item: (-len(item[1]), item[0]))
    if len(found) < PATTERN_MIN or 2 * len(found) <= len(top):
        return None
    rule = result.rulebook.rules[rule_id]
    severity = top[0].severity.value
    files = len({f.path for f in found if f.path is not None})
    spread = f", in {files} files" if files > 1 else ""
    head = f"Start with {terminal(rule_id)} {terminal(rule.name)}"
    text = f"{head} ({len(found)} of the {len(top)} {severity} findings{spread})"
    todo = _first_sentence(rule.remediation)
    if todo:
        text += f": {terminal(todo)}"
    first = found[0]
    if first.path is not None:
        text += f"; the first is at {terminal(visible_path(first.path))}:{first.line or 1}"
    return text + "."


def _first_sentence(text: str) -> str:
    """A remediation's first sentence, without its full stop."""
    flat = " ".join(text.split())
    end = _sentence_end().search(flat)
    return flat[: end.start()] if end else flat.rstrip(".")
