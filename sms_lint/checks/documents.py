"""Identity, approval and clause-number rules."""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.pack import Rule


def unique_id(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())


def approval_fields(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())


def clause_known(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())
