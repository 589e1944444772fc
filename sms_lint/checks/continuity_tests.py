"""SMS042 (clause 8.7.2): an approved continuity plan is tested at its interval, and a failed
test is acted on.

A plan records its tests under ``tests`` (``date``, ``scenario``, ``result``, ``actions``). The
latest test held (dated today or before; a later date is a planned test) is within the plan's
``test_interval_months`` (12 unless set). A plan with no test held is an observation: the
evidence may live elsewhere (an exercise report, the continuity tool), and an SMS written
before the field existed records none. A test whose result is ``failed`` with no actions (a
non-empty list of actions written out, no placeholder) is a finding at its result, whenever it
was held.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.wording import named
from sms_lint.config.pack import Rule
from sms_lint.facts import add_months
from sms_lint.model import Artifact
from sms_lint.parse.placeholders import marker_pattern

DEFAULT_INTERVAL_MONTHS = 12
FAILED = frozenset({"failed", "fail", "unsuccessful"})


def continuity_tested(ctx: Context, rule: Rule) -> Iterator[Hit]:
    for plan in ctx.of_kind("plan"):
        if plan.approved and plan.text("plan_type") == "continuity":
            yield from _tested(ctx, plan)
            yield from _failed_without_actions(plan, marker_pattern(ctx.config.placeholders))


def interval_months(plan: Artifact) -> int:
    months = plan.data.get("test_interval_months")
    if isinstance(months, int) and not isinstance(months, bool) and 1 <= months <= 120:
        return months
    return DEFAULT_INTERVAL_MONTHS  # absent, or a value the schema reports


def _tested(ctx: Context, plan: Artifact) -> Iterator[Hit]:
    held = [(plan.date("date", t), i) for i, t in plan.items("tests")]
    held = [(day, i) for day, i in held if day is not None and day <= ctx.today]
    months = interval_months(plan)
    if not held:
        if plan.items("tests") and not _future_only(plan, ctx.today):
            return  # tests without a usable date: the schema's finding
        yield Hit(
            f"continuity plan {named(plan)} records no test held: test it (at least every "
            f"{months} months) and record each test under tests (date, scenario, result, "
            "actions), or show an auditor where the evidence of its tests is kept",
            plan,
            at=("tests",) if plan.written("tests") else ("plan_type",),
            about=(("tests",),),
            grade="untested",
        )
        return
    latest, index = max(held)
    if add_months(latest, months) < ctx.today:
        yield Hit(
            f"the latest test of continuity plan {named(plan)} was held on {latest}, more than "
            f"its test interval of {months} months{_how(plan)} before {ctx.today}: test the "
            "plan and record the test under tests",
            plan,
            at=("tests", index, "date"),
        )


def _future_only(plan: Artifact, today: datetime.date) -> bool:
    """Whether every test has a usable date and all of them are after today (planned)."""
    days = [plan.date("date", t) for _, t in plan.items("tests")]
    return all(day is not None and day > today for day in days)


def _how(plan: Artifact) -> str:
    return " (test_interval_months)" if "test_interval_months" in plan.data else ""


def _failed_without_actions(plan: Artifact, placeholder: re.Pattern[str]) -> Iterator[Hit]:
    for index, test in plan.items("tests"):
        result = plan.text("result", test)
        failed = result is not None and result.strip().lower() in FAILED
        if not failed or _has_actions(test, placeholder):
            continue
        day = plan.date("date", test)
        when = f" on {day}" if day is not None else ""
        scenario = plan.text("scenario", test)
        what = f" ('{scenario.strip()}')" if scenario is not None else ""
        yield Hit(
            f"the test{what} of continuity plan {named(plan)}{when} failed and records no "
            "actions: record under actions what was done to correct the plan or the "
            "arrangements, and test them again",
            plan,
            at=("tests", index, "result"),
            about=(("tests", index, "actions"),),
        )


def _has_actions(test: dict[str, Any], placeholder: re.Pattern[str]) -> bool:
    """Actions are a non-empty list of actions written out: a placeholder ("TBD"), a blank or
    a value that is not text says nothing was done."""
    actions = test.get("actions")
    if not isinstance(actions, list) or not actions:
        return False
    return all(isinstance(a, str) and a.strip() and not placeholder.search(a) for a in actions)
