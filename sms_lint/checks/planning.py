"""Clause 6: objectives and risks."""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.pack import Rule


def objectives_measurable(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())


def risk_treatment(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())
