"""Clause coverage: every clause has approved evidence."""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.pack import Rule


def clause_coverage(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())
