"""Who is responsible: SMS003 owner-role, and the roles every reference rule looks up."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from sms_lint.checks.base import Context, Hit
from sms_lint.config.pack import Rule
from sms_lint.facts import holder_of
from sms_lint.model import Artifact
from sms_lint.parse.placeholders import find, marker_pattern
from sms_lint.suggest import RUN_BUDGET, Budget, Suggester, did_you_mean

ROLE_CLAUSE = "5.3"
FIX_FIRST = "fix that file first"


class _Role(NamedTuple):
    artifact: Artifact  # the roles artifact defining it
    index: int  # its place in that artifact's `roles` list (for the finding's line)
    entry: Mapping[str, Any]


class Roles:
    """The roles every current roles artifact defines, and how messages name those artifacts."""

    def __init__(self, ctx: Context) -> None:
        self.current = [a for a in ctx.of_kind("roles") if a.status != "retired"]
        self.by_id: dict[str, _Role] = {}
        self.twice: list[tuple[_Role, _Role]] = []  # (the first definition, a later one)
        for artifact in self.current:
            for index, entry in artifact.items("roles"):
                role_id = entry.get("id")
                if isinstance(role_id, str):
                    role = _Role(artifact, index, entry)
                    first = self.by_id.setdefault(role_id, role)
                    if first is not role:
                        self.twice.append((first, role))
        # "ROLES-001" (or "ROLES-001 or ROLES-002"): where the user looks the role up
        self.home = " or ".join(a.id or a.path for a in self.current)


def owner_role(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Every owner is a defined role that somebody holds."""
    cause = ctx.unread_cause(kind="roles")  # only unread files that may define roles count
    roles = Roles(ctx)
    if not roles.current:
        yield _no_roles(ctx, cause)
        return
    hints = Suggester(roles.by_id, Budget(RUN_BUDGET))
    owned: dict[str, list[Artifact]] = {}
    unchecked = Unchecked()
    for artifact in ctx.artifacts:
        owner = artifact.text("owner")
        if owner is None:
            continue  # a missing owner is a schema finding
        if owner in roles.by_id:
            owned.setdefault(owner, []).append(artifact)
        elif cause is not None:  # the role may be defined in the file that could not be read
            unchecked.add(owner, f"owner '{owner}'", artifact, ("owner",), None, cause)
        else:
            yield Hit(
                f"owner '{owner}' is not a role in {roles.home}"
                f"{did_you_mean(hints.hint(owner))}: set owner to a role id defined there, "
                "or add the role with its holder",
                artifact,
                at=("owner",),
                grade="isolated",
            )
    yield from unchecked.hits()
    yield from _defined_twice(roles)
    pattern = marker_pattern(tuple(ctx.config.placeholders))
    for role_id, artifacts in owned.items():
        role = roles.by_id[role_id]
        if not _has_holder(role.entry, pattern):
            yield _vacant(role_id, role, artifacts)


def _defined_twice(roles: Roles) -> Iterator[Hit]:
    """A role id defined again: the later entry is ignored, so whatever it meant to define
    (often another role, its id copied) is undefined. One finding, at the later entry."""
    for first, again in roles.twice:
        role_id = again.entry["id"]
        where = (
            "earlier in this file"
            if first.artifact is again.artifact
            else (f"first in {first.artifact.id or first.artifact.path}")
        )
        yield Hit(
            f"role '{role_id}' is defined twice ({where}): this entry is ignored, so the role "
            "it describes is undefined; give it that role's id, or remove it",
            again.artifact,
            at=("roles", again.index, "id"),
            grade="isolated",
        )


def _no_roles(ctx: Context, cause: str | None) -> Hit:
    if cause is not None:  # the roles artifact may be the file that could not be read
        return Hit(f"the SMS roles could not be checked: {cause}; {FIX_FIRST}", grade="unchecked")
    retired = ctx.of_kind("roles")
    if retired:
        return Hit(
            f"roles artifact {retired[0].id or retired[0].path} is retired and no current one "
            "defines the SMS roles: issue a current roles artifact (kind: roles) listing each "
            "role and its holder",
            retired[0],
            at=("status",),
        )
    return Hit(
        "no roles artifact defines the SMS roles, so no owner can be traced to a person: add "
        "one (kind: roles) listing each role and its holder"
    )


def _vacant(role_id: str, role: _Role, artifacts: list[Artifact]) -> Hit:
    """One finding per vacant role, at the role, naming what it owns (not one per document)."""
    names = [a.id or a.path for a in artifacts]
    owns = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    holder = role.entry.get("holder")
    written = (
        f" (the holder is written as '{holder.strip()}')"
        if isinstance(holder, str) and holder.strip()
        else ""
    )
    return Hit(
        f"role '{role_id}' has no holder{written}, yet it owns {owns}: name who holds it "
        "(holder: ...)",
        role.artifact,
        at=("roles", role.index),
        about=(("roles", role.index, "holder"),),
        grade=None if len(names) > 1 else "isolated",
    )


def _has_holder(role: Mapping[str, Any], pattern: re.Pattern[str]) -> bool:
    """A holder that names somebody. A placeholder (``TBD``) counts as one here: it is the
    placeholder rule's finding (SMS027), one defect, one finding."""
    holder = role.get("holder")
    if not isinstance(holder, str) or not holder.strip():
        return False
    return holder_of(role) is not None or any(find(holder, pattern))


class Unchecked:
    """References that match nothing while a file could not be read: one finding per id, at
    its first reference, naming the others (one unreadable file, not a finding per mention)."""

    def __init__(self) -> None:
        self._seen: dict[str, list[tuple[str, Artifact, tuple, str | None]]] = {}
        self._causes: dict[str, str] = {}

    def add(
        self, key: str, named: str, artifact: Artifact, at: tuple, clause: str | None, cause: str
    ) -> None:
        """Note a reference ``named`` (e.g. "related 'ROLES-001'") to ``key`` that ``cause``
        (e.g. "roles.yaml could not be read") keeps from being checked."""
        self._seen.setdefault(key, []).append((named, artifact, at, clause))
        self._causes.setdefault(key, cause)

    def hits(self) -> Iterator[Hit]:
        for key, ((named, artifact, at, clause), *others) in self._seen.items():
            cause = self._causes[key]
            also = sorted(
                {a.id or a.path for _, a, _, _ in others} - {artifact.id or artifact.path}
            )
            more = f" and {len(also) - 3} more" if len(also) > 3 else ""
            verb = "refers" if len(also) == 1 else "refer"
            where = f" ({', '.join(also[:3])}{more} {verb} to it too)" if also else ""
            message = f"{named} could not be checked: {cause}; {FIX_FIRST}{where}"
            yield Hit(message, artifact, at=at, clause=clause, grade="unchecked")
