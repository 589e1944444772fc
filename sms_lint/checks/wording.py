"""Shared pieces of the operation and planning checks: naming what the user wrote, saying
what a measurable entry lacks, and not blaming a missing document on the user when a file
that may hold it could not be read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.model import Artifact
from sms_lint.words import listing, ordinal

COMPARATORS = frozenset({">=", "<=", "="})

# What each field of a measurable entry is called when missing, and how to fill it in.
_MISSING_WORDS = {
    "metric": ("metric", "metric (what is measured)"),
    "name": ("name", "name"),
    "target": ("numeric target", "target (a number)"),
    "unit": ("unit", "unit (e.g. percent)"),
    "comparator": ("comparator", "comparator (>=, <= or =)"),
    "statement": ("statement", "statement (the objective in words)"),
    "due": ("due date", "due (YYYY-MM-DD)"),
    "owner": ("owner", "owner (a role id)"),
    "frequency": ("frequency", "frequency (e.g. monthly)"),
}


def current(artifacts: list[Artifact]) -> list[Artifact]:
    """Retired documents are history: they never satisfy a requirement, never checked."""
    return [a for a in artifacts if a.status != "retired"]


def named(artifact: Artifact) -> str:
    """The artifact's id in quotes, or its path when the id is missing (a schema finding)."""
    return f"'{artifact.id}'" if artifact.id else artifact.path


def item_label(word: str, entry: Any, index: int) -> str:
    """``risk 'R-02'`` or ``target 'availability'`` by the entry's id, metric or name; ``the
    3rd target`` (1-based) when it has none."""
    if isinstance(entry, dict):
        for key in ("id", "metric", "name"):
            value = entry.get(key)
            if isinstance(value, str) and value.strip():
                return f"{word} '{value.strip()}'"
    return f"the {ordinal(index + 1)} {word}"


def lacking(artifact: Artifact, entry: Any, fields: Sequence[str]) -> list[str]:
    """Which of ``fields`` (those of ``_MISSING_WORDS``) the entry does not give in a usable
    form; an entry that is not a mapping (pruned) lacks them all."""
    if not isinstance(entry, dict):
        return list(fields)
    out = []
    for name in fields:
        if name == "target":
            usable = artifact.number(name, entry) is not None
        elif name == "comparator":
            usable = artifact.text(name, entry) in COMPARATORS
        elif name == "due":
            usable = artifact.date(name, entry) is not None
        else:
            usable = artifact.text(name, entry) is not None
        if not usable:
            out.append(name)
    return out


def lacking_words(fields: Sequence[str]) -> tuple[str, str]:
    """("numeric target or unit", "target (a number) and unit (e.g. percent)") for a
    message: what is missing, then what to add."""
    missing = [_MISSING_WORDS[f][0] for f in fields]
    fixes = [_MISSING_WORDS[f][1] for f in fields]
    return listing(missing, "or"), listing(fixes)


def entry_place(artifact: Artifact, entry_path: tuple, fields: Sequence[str]) -> tuple:
    """Where a finding about an entry's missing fields points: the first of them the file
    writes anyway (its value was unusable), else the entry itself."""
    for name in fields:
        if artifact.written(*entry_path, name):
            return (*entry_path, name)
    return entry_path


def untyped(artifacts: list[Artifact], field: str) -> list[Artifact]:
    """The artifacts without a usable ``field`` (absent, perhaps under a misspelt key, or
    with a value the schema rejected): one of them may be the document that looks missing."""
    return [a for a in artifacts if a.text(field) is None]


def unchecked(
    ctx: Context, what: str, clause: str | None = None, kind: str | None = None
) -> Hit | None:
    """One repository-wide hit saying ``what`` could not be checked because a file that may
    hold an artifact of ``kind`` could not be read, or None when there is none. That file may
    hold the very document that looks missing: telling the user to write it would be wrong."""
    cause = ctx.unread_cause(kind)
    if cause is None:
        return None
    return Hit(
        f"{what} could not be checked: {cause}; fix that file first",
        None,
        clause=clause,
        grade="unchecked",
    )
