"""Clause 9: internal audits and management reviews."""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.pack import Rule


def internal_audit(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())


def audit_programme(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())


def auditor_independence(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())


def management_review(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())
