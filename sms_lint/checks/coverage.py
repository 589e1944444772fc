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
from sms_lint.config.pack import Rule
from sms_lint.facts import claimed_clauses, evidence_clauses
from sms_lint.model import Artifact
from sms_lint.words import listing

# Drafts named in one message at most; the rest are counted.
_NAMED = 3


def clause_coverage(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS016: one hit per clause no approved artifact documents (operating gaps are the
    record rules' findings and the coverage report's, never this rule's).

    At the ``status`` of a draft that would document it once approved (the gap is one
    approval away); repository-wide when nothing addresses the clause. While nothing at all is
    approved the SMS is still being written: the gaps are its to-do list, and its drafts carry
    no finding. Records never document: where they show the clause operating, the finding
    (minor) names them and asks for the procedure. Silent while a file could not be read (the
    evidence may be in it), for a clause an approved but empty document claims (SMS028 reports
    the empty document), and for a clause with neither document nor record while the pack's
    ``reported_by`` rule reports the missing record (SMS013, SMS014): one defect, one finding.
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
        if gap.clause in empty or _missing_record_reported(ctx, gap):
            continue
        drafts = pending.get(gap.clause)
        if drafts:
            yield _draft_only(gap, drafts)
        elif gap.records:
            yield _records_only(gap)
        else:
            advice = _unrecognised(ctx, gap.clause) or (
                f'write and approve a document for it, or list "{gap.clause}" under clauses in '
                "an approved document that addresses it"
            )
            yield Hit(
                f"no approved artifact gives evidence for {gap.clause} {gap.title}: {advice}",
                clause=gap.clause,
            )


def _missing_record_reported(ctx: Context, gap: readiness.ClauseStatus) -> bool:
    """Neither a document nor a record: the activity is absent, and the rule the pack names
    for the missing record (SMS013, SMS014) reports it. One defect, one finding."""
    return gap.operating is False and _enabled(ctx, gap.expects.reported_by)


def _records_only(gap: readiness.ClauseStatus) -> Hit:
    names = [f"'{label}'" for label in gap.records[:_NAMED]]
    if len(gap.records) > _NAMED:
        names.append(f"{len(gap.records) - _NAMED} more")
    return Hit(
        f"no approved artifact gives evidence for {gap.clause} {gap.title}: its records "
        f"({listing(names)}) show it operating, but a record does not describe how it is done: "
        f'write and approve a procedure (or plan) for it, or list "{gap.clause}" under '
        "clauses in an approved document that describes it",
        clause=gap.clause,
        grade="records",
    )


def _unrecognised(ctx: Context, clause: str) -> str | None:
    """For a clause a named document documents (7.5: the document-control procedure), the
    approved documents of its kind not recognised as it, since one of them may be it."""
    rules = ctx.framework.evidence
    for doc in rules.named_for(clause):
        found = [
            a for a in ctx.artifacts if a.kind == doc.kind and a.approved and rules.has_content(a)
        ]
        if not found:
            continue
        names = [named(a) for a in found[:_NAMED]]
        if len(found) > _NAMED:
            names.append(f"{len(found) - _NAMED} more")
        if len(found) == 1:
            which, them = f"the approved {doc.kind} {names[0]} is not", "it"
        else:
            which, them = f"none of the approved {doc.kind}s {listing(names)} is", "one of them"
        return (
            f'{which} recognised as the {doc.name} (by its title or id, or "{clause}" under '
            f'its clauses): if {them} is the {doc.name}, list "{clause}" under its clauses; '
            f"else write and approve a {doc.name}"
        )
    return None


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
