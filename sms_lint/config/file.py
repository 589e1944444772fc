"""``.sms-lint.yaml``: read, validate and freeze the configuration.

Every problem is a :class:`ConfigError` whose message is one sentence naming the key; the CLI
turns it into exit code 2. Unknown keys are errors so that a typo never silently disables a
setting.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from sms_lint.config import packs
from sms_lint.config.assignees import Assignees, assignees
from sms_lint.config.change_impact import ChangeImpact, change_impact
from sms_lint.config.measurement import Measurement, measurement
from sms_lint.config.risk_acceptance import RiskAcceptance, risk_acceptance
from sms_lint.config.values import ConfigError, iso_date, listed, months, texts
from sms_lint.files.safeopen import Refused
from sms_lint.files.treewalk import read_inside
from sms_lint.finding import Severity

CONFIG_NAME = ".sms-lint.yaml"
KNOWN_KEYS = (
    "exclude",
    "rules",
    "review_interval_months",
    "policies",
    "waivers",
    "max_file_kb",
    "intervals",
    "placeholders",
    "waiver_max_months",
    "baseline",
    "risk_acceptance",
    "change_impact",
    "assignees",
    "measurement",
)
_WAIVER_KEYS = ("rule", "path", "artifact", "reason", "approved_by", "expires")


# A config and its parts are NamedTuples, not frozen dataclasses: as immutable, and a fifth of
# the cost to define, which every run pays at start-up.


class RuleSetting(NamedTuple):
    enabled: bool = True
    severity: Severity | None = None


class Waiver(NamedTuple):
    """An approved, time-limited exception: findings of ``rule`` on ``path``/``artifact``."""

    rule: str
    reason: str
    approved_by: str
    expires: datetime.date | None
    path: str | None = None
    artifact: str | None = None
    line: int = 1


class Intervals(NamedTuple):
    """The planned intervals, in months: between internal audits, between management reviews,
    between supplier performance reviews, and the audit cycle over which internal audits
    together cover the whole SMS (``intervals:`` in ``.sms-lint.yaml``)."""

    internal_audit_months: int = 12
    management_review_months: int = 12
    supplier_review_months: int = 12
    audit_cycle_months: int = 36


PLANNED_INTERVALS = Intervals()  # immutable: safe as the default of every Config


class Config(NamedTuple):  # immutable, and a fifth of a frozen dataclass's cost to define
    """The settings of one run. ``source`` is the config file's path relative to the root
    (or as given) for findings about waivers; ``None`` when no file was read."""

    source: str | None = None
    exclude: tuple[str, ...] = ()
    rules: Mapping[str, RuleSetting] = MappingProxyType({})  # read-only: one default is safe
    review_interval_months: int = 12
    policies: tuple[Path, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    max_file_kb: int = 1024
    intervals: Intervals = PLANNED_INTERVALS
    # Extra placeholder phrases (beyond sms_lint.parse.placeholders.DEFAULT_MARKERS), matched
    # as whole words, ignoring case.
    placeholders: tuple[str, ...] = ()
    # The longest a waiver may run, in months from today (SMS036); None: no maximum.
    waiver_max_months: int | None = None
    # The baseline file (``baseline:``), relative to the config's folder; None: no baseline.
    baseline: Path | None = None
    # The highest risk score accepted without top management (SMS051); None: not set.
    risk_acceptance: RiskAcceptance | None = None
    # The fields whose references to a revised document count (SMS052); None: every field.
    change_impact: ChangeImpact | None = None
    # Role id -> the GitHub logins the due workflow assigns (``assignees:``); None: not set.
    assignees: Assignees | None = None
    measurement: Measurement = Measurement()


def find_config(root: Path, explicit: Path | None) -> Path | None:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file {explicit} does not exist")
        return explicit
    default = root / CONFIG_NAME
    # lexists, not is_file: a FIFO, folder or link out of the root under this name is refused
    # when it is read, never silently passed over
    return default if os.path.lexists(default) else None


def load_config(root: Path, explicit: Path | None = None) -> Config:
    """Read the config for ``root``; no file means the defaults."""
    path = find_config(root, explicit)
    if path is None:
        return Config()
    name = _display_name(path, root)
    try:
        # --config is trusted like the command line; the root's own config may come from a
        # pull request, so it is read only as discovery would read a file of the root
        raw = path.read_bytes() if explicit is not None else read_inside(str(root), CONFIG_NAME)
    except Refused as refused:
        raise ConfigError(f"{CONFIG_NAME}: {refused}") from None  # only the root's is refused
    except OSError as error:
        raise ConfigError(f"cannot read {name}: {error.strerror}") from None
    return config_from_bytes(raw, name, path, root)


def config_from_bytes(raw: bytes, name: str, path: Path, root: Path) -> Config:
    """The config in ``raw``, the content of ``path`` (shown as ``name``) for ``root``: also
    what ``--as-of`` reads from a commit's blob."""
    # Imported here: without a config file no YAML is read before register's walk starts.
    from sms_lint.parse.frontmatter import decode
    from sms_lint.parse.loader import load_yaml

    text, problem = decode(raw)
    loaded = load_yaml(text) if text is not None else None
    if loaded is None or loaded.problems:
        first = problem or (loaded.problems[0] if loaded and loaded.problems else None)
        where = f" at line {first.line}: {first.message}" if first else " (empty)"
        raise ConfigError(f"{name} is not a valid config{where}")
    if loaded.data is None:
        raise ConfigError(f"{name} must be a mapping of settings")
    config = parse_config(loaded.data, name, path.parent, loaded.positions)
    if packs.inside(path, root):
        # The root's own config may come from a pull request: its packs stay inside the root.
        refused = packs.refusal(loaded.data.get("policies") or [], config.policies, root)
        if refused:
            raise ConfigError(f"{name}: {refused}")
        if config.baseline is not None and not packs.inside(config.baseline, root):
            # a pull request must not point the check at a file elsewhere on the machine
            raise ConfigError(f"{name}: 'baseline' must name a file inside the root")
    return config._replace(
        exclude=config.exclude + packs.excludes(config.policies, root),
        policies=packs.read_once(config.policies),
    )


