"""Clause 6: objectives and risks.

Missing fields and wrong types are the schema's findings (SMS001) and dangling owners are
SMS003/SMS018's: these checks judge only what is written in a usable form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.model import Artifact
from sms_lint.pack import Rule

# The treatments that promise action; other values are `accept` or a schema finding.
_ACTING_TREATMENTS = frozenset({"mitigate", "transfer", "avoid"})


def objectives_measurable(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Flag an objective whose statement has no number and leans on a vague word."""
    vague_words = _words(rule.params.get("vague_words"))
    for artifact in _current(ctx.of_kind("objectives")):
        for index, objective in artifact.items("objectives"):
            statement = artifact.text("statement", objective)
            if statement is None or re.search(r"\d", statement):
                continue
            word = first_vague_word(statement, vague_words)
            if word is not None:
                label = _label(objective, index)
                yield Hit(
                    f'objective {label} is vague ("{word}", no number): state a measurable result',
                    artifact,
                    at=("objectives", index, "statement"),
                )


def first_vague_word(statement: str, vague_words: Sequence[str]) -> str | None:
    """The vague word or phrase that comes first in ``statement`` (whole words, any case);
    at the same place the longer phrase wins."""
    found: list[tuple[int, int, str]] = []
    for word in vague_words:
        pattern = r"(?<!\w)" + re.escape(word) + r"(?!\w)"
        match = re.search(pattern, statement, flags=re.IGNORECASE)
        if match is not None:
            found.append((match.start(), -len(word), word))
    return min(found)[2] if found else None


def risk_treatment(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """A treated risk lists its actions; a risk's review is not overdue."""
    for artifact in _current(ctx.of_kind("risk-register")):
        for index, risk in artifact.items("risks"):
            label = _label(risk, index)
            treatment = artifact.text("treatment", risk)
            if treatment in _ACTING_TREATMENTS and _no_actions(risk):
                yield Hit(
                    f"risk {label} is treated by '{treatment}' but lists no actions: "
                    "add the treatment actions, or accept the risk",
                    artifact,
                    at=("risks", index),
                )
            review_by = artifact.date("review_by", risk)
            if review_by is not None and review_by < ctx.today:
                yield Hit(
                    f"risk {label} review was due on {review_by}: "
                    "review the risk and move review_by forward",
                    artifact,
                    at=("risks", index, "review_by"),
                )


def _no_actions(risk: dict[str, Any]) -> bool:
    """Absent, empty (`actions:`) or an empty list; another type is a schema finding."""
    actions = risk.get("actions")
    return actions is None or actions == []


def _current(artifacts: list[Artifact]) -> list[Artifact]:
    """Retired documents are history: never checked."""
    return [a for a in artifacts if a.status != "retired"]


def _label(entry: dict[str, Any], index: int) -> str:
    """The entry's id, or its 1-based position when the id is missing (a schema finding)."""
    entry_id = entry.get("id")
    return entry_id if isinstance(entry_id, str) and entry_id.strip() else f"#{index + 1}"


def _words(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        return []
    return [word for word in value if isinstance(word, str) and word.strip()]
