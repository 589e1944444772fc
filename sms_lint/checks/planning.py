"""Clause 6: objectives and risks.

Dangling owners are SMS003/SMS018's findings. What makes an objective measurable (metric,
numeric target, unit, comparator) and a treated risk's actions are these checks' own: the
schema's findings about those fields fold into theirs through ``about``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.wording import current, entry_place, item_label, lacking, lacking_words
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact

# The treatments that promise action; other values are `accept` or a schema finding.
_ACTING_TREATMENTS = frozenset({"mitigate", "transfer", "avoid"})
_OBJECTIVE_FIELDS = ("metric", "target", "unit", "comparator")
# The rest an objective needs (6.2.2): named in the same finding, since the schema's one
# finding about an objective's missing fields folds into it.
_PLANNING_FIELDS = ("statement", "due", "owner", "frequency")


def objectives_measurable(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """One hit per objective that cannot be met or missed: lacking its metric, numeric
    target, unit or comparator, or stated vaguely with no number. When no objective of the
    SMS can be measured the failure is systemic."""
    vague_words = _words(rule.params.get("vague_words"))
    weak: list[tuple[Artifact, int, dict[str, Any], list[str], str | None]] = []
    total = 0
    for artifact in current(ctx.of_kind("objectives")):
        for index, objective in artifact.items("objectives"):
            total += 1
            missing = lacking(artifact, objective, _OBJECTIVE_FIELDS)
            word = _vague(artifact.text("statement", objective), vague_words)
            if missing or word:
                weak.append((artifact, index, objective, missing, word))
    systemic = sum(1 for entry in weak if entry[3]) == total
    for artifact, index, objective, missing, word in weak:
        yield _objective_hit(artifact, index, objective, missing, word, systemic and bool(missing))


def _vague(statement: str | None, vague_words: Sequence[str]) -> str | None:
    """The vague word a statement with no number leans on, as the statement writes it."""
    if statement is None or re.search(r"\d", statement):
        return None
    word = first_vague_word(statement, vague_words)
    if word is None:
        return None
    match = re.search(_whole(word), statement, flags=re.IGNORECASE)
    return match.group(0) if match else word


def _objective_hit(
    artifact: Artifact,
    index: int,
    objective: dict[str, Any],
    missing: list[str],
    word: str | None,
    systemic: bool,
) -> Hit:
    path = ("objectives", index)
    label = item_label("objective", objective, index)
    about = tuple((*path, field) for field in missing)
    grade = "systemic" if systemic else None
    if word is not None:
        about += ((*path, "statement"),)
    if not missing:
        statement = _shorten(artifact.text("statement", objective) or "")
        return Hit(
            f"{label} is stated vaguely: '{statement}' uses '{word}' and no number, so it "
            f"cannot be met or missed: state the result it commits to in figures"
            f"{_example(artifact, objective)}",
            artifact,
            at=(*path, "statement"),
            about=about,
        )
    others = lacking(artifact, objective, _PLANNING_FIELDS)
    what, fixes = lacking_words(missing + others)
    if others:
        measure, rest = lacking_words(missing)[0], lacking_words(others)[0]
        what = f"{measure} (and no {rest})"
    vague = f", and its statement uses '{word}' and no number" if word else ""
    restate = ", and state the result in figures" if word else ""
    return Hit(
        f"{label} cannot be measured: it has no {what}{vague}; add {fixes}{restate}",
        artifact,
        at=entry_place(artifact, path, missing + others),
        about=about + tuple((*path, field) for field in others),
        grade=grade,
    )


def _example(artifact: Artifact, objective: dict[str, Any]) -> str:
    """`` (e.g. p2_resolved >= 95 percent)``, from the objective's own measurable fields."""
    parts = [str(objective.get(f)) for f in ("metric", "comparator", "target", "unit")]
    return f" (e.g. {' '.join(parts)})"


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def first_vague_word(statement: str, vague_words: Sequence[str]) -> str | None:
    """The vague word or phrase that comes first in ``statement`` (whole words, any case);
    at the same place the longer phrase wins."""
    found: list[tuple[int, int, str]] = []
    for word in vague_words:
        match = re.search(_whole(word), statement, flags=re.IGNORECASE)
        if match is not None:
            found.append((match.start(), -len(word), word))
    return min(found)[2] if found else None


def _whole(word: str) -> str:
    """A pattern matching ``word`` as a whole word or phrase."""
    return r"(?<!\w)" + re.escape(word) + r"(?!\w)"


def risk_treatment(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """A treated risk lists its actions; a risk's review is not overdue. One risk in
    default is an isolated lapse; every risk of a register (two or more) in default shows
    the treatment or the review is not happening at all."""
    for artifact in current(ctx.of_kind("risk-register")):
        risks = artifact.items("risks")
        acting = [(i, r) for i, r in risks if artifact.text("treatment", r) in _ACTING_TREATMENTS]
        unacted = [(i, r) for i, r in acting if _no_actions(r)]
        systemic = len(acting) > 1 and len(unacted) == len(acting)
        for index, risk in unacted:
            yield _unacted(artifact, index, risk, systemic)
        overdue = [(i, r, d) for i, r in risks if (d := _overdue(artifact, r, ctx)) is not None]
        systemic = len(risks) > 1 and len(overdue) == len(risks)
        for index, risk, review_by in overdue:
            yield Hit(
                f"{item_label('risk', risk, index)} was due for review on {review_by}: review "
                "its likelihood, impact and treatment, and set review_by to the date of the "
                "next review",
                artifact,
                at=("risks", index, "review_by"),
                grade="systemic" if systemic else None,
            )


def _unacted(artifact: Artifact, index: int, risk: dict[str, Any], systemic: bool) -> Hit:
    """At ``actions`` when the file writes it (empty, or nothing usable in it), else at the
    risk."""
    path = ("risks", index)
    treatment = artifact.text("treatment", risk)
    return Hit(
        f"{item_label('risk', risk, index)} is to be treated by '{treatment}' but lists no "
        "actions: add the actions that carry out the treatment under actions, or set "
        "treatment: accept if the risk is accepted as it is",
        artifact,
        at=(*path, "actions") if artifact.written(*path, "actions") else path,
        about=((*path, "actions"),),
        grade="systemic" if systemic else None,
    )


def _overdue(artifact: Artifact, risk: dict[str, Any], ctx: Context) -> datetime.date | None:
    review_by = artifact.date("review_by", risk)
    return review_by if review_by is not None and review_by < ctx.today else None


def _no_actions(risk: dict[str, Any]) -> bool:
    """Absent, empty (`actions:`), an empty list, or a list whose every item the schema
    rejected (pruned to None); another type was pruned too and reads as absent."""
    actions = risk.get("actions")
    return not isinstance(actions, list) or all(action is None for action in actions)


def _words(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        return []
    return [word for word in value if isinstance(word, str) and word.strip()]
