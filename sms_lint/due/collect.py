"""Every dated item of an SMS, and those of a window, with the holders of their owner roles.

Each sort of item follows one rule; when the config turns that rule off, the organization has
decided not to be held to it, and its items are not listed either.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable

from sms_lint.config.assignees import assignees_for
from sms_lint.config.file import Config
from sms_lint.config.rulebook import RuleBook
from sms_lint.due import cycles, sources
from sms_lint.due.items import DueItem, Window, in_window, unique_keys, with_holders
from sms_lint.model import Artifact

Source = Callable[[tuple[Artifact, ...], Config, datetime.date], Iterable[DueItem]]

# rule id -> the items whose dates it judges
SOURCES: dict[str, Source] = {
    "SMS005": lambda artifacts, config, _: sources.document_reviews(artifacts, config),
    "SMS012": lambda artifacts, _, __: sources.risk_reviews(artifacts),
    "SMS015": lambda artifacts, _, __: sources.nonconformities(artifacts),
    "SMS050": lambda artifacts, _, today: sources.review_actions(artifacts, today),
    "SMS011": lambda artifacts, config, _: sources.suppliers(artifacts, config),
    "SMS013": cycles.internal_audit,
    "SMS014": cycles.management_review,
}
WAIVER_EXPIRED = "SMS020"


def all_items(
    artifacts: tuple[Artifact, ...], config: Config, today: datetime.date, rulebook: RuleBook
) -> list[DueItem]:
    """Every dated item of the SMS whose rule is on, in no order."""
    items = [
        item
        for rule_id, source in SOURCES.items()
        if rule_id not in rulebook.disabled
        for item in source(artifacts, config, today)
    ]
    if WAIVER_EXPIRED not in rulebook.disabled:
        names = {rule.name for rule in rulebook.rules.values()}
        items += cycles.waivers(config, set(rulebook.rules) | names)
    return items


def due_items(
    artifacts: tuple[Artifact, ...], config: Config, window: Window, rulebook: RuleBook
) -> list[DueItem]:
    """The items of ``window``, overdue first, then the soonest, with their holders and the
    GitHub logins ``assignees:`` gives their owner roles."""
    found = in_window(unique_keys(all_items(artifacts, config, window.today, rulebook)), window)
    return [
        dataclasses.replace(item, assignees=assignees_for(config.assignees, item.owner))
        for item in with_holders(found, artifacts)
    ]
