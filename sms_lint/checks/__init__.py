"""Check functions: the behaviour behind the rules declared as data in ``policies/``.

A rule names its check (``check: owner-role``); the registry below maps that name to a function
``check(ctx, rule) -> Iterable[Hit]``. Check functions say *what* is wrong and *where* in the
data; the engine turns hits into findings with lines, severities and waivers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sms_lint.checks.base import Context, Hit
from sms_lint.pack import Rule

CheckFunction = Callable[[Context, Rule], Iterable[Hit]]

# check name -> function.
REGISTRY: dict[str, CheckFunction] = {}

# Checks the engine does itself: per-file parsing and schema validation, and waiver upkeep.
ENGINE_CHECKS = frozenset({"loader", "schema", "waiver"})

__all__ = ["ENGINE_CHECKS", "REGISTRY", "CheckFunction", "Context", "Hit"]
