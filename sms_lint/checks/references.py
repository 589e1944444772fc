"""SMS018 references-resolve: every role id and artifact id an artifact writes down."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.roles import ROLE_CLAUSE, Roles, Unchecked
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact
from sms_lint.schema.schema_findings import DOCUMENT_CONTROL
from sms_lint.suggest import RUN_BUDGET, Budget, Suggester, did_you_mean
from sms_lint.words import ordinal

# Artifact references of one kind: (kind holding the field, field, kind it must point to,
# clause the reference serves). A field holds one id or a list of ids.
ARTIFACT_REFERENCES = (
    ("service", "sla", "sla", "8.3.3"),
    ("sla", "service", "service", "8.3.3"),
    ("scope", "services", "service", "4.3"),
    ("scope", "excluded_services", "service", "4.3"),
    ("supplier", "supports", "service", "8.3.4"),
    ("service", "depends_on", "service", "8.2.4"),
    ("nonconformity", "source", "audit", "10.1"),
    ("audit", "findings", "nonconformity", "9.2"),
    ("audit", "services", "service", "9.2"),
    ("plan", "services", "service", "8.7"),
)

# Role references in lists of role ids: (kind, field).
ROLE_LISTS = (("audit", "auditee_roles"), ("management-review", "attendees"))

# Single role ids in a kind's own field: (kind, field). Filed under the kind's clause.
ROLE_FIELDS = (("nonconformity", "verified_by"),)

# Role references as the `owner` of list entries: (kind, list field, entry noun for messages).
OWNED_ENTRIES = (
    ("objectives", "objectives", "objective"),
    ("risk-register", "risks", "risk"),
    ("management-review", "actions", "action"),
    ("improvement", "opportunities", "opportunity"),
)

# Role references as the `owner` of entries listed in entries: (kind, list field, entry noun,
# inner list field, inner noun), e.g. the owner of a risk's treatment action.
OWNED_INNER_ENTRIES = (("risk-register", "risks", "risk", "actions", "action"),)


def references_resolve(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Every role id and artifact id an artifact writes down points at something that exists."""
    role_cause = ctx.unread_cause(kind="roles")  # only unread files that may define roles
    roles = Roles(ctx)  # without a current one, SMS003 reports the gap once
    # Candidates indexed once; hints share one budget, so 10,000 misses among 10,000 ids cost
    # linear time (suggest.py), where a difflib pass over every id per miss took minutes.
    budget = Budget(RUN_BUDGET)
    role_hints, id_hints = Suggester(roles.by_id, budget), _IdHints(ctx, budget)
    unchecked = Unchecked()
    for artifact in ctx.artifacts:
        # a dangling reference in a retired document misleads nobody at work: lower
        grade = "retired" if artifact.status == "retired" else None
        if roles.current:
            home = ctx.framework.kind_clauses.get(artifact.kind, ())
            where = (unchecked, role_cause, home[0] if home else ROLE_CLAUSE)
            yield from _role_hits(artifact, roles, role_hints, where, grade)
        yield from _artifact_hits(ctx, artifact, id_hints, unchecked, grade)
    yield from unchecked.hits()


class _IdHints:
    """Hints for a dangling id among the artifacts of the kind it must point to (an SLA's
    `service` is a service's id), built per kind on first use, sharing one budget."""

    def __init__(self, ctx: Context, budget: Budget) -> None:
        self._ctx, self._budget = ctx, budget
        self._by_kind: dict[str | None, Suggester] = {}

    def hint(self, target: str, kind: str | None) -> str | None:
        if kind not in self._by_kind:
            ids = [i for i, a in self._ctx.by_id.items() if kind is None or a.kind == kind]
            self._by_kind[kind] = Suggester(ids, self._budget)
        return self._by_kind[kind].hint(target)


