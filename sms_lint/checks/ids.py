"""Identity (7.5.3): one id, one document; the finding goes on the document that took an id
another one already had.

Which document was there first is git's to say: the engine asks it (through an
:data:`EntryHistory`) only when some id is shared, and hands the answer to the rule as
``ctx.added``/``ctx.added_on``; the rule itself never runs git.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from sms_lint.checks.base import Context, Hit
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact
from sms_lint.words import listing

# Given the paths of the files that share an id: path -> rank in the order they entered git
# (ties: git cannot tell them apart), and committed path -> the day it entered.
EntryHistory = Callable[[tuple[str, ...]], tuple[Mapping[str, int], Mapping[str, str]]]

# From this many different shared ids on, the repository has no working id scheme: the clash
# is systemic, not a lapse (see the SMS002 entry's grading).
SYSTEMIC_CLASHES = 3


def sharing(artifacts: Iterable[Artifact]) -> dict[str, list[Artifact]]:
    """Id -> its artifacts (in path order), for every id more than one artifact has."""
    by_id: dict[str, list[Artifact]] = defaultdict(list)
    for artifact in artifacts:
        if artifact.id is not None:  # a missing id is a schema finding
            by_id[artifact.id].append(artifact)
    return {key: group for key, group in by_id.items() if len(group) > 1}


def entry_order(
    artifacts: Sequence[Artifact], history: EntryHistory | None
) -> tuple[Mapping[str, int], Mapping[str, str]]:
    """What the engine puts in ``ctx.added``/``ctx.added_on``: asked of ``history`` only
    when some id is shared, so a run without a clash never starts git."""
    groups = sharing(artifacts)
    if not groups or history is None:
        return {}, {}
    return history(tuple(sorted(a.path for group in groups.values() for a in group)))


def unique_id(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """With git: the documents that came after the first one with the id, naming it. When
    git cannot say which came first: every document with the id, naming the others."""
    groups = sharing(ctx.artifacts)
    grade = "systemic" if len(groups) >= SYSTEMIC_CLASHES else None
    for artifact_id, group in groups.items():
        first = _established(group, ctx.added)
        for artifact in group:
            if first is None:
                others = listing([other.path for other in group if other is not artifact])
                message = (
                    f"id '{artifact_id}' is also used by {others}: keep it on the document "
                    "that had it first and give the others their own ids"
                )
            elif artifact is first:
                continue
            else:
                since = ctx.added_on.get(first.path)
                known = f" (in git since {since})" if since else ""
                message = (
                    f"id '{artifact_id}' is already used by {first.path}{known}: "
                    "give this document its own id"
                )
            yield Hit(message, artifact, at=("id",), grade=grade)


def _established(group: list[Artifact], added: Mapping[str, int]) -> Artifact | None:
    """The one artifact git saw first; None when git cannot tell (no answer, or a tie)."""
    if not all(a.path in added for a in group):
        return None
    ranks = sorted(added[a.path] for a in group)
    if ranks[0] == ranks[1]:
        return None  # added in one commit, or none of them committed yet
    return next(a for a in group if added[a.path] == ranks[0])
