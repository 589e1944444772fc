"""Clause coverage: every clause is documented by an approved artifact (what counts:
``sms_lint.coverage`` and the pack's ``evidence:`` section)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

# Imported as a module: sms_lint.coverage imports sms_lint.facts, so a from-import of
# its names here would fail when sms_lint.coverage is the first of the two to be imported.
from sms_lint import coverage as readiness
from sms_lint.checks.base import Context, Hit
from sms_lint.checks.wording import named
from sms_lint.facts import claimed_clauses, evidence_clauses
from sms_lint.model import Artifact
from sms_lint.pack import Rule
from sms_lint.words import listing

# Drafts named in one message at most; the rest are counted.
_NAMED = 3


def clause_coverage(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS016: one hit per clause no approved artifact documents (operating gaps are the
    record rules' findings and the coverage report's, never this rule's).

    At the ``status`` of a draft that would document it once approved (the gap is one
    approval away); repository-wide when nothing addresses the clause. While nothing at all is
    approved the SMS is still being written: the gaps are its to-do list, and its drafts carry
    no finding. Silent while a file could not be read (the evidence may be in it), for a clause
    an approved but empty document claims (SMS028 reports the empty document), and for a
    clause only its records would document while the pack's ``reported_by`` rule reports the
    missing record (SMS013, SMS014): one defect, one finding.
    """
    statuses = readiness.compute_coverage(
        ctx.artifacts, ctx.framework, (), ctx.today, ctx.config.intervals
    )
    gaps = [s for s in statuses if not s.documented]
    if not gaps:
        return
    cause = ctx.unread_cause()
    if cause is not None:
        # The evidence may be in the file that could not be read: that file's own finding
        # is the one defect to fix (and names this rule); the gaps show again once it is read.
        clauses = ", ".join(gap.clause for gap in gaps)
        yield Hit(f"coverage of {clauses} could not be checked: {cause}", grade="unchecked")
        return
    in_use = any(a.approved for a in ctx.artifacts)
    pending = _unapproved_evidence(ctx) if in_use else {}
    empty = _empty_claims(ctx) if _enabled(ctx, _EMPTY_DOCUMENT_RULE) else set()
    for gap in gaps:
        if gap.clause in empty or _enabled(ctx, gap.expects.reported_by):
            continue
        drafts = pending.get(gap.clause)
        if drafts:
            yield _draft_only(gap, drafts)
        else:
            yield Hit(
                f"no approved artifact gives evidence for {gap.clause} {gap.title}: write and "
                f'approve a document for it, or list "{gap.clause}" under clauses in an approved '
                "document that addresses it",
                clause=gap.clause,
            )


# The rule that reports an approved document without content (it documents nothing).
_EMPTY_DOCUMENT_RULE = "SMS028"


def _enabled(ctx: Context, rule_id: str) -> bool:
    """Whether the built-in pack has the rule and the config leaves it enabled."""
    if not rule_id or all(r.id != rule_id for r in ctx.framework.rules):
        return False
    setting = ctx.config.rules.get(rule_id)
    return setting is None or setting.enabled


def _empty_claims(ctx: Context) -> set[str]:
    """Clauses (with their ancestors) that approved documents without content claim."""
    rules = ctx.framework.evidence
    return {
        clause
        for artifact in ctx.artifacts
        if artifact.approved and not rules.has_content(artifact) and rules.may_document(artifact)
        for claimed in claimed_clauses(artifact, ctx.framework)
        for clause in readiness.ancestors(claimed)
    }


def _draft_only(gap: readiness.ClauseStatus, drafts: list[Artifact]) -> Hit:
    names = [named(a) for a in drafts[:_NAMED]]
    if len(drafts) > _NAMED:
        names.append(f"{len(drafts) - _NAMED} more")
    one = len(drafts) == 1
    return Hit(
        f"no approved artifact gives evidence for {gap.clause} {gap.title}: only "
        f"{listing(names)}, not approved, {'gives' if one else 'give'} evidence for it: "
        f"approve {'it' if one else 'one of them'} (status: approved, with approved_by, "
        "approved_on, version and last_reviewed)",
        drafts[0],
        at=("status",),
        clause=gap.clause,
        grade="draft",
    )


def _unapproved_evidence(ctx: Context) -> dict[str, list[Artifact]]:
    """Clause -> artifacts neither approved nor retired giving evidence for it (or a finer
    clause), in path order: indexed once, not searched per gap."""
    index: dict[str, list[Artifact]] = defaultdict(list)
    for artifact in ctx.artifacts:
        if artifact.approved or artifact.status == "retired":
            continue
        clauses = {
            a for c in evidence_clauses(artifact, ctx.framework) for a in readiness.ancestors(c)
        }
        for clause in clauses:
            index[clause].append(artifact)
    return index
