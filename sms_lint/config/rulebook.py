"""The rules of one run: packs merged, config applied, and hits turned into findings.

Severity is decided here, from the pack's default and the config's override, never in check
code (yamllint's model). Waivers are applied after every finding is known
(:mod:`sms_lint.pipeline.waivers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

from sms_lint.config.file import Config, ConfigError
from sms_lint.config.pack import Rule
from sms_lint.finding import Finding, Severity


class RuleBook(
    NamedTuple
):  # immutable, a fifth of a frozen dataclass's cost to define (every run pays it)
    rules: Mapping[str, Rule]  # id -> rule, in pack order
    severities: Mapping[str, Severity]
    disabled: frozenset[str]
    overridden: frozenset[str] = frozenset()  # rules whose severity the config sets

    def enabled(self) -> list[Rule]:
        return [r for r in self.rules.values() if r.id not in self.disabled]

    def finding(
        self,
        rule_id: str,
        path: str | None,
        position: tuple[int, int] | None,
        message: str,
        clause: str | None = None,
        artifact: str | None = None,
        *,
        grade: str | None = None,
        about: tuple[tuple, ...] = (),
        written: bool = False,
    ) -> Finding | None:
        """A finding under ``rule_id``, or None when the rule is disabled. ``grade`` names one
        of the rule's grades in the pack; a severity the config sets applies to every grade."""
        if rule_id in self.disabled:
            return None
        rule = self.rules[rule_id]
        line, column = position if position else (None, None)
        return Finding(
            path=path,
            line=line,
            column=column,
            rule=rule.id,
            clause=clause or rule.clause,
            severity=self.severity(rule, grade),
            message=message,
            artifact=artifact,
            about=about,
            written=written,
        )

    def severity(self, rule: Rule, grade: str | None = None) -> Severity:
        if grade is None or rule.id in self.overridden or grade not in rule.grades:
            return self.severities[rule.id]
        return rule.grades[grade]


def build_rulebook(rules: Iterable[Rule], config: Config) -> RuleBook:
    """Merge rules (ids must be unique) and apply the config's ``rules:`` settings."""
    by_id: dict[str, Rule] = {}
    by_name: dict[str, str] = {}
    for rule in rules:
        if rule.id in by_id:
            raise ConfigError(
                f"rule id {rule.id} is defined twice ({_where(by_id[rule.id], rule)}): give "
                "one of them another id"
            )
        by_id[rule.id] = rule
        by_name[rule.name] = rule.id
    severities = {rule_id: rule.severity for rule_id, rule in by_id.items()}
    disabled = set()
    overridden = set()
    for key, setting in config.rules.items():
        rule_id = key if key in by_id else by_name.get(key)
        if rule_id is None:
            raise ConfigError(f"{config.source}: 'rules' names unknown rule '{key}'")
        if setting.severity is not None:
            severities[rule_id] = setting.severity
            overridden.add(rule_id)
        if not setting.enabled:
            disabled.add(rule_id)
    return RuleBook(
        MappingProxyType(by_id),
        MappingProxyType(severities),
        frozenset(disabled),
        frozenset(overridden),
    )


def _where(first: Rule, second: Rule) -> str:
    """Where the two definitions of one id are: one pack, or both packs by name."""
    names = [p if p != "builtin" else "the built-in pack" for p in (first.pack, second.pack)]
    return f"both in {names[0]}" if names[0] == names[1] else f"in {names[0]} and in {names[1]}"
