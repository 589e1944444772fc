"""The rules of one run: packs merged, config applied, and hits turned into findings.

Severity is decided here, from the pack's default and the config's override, never in check
code (yamllint's model). Waivers are applied after every finding is known.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from sms_lint.config import Config, ConfigError, Waiver
from sms_lint.discovery import matches
from sms_lint.finding import Finding, Severity
from sms_lint.pack import Rule

WAIVER_RULE = "SMS020"
REPOSITORY = "(repository)"


@dataclass(frozen=True)
class RuleBook:
    rules: Mapping[str, Rule]  # id -> rule, in pack order
    severities: Mapping[str, Severity]
    disabled: frozenset[str]

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
    ) -> Finding | None:
        """A finding under ``rule_id``, or None when the rule is disabled."""
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
            severity=self.severities[rule_id],
            message=message,
            artifact=artifact,
        )


def build_rulebook(rules: Iterable[Rule], config: Config) -> RuleBook:
    """Merge rules (ids must be unique) and apply the config's ``rules:`` settings."""
    by_id: dict[str, Rule] = {}
    by_name: dict[str, str] = {}
    for rule in rules:
        if rule.id in by_id:
            raise ConfigError(f"rule id {rule.id} is defined twice ({rule.pack})")
        by_id[rule.id] = rule
        by_name[rule.name] = rule.id
    severities = {rule_id: rule.severity for rule_id, rule in by_id.items()}
    disabled = set()
    for key, setting in config.rules.items():
        rule_id = key if key in by_id else by_name.get(key)
        if rule_id is None:
            raise ConfigError(f"{config.source}: 'rules' names unknown rule '{key}'")
        if setting.severity is not None:
            severities[rule_id] = setting.severity
        if not setting.enabled:
            disabled.add(rule_id)
    return RuleBook(MappingProxyType(by_id), MappingProxyType(severities), frozenset(disabled))


def _waiver_matches(waiver: Waiver, finding: Finding, book: RuleBook) -> bool:
    rule = book.rules.get(finding.rule)
    if waiver.rule not in (finding.rule, rule.name if rule else None):
        return False
    if waiver.artifact is not None and waiver.artifact != finding.artifact:
        return False
    if waiver.path is not None:
        # Repository-wide findings have no path; a waiver names them "(repository)".
        return matches(finding.path or REPOSITORY, [waiver.path])
    return True


def apply_waivers(
    findings: list[Finding], config: Config, book: RuleBook, today: datetime.date
) -> list[Finding]:
    """Mark findings a live waiver covers; report expired and unused waivers."""
    out = list(findings)
    extra: list[Finding | None] = []
    for waiver in config.waivers:
        position = (waiver.line, 1)
        target = waiver.artifact or waiver.path
        if waiver.expires is not None and waiver.expires < today:
            extra.append(
                book.finding(
                    WAIVER_RULE,
                    config.source,
                    position,
                    f"waiver for {waiver.rule} on {target} expired on {waiver.expires}: "
                    "its findings count again; renew it or fix them",
                )
            )
            continue
        used = False
        for index, finding in enumerate(out):
            if not finding.waived and _waiver_matches(waiver, finding, book):
                reason = waiver.reason
                if waiver.expires is not None:
                    reason += f" (approved by {waiver.approved_by}, expires {waiver.expires})"
                out[index] = replace(finding, waived_reason=reason)
                used = True
        if not used:
            extra.append(
                book.finding(
                    "SMS021",
                    config.source,
                    position,
                    f"waiver for {waiver.rule} on {target} matches no finding: remove it",
                )
            )
    return out + [f for f in extra if f is not None]
