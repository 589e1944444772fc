"""Where the dates come from: one generator per sort of thing that falls due.

Each reads the artifacts as the rule judging that date reads them (see :mod:`sms_lint.due.items`),
so retired artifacts, records (never re-reviewed) and closed or done work never fall due.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from sms_lint.checks.records import records
from sms_lint.checks.review_actions import open_actions
from sms_lint.checks.wording import current, item_label
from sms_lint.config.file import Config
from sms_lint.due.items import DueItem, entry_ref, line_of, ref_of
from sms_lint.facts import add_months, is_record, next_review
from sms_lint.model import Artifact


def _label(artifact: Artifact) -> str:
    """``POL-001 'Service management policy'``, or the path when the file has no id."""
    title = artifact.text("title")
    name = artifact.id or artifact.path
    return f"{name} '{title}'" if title else name


def document_reviews(artifacts: tuple[Artifact, ...], config: Config) -> Iterator[DueItem]:
    """SMS005: every approved document (records are kept, not reviewed) by its next review."""
    for artifact in artifacts:
        if not artifact.approved or is_record(artifact):
            continue
        due, how = next_review(artifact, config.review_interval_months)
        if due is None:  # approved without a review date: SMS004's finding, no date to give
            continue
        field = "next_review" if how.startswith("next_review") else "last_reviewed"
        yield DueItem(
            due,
            f"Review {ref_of(artifact)}",
            f"review {artifact.kind} {_label(artifact)} ({how}), then set last_reviewed "
            "to the date of the review",
            f"review:{ref_of(artifact)}",
            artifact.path,
            line_of(artifact, field),
            artifact.id,
            artifact.text("owner"),
        )


def risk_reviews(artifacts: tuple[Artifact, ...]) -> Iterator[DueItem]:
    """SMS012: each risk of a current risk register by its ``review_by``."""
    for artifact in current([a for a in artifacts if a.kind == "risk-register"]):
        for index, risk in artifact.items("risks"):
            review_by = artifact.date("review_by", risk)
            if review_by is None:
                continue
            label = item_label("risk", risk, index)
            yield DueItem(
                review_by,
                f"Review {label} ({ref_of(artifact)})",
                f"review {label} of {ref_of(artifact)}: its likelihood, impact and treatment, "
                "then set review_by to the date of its next review",
                f"risk:{ref_of(artifact)}:{entry_ref(risk, index)}",
                artifact.path,
                line_of(artifact, "risks", index, "review_by"),
                artifact.id,
                artifact.text("owner", risk) or artifact.text("owner"),
            )


def nonconformities(artifacts: tuple[Artifact, ...]) -> Iterator[DueItem]:
    """SMS015: each open nonconformity by its ``due``."""
    for artifact in current([a for a in artifacts if a.kind == "nonconformity"]):
        due = artifact.date("due")
        if artifact.text("nc_status") != "open" or due is None:
            continue
        yield DueItem(
            due,
            f"Close nonconformity {ref_of(artifact)}",
            f"complete the corrective action of nonconformity {_label(artifact)} and close it "
            "(nc_status: closed, closed_on)",
            f"nonconformity:{ref_of(artifact)}",
            artifact.path,
            line_of(artifact, "due"),
            artifact.id,
            artifact.text("owner"),
        )


def review_actions(artifacts: tuple[Artifact, ...], today: datetime.date) -> Iterator[DueItem]:
    """SMS050: each action of a held management review not yet done, by its ``due``."""
    reviews = [a for a in artifacts if a.kind == "management-review"]
    for review, index, action, due, _, _ in open_actions(records(reviews, today).held):
        label = item_label("action", action, index)
        description = review.text("description", action)
        about = f": {description}" if description else ""
        yield DueItem(
            due,
            f"Complete {label} ({ref_of(review)})",
            f"complete {label} of management review {ref_of(review)}{about}; then set its "
            "state: done",
            f"action:{ref_of(review)}:{entry_ref(action, index)}",
            review.path,
            line_of(review, "actions", index, "due"),
            review.id,
            review.text("owner", action) or review.text("owner"),
        )


def suppliers(artifacts: tuple[Artifact, ...], config: Config) -> Iterator[DueItem]:
    """SMS011: each current supplier's contract end and its next performance review."""
    months = config.intervals.supplier_review_months
    for supplier in current([a for a in artifacts if a.kind == "supplier"]):
        who = supplier.text("supplier_name") or ref_of(supplier)
        owner = supplier.text("owner")
        ended = supplier.date("contract_end")
        if ended is not None:
            agreement = (
                "internal agreement" if supplier.text("supplier_type") == "internal" else "contract"
            )
            yield DueItem(
                ended,
                f"{agreement.capitalize()} with {ref_of(supplier)} ends",
                f"renew or replace the {agreement} with {who} ({ref_of(supplier)}), which ends "
                "then, and set contract_end to the new end date",
                f"contract:{ref_of(supplier)}",
                supplier.path,
                line_of(supplier, "contract_end"),
                supplier.id,
                owner,
            )
        reviewed = supplier.date("last_performance_review")
        if reviewed is not None:
            yield DueItem(
                add_months(reviewed, months),
                f"Review the performance of {ref_of(supplier)}",
                f"review the performance of {who} ({ref_of(supplier)}) against its targets "
                f"(last reviewed on {reviewed}; intervals.supplier_review_months: {months}), "
                "then set last_performance_review to the date of the review",
                f"supplier-review:{ref_of(supplier)}",
                supplier.path,
                line_of(supplier, "last_performance_review"),
                supplier.id,
                owner,
            )
