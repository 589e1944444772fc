"""Who is responsible: owners and every other reference."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from sms_lint.checks.base import Context, Hit
from sms_lint.facts import roles_index
from sms_lint.model import Artifact
from sms_lint.pack import Rule
from sms_lint.suggest import RUN_BUDGET, Budget, Suggester, did_you_mean

NO_ROLES = (
    "no roles artifact defines the SMS roles: add one (kind: roles) listing each role "
    "and its holder"
)
ROLE_CLAUSE = "5.3"

# Artifact references of one kind: (kind holding the field, field, kind it must point to,
# clause the reference serves). A field holds one id or a list of ids.
ARTIFACT_REFERENCES = (
    ("service", "sla", "sla", "8.3.3"),
    ("sla", "service", "service", "8.3.3"),
    ("scope", "services", "service", "4.3"),
    ("supplier", "supports", "service", "8.3.4"),
    ("service", "depends_on", "service", "8.2.4"),
    ("nonconformity", "source", "audit", "10.1"),
    ("audit", "findings", "nonconformity", "9.2"),
)

# Role references in lists of role ids: (kind, field).
ROLE_LISTS = (("audit", "auditee_roles"), ("management-review", "attendees"))

# Role references as the `owner` of list entries: (kind, list field, entry noun for messages).
OWNED_ENTRIES = (
    ("objectives", "objectives", "objective"),
    ("risk-register", "risks", "risk"),
    ("management-review", "actions", "action"),
    ("improvement", "opportunities", "opportunity"),
)


def owner_role(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Every owner is a defined role that somebody holds."""
    if not _has_roles_artifact(ctx):
        yield Hit(NO_ROLES)
        return
    roles = roles_index(ctx.artifacts)
    role_hints = Suggester(roles, Budget(RUN_BUDGET))
    for artifact in ctx.artifacts:
        owner = artifact.text("owner")
        if owner is None:
            continue  # a missing owner is a schema finding
        role = roles.get(owner)
        if role is None:
            hint = did_you_mean(role_hints.hint(owner))
            yield Hit(
                f"owner '{owner}' is not a role defined in the roles artifact{hint}: "
                "use a defined role id or add the role with its holder",
                artifact,
                at=("owner",),
            )
        elif not _has_holder(role):
            yield Hit(
                f"owner role '{owner}' has no holder: name who holds it in the roles artifact",
                artifact,
                at=("owner",),
            )


def _has_roles_artifact(ctx: Context) -> bool:
    return any(a.status != "retired" for a in ctx.of_kind("roles"))


def _has_holder(role: Mapping[str, Any]) -> bool:
    holder = role.get("holder")
    return isinstance(holder, str) and bool(holder.strip())


def references_resolve(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Every role id and artifact id an artifact writes down points at something that exists."""
    check_roles = _has_roles_artifact(ctx)  # without one, SMS003 reports the gap once
    roles = roles_index(ctx.artifacts)
    # Candidates indexed once; hints share one budget, so 10,000 misses among 10,000 ids cost
    # linear time (suggest.py), where a difflib pass over every id per miss took minutes.
    budget = Budget(RUN_BUDGET)
    role_hints, id_hints = Suggester(roles, budget), Suggester(ctx.by_id, budget)
    for artifact in ctx.artifacts:
        if check_roles:
            yield from _role_hits(artifact, roles, role_hints)
        yield from _artifact_hits(ctx, artifact, id_hints)


def _role_hits(artifact: Artifact, roles: Mapping[str, Any], hints: Suggester) -> Iterator[Hit]:
    for at, label, role_id in _role_references(artifact):
        if role_id not in roles:
            yield Hit(
                f"{label} '{role_id}' matches no role id{did_you_mean(hints.hint(role_id))}: "
                "use a role defined in the roles artifact",
                artifact,
                at=at,
                clause=ROLE_CLAUSE,
            )


def _role_references(artifact: Artifact) -> Iterator[tuple[tuple, str, str]]:
    """(data path, label for the message, role id) of every role reference but `owner`."""
    approver = artifact.text("approved_by")
    if approver is not None:
        yield ("approved_by",), "approved_by", approver
    for kind, field in ROLE_LISTS:
        if artifact.kind == kind:
            for index, role_id in _ids(artifact, field):
                yield (field, index), field, role_id
    for kind, field, noun in OWNED_ENTRIES:
        if artifact.kind == kind:
            for index, entry in artifact.items(field):
                owner = artifact.text("owner", entry)
                if owner is not None:
                    label = f"{noun} {_entry_name(entry, index)} owner"
                    yield (field, index, "owner"), label, owner


def _entry_name(entry: Mapping[str, Any], index: int) -> str:
    entry_id = entry.get("id")
    return entry_id if isinstance(entry_id, str) and entry_id.strip() else f"#{index + 1}"


def _artifact_hits(ctx: Context, artifact: Artifact, hints: Suggester) -> Iterator[Hit]:
    for ref in _artifact_references(artifact):
        target = ctx.by_id.get(ref.target)
        if target is None:
            hint = did_you_mean(hints.hint(ref.target))
            message = f"{ref.field} '{ref.target}' matches no artifact id{hint}"
        elif ref.wanted is not None and target.kind != ref.wanted:
            message = f"{ref.field} '{ref.target}' is {_a(target.kind)}, not {_a(ref.wanted)}"
        else:
            continue  # a retired target still resolves: the record of it exists
        yield Hit(message, artifact, at=ref.at, clause=ref.clause)


class _Reference(NamedTuple):  # a NamedTuple: tens of thousands are made on a large repo
    at: tuple
    field: str
    target: str
    wanted: str | None  # the kind it must point to; None: any kind
    clause: str | None


def _artifact_references(artifact: Artifact) -> Iterator[_Reference]:
    """Every artifact id the artifact writes down, where, and what it must point to."""
    for index, target in _ids(artifact, "related"):
        yield _Reference(("related", index), "related", target, None, None)
    for kind, field, wanted, clause in ARTIFACT_REFERENCES:
        if artifact.kind != kind:
            continue
        single = artifact.text(field)
        if single is not None:
            yield _Reference((field,), field, single, wanted, clause)
        for index, target in _ids(artifact, field):
            yield _Reference((field, index), field, target, wanted, clause)


def _ids(artifact: Artifact, field: str) -> list[tuple[int, str]]:
    # Blank entries are the schema's finding, not a dangling reference.
    return [(i, value) for i, value in artifact.strings(field) if value.strip()]


def _a(kind: str) -> str:
    # Kinds are read as letters or words: "an sla", "an audit", "a service".
    return f"an {kind}" if kind[0] in "aeiou" or kind == "sla" else f"a {kind}"
