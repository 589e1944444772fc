"""Clause 9.3 (SMS014): a recent management review, attended by top management, that
considered every required input and gave each action it decided an owner and a due date.

Only reviews held within the planned interval (``intervals.management_review_months``) are
judged on their content: an older one is history, and the finding that matters is that no
recent review exists.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.records import Event, quoted, recency, records, within
from sms_lint.checks.wording import named
from sms_lint.config.pack import Rule
from sms_lint.facts import roles_index
from sms_lint.model import Artifact
from sms_lint.resources import data_dir
from sms_lint.words import listing, ordinal

MANAGEMENT_REVIEW = Event(
    "management review",
    "a management review",
    "kind: management-review",
    "management-review",
    "management_review_months",
)

# What an action lacks, in a message, and what to add: field -> (missing, fix).
_ACTION_FIELDS = {
    "id": ("id", "an id to track it by (id)"),
    "description": ("description", "what is to be done (description)"),
    "owner": ("owner", "the role responsible for it (owner)"),
    "due": ("due date", "the date it is due (due)"),
}


def management_review(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS014: a recent review exists; each recent one had top management, every input and
    actions with owners and due dates."""
    max_months = ctx.config.intervals.management_review_months
    found = records(ctx.of_kind("management-review"), ctx.today)
    yield from recency(ctx, found, MANAGEMENT_REVIEW, max_months)
    recent = [r for day, r in found.held if within(day, max_months, ctx.today)]
    if not recent:
        return
    roles = roles_index(ctx.artifacts)
    top = sorted(i for i, r in roles.items() if r.get("top_management") is True)
    if not top:
        yield from _no_top_role(ctx)  # once for the roles artifact, not once per review
    for review in recent:
        if top:
            yield from _attendance(ctx, review, top, roles)
        yield from _inputs(review)
        yield from _actions(review)


def _no_top_role(ctx: Context) -> Iterator[Hit]:
    """No role is marked top_management: said once, at the roles list. Without any roles
    artifact, SMS003 reports that (and what could not be read) already."""
    holders = [a for a in ctx.of_kind("roles") if a.status != "retired"]
    if not holders:
        return
    cause = ctx.unread_cause(kind="roles")
    if cause is not None:
        yield Hit(
            "whether top management attended the management reviews could not be checked: "
            f"no role read so far is marked top_management: true; {cause}; fix that file first",
            holders[0],
            at=("roles",),
            grade="unchecked",
        )
        return
    yield Hit(
        f"no role in roles artifact {named(holders[0])} is marked top_management: true, so no "
        "management review can show that top management attended: mark the top-management "
        "roles with top_management: true",
        holders[0],
        at=("roles",),
        grade="unmarked",
    )


def _attendance(
    ctx: Context, review: Artifact, top: list[str], roles: Mapping[str, Any]
) -> Iterator[Hit]:
    if not isinstance(review.data.get("attendees"), list):
        return  # missing: the schema's finding
    attendees = list(dict.fromkeys(a for _, a in review.strings("attendees")))
    if set(attendees).intersection(top):
        return
    unknown = [a for a in attendees if a not in roles]
    cause = ctx.unread_cause(kind="roles")
    if unknown and cause is not None:
        # An attendee may be a top-management role defined in the file that was not read.
        yield Hit(
            f"whether top management attended management review {named(review)} could not "
            f"be checked: {quoted(unknown)} {'is' if len(unknown) == 1 else 'are'} no role "
            f"read so far; {cause}; fix that file first",
            review,
            at=("attendees",),
            grade="unchecked",
        )
        return
    yield Hit(
        f"management review {named(review)} was not attended by top management: none of its "
        f"attendees ({quoted(attendees) or 'none'}) is a role marked top_management: true "
        f"({quoted(top)}): record top management's attendance, or hold the review again with "
        "top management",
        review,
        at=("attendees",),
    )


def _inputs(review: Artifact) -> Iterator[Hit]:
    if not isinstance(review.data.get("inputs_covered"), list):
        return  # missing: the schema's finding
    covered = {i for _, i in review.strings("inputs_covered")}
    required = review_inputs()
    missing = [name for name in required if name not in covered]
    if not missing:
        return
    yield Hit(
        f"management review {named(review)} did not consider {len(missing)} of the "
        f"{len(required)} required inputs: {quoted(missing)}: list "
        f"{'it' if len(missing) == 1 else 'them'} in inputs_covered if the review considered "
        f"{'it' if len(missing) == 1 else 'them'}, else consider "
        f"{'it' if len(missing) == 1 else 'them'} at the next review",
        review,
        at=("inputs_covered",),
        # A few inputs left out is a lapse; most of them, and the review is not one.
        grade="some-inputs" if 2 * len(missing) < len(required) else None,
    )


def _actions(review: Artifact) -> Iterator[Hit]:
    """One hit per action lacking an id, description, owner or due date, naming all it lacks
    (the schema's findings about them fold into it)."""
    for index, entry in review.items("actions"):
        lacks = [name for name in _ACTION_FIELDS if not _gives(review, entry, name)]
        if not lacks:
            continue
        missing = listing([_ACTION_FIELDS[n][0] for n in lacks], "or")
        fixes = listing([_ACTION_FIELDS[n][1] for n in lacks])
        yield Hit(
            f"{_action_label(entry, index)} of management review {named(review)} has no "
            f"{missing}: add {fixes}",
            review,
            at=("actions", index),
            about=tuple(("actions", index, name) for name in lacks),
            grade="action",
        )


def _gives(review: Artifact, entry: dict[str, Any], name: str) -> bool:
    if name == "due":
        return review.date(name, entry) is not None
    return review.text(name, entry) is not None


def _action_label(entry: dict[str, Any], index: int) -> str:
    """``action 'MR-1-A3'``, or ``the 3rd action`` (1-based) when it has no id."""
    action_id = entry.get("id")
    if isinstance(action_id, str) and action_id.strip():
        return f"action '{action_id.strip()}'"
    return f"the {ordinal(index + 1)} action"


@lru_cache(maxsize=1)
def review_inputs() -> tuple[str, ...]:
    """The required management review inputs: the management-review schema's list is the one
    source of truth, so the rule and the schema cannot drift apart."""
    schema_path = data_dir("schemas") / "management-review.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return tuple(schema["properties"]["inputs_covered"]["items"]["enum"])
