"""Validate artifacts against the JSON Schema of their kind, in words a non-programmer reads.

One validator per kind is built once per run. ``$ref``s resolve only inside a registry holding
our own schema files (by bare file name), so validation never touches the network.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from sms_lint.fastschema import Check, Compiler, Unsupported

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("date", raises=ValueError)
def _is_date(instance: object) -> bool:
    """A real calendar date in the form YYYY-MM-DD (``fromisoformat`` alone accepts more)."""
    if not isinstance(instance, str):
        return True
    return bool(_DATE.fullmatch(instance)) and bool(datetime.date.fromisoformat(instance))


_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value)",
    "null": "empty",
}


@dataclass(frozen=True)
class Violation:
    """One schema violation: where (a path into the data) and what, in plain words."""

    path: tuple
    message: str
    field: str  # the top-level field concerned ("" for the artifact as a whole)


def load_schemas(schema_dir: Path) -> dict[str, dict[str, Any]]:
    return {
        p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.json"))
    }


class SchemaSet:
    """Validators for every kind whose schema file exists (``<kind>.json``)."""

    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self._registry: Registry = Registry().with_resources(
            (name, Resource.from_contents(schema, default_specification=DRAFT202012))
            for name, schema in schemas.items()
        )
        self.header_fields = frozenset(schemas.get("header.json", {}).get("properties", {}))
        self._fast = _compile_fast(schemas)
        self._validators = {
            name.removesuffix(".json"): Draft202012Validator(
                schema, registry=self._registry, format_checker=_FORMATS
            )
            for name, schema in schemas.items()
            if name not in ("header.json", "defs.json")
        }

    def validator_for(self, schema: dict[str, Any]) -> Draft202012Validator:
        """A validator for a schema fragment (organization rules); refs resolve to our files."""
        return Draft202012Validator(schema, registry=self._registry, format_checker=_FORMATS)

    def has_kind(self, kind: str) -> bool:
        return kind in self._validators

    def violations(self, kind: str, data: dict[str, Any]) -> Iterator[Violation]:
        fast = self._fast.get(kind)
        if fast is not None and fast(data):
            return  # valid: no need for jsonschema's (slow) detailed walk
        for error in self._validators[kind].iter_errors(data):
            yield from _explain(error, self.header_fields)


def _compile_fast(schemas: dict[str, dict[str, Any]]) -> dict[str, Check]:
    """Fast yes/no validators for the kinds whose schema the compiler fully understands."""
    compiler = Compiler(schemas)
    fast = {}
    for name in schemas:
        if name not in ("header.json", "defs.json"):
            # A schema the compiler does not fully understand is validated by jsonschema alone.
            with contextlib.suppress(Unsupported):
                fast[name.removesuffix(".json")] = compiler.compile_file(name)
    return fast


def display_path(path: tuple) -> str:
    """``('objectives', 0, 'target')`` -> ``objectives[0].target``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _preview(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def explain(
    error: ValidationError, header_fields: frozenset[str] = frozenset()
) -> Iterator[Violation]:
    """Plain-words violations for one jsonschema error (several for required/unknown keys)."""
    return _explain(error, header_fields)


def _explain(error: ValidationError, header_fields: frozenset[str]) -> Iterator[Violation]:
    path = tuple(error.absolute_path)
    where = display_path(path) or "the artifact"
    top = str(path[0]) if path else ""
    kind = error.validator
    if kind == "required":
        for name in error.validator_value:
            missing = isinstance(error.instance, dict) and name not in error.instance
            # jsonschema yields one error per missing name; the message says which one.
            if missing and repr(name) in error.message:
                field = display_path((*path, name))
                yield Violation(path, f"{field} is required", top or name)
        return
    if kind in ("additionalProperties", "unevaluatedProperties"):
        known = set(error.schema.get("properties", {}))
        if not path:
            known |= header_fields
        for key in error.instance if isinstance(error.instance, dict) else ():
            if key not in known and not str(key).startswith("x-") and repr(key) in error.message:
                field = display_path((*path, key))
                hint = difflib.get_close_matches(str(key), sorted(known), n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                yield Violation((*path, key), f"unknown field {field}{suggestion}", top or key)
        return
    if kind in ("anyOf", "oneOf") and error.context:
        yield from _explain(best_match(error.context), header_fields)
        return
    yield Violation(path, _sentence(error, where), top)


def _sentence(error: ValidationError, where: str) -> str:
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "type":
        types = [expected] if isinstance(expected, str) else list(expected)
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
        hint = (
            "; put it in quotes" if "string" in types and not isinstance(value, dict | list) else ""
        )
        return f"{where} must be {words} (got {_preview(value)}){hint}"
    if kind == "enum":
        choices = ", ".join(str(c) for c in expected)
        hint = difflib.get_close_matches(str(value), [str(c) for c in expected], n=1)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        return f"{where} must be one of: {choices} (got {_preview(value)}){suggestion}"
    if kind == "const":
        return f"{where} must be {_preview(expected)}"
    if kind == "format" and expected == "date":
        return f"{where} must be a date written YYYY-MM-DD (got {_preview(value)})"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{where} must be at least {expected} (got {_preview(value)})"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{where} must be at most {expected} (got {_preview(value)})"
    if kind in ("minItems", "minLength", "minProperties"):
        return f"{where} must not be empty" if expected == 1 else f"{where} is too short"
    if kind in ("maxItems", "maxLength", "maxProperties"):
        return f"{where} is too long (at most {expected})"
    if kind == "uniqueItems":
        return f"{where} lists the same entry more than once"
    if kind == "pattern":
        return f"{where} does not have the expected form (got {_preview(value)})"
    return f"{where}: {error.message}"
