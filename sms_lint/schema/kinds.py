"""Which kinds sms-lint has a schema for, from the schema files' names alone.

Apart from :mod:`sms_lint.schema.validation` (which re-exports it) because ``register``
needs the kinds but no validator: the compiler and the wording of violations are not
imported for it.
"""

from __future__ import annotations

# The schema files every kind's schema refers to; not kinds themselves.
SHARED_FILES = ("header.json", "defs.json")


def known_kinds() -> frozenset[str]:
    """Every kind sms-lint has a schema for (without reading the schemas)."""
    from sms_lint.resources import data_dir

    folder = data_dir("schemas")
    return frozenset(p.stem for p in folder.glob("*.json") if p.name not in SHARED_FILES)
