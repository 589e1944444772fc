"""Rule packs as data: the framework's clauses, kind-to-clause map and rules.

The built-in pack (``policies/iso20000-1-2018.yaml``) defines the framework and its rules; an
organization's packs (``policies:`` in the config) add rules only. Packs are our own or the
organization's trusted files, but a broken one is still a clear error, never a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from sms_lint.evidence import EvidenceError, EvidenceRules, parse_evidence
from sms_lint.finding import Severity
from sms_lint.resources import builtin_pack_path

if TYPE_CHECKING:
    from sms_lint.config.datacache import DataStore

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_PACK_BYTES = 1024 * 1024  # an organization's rules, not a data dump
_SEVERITIES = frozenset(s.value for s in Severity)  # once: an enum's iteration is slow


class PackError(Exception):
    """A rule pack that cannot be used; the message is one sentence for the user."""


class Rule(
    NamedTuple
):  # immutable, a fifth of a frozen dataclass's cost to define (every run pays it)
    """One rule: identity and grading from the pack, behaviour from its ``check`` function."""

    id: str
    name: str
    clause: str
    severity: Severity
    check: str
    description: str
    rationale: str = ""
    remediation: str = ""
    example_pass: str = ""
    example_fail: str = ""
    params: Mapping[str, Any] = MappingProxyType({})  # read-only: one empty default is safe
    pack: str = "builtin"
    # What the rule examines: "all" artifacts, "repository" (one repo-wide verdict), or the
    # kinds it looks at. JUnit lists one test case per (rule, examined artifact).
    applies_to: tuple[str, ...] = ("all",)
    # Named grades a check may pick when the grade depends on what is affected
    # (``grades: {retired: observation}``), and why the rule is graded so (docs/rules.md).
    grades: Mapping[str, Severity] = MappingProxyType({})
    grading: str = ""


class Clause(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    number: str
    title: str
    coverage: bool  # listed in the readiness (coverage) report


class Framework(NamedTuple):  # immutable (as Rule)
    """The built-in pack: what the standard asks for and how artifacts map onto it."""

    name: str
    clauses: tuple[Clause, ...]
    kind_clauses: Mapping[str, tuple[str, ...]]
    value_clauses: Mapping[str, Mapping[str, tuple[str, ...]]]
    rules: tuple[Rule, ...]
    # What counts as documented and operating (the pack's `evidence:` section).
    evidence: EvidenceRules = EvidenceRules()  # a NamedTuple: immutable

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.kind_clauses)

    def title(self, clause: str) -> str:
        for entry in self.clauses:
            if entry.number == clause:
                return entry.title
        return ""

    def coverage_clauses(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.coverage)


_RULE_FIELDS = {
    "applies_to",
    "id",
    "name",
    "clause",
    "severity",
    "check",
    "description",
    "rationale",
    "remediation",
    "example_pass",
    "example_fail",
    "params",
    "grades",
    "grading",
}


def _read(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as error:
        raise PackError(f"cannot read rule pack {path}: {error.strerror}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise PackError(f"rule pack {path} is not valid YAML: {error}") from None


def parse_rule(entry: Any, pack: str) -> Rule:
    """Build a :class:`Rule` from one entry of a pack's ``rules`` list."""
    if not isinstance(entry, dict):
        raise PackError(f"rule pack {pack}: every entry of 'rules' must be a mapping")
    rule_id = entry.get("id", "?")
    unknown = sorted(set(entry) - _RULE_FIELDS)
    if unknown:
        raise PackError(f"rule pack {pack}: rule {rule_id} has unknown field '{unknown[0]}'")
    for required in ("id", "name", "clause", "severity", "check", "description"):
        if not isinstance(entry.get(required), str) or not entry[required].strip():
            raise PackError(f"rule pack {pack}: rule {rule_id} needs a text '{required}'")
    if entry["severity"] not in _SEVERITIES:
        raise PackError(
            f"rule pack {pack}: rule {rule_id} has severity '{entry['severity']}'; "
            "use major, minor or observation"
        )
    params = entry.get("params", {})
    if not isinstance(params, dict):
        raise PackError(f"rule pack {pack}: rule {rule_id} 'params' must be a mapping")
    for optional in _OPTIONAL_TEXTS:
        if not isinstance(entry.get(optional, ""), str):
            raise PackError(f"rule pack {pack}: rule {rule_id} '{optional}' must be text")
    texts = {k: " ".join(entry.get(k, "").split()) for k in ("rationale", "remediation", "grading")}
    grades = _grades(entry.get("grades", {}), pack, rule_id)
    applies = _applies_to(entry.get("applies_to", "all"))
    if applies is None:
        raise PackError(
            f"rule pack {pack}: rule {rule_id} 'applies_to' must be all, repository, a kind "
            "or a list of kinds"
        )
    return Rule(
        id=entry["id"],
        name=entry["name"],
        clause=entry["clause"],
        severity=Severity(entry["severity"]),
        check=entry["check"],
        description=" ".join(entry["description"].split()),
        example_pass=entry.get("example_pass", ""),
        example_fail=entry.get("example_fail", ""),
        params=MappingProxyType(params),
        pack=pack,
        applies_to=applies,
        grades=grades,
        **texts,
    )


