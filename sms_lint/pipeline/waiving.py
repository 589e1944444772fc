"""Which live waiver, if any, claims each finding: the first one in the config that matches it.

Trying every waiver on every finding was waivers x findings (5,000 unused waivers took minutes).
Waivers are indexed once by the rule they name and the artifact they name; their paths go into
one :class:`~sms_lint.files.globs.PatternSet` per group, so a finding looks up only the waivers that
could match it. The outcome is the one the waiver-by-waiver loop gave: a finding is waived by the
first live waiver (in config order) that matches it, and a waiver that claims no finding is
unused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sms_lint.config.file import Waiver
from sms_lint.config.pack import Rule
from sms_lint.files.globs import PatternSet
from sms_lint.finding import Finding

REPOSITORY = "(repository)"  # how a waiver's path names repository-wide findings


class _Group:
    """The waivers of one (rule, artifact or None): path-less ones and paths by pattern."""

    def __init__(self) -> None:
        self.anywhere: int | None = None  # the first waiver without a path
        self.paths: list[str] = []
        self.first_by_path: dict[str, int] = {}
        self.patterns: PatternSet | None = None

    def add(self, index: int, path: str | None) -> None:
        if path is None:
            self.anywhere = index if self.anywhere is None else self.anywhere
        elif path.strip():
            self.first_by_path.setdefault(path, index)
            self.paths.append(path)

    def first(self, path: str) -> int | None:
        if self.patterns is None:
            self.patterns = PatternSet(self.paths)  # patterns in first-waiver order
        hit = self.patterns.first(path)
        by_path = self.first_by_path[self.patterns.patterns[hit]] if hit is not None else None
        found = [i for i in (self.anywhere, by_path) if i is not None]
        return min(found) if found else None


def claims(
    waivers: Sequence[Waiver], findings: Sequence[Finding], rules: Mapping[str, Rule]
) -> list[int | None]:
    """For each finding, the index (into ``waivers``) of the waiver that claims it, or None.
    Findings waived already are never claimed."""
    by_name: dict[str, set[str]] = {}
    for rule_id, rule in rules.items():
        by_name.setdefault(rule.name, set()).add(rule_id)
    groups: dict[tuple[str, str | None], _Group] = {}
    for index, waiver in enumerate(waivers):
        # a waiver names a rule by id or by name; findings carry the id
        for rule_id in {waiver.rule} | by_name.get(waiver.rule, set()):
            groups.setdefault((rule_id, waiver.artifact), _Group()).add(index, waiver.path)
    out: list[int | None] = []
    for finding in findings:
        out.append(None if finding.waived else _first(groups, finding))
    return out


def _first(groups: dict[tuple[str, str | None], _Group], finding: Finding) -> int | None:
    path = finding.path or REPOSITORY
    found = []
    for artifact in {finding.artifact, None}:
        group = groups.get((finding.rule, artifact))
        if group is not None:
            found.append(group.first(path))
    present = [i for i in found if i is not None]
    return min(present) if present else None
