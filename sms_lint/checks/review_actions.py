"""The actions a management review decides, followed up (clause 9.3, issue 21).

SMS048: an action is due after the review that decided it (a due date before the meeting
cannot have been set by it). SMS050: an action still open past its ``due`` is a finding on
the action. ``state`` is optional (``open`` when absent), and records written before it
existed must not turn into nonconformities where an auditor would accept other evidence: an
action without a ``state`` is followed up when a later review, held on or after its due date,
considered ``previous-actions``; otherwise it is an observation (record its state). An action
the record itself says is open past its due date is a finding. Either is graded one step
higher when a later review, held on or after its due date, did not consider
``previous-actions`` at all: the follow-up the review is for did not happen. An action whose
due date is before its review's date is SMS048's finding alone.

Only reviews that took place count (dated today or before, not retired); a planned review's
actions are plans. An action without a usable due date is SMS014's finding.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any, NamedTuple

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.records import records
from sms_lint.checks.wording import item_label, named
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact

PREVIOUS_ACTIONS = "previous-actions"


def _held(ctx: Context) -> list[tuple[datetime.date, Artifact]]:
    return records(ctx.of_kind("management-review"), ctx.today).held


def _dated_actions(review: Artifact) -> Iterator[tuple[int, dict[str, Any], datetime.date]]:
    for index, action in review.items("actions"):
        due = review.date("due", action)
        if due is not None:
            yield index, action, due


def action_due_after_review(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS048: every action's ``due`` is not before its review's ``date``."""
    for held, review in _held(ctx):
        for index, action, due in _dated_actions(review):
            if due < held:
                label = item_label("action", action, index)
                yield Hit(
                    f"{label} of management review {named(review)} is "
                    f"due on {due}, before the review that decided it was held on {held}: set "
                    "the due date the review agreed, after the review",
                    review,
                    at=("actions", index, "due"),
                )


def action_followed_up(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS050: an open action is not past its ``due`` date."""
    for action in open_actions(_held(ctx)):
        if action.due < ctx.today:
            yield _overdue(ctx, *action)


class OpenAction(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    """An action of a held review still to be done, with the reviews held after it."""

    review: Artifact
    index: int
    action: dict[str, Any]
    due: datetime.date
    state: str | None
    later: list[tuple[datetime.date, Artifact]]


def open_actions(held: list[tuple[datetime.date, Artifact]]) -> Iterator[OpenAction]:
    """The actions of the ``held`` reviews (oldest first) not done: neither ``state: done``
    nor, without a state, followed up by a later review held once they were due (SMS050's
    reading, which ``sms-lint due`` shares)."""
    for day, review in held:
        later = [(d, r) for d, r in held if d > day]
        for index, action, due in _dated_actions(review):
            if due < day:  # SMS048's finding
                continue
            state = review.text("state", action)
            if state == "done":
                continue
            if state is None and any(d >= due and _reviewed_previous(r) for d, r in later):
                continue  # a later review followed it up; the record was not updated
            yield OpenAction(review, index, action, due, state, later)


def _reviewed_previous(review: Artifact) -> bool:
    return any(token == PREVIOUS_ACTIONS for _, token in review.strings("inputs_covered"))


def _overdue(
    ctx: Context,
    review: Artifact,
    index: int,
    action: dict[str, Any],
    due: datetime.date,
    state: str | None,
    later: list[tuple[datetime.date, Artifact]],
) -> Hit:
    days = (ctx.today - due).days
    ago = f"{days} day{'s' if days != 1 else ''} ago"
    label = f"{item_label('action', action, index)} of management review {named(review)}"
    # Only a review held once the action was due could have followed it up.
    skipped = [r for d, r in later if d >= due and not _reviewed_previous(r)]
    unreviewed = (
        f"; management review {named(skipped[0])} did not consider previous-actions, so it "
        "was not followed up there"
        if skipped
        else ""
    )
    if state is None:
        # Not said to be open: an observation, one grade up when a later review skipped it.
        return Hit(
            f"{label} was due on {due}, {ago}, and neither the action (state) nor a later "
            f"review considering previous-actions shows it was done{unreviewed}: set state: "
            "done once it is, or follow it up at the next review",
            review,
            at=("actions", index, "due"),
            grade=None if skipped else "unrecorded",
        )
    return Hit(
        f"{label} is still open and was due on {due}, {ago}{unreviewed}: complete it and set "
        "state: done, or record a new due date and why it slipped",
        review,
        at=("actions", index, "due"),
        grade="unreviewed" if skipped else None,
    )