def _role_hits(
    artifact: Artifact,
    roles: Roles,
    hints: Suggester,
    unchecked: tuple[Unchecked, str | None, str],
    grade: str | None,
) -> Iterator[Hit]:
    """Role references that match no role, each under the clause of the field that holds it:
    an approver under document control (7.5.2), a kind's own field under the kind's clause."""
    later, cause, home = unchecked
    for at, named, role_id in _role_references(artifact):
        if role_id in roles.by_id:
            continue
        clause = DOCUMENT_CONTROL if at == ("approved_by",) else home
        if cause is not None:  # the role may be defined in the file that could not be read
            later.add(f"role {role_id}", named, artifact, at, clause, cause)
            continue
        yield Hit(
            f"{named} is not a role in {roles.home}{did_you_mean(hints.hint(role_id))}: "
            "use a role id defined there, or add the role with its holder",
            artifact,
            at=at,
            clause=clause,
            grade=grade,
        )


def _role_references(artifact: Artifact) -> Iterator[tuple[tuple, str, str]]:
    """(data path, how the message names it, role id) of every role reference but `owner`."""
    approver = artifact.text("approved_by")
    if approver is not None:
        yield ("approved_by",), f"approved_by '{approver}'", approver
    for kind, field in ROLE_FIELDS:
        role_id = artifact.text(field) if artifact.kind == kind else None
        if role_id is not None:
            yield (field,), f"{field} '{role_id}'", role_id
    for kind, field in ROLE_LISTS:
        if artifact.kind == kind:
            for index, role_id in _ids(artifact, field):
                yield (field, index), f"{field} entry '{role_id}'", role_id
    for kind, field, noun in OWNED_ENTRIES:
        if artifact.kind == kind:
            for index, entry in artifact.items(field):
                owner = artifact.text("owner", entry)
                if owner is not None:
                    label = f"owner '{owner}' of {_entry_name(entry, index, noun)}"
                    yield (field, index, "owner"), label, owner
    yield from _inner_owners(artifact)


def _inner_owners(artifact: Artifact) -> Iterator[tuple[tuple, str, str]]:
    """The owners of entries inside list entries (a risk's treatment actions)."""
    for kind, field, noun, inner, inner_noun in OWNED_INNER_ENTRIES:
        if artifact.kind != kind:
            continue
        for index, entry in artifact.items(field):
            for number, action in enumerate(entry.get(inner) or ()):
                owner = artifact.text("owner", action) if isinstance(action, dict) else None
                if owner is not None:
                    label = (
                        f"owner '{owner}' of the {ordinal(number + 1)} {inner_noun} of "
                        f"{_entry_name(entry, index, noun)}"
                    )
                    yield (field, index, inner, number, "owner"), label, owner


def _entry_name(entry: Mapping[str, Any], index: int, noun: str) -> str:
    """`risk R-1` by its id, else `the 2nd risk` (never a zero-based index)."""
    entry_id = entry.get("id")
    if isinstance(entry_id, str) and entry_id.strip():
        return f"{noun} {entry_id.strip()}"
    return f"the {ordinal(index + 1)} {noun}"


def _artifact_hits(
    ctx: Context,
    artifact: Artifact,
    hints: _IdHints,
    unchecked: Unchecked,
    grade: str | None,
) -> Iterator[Hit]:
    for ref in _artifact_references(artifact):
        target = ctx.by_id.get(ref.target)
        named = f"{ref.field} '{ref.target}'"
        # the id may be that of a file that could not be read (one declaring it, or nothing)
        cause = ctx.unread_cause(kind=ref.wanted, ident=ref.target) if target is None else None
        if cause is not None:
            unchecked.add(f"id {ref.target}", named, artifact, ref.at, ref.clause, cause)
            continue
        if target is None:
            hint = did_you_mean(hints.hint(ref.target, ref.wanted))
            message = (
                f"{named} matches no artifact id{hint}: correct the id, or remove it if that "
                "document no longer exists"
            )
        elif ref.wanted is not None and target.kind != ref.wanted:
            message = (
                f"{named} is {_a(target.kind)}, not {_a(ref.wanted)}: "
                f"put the id of {_a(ref.wanted)} here"
            )
        else:
            continue  # a retired target still resolves: the record of it exists
        yield Hit(message, artifact, at=ref.at, clause=ref.clause, grade=grade)


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
