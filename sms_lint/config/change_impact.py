"""``change_impact:`` in ``.sms-lint.yaml``: which references ask for a review (SMS052).

``fields`` lists the top-level fields of a document whose references to a revised document
count (``fields: [related]``: only the ``related`` list). Without the key every field that
holds a document's id counts. Each entry is a field the schemas declare as holding artifact
ids (:data:`REFERENCE_FIELDS`) or a field of the user's own (``x-...``): a misspelt name
would silently count nothing, so it is an error.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sms_lint.config.values import ConfigError

_KEYS = ("fields",)
# The top-level fields the schemas declare as holding artifact ids (``x-refers-to`` other than
# roles); a test keeps this list equal to the schemas'.
REFERENCE_FIELDS = (
    "related",
    "depends_on",
    "excluded_services",
    "findings",
    "service",
    "services",
    "sla",
    "source",
    "supports",
)


class ChangeImpact(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    fields: tuple[str, ...]


def change_impact(raw: Any, name: str) -> ChangeImpact | None:
    """The fields that count, or None when the config does not narrow them."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: 'change_impact' must be a mapping with 'fields'")
    for key in raw:
        if key not in _KEYS:
            raise ConfigError(
                f"{name}: unknown key 'change_impact.{key}' (known keys: {', '.join(_KEYS)})"
            )
    fields = raw.get("fields")
    if (
        not isinstance(fields, list)
        or not fields
        or not all(isinstance(field, str) and field.strip() for field in fields)
    ):
        raise ConfigError(
            f"{name}: 'change_impact.fields' must be a list of field names (such as "
            "[related]); to turn the rule off, set rules.SMS052.enabled: false"
        )
    named = tuple(dict.fromkeys(field.strip() for field in fields))
    for field in named:
        if field not in REFERENCE_FIELDS and not field.startswith("x-"):
            raise ConfigError(
                f"{name}: 'change_impact.fields' names '{field}', which holds no document ids: "
                f"use {', '.join(REFERENCE_FIELDS)}, or a field of your own starting with 'x-'"
            )
    return ChangeImpact(named)
