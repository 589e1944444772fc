"""``assignees:`` in ``.sms-lint.yaml``: who on GitHub is assigned what falls due, by role.

A map of role id (as in the roles artifact) to one GitHub login or a list of them:
``assignees: {sms-manager: alice, service-owner: [bob, carol]}``. The scheduled "due" workflow
(docs/ci.md) assigns the issue it opens for an item to the logins of the item's owner role;
``sms-lint due`` lists them with each item (:func:`assignees_for`). Nothing else reads the key.

Logins are checked for GitHub's shape (letters, digits and hyphens, at most 39 characters), so
that a value reaching a workflow, an issue or a report is a plain name and nothing else, and a
pasted ``@alice`` is told how to write it rather than never matching anyone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, NamedTuple

from sms_lint.config.values import ConfigError


# GitHub's rule for a user name: starts with a letter or digit; letters, digits and hyphens.
# Compiled at first use: only a config with assignees needs it.
@cache
def _login() -> re.Pattern[str]:
    return re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}")


# GitHub assigns at most 10 people to one issue: more would fail the workflow's API call.
MAX_PER_ROLE = 10
_SHAPE = "a GitHub login or a list of logins, such as alice or [alice, bob]"


class Assignees(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    """Role id -> the GitHub logins assigned its items, in the order written."""

    by_role: Mapping[str, tuple[str, ...]]


def assignees(raw: Any, name: str) -> Assignees | None:
    """The map, or None when the config does not set one."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: 'assignees' must be a mapping of role id to {_SHAPE}")
    by_role = {}
    for role, value in raw.items():
        if not isinstance(role, str) or not role.strip():
            raise ConfigError(f"{name}: every key of 'assignees' must be a role id (text)")
        by_role[role.strip()] = _logins(value, f"assignees.{role.strip()}", name)
    return Assignees(MappingProxyType(by_role))


def _logins(value: Any, key: str, name: str) -> tuple[str, ...]:
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list) or not listed:
        raise ConfigError(f"{name}: '{key}' must be {_SHAPE}")
    for login in listed:
        if not isinstance(login, str):
            raise ConfigError(f"{name}: '{key}' must be {_SHAPE}")
        if not _login().fullmatch(login):
            raise ConfigError(f"{name}: '{key}' names '{login}', {_why_not(login)}")
    logins = tuple(dict.fromkeys(listed))  # a login written twice is assigned once
    if len(logins) > MAX_PER_ROLE:
        raise ConfigError(
            f"{name}: '{key}' names {len(logins)} logins; GitHub assigns at most "
            f"{MAX_PER_ROLE} people to an issue"
        )
    return logins


def _why_not(login: str) -> str:
    if login.startswith("@") and _login().fullmatch(login[1:]):
        return f"write the login without '@': {login[1:]}"
    return (
        "which is not a GitHub login (letters, digits and hyphens, at most 39 characters, "
        "starting with a letter or digit)"
    )


def assignees_for(assignees: Assignees | None, owner_role: str | None) -> tuple[str, ...]:
    """The GitHub logins ``assignees`` (a config's, None without the key) gives the items of
    ``owner_role``; none without an owner, or for a role the map does not name."""
    if assignees is None or owner_role is None:
        return ()
    return assignees.by_role.get(owner_role, ())