def _display_name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def parse_config(
    data: dict[str, Any], name: str, base: Path, positions: Mapping[tuple, tuple[int, int]]
) -> Config:
    for key in data:
        if key not in KNOWN_KEYS:
            raise ConfigError(f"{name}: unknown key '{key}' (known keys: {', '.join(KNOWN_KEYS)})")
    interval = months(data.get("review_interval_months", 12), "review_interval_months", name)
    max_kb = data.get("max_file_kb", 1024)
    if isinstance(max_kb, bool) or not isinstance(max_kb, int) or max_kb < 1:
        raise ConfigError(f"{name}: 'max_file_kb' must be a positive whole number")
    longest = data.get("waiver_max_months")
    return Config(
        source=name,
        exclude=texts(data, "exclude", name),
        rules=MappingProxyType(_rule_settings(data.get("rules", {}), name)),
        review_interval_months=interval,
        policies=tuple(base / p for p in texts(data, "policies", name)),
        waivers=tuple(
            _waiver(entry, index, name, positions.get(("waivers", index), (1, 1))[0])
            for index, entry in enumerate(listed(data, "waivers", name))
        ),
        max_file_kb=max_kb,
        intervals=_intervals(data.get("intervals", {}), name),
        placeholders=texts(data, "placeholders", name),
        waiver_max_months=(None if longest is None else months(longest, "waiver_max_months", name)),
        baseline=_baseline(data.get("baseline"), name, base),
        risk_acceptance=risk_acceptance(data.get("risk_acceptance"), name),
        change_impact=change_impact(data.get("change_impact"), name),
        assignees=assignees(data.get("assignees"), name),
        measurement=measurement(data.get("measurement"), name),
    )


def _baseline(raw: Any, name: str, base: Path) -> Path | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.strip():
        raise ConfigError(f"{name}: 'baseline' must be the path of a baseline file")
    return base / raw


def _intervals(raw: Any, name: str) -> Intervals:
    known = Intervals._fields
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: 'intervals' must be a mapping of {', '.join(known)}")
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(
                f"{name}: unknown key 'intervals.{key}' (known keys: {', '.join(known)})"
            )
        months(value, f"intervals.{key}", name)
    return Intervals(**raw)


def _rule_settings(raw: Any, name: str) -> dict[str, RuleSetting]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: 'rules' must be a mapping of rule id to settings")
    settings = {}
    for rule, value in raw.items():
        if not isinstance(value, dict) or set(value) - {"severity", "enabled"}:
            raise ConfigError(
                f"{name}: 'rules.{rule}' must be a mapping with 'severity' and/or 'enabled'"
            )
        severity = value.get("severity")
        if severity is not None and (
            not isinstance(severity, str) or severity not in {s.value for s in Severity}
        ):
            raise ConfigError(
                f"{name}: 'rules.{rule}.severity' must be major, minor or observation"
            )
        enabled = value.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ConfigError(f"{name}: 'rules.{rule}.enabled' must be true or false")
        settings[rule] = RuleSetting(enabled, Severity(severity) if severity else None)
    return settings


def _waiver(entry: Any, index: int, name: str, line: int) -> Waiver:
    where = f"{name}: waivers[{index}]"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a mapping")
    for key in entry:
        if key not in _WAIVER_KEYS:
            raise ConfigError(f"{where} has unknown key '{key}' (known: {', '.join(_WAIVER_KEYS)})")
    for key in ("rule", "reason", "approved_by"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ConfigError(f"{where} needs '{key}' (text)")
    if not (entry.get("path") or entry.get("artifact")):
        raise ConfigError(f"{where} needs 'path' or 'artifact' to say what it waives")
    for key in ("path", "artifact"):
        if key in entry and not isinstance(entry[key], str):
            raise ConfigError(f"{where}.{key} must be text")
    expires = entry.get("expires")
    if expires is not None:
        expires = iso_date(expires, f"{where}.expires")
    return Waiver(
        rule=entry["rule"],
        reason=entry["reason"].strip(),
        approved_by=entry["approved_by"],
        expires=expires,
        path=entry.get("path"),
        artifact=entry.get("artifact"),
        line=line,
    )
