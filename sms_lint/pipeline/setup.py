"""What a run needs besides the repository: packs, rules, schemas and config, built once."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from sms_lint import checks
from sms_lint.config.file import Config
from sms_lint.config.pack import Framework, PackError, Rule, load_extra_rules, load_framework
from sms_lint.config.rulebook import RuleBook, build_rulebook
from sms_lint.model import Artifact
from sms_lint.resources import data_dir
from sms_lint.schema.validation import SchemaSet, load_schemas

if TYPE_CHECKING:
    from sms_lint.config.datacache import DataStore

# Which value table applies to which kind, and the clause of a kind whose value is unknown.
_VALUE_KINDS = {"policy_type": ("policy",), "plan_type": ("plan",), "process": ("process",)}
_KIND_FALLBACK = {"plan": "6.3", "process": "8.1"}


class Setup(
    NamedTuple
):  # immutable, a fifth of a frozen dataclass's cost to define (every run pays it)
    """Built once per run, then read-only (and inherited by worker processes)."""

    framework: Framework
    rulebook: RuleBook
    schemas: SchemaSet
    config: Config

    def home_clause(self, artifact: Artifact) -> str:
        """The clause an artifact's schema findings carry: its typed value's, else its kind's."""
        for field, table in self.framework.value_clauses.items():
            if artifact.kind in _VALUE_KINDS.get(field, ()):
                value = artifact.text(field)
                if value in table:
                    return table[value][0]
        own = self.framework.kind_clauses.get(artifact.kind, ())
        return own[0] if own else _KIND_FALLBACK.get(artifact.kind, "7.5")


def build_setup(config: Config, store: DataStore | None = None) -> Setup:
    """Load packs and schemas (their parsed data kept in ``store``, if given) and apply the
    config. Raises ConfigError/PackError."""
    framework = load_framework(store=store)
    rules: list[Rule] = list(framework.rules)
    for pack_path in config.policies:
        rules.extend(load_extra_rules(pack_path, store))
    for rule in rules:
        if rule.check not in checks.REGISTRY and rule.check not in checks.ENGINE_CHECKS:
            raise PackError(f"rule {rule.id} ({rule.pack}) names unknown check '{rule.check}'")
        if rule.check in checks.PARAM_VALIDATORS:
            checks.PARAM_VALIDATORS[rule.check](rule)
    schemas = SchemaSet(load_schemas(data_dir("schemas"), store))
    return Setup(framework, build_rulebook(rules, config), schemas, config)
