"""Waivers applied to the findings (``apply_waivers``), and what is wrong with a waiver
itself: expired (SMS020), claiming nothing (SMS021), or not the approved, time-limited
exception a waiver must be (SMS036).

One waiver, one finding: an expired waiver is SMS020's (renewing it is the fix, and a renewal
is a new approval), an unused one SMS021's (removing it is the fix); only a live waiver that
claims a finding is judged for its bounds. A waiver without ``expires`` or beyond
``waiver_max_months`` still waives (existing configs keep running): the finding about it keeps
the check failing until it is bounded. Every finding is at the waiver's line in the config.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sms_lint.config.file import Config, Waiver
from sms_lint.facts import add_months, holder_of, roles_index
from sms_lint.finding import Finding
from sms_lint.parse.placeholders import find, marker_pattern
from sms_lint.pipeline.waiving import claims
from sms_lint.suggest import RUN_BUDGET, Budget, Suggester
from sms_lint.words import listing

if TYPE_CHECKING:
    from sms_lint.checks.base import Context
    from sms_lint.config.rulebook import RuleBook

EXPIRED_RULE = "SMS020"
UNUSED_RULE = "SMS021"
UNBOUNDED_RULE = "SMS036"
_NAMED_ROLES = 3  # defined roles a message suggests, beyond them "another defined role"


def waiver_finding(
    waiver: Waiver,
    config: Config,
    book: RuleBook,
    today: datetime.date,
    used: bool,
    context: Context | None = None,
    names: RuleNames | None = None,
) -> Finding | None:
    """The one finding about ``waiver``, or None when it is in order. Without ``context``
    (no artifacts known) the approver is not judged; ``names``: the book's, built once a run."""
    position = (waiver.line, 1)
    target = waiver.artifact or waiver.path
    unknown = (names or RuleNames(book)).unknown(waiver.rule)
    if unknown is not None:  # it can never match: renewing or bounding it is no fix
        return book.finding(
            UNUSED_RULE,
            config.source,
            position,
            f"waiver for {waiver.rule} on {target} matches no finding: {unknown}; correct "
            "'rule' or remove the waiver",
        )
    if waiver.expires is not None and waiver.expires < today:
        return book.finding(
            EXPIRED_RULE,
            config.source,
            position,
            f"waiver for {waiver.rule} on {target} expired on {waiver.expires}: the findings "
            f"it covered count again; fix them, or have the approver ({waiver.approved_by}) "
            "renew the waiver with a later 'expires'",
        )
    if not used:
        return book.finding(
            UNUSED_RULE,
            config.source,
            position,
            f"waiver for {waiver.rule} on {target} matches no finding: remove it",
        )
    lapses = [what for what in (_time_lapse(waiver, config, today),) if what]
    unchecked = None
    if context is not None:
        roles = roles_index(context.artifacts)
        if waiver.approved_by not in roles:
            cause = context.unread_cause(kind="roles")
            if cause is None:
                lapses.append(_approver_lapse(waiver.approved_by, roles))
            else:
                unchecked = cause
        elif (vacancy := _vacancy(roles[waiver.approved_by], config)) is not None:
            # a vacant role approves nothing: nobody with its authority accepted the risk
            lapses.append(
                f"is approved by '{waiver.approved_by}', a role that has no holder ({vacancy}); "
                "have the role's holder approve it, or set 'approved_by' to the role of the "
                "person who did"
            )
    if lapses:
        return book.finding(
            UNBOUNDED_RULE,
            config.source,
            position,
            f"waiver for {waiver.rule} on {target} {listing(lapses)}: a waiver is an "
            "approved, time-limited exception",
        )
    if unchecked is not None:
        return book.finding(
            UNBOUNDED_RULE,
            config.source,
            position,
            f"whether approver '{waiver.approved_by}' of the waiver for {waiver.rule} on "
            f"{target} is a defined role could not be checked: {unchecked}; fix that file "
            "first",
            grade="unchecked",
        )
    return None