_OPTIONAL_TEXTS = ("rationale", "remediation", "example_pass", "example_fail", "grading")


def _grades(value: Any, pack: str, rule_id: str) -> Mapping[str, Severity]:
    """A rule's named grades: a mapping of names to severities."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v in _SEVERITIES for k, v in value.items()
    ):
        raise PackError(
            f"rule pack {pack}: rule {rule_id} 'grades' must map names to major, minor or "
            "observation"
        )
    return MappingProxyType({k: Severity(v) for k, v in value.items()})


def _applies_to(value: Any) -> tuple[str, ...] | None:
    """``all``, ``repository``, a kind or a non-empty list of them; None for anything else."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values:
        return None
    if not all(isinstance(v, str) and v.strip() for v in values):
        return None
    return tuple(values)


def load_framework(path: Path | None = None, store: DataStore | None = None) -> Framework:
    """Load the built-in framework pack (its parsed YAML kept in ``store``, if given)."""
    path = path or builtin_pack_path()
    raw = store.get("pack", [path], lambda: _read(path)) if store is not None else _read(path)
    clauses = tuple(
        Clause(str(c["clause"]), c["title"], bool(c.get("coverage"))) for c in raw["clauses"]
    )
    kind_clauses = {kind: tuple(v) for kind, v in raw["kind_clauses"].items()}
    value_clauses = {
        name: MappingProxyType({value: tuple(cl) for value, cl in table.items()})
        for name, table in raw["value_clauses"].items()
    }
    rules = tuple(parse_rule(entry, "builtin") for entry in raw["rules"])
    try:
        evidence = parse_evidence(raw.get("evidence"))
    except EvidenceError as error:
        raise PackError(f"rule pack {path}: {error}") from None
    return Framework(
        name=raw["framework"],
        clauses=clauses,
        kind_clauses=MappingProxyType(kind_clauses),
        value_clauses=MappingProxyType(value_clauses),
        rules=rules,
        evidence=evidence,
    )


def _read_untrusted(path: Path) -> Any:
    """An organization pack may arrive in a pull request: read it with the artifact loader
    (no aliases, no tags, bounded depth) rather than trusting it like our own pack."""
    from sms_lint.parse.frontmatter import decode
    from sms_lint.parse.loader import load_yaml

    try:
        if not path.is_file():  # missing, a folder, or a device such as /dev/zero
            raise PackError(f"cannot read rule pack {path}: it is not a regular file")
        with path.open("rb") as stream:
            raw = stream.read(MAX_PACK_BYTES + 1)
    except OSError as error:
        raise PackError(f"cannot read rule pack {path}: {error.strerror}") from None
    if len(raw) > MAX_PACK_BYTES:
        raise PackError(f"rule pack {path} is larger than {MAX_PACK_BYTES // 1024} KiB")
    text, problem = decode(raw)
    loaded = load_yaml(text) if text is not None else None
    first = problem or (loaded.problems[0] if loaded and loaded.problems else None)
    if first is not None:
        raise PackError(f"rule pack {path} line {first.line}: {first.message}")
    return loaded.data if loaded else None


def load_extra_rules(path: Path, store: DataStore | None = None) -> tuple[Rule, ...]:
    """Load an organization's pack: a mapping with a ``rules`` list."""
    if store is None:
        raw = _read_untrusted(path)
    else:  # kept by the file's mode and size too: a hit was a regular file within the limit
        raw = store.get("organization pack", [path], lambda: _read_untrusted(path))
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise PackError(f"rule pack {path} must be a mapping with a 'rules' list")
    unknown = sorted(set(raw) - {"rules", "description"})
    if unknown:
        raise PackError(f"rule pack {path} has unknown key '{unknown[0]}'")
    return tuple(parse_rule(entry, str(path)) for entry in raw["rules"])
