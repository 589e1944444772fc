"""Git change rules (with --base): versions bumped, nothing deleted."""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.pack import Rule


def version_bumped(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())


def artifact_deleted(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """TODO: not implemented yet."""
    return iter(())
