"""SMS051 risk-acceptance (clause 6.1): a risk scored above the organization's acceptance
criterion is accepted by top management.

The criterion is ``risk_acceptance: {max_score: N}`` in ``.sms-lint.yaml``: the score is
likelihood x impact. Without it nothing is judged (no criterion is known, and another record
may show who may accept what). A risk above it with ``treatment: accept`` names in
``accepted_by`` a role marked ``top_management: true``. Retired registers are history.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sms_lint.checks.authority import shared_holder
from sms_lint.checks.base import Context, Hit
from sms_lint.checks.wording import current, item_label, named
from sms_lint.config.pack import Rule
from sms_lint.facts import roles_index
from sms_lint.model import Artifact


def risk_acceptance(ctx: Context, rule: Rule) -> Iterator[Hit]:
    criterion = ctx.config.risk_acceptance
    if criterion is None:
        return
    roles = roles_index(ctx.artifacts)
    for artifact in current(ctx.of_kind("risk-register")):
        for index, risk in artifact.items("risks"):
            score = _score(artifact, risk)
            if artifact.text("treatment", risk) != "accept" or score is None:
                continue
            if score > criterion.max_score:
                hit = _judge(ctx, artifact, index, risk, score, criterion.max_score, roles)
                if hit is not None:
                    yield hit


def _top_management(who: str, roles: Mapping[str, dict[str, Any]]) -> bool:
    """A top-management role, or its holder by name or through another role they hold (in a
    small organization the managing director may sign as themselves: still top management)."""
    top = [ident for ident, role in roles.items() if role.get("top_management") is True]
    return who in top or any(shared_holder(who, ident, roles) for ident in top)


def _score(artifact: Artifact, risk: dict[str, Any]) -> int | None:
    likelihood, impact = artifact.number("likelihood", risk), artifact.number("impact", risk)
    if likelihood is None or impact is None:
        return None  # missing or not a rating: the schema's finding
    return int(likelihood * impact)


def _judge(
    ctx: Context,
    artifact: Artifact,
    index: int,
    risk: dict[str, Any],
    score: int,
    max_score: int,
    roles: Mapping[str, dict[str, Any]],
) -> Hit | None:
    label = item_label("risk", risk, index)
    above = (
        f"{label} of {named(artifact)} scores {score} (likelihood x impact), above the "
        f"acceptance criterion of {max_score} (risk_acceptance.max_score)"
    )
    accepter = artifact.text("accepted_by", risk)
    path = ("risks", index)
    if accepter is None:
        return Hit(
            f"{above}, and is accepted with no record of who accepted it: have top management "
            "decide to accept it and name that role in accepted_by, or treat the risk "
            "(mitigate, transfer or avoid) with actions",
            artifact,
            at=(*path, "treatment"),
            about=((*path, "treatment"), (*path, "accepted_by")),
        )
    who = accepter.strip()
    if _top_management(who, roles):
        return None
    role = roles.get(who)
    if role is None:
        cause = ctx.unread_cause(kind="roles")
        why = f"'{who}' is no role read so far"
        if cause is not None:
            return Hit(
                f"whether top management accepted {label} of {named(artifact)} could not be "
                f"checked: {why}; {cause}; fix that file first",
                artifact,
                at=(*path, "accepted_by"),
                grade="unchecked",
            )
        why = f"'{who}' is neither a defined role nor the holder of a top-management role"
    else:
        why = f"role '{who}' is not marked top_management: true"
    return Hit(
        f"{above}, and accepted_by names no top-management role: {why}: have top management "
        "accept it and name that role, or treat the risk (mitigate, transfer or avoid) with "
        "actions",
        artifact,
        at=(*path, "accepted_by"),
    )
