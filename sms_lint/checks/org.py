"""Organization rule packs: select artifacts, require a JSON Schema fragment. No Python needed.

A rule in a pack listed under ``policies:`` in ``.sms-lint.yaml``::

    rules:
      - id: ORG001
        name: sla-availability-floor
        clause: "8.3.3"
        severity: major
        check: require-schema
        description: Our SLAs promise at least 99.5 % availability.
        params:
          select: {kind: sla, path: "slas/**", where: {status: approved}}
          schema:
            properties:
              targets:
                contains:
                  properties: {metric: {const: availability}, target: {minimum: 99.5}}
                  required: [metric, target]
          message: the SLA must promise at least 99.5 percent availability   # optional

Every selector is optional; ``kind`` may be a list; ``where`` compares top-level fields for
equality. Each schema violation of a selected artifact is a finding at the offending field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from sms_lint.checks.base import Context, Hit
from sms_lint.discovery import matches
from sms_lint.model import Artifact
from sms_lint.pack import PackError, Rule
from sms_lint.resources import data_dir
from sms_lint.validation import SchemaSet, explain, load_schemas

_PARAMS = {"select", "schema", "message"}
_SELECTORS = {"kind", "path", "where"}


@lru_cache(maxsize=1)
def _schemas() -> SchemaSet:
    return SchemaSet(load_schemas(data_dir("schemas")))


@lru_cache(maxsize=128)
def _validator(schema_json: str) -> Any:
    return _schemas().validator_for(json.loads(schema_json))


def validate_params(rule: Rule) -> None:
    """Refuse a malformed require-schema rule when the pack is loaded (exit 2, one sentence)."""
    where = f"rule {rule.id} ({rule.pack})"
    unknown = sorted(set(rule.params) - _PARAMS)
    if unknown:
        raise PackError(f"{where}: unknown parameter '{unknown[0]}'")
    select = rule.params.get("select", {})
    if not isinstance(select, dict) or set(select) - _SELECTORS:
        raise PackError(f"{where}: 'select' must be a mapping of kind, path and/or where")
    if "where" in select and not isinstance(select["where"], dict):
        raise PackError(f"{where}: 'select.where' must be a mapping of field: value")
    schema = rule.params.get("schema")
    if not isinstance(schema, dict):
        raise PackError(f"{where}: 'schema' must be a JSON Schema mapping")
    from jsonschema import Draft202012Validator  # only organizations with packs pay the import
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        raise PackError(f"{where}: 'schema' is not a valid JSON Schema: {error.message}") from None
    for ref in _refs(schema):
        if not ref.startswith("#") and ref.partition("#")[0] not in _schemas().files:
            raise PackError(
                f"{where}: $ref '{ref}' is not allowed: refer only to sms-lint's own schemas "
                "(e.g. defs.json#/$defs/date) or within the rule's schema"
            )


def _refs(node: Any) -> Iterator[str]:
    """Every ``$ref`` value in a schema, at any depth."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                yield item["$ref"]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _selected(artifact: Artifact, select: Mapping[str, Any]) -> bool:
    kinds = select.get("kind")
    if kinds is not None and artifact.kind not in ([kinds] if isinstance(kinds, str) else kinds):
        return False
    path = select.get("path")
    if path is not None and not matches(artifact.path, [path]):
        return False
    where = select.get("where") or {}
    return all(artifact.data.get(field) == value for field, value in where.items())


def require_schema(ctx: Context, rule: Rule) -> Iterator[Hit]:
    select = rule.params.get("select", {})
    validator = _validator(json.dumps(rule.params["schema"], sort_keys=True))
    custom = rule.params.get("message")
    for artifact in ctx.artifacts:
        if artifact.status == "retired" or not _selected(artifact, select):
            continue
        for error in validator.iter_errors(artifact.data):
            for violation in explain(error):
                text = f"{custom} ({violation.message})" if custom else violation.message
                yield Hit(text, artifact, at=violation.path)
