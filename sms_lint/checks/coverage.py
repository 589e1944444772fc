"""Clause coverage: every clause has approved evidence (what counts: ``sms_lint.coverage``)."""

from __future__ import annotations

from collections.abc import Iterator

# Imported as a module: sms_lint.coverage imports sms_lint.facts, so a from-import of
# its names here would fail when sms_lint.coverage is the first of the two to be imported.
from sms_lint import coverage as readiness
from sms_lint.checks.base import Context, Hit
from sms_lint.pack import Rule


def clause_coverage(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS016: one repository-wide hit per clause no approved artifact gives evidence for."""
    for status in readiness.compute_coverage(ctx.artifacts, ctx.framework, ()):
        if status.is_gap:
            yield Hit(
                f"no approved artifact gives evidence for {status.clause} {status.title}",
                clause=status.clause,
            )
