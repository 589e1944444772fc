"""SMS034 objective-followed-up (clause 6.2): an objective whose due date has passed is
followed up by something an auditor can see.

Follow-up is any of: a result on the objective (``results``) that evaluates it at its due
date (its period ends no more than one measurement period before the due date, and is over
by today: ``objective_results``); a newer approved
objectives document, one that carries the same objective id with a later due date or was
approved or reviewed on or after the due date (later than the document holding the
objective); an improvement or nonconformity naming the objective's id in any field (or the
document's id, when it holds that one objective only: otherwise which objective is meant
cannot be told). The review of the document that still lists the objective with its past due
date and no result does not count: that review left it as it was.

An objective due before its document was approved (and carrying no results) is SMS049's
finding (record_dates), not this rule's: one defect, one finding.

Only approved objectives documents are judged: a draft is not yet what people work to, and a
retired one is history. Dates after today are SMS006's findings and count for nothing here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.objective_results import ResultTiming, timing
from sms_lint.checks.wording import item_label, named
from sms_lint.config.pack import Rule
from sms_lint.measure.records import RecordedResult, index_of, recorded
from sms_lint.model import Artifact

# The records that follow an objective up by naming it.
_FOLLOWING_KINDS = ("improvement", "nonconformity")
# Runs of characters an id is written with; a token's trailing dots or dashes are punctuation.
_TOKEN = re.compile(r"[\w.\-/]+")


def objective_followed_up(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One hit per objective of an approved objectives document whose ``due`` is before today
    with nothing following it up, at its ``due``."""
    documents = [a for a in ctx.of_kind("objectives") if a.approved]
    seen = FollowUpEvidence.gather(ctx, documents)
    kept = recorded(list(ctx.artifacts), index_of(ctx.artifacts)) if documents else {}
    for artifact in documents:
        single = len(artifact.items("objectives")) == 1
        for index, objective in artifact.items("objectives"):
            objective = _with_recorded(artifact, objective, kept)
            due = artifact.date("due", objective)
            if due is None or due >= ctx.today:  # no usable due date: the schema's finding
                continue
            if _due_before_approval(ctx, artifact, objective, due):
                continue  # SMS049's finding: the objective was never a plan, one defect
            results = timing(objective, due, ctx.today)
            if not results.follows_up and not seen.follows(artifact, objective, due, single):
                yield _hit(artifact, index, objective, due, results)


def _with_recorded(
    artifact: Artifact, objective: dict[str, Any], kept: dict[str, list[RecordedResult]]
) -> dict[str, Any]:
    """The objective with the results of the measurements records that name it added to its
    own: a result kept in a record follows it up as one written on it does."""
    ident = artifact.text("id", objective)
    extra = kept.get(f"objective:{ident.strip()}") if ident is not None else None
    if not extra:
        return objective
    own = objective.get("results")
    added = [{"period": r.period, "value": r.value} for r in extra]
    return {**objective, "results": [*(own if isinstance(own, list) else ()), *added]}


def _due_before_approval(
    ctx: Context, artifact: Artifact, objective: dict[str, Any], due: datetime.date
) -> bool:
    """Whether SMS049 reports this objective at its default grade (due before the document's
    approval, no results): then it is that rule's finding, unless the config switched it off."""
    settings = [ctx.config.rules.get(key) for key in ("SMS049", "objective-after-approval")]
    if any(setting is not None and not setting.enabled for setting in settings):
        return False
    approved = artifact.date("approved_on")
    return (
        approved is not None
        and approved <= ctx.today
        and due < approved
        and not objective.get("results")
    )


@dataclass
class FollowUpEvidence:
    """What may follow an objective up, gathered once for the whole repository."""

    today: datetime.date
    # Per objectives document: the latest of its approval and review dates (today or before).
    issued: dict[str, datetime.date] = field(default_factory=dict)
    # Objective id -> (path, due) of every approved objective carrying that id.
    carried: dict[str, list[tuple[str, datetime.date]]] = field(default_factory=dict)
    # Id-like words written anywhere in a current improvement or nonconformity.
    named: set[str] = field(default_factory=set)

    @classmethod
    def gather(cls, ctx: Context, documents: list[Artifact]) -> FollowUpEvidence:
        seen = cls(ctx.today)
        for artifact in documents:
            dates = [artifact.date(f) for f in ("approved_on", "last_reviewed")]
            usable = [d for d in dates if d is not None and d <= ctx.today]
            if usable:
                seen.issued[artifact.path] = max(usable)
            for _, objective in artifact.items("objectives"):
                ident, due = artifact.text("id", objective), artifact.date("due", objective)
                if ident is not None and due is not None:
                    seen.carried.setdefault(ident.strip(), []).append((artifact.path, due))
        for artifact in ctx.of_kind(*_FOLLOWING_KINDS):
            if artifact.status != "retired":
                seen.named.update(_tokens(artifact.data))
        return seen

    def follows(
        self, artifact: Artifact, objective: dict[str, Any], due: datetime.date, single: bool
    ) -> bool:
        ident = artifact.text("id", objective)
        ident = ident.strip() if ident is not None else None
        return (
            self._newer_document(artifact, due)
            or (ident is not None and self._carried_on(ident, due))
            or (ident is not None and ident in self.named)
            or (single and artifact.id is not None and artifact.id.strip() in self.named)
        )

    def _newer_document(self, artifact: Artifact, due: datetime.date) -> bool:
        """Another approved objectives document issued on or after the due date, and later
        than the one holding the objective: the objectives were set anew."""
        own = self.issued.get(artifact.path, datetime.date.min)
        return any(
            path != artifact.path and day >= due and day > own for path, day in self.issued.items()
        )

    def _carried_on(self, ident: str, due: datetime.date) -> bool:
        return any(later > due for _, later in self.carried.get(ident, ()))


def id_words(value: Any) -> Iterator[str]:
    """Every id-like word in the strings of ``value``, as SMS034 reads a follow-up (shared
    with SMS057)."""
    return _tokens(value)


def _tokens(value: Any) -> Iterator[str]:
    """Every id-like word in the strings of ``value`` (nested lists and mappings)."""
    if isinstance(value, str):
        for token in _TOKEN.findall(value):
            token = token.rstrip(".-/")
            if token:
                yield token
    elif isinstance(value, dict):
        for item in value.values():
            yield from _tokens(item)
    elif isinstance(value, list):
        for item in value:
            yield from _tokens(item)


def _hit(
    artifact: Artifact,
    index: int,
    objective: dict[str, Any],
    due: datetime.date,
    results: ResultTiming,
) -> Hit:
    label = item_label("objective", objective, index)
    ident = artifact.text("id", objective)
    name = f"'{ident.strip()}'" if ident is not None else "it"
    if results.latest is None:
        what = "nothing follows it up: record whether it was met (results on the objective)"
    else:
        what = (
            f"its latest result is for {results.latest}, more than one measurement period "
            "before that date, so it does not show whether the objective was met: record the "
            f"result of a period that ends on or after {results.earliest}"
        )
    return Hit(
        f"{label} of {named(artifact)} was due on {due} and {what}, carry it into a newer "
        "objectives document with a new due date, or raise an improvement or nonconformity "
        f"that names {name}",
        artifact,
        at=("objectives", index, "due"),
    )
