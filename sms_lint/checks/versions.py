"""SMS017's reading of versions: the version as text, and whether a revision raised it.

A version is compared as written when the files could be compared (an unquoted ``1.10``,
which YAML reads as 1.1, is still 1.10), else as read. Dotted numbers (1, 1.2, 2.0.1) have an
order, so a revision must go above the base's; other schemes (A, B, r7) have none we could
know, so only the same text is wrong.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from sms_lint.model import Artifact

if TYPE_CHECKING:
    from sms_lint.gitrepo.changes import BaseFile


def versions_of(
    artifact: Artifact, old: dict[str, Any], base: BaseFile
) -> tuple[str | None, str | None]:
    """The version at the base and now, as written when the files could be compared, else as
    read."""
    then, now = base.versions or (None, None)
    return _text(then) or _version(old), _text(now) or _version(artifact.data)


def not_raised(version: str | None, old_version: str | None, ref: str) -> str | None:
    """What is wrong with the version of a revision, or None: the same as at the base, or,
    when both are dotted numbers, not above it."""
    if version is None or old_version is None:
        return None
    if version == old_version:
        return f"version is still '{version}'"
    if not (_dotted().fullmatch(version) and _dotted().fullmatch(old_version)):
        return None
    new, before = _numbers(version), _numbers(old_version)
    width = max(len(new), len(before))  # 2 and 2.0 are the same number
    new, before = new + (0,) * (width - len(new)), before + (0,) * (width - len(before))
    if new > before:
        return None
    how = "lower than" if new < before else "the same number as"
    return f"version '{version}' is {how} '{old_version}' at {ref}"


def which(version: str | None, old_version: str | None) -> str:
    """How a finding names the version whose approval is missing."""
    if version is not None and version != old_version:
        return f"version '{version}'"
    return "the new version"


@cache
def _dotted() -> re.Pattern[str]:
    return re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9})*")  # at first use: --base runs only


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _version(data: dict[str, Any]) -> str | None:
    """The version as text: "1.2" and 1.2 (unquoted, its own finding) compare equal."""
    value = data.get("version")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return _text(str(value))


def _text(version: str | None) -> str | None:
    return None if version is None else version.strip() or None