class RuleNames:
    """The ids and names of a rule book, and one budget of hints for a run's waivers (thousands
    of misspelt waivers must not cost waivers x rules comparisons)."""

    def __init__(self, book: RuleBook) -> None:
        self.known = frozenset(book.rules) | {rule.name for rule in book.rules.values()}
        self.suggester = Suggester(self.known, Budget(RUN_BUDGET))

    def unknown(self, rule: str) -> str | None:
        """Why a waiver naming ``rule`` can match nothing (None: a rule has that id or name)."""
        if rule in self.known:
            return None
        hint = self.suggester.hint(rule)
        return f"no rule {rule} exists" + (f" (did you mean {hint}?)" if hint else "")


def _time_lapse(waiver: Waiver, config: Config, today: datetime.date) -> str | None:
    """What is wrong with the waiver's time limit, worded to follow "waiver for X on Y"."""
    limit = config.waiver_max_months
    if waiver.expires is None:
        bound = (
            f"no later than {add_months(today, limit)} (waiver_max_months: {limit})"
            if limit is not None
            else "when the exception ends"
        )
        return f"has no 'expires', so it waives for ever; add 'expires' with the date, {bound}"
    if limit is not None and waiver.expires > add_months(today, limit):
        return (
            f"expires on {waiver.expires}, more than {limit} months from today "
            f"(waiver_max_months: {limit}); have it approved with an 'expires' no later "
            f"than {add_months(today, limit)}"
        )
    return None


def _approver_lapse(approver: str, roles: Mapping[str, dict[str, Any]]) -> str:
    if not roles:
        return (
            f"is approved by '{approver}', but no roles artifact defines any role; define the "
            "approving role in one and name it in 'approved_by'"
        )
    known = sorted(roles)
    shown = [f"'{r}'" for r in known[:_NAMED_ROLES]] + (
        ["another defined role"] if len(known) > _NAMED_ROLES else []
    )
    return (
        f"is approved by '{approver}', which is no role defined in the roles artifacts; set "
        f"'approved_by' to the role that approved it ({listing(shown, 'or')})"
    )


def apply_waivers(
    findings: list[Finding],
    config: Config,
    book: RuleBook,
    today: datetime.date,
    context: Context | None = None,
) -> list[Finding]:
    """Mark findings a live waiver covers; report what is wrong with each waiver
    (:mod:`sms_lint.pipeline.waivers`; its approver only when ``context`` gives the roles)."""
    live = [i for i, w in enumerate(config.waivers) if w.expires is None or w.expires >= today]
    out = list(findings)
    used: set[int] = set()  # indexes into config.waivers
    # Indexed, not waiver x finding (sms_lint/pipeline/waiving.py): the first live waiver that
    # matches a finding claims it, as the waiver-by-waiver loop did.
    claimed = claims([config.waivers[i] for i in live], out, book.rules)
    for index, claimed_by in enumerate(claimed):
        if claimed_by is not None:
            waiver = config.waivers[live[claimed_by]]
            out[index] = replace(out[index], waived_reason=_reason(waiver))
            used.add(live[claimed_by])
    names = RuleNames(book)
    extra = [
        waiver_finding(waiver, config, book, today, index in used, context, names)
        for index, waiver in enumerate(config.waivers)
    ]
    return out + [f for f in extra if f is not None]


def _reason(waiver: Waiver) -> str:
    if waiver.expires is None:
        return waiver.reason
    return f"{waiver.reason} (approved by {waiver.approved_by}, expires {waiver.expires})"


def _vacancy(role: object, config: Config) -> str | None:
    """Why the approving role has nobody in it, or None: its holder names nobody, or is still
    a placeholder (``TBD``, ``<name>``) that SMS027 reports on the roles file."""
    holder = holder_of(role)
    if holder is None:
        return "its 'holder' names nobody"
    found = [text for _, text in find(holder, marker_pattern(config.placeholders))]
    return f"its 'holder' is still the placeholder '{found[0]}'" if found else None
