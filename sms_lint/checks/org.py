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
from sms_lint.config.pack import PackError, Rule
from sms_lint.files.discovery import matches
from sms_lint.model import Artifact
from sms_lint.resources import data_dir
from sms_lint.schema.validation import SchemaSet, load_schemas
from sms_lint.schema.violations import explain

_PARAMS = {"select", "schema", "message"}
_SELECTORS = {"kind", "path", "where"}


@lru_cache(maxsize=1)
def _schema_files() -> dict[str, Any]:
    return load_schemas(data_dir("schemas"))


@lru_cache(maxsize=1)
def _schemas() -> SchemaSet:
    return SchemaSet(_schema_files())


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
    for selector in ("kind", "path"):
        if selector in select and _texts(select[selector]) is None:
            raise PackError(f"{where}: 'select.{selector}' must be text or a list of texts")
    if "where" in select and not isinstance(select["where"], dict):
        raise PackError(f"{where}: 'select.where' must be a mapping of field: value")
    if not isinstance(rule.params.get("message", ""), str):
        raise PackError(f"{where}: 'message' must be text")
    schema = rule.params.get("schema")
    if not isinstance(schema, dict):
        raise PackError(f"{where}: 'schema' must be a JSON Schema mapping")
    from jsonschema import Draft202012Validator  # only organizations with packs pay the import
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        raise PackError(f"{where}: 'schema' is not a valid JSON Schema: {error.message}") from None
    for keyword in _BASE_CHANGING:
        if any(True for _ in _keys(schema, keyword)):
            raise PackError(f"{where}: '{keyword}' is not supported in a rule's schema")
    for ref in _refs(schema):
        if not ref.startswith("#") and ref.partition("#")[0] not in _schemas().files:
            raise PackError(
                f"{where}: $ref '{ref}' is not allowed: refer only to sms-lint's own schemas "
                "(e.g. defs.json#/$defs/date) or within the rule's schema"
            )
        if not _resolves(ref, schema):
            raise PackError(f"{where}: $ref '{ref}' points at nothing in {_ref_home(ref)}")
    if _loops(schema):
        raise PackError(f"{where}: 'schema' refers to itself ($ref) without going deeper")


# Keywords that change how a $ref resolves; without them every $ref can be checked up front.
_BASE_CHANGING = ("$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef")


def _texts(value: Any) -> list[str] | None:
    """A text or a list of texts as a list; None for anything else."""
    values = [value] if isinstance(value, str) else value
    if isinstance(values, list) and all(isinstance(v, str) for v in values):
        return values
    return None


def _resolves(ref: str, schema: dict[str, Any]) -> bool:
    """Whether a ``$ref`` (``#/json/pointer`` within the rule's schema, or ``file#pointer``
    into one of our schema files) points at a schema; checked now so that a bad one is exit 2
    when the pack is loaded, not a crash when an artifact reaches it."""
    name, _, fragment = ref.partition("#")
    node: Any = schema if not name else _schema_files()[name]
    if fragment and not fragment.startswith("/"):
        return False  # a plain-name fragment needs an $anchor: not supported
    for token in fragment.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return isinstance(node, dict | bool)


# Keywords that apply their subschemas to the same value (not to a part of it).
_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_IN_PLACE_ONE = ("not", "if", "then", "else")


def _in_place(node: dict[str, Any], schema: dict[str, Any]) -> list[Any]:
    """The subschemas that apply to the same value as ``node``: where validation goes next
    without going deeper into the value (a $ref inside the rule's schema, allOf, ...)."""
    out: list[Any] = []
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        out.append(_target(ref, schema))
    for key in _IN_PLACE_LISTS:
        if isinstance(node.get(key), list):
            out.extend(node[key])
    out.extend(node[key] for key in _IN_PLACE_ONE if key in node)
    if isinstance(node.get("dependentSchemas"), dict):
        out.extend(node["dependentSchemas"].values())
    return [s for s in out if isinstance(s, dict)]


def _loops(schema: dict[str, Any]) -> bool:
    """Whether some part of the rule's schema leads back to itself without going deeper into
    the value: jsonschema would recurse until Python's stack runs out."""
    done: set[int] = set()
    for start in _all_dicts(schema):
        if id(start) in done:
            continue
        path: set[int] = set()
        stack: list[tuple[dict[str, Any], bool]] = [(start, True)]
        while stack:
            node, entering = stack.pop()
            if not entering:
                path.discard(id(node))
                done.add(id(node))
                continue
            if id(node) in path:
                return True
            if id(node) in done:
                continue
            path.add(id(node))
            stack.append((node, False))
            stack.extend((child, True) for child in _in_place(node, schema))
    return False


def _all_dicts(node: Any) -> Iterator[dict[str, Any]]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _target(ref: str, schema: dict[str, Any]) -> Any:
    node: Any = schema
    for token in ref.partition("#")[2].split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def _ref_home(ref: str) -> str:
    name = ref.partition("#")[0]
    return name if name else "the rule's schema"


def _refs(node: Any) -> Iterator[str]:
    """Every ``$ref`` value in a schema, at any depth."""
    for value in _keys(node, "$ref"):
        if isinstance(value, str):
            yield value


def _keys(node: Any, key: str) -> Iterator[Any]:
    """The value of every ``key`` in a schema, at any depth."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if key in item:
                yield item[key]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _selected(artifact: Artifact, select: Mapping[str, Any]) -> bool:
    kinds = _texts(select.get("kind"))
    if kinds is not None and artifact.kind not in kinds:
        return False
    paths = _texts(select.get("path"))
    if paths is not None and not matches(artifact.path, paths):
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
            for violation in explain(error, root=artifact.data):
                text = f"{custom} ({violation.message})" if custom else violation.message
                # `about`: the built-in schema's finding on the same field (a value it pruned,
                # so this rule saw it missing) folds into this one, in the schema's words
                yield Hit(text, artifact, at=violation.path, about=violation.about)
