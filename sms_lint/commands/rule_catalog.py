"""The rules ``rules`` and ``explain`` describe: the built-in pack plus, with ``--config``, the
organization's packs that config lists. Lookup by id or name with a did-you-mean."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import click

from sms_lint.config.file import ConfigError, load_config
from sms_lint.config.pack import Framework, PackError, Rule, load_extra_rules, load_framework
from sms_lint.errors import UsageProblem

CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also include the rule packs listed under 'policies:' in this config file "
    "(default: .sms-lint.yaml in the current folder, if there is one).",
)
# Where `rules` and `explain` look for a config without --config: run at the root of an SMS
# repository, they describe the rules its check applies.
DEFAULT_CONFIG = Path(".sms-lint.yaml")


@dataclass(frozen=True)
class Catalog:
    framework: Framework
    rules: tuple[Rule, ...]  # built-in first, then each organization pack; each sorted by id

    def clause_label(self, rule: Rule) -> str:
        title = self.framework.title(rule.clause)
        return f"{rule.clause} {title}" if title else rule.clause


def load_catalog(config_path: Path | None) -> Catalog:
    """The built-in rules and, when a config is given (or found in the current folder), its
    organization packs' rules."""
    if config_path is None and DEFAULT_CONFIG.is_file():
        config_path = DEFAULT_CONFIG
    try:
        framework = load_framework()
        extra: list[Rule] = []
        if config_path is not None:
            config = load_config(config_path.parent, config_path)
            for pack_path in config.policies:
                extra.extend(load_extra_rules(pack_path))
    except (ConfigError, PackError) as error:
        raise UsageProblem(str(error)) from None
    builtin = sorted(framework.rules, key=lambda r: r.id)
    return Catalog(framework, (*builtin, *sorted(extra, key=lambda r: (r.pack, r.id))))


def find_rule(catalog: Catalog, query: str) -> Rule:
    """The rule whose id or name is ``query`` (case-insensitive); else a did-you-mean problem."""
    wanted = query.strip().casefold()
    # "sms5" and "SMS05" mean SMS005: ids are written with three digits.
    number = re.fullmatch(r"sms0*(\d{1,3})", wanted)
    padded = f"sms{int(number.group(1)):03d}" if number else wanted
    for rule in catalog.rules:
        if {wanted, padded} & {rule.id.casefold(), rule.name.casefold()}:
            return rule
    raise UsageProblem(
        f"unknown rule '{query}'{_suggestion(catalog, wanted)}; 'sms-lint rules' lists every rule"
    )


def _suggestion(catalog: Catalog, wanted: str) -> str:
    by_label = {}
    for rule in catalog.rules:
        by_label.setdefault(rule.id.casefold(), rule)
        by_label.setdefault(rule.name.casefold(), rule)
    close = difflib.get_close_matches(wanted, list(by_label), n=3, cutoff=0.6)
    # One rule may match by both id and name; name each rule once, best match first.
    ids = dict.fromkeys(by_label[label].id for label in close)
    if not ids:
        return ""
    names = " or ".join(f"{i} ({by_label[i.casefold()].name})" for i in ids)
    return f" (did you mean {names}?)"


def examines(rule: Rule) -> str:
    """What the rule looks at, in words: every artifact, the repository, or some kinds."""
    if rule.applies_to == ("all",):
        return "every artifact"
    if rule.applies_to == ("repository",):
        return "the repository as a whole"
    return "artifacts of kind " + ", ".join(f"`{kind}`" for kind in rule.applies_to)
