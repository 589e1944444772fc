"""The baseline file: a reviewable, sorted YAML list of the findings recorded as known debt.

Written by ``sms-lint baseline`` and read by ``check --baseline`` (or ``baseline:`` in
``.sms-lint.yaml``). Every problem in a file that is read is a :class:`BaselineError` naming
the file, the line and what is wrong (the CLI turns it into exit 2).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from sms_lint.baseline import BaselineError
from sms_lint.baseline.keys import REPOSITORY, Key
from sms_lint.config.values import ConfigError, iso_date
from sms_lint.parse.frontmatter import decode
from sms_lint.parse.loader import load_yaml

DEFAULT_NAME = ".sms-lint-baseline.yaml"
VERSION = 1
_TOP_KEYS = ("version", "recorded_on", "recorded_by", "expires", "findings")
_ENTRY_KEYS = ("rule", "artifact", "path", "item", "clause", "severity", "message")
_HEADER = """\
# sms-lint baseline: findings recorded as known debt on the date below. `sms-lint check`
# reports them as baselined and does not fail on them; a new finding still fails.
# Written by `sms-lint baseline`; review changes to it like any other change. Remove an
# entry once its finding is fixed (check reports entries that match nothing any more).
# A baseline is a snapshot of debt; a waiver in .sms-lint.yaml is a decision with a reason,
# an approver and an expiry date.
"""


@dataclass(frozen=True)
class Entry:
    key: Key
    message: str
    line: int = 1  # where the entry starts in the file


@dataclass(frozen=True)
class Baseline:
    name: str  # the file as the user named it, for messages
    recorded_on: str  # YYYY-MM-DD, or "" when the file does not say
    entries: tuple[Entry, ...]
    expires: datetime.date | None = None
    expires_line: int = 1


def render(
    entries: Iterable[tuple[Key, Mapping[str, str]]],
    recorded_on: datetime.date,
    recorded_by: str | None,
    expires: datetime.date | None,
) -> str:
    """The file's text: the header, who and when, and one entry per finding, sorted.
    ``entries`` pairs each key with the finding's readable fields (path, clause, severity,
    message)."""
    top: dict[str, Any] = {"version": VERSION, "recorded_on": recorded_on.isoformat()}
    if recorded_by:
        top["recorded_by"] = recorded_by
    if expires is not None:
        top["expires"] = expires.isoformat()
    rows = sorted(entries, key=lambda pair: (pair[0], sorted(pair[1].items())))
    top["findings"] = [_entry_mapping(key, shown) for key, shown in rows]
    body = yaml.safe_dump(top, sort_keys=False, allow_unicode=False, width=2**20)
    return _HEADER + body


def _entry_mapping(key: Key, shown: Mapping[str, str]) -> dict[str, str]:
    out = {"rule": key.rule}
    path = shown.get("path")
    if key.subject != REPOSITORY and key.subject != path:
        out["artifact"] = key.subject
    if path:
        out["path"] = path
    if key.item and not (key.subject == REPOSITORY and key.item == shown.get("clause")):
        out["item"] = key.item  # a repository-wide finding's clause is its item
    for name in ("clause", "severity", "message"):
        if shown.get(name):
            out[name] = shown[name]
    return out


def parse(raw: bytes, name: str) -> Baseline:
    """The baseline in ``raw`` (the bytes of the file ``name``)."""
    text, problem = decode(raw)
    if text is None:
        raise BaselineError(f"{name} is not a valid baseline: {_what(problem)}")
    if not text.strip():
        raise BaselineError(f"{name}: line 1: the file is empty (record one: sms-lint baseline)")
    loaded = load_yaml(text)
    first = loaded.problems[0] if loaded.problems else None
    # The loader words a top level that is not a mapping for artifacts; say it for a baseline.
    if first is not None and not first.message.startswith("the top level is"):
        raise BaselineError(f"{name}: line {first.line}: {first.message}")
    data = loaded.data
    if first is not None or not isinstance(data, dict):
        raise BaselineError(f"{name}: line 1: a baseline is a mapping with a 'findings' list")
    positions = loaded.positions

    def line(*path: Any) -> int:
        return positions.get(path, (1, 1))[0]

    for key in data:
        if key not in _TOP_KEYS:
            known = ", ".join(_TOP_KEYS)
            raise BaselineError(f"{name}: line {line(key)}: unknown key '{key}' (known: {known})")
    version = data.get("version", VERSION)
    if isinstance(version, bool) or version != VERSION:
        raise BaselineError(f"{name}: line {line('version')}: 'version' must be {VERSION}")
    recorded = _date(data, "recorded_on", name, line("recorded_on"))
    expires = _date(data, "expires", name, line("expires"))
    findings = data.get("findings")
    if not isinstance(findings, list):
        at = line("findings")
        raise BaselineError(f"{name}: line {at}: 'findings' must be a list of findings")
    entries = tuple(
        _entry(item, name, line("findings", index)) for index, item in enumerate(findings)
    )
    return Baseline(
        name=name,
        recorded_on=recorded.isoformat() if recorded else "",
        entries=entries,
        expires=expires,
        expires_line=line("expires"),
    )


def _what(problem: Any) -> str:
    return getattr(problem, "message", None) or "it cannot be read as text"


def _date(data: Mapping[str, Any], key: str, name: str, line: int) -> datetime.date | None:
    if data.get(key) is None:
        return None
    try:
        return iso_date(data[key], f"'{key}'")
    except ConfigError as error:
        raise BaselineError(f"{name}: line {line}: {error}") from None


def _entry(item: Any, name: str, line: int) -> Entry:
    where = f"{name}: line {line}"
    if not isinstance(item, dict):
        raise BaselineError(f"{where}: each finding must be a mapping with at least 'rule'")
    for key, value in item.items():
        if key not in _ENTRY_KEYS:
            known = ", ".join(_ENTRY_KEYS)
            raise BaselineError(f"{where}: unknown key '{key}' in a finding (known: {known})")
        if not isinstance(value, str) or not value.strip():
            raise BaselineError(f"{where}: '{key}' must be a non-empty text")
    if "rule" not in item:
        raise BaselineError(f"{where}: a finding needs 'rule'")
    subject = item.get("artifact") or item.get("path") or REPOSITORY
    item_text = item.get("item") or ("" if subject != REPOSITORY else item.get("clause", ""))
    return Entry(Key(item["rule"], subject, item_text), item.get("message", ""), line)
