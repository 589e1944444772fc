"""Every dated item of an SMS, and those of a window, with the holders of their owner roles."""

from __future__ import annotations

import datetime

from sms_lint.config.file import Config
from sms_lint.due import cycles, sources
from sms_lint.due.items import DueItem, Window, in_window, with_holders
from sms_lint.model import Artifact


def all_items(
    artifacts: tuple[Artifact, ...], config: Config, today: datetime.date
) -> list[DueItem]:
    """Every dated item of the SMS, in no order."""
    return [
        *sources.document_reviews(artifacts, config),
        *sources.risk_reviews(artifacts),
        *sources.nonconformities(artifacts),
        *sources.review_actions(artifacts, today),
        *sources.suppliers(artifacts, config),
        *cycles.internal_audit(artifacts, config, today),
        *cycles.management_review(artifacts, config, today),
        *cycles.waivers(config),
    ]


def due_items(artifacts: tuple[Artifact, ...], config: Config, window: Window) -> list[DueItem]:
    """The items of ``window``, overdue first, then the soonest, with their holders."""
    found = in_window(all_items(artifacts, config, window.today), window)
    return with_holders(found, artifacts)
