"""Clause coverage: every clause has approved evidence (what counts: ``sms_lint.coverage``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

# Imported as a module: sms_lint.coverage imports sms_lint.facts, so a from-import of
# its names here would fail when sms_lint.coverage is the first of the two to be imported.
from sms_lint import coverage as readiness
from sms_lint.checks.base import Context, Hit
from sms_lint.checks.wording import named
from sms_lint.facts import evidence_clauses
from sms_lint.model import Artifact
from sms_lint.pack import Rule
from sms_lint.words import listing

# Drafts named in one message at most; the rest are counted.
_NAMED = 3


def clause_coverage(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS016: one hit per clause no approved artifact gives evidence for.

    At the ``status`` of a draft that would give the evidence once approved (the gap is one
    approval away); repository-wide when nothing addresses the clause. While nothing at all is
    approved the SMS is still being written: the gaps are its to-do list, and its drafts carry
    no finding. Silent while a file could not be read: the evidence may be in it.
    """
    gaps = [s for s in readiness.compute_coverage(ctx.artifacts, ctx.framework, ()) if s.is_gap]
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
    for gap in gaps:
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
        clauses = {a for c in evidence_clauses(artifact, ctx.framework) for a in _ancestors(c)}
        for clause in clauses:
            index[clause].append(artifact)
    return index


def _ancestors(clause: str) -> list[str]:
    """``"8.5.1.1"`` -> ``["8.5.1.1", "8.5.1", "8.5", "8"]``: every clause it counts for."""
    parts = clause.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 0, -1)]
