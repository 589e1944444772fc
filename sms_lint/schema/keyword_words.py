"""Plain sentences for the JSON Schema keywords sms-lint's own schemas do not use but an
organization rule's schema may (ORG001: ``not``, ``multipleOf``, ``maxContains``...).

jsonschema's own messages quote the offending value as a Python repr (``[{'metric': 'x'}]
should not be valid under {'type': 'array'}``), which a reader of the report cannot use and
which may repeat a whole list; these sentences name the field and the condition instead.
"""

from __future__ import annotations

from typing import Any


def keyword_sentence(kind: str, expected: Any, value: Any, where: str, preview: str) -> str:
    """What is wrong with ``where`` under keyword ``kind``, without a repr of any value."""
    if kind == "not":
        return f"{where} must not be as the rule describes (got {preview})"
    if kind == "multipleOf":
        return f"{where} must be a multiple of {expected} (got {preview})"
    if kind == "maxContains":
        return f"{where} has too many entries of the kind the rule limits (at most {expected})"
    if kind == "minContains":
        return f"{where} has too few entries of the kind the rule asks for (at least {expected})"
    if kind in ("items", "prefixItems", "additionalItems", "unevaluatedItems"):
        return f"{where} has entries the rule does not allow"
    if kind == "dependentRequired" and isinstance(value, dict):
        needs = [
            f"{field} needs {', '.join(str(n) for n in names if n not in value)}"
            for field, names in expected.items()
            if field in value and any(n not in value for n in names)
        ]
        return f"{where}: {'; '.join(needs) or 'a field the rule requires is missing'}"
    if kind == "propertyNames":
        return f"{where} has a field name the rule does not allow"
    if kind in ("None", "False"):  # a `false` schema: nothing is allowed there
        return f"{where} is not allowed by the rule"
    return f"{where} does not meet the rule's condition '{kind}' (got {preview})"
