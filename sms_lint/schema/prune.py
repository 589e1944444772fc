"""Rules see only schema-valid values: what the schema rejects is taken out of their data.

After schema validation (whose findings, SMS001, already report every violation), each value
that breaks a constraint on itself (its type, enum, const, format, pattern, bounds, length, or
fits none of an ``anyOf``/``oneOf``) is pruned from the data the rules read, so it reads as
absent. A container that only breaks a constraint on its contents (a required key missing, too
few items, duplicates) stays; keys the schema does not allow are pruned from it. A pruned
mapping entry is deleted; a pruned list item becomes ``None`` so that the indexes of the other
items, and with them the positions of findings, stay those of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

# Keywords whose failure means the value itself is wrong.
VALUE_KEYWORDS = frozenset(
    {
        "type",
        "enum",
        "const",
        "format",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "anyOf",
        "oneOf",
        "not",
    }
)
# Keywords that reject some keys of a mapping: those keys go, the mapping stays.
UNKNOWN_KEY_KEYWORDS = frozenset({"additionalProperties", "unevaluatedProperties"})

Path = tuple[Any, ...]


def prune_paths(
    data: dict[str, Any], errors: Iterable[ValidationError], header_fields: frozenset[str]
) -> set[Path]:
    """The data paths to take out for these errors of ``data`` (never the document itself)."""
    out: set[Path] = set()
    for error in errors:
        path = tuple(error.absolute_path)
        if _lookup(data, path) is not error.instance:
            continue  # the error is about a key name or another derived value: keep the data
        if error.validator in VALUE_KEYWORDS and path:
            out.add(path)
        elif error.validator in UNKNOWN_KEY_KEYWORDS and isinstance(error.instance, dict):
            extra_known = header_fields if not path else frozenset()
            out.update((*path, key) for key in _unknown_keys(error, extra_known))
    return out


def _unknown_keys(error: ValidationError, extra_known: frozenset[str]) -> list[str]:
    """The keys of the failing mapping that its schema neither names nor matches by pattern
    (at the top the header's fields count as named: the kind schema takes them by ``$ref``)."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    named = set(schema.get("properties", {})) | extra_known
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    return [
        key
        for key in error.instance
        if key not in named and not any(p.search(str(key)) for p in patterns)
    ]


def value_at(data: Any, path: Path) -> Any:
    """The value at ``path`` in ``data``, or None when there is none."""
    found = _lookup(data, path)
    return None if found is _MISSING else found


def _lookup(data: Any, path: Path) -> Any:
    node = data
    for part in path:
        if not _holds(node, part):
            return _MISSING
        node = node[part]
    return node


def _holds(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


_MISSING = object()


def pruned(data: dict[str, Any], paths: set[Path]) -> dict[str, Any]:
    """A copy of ``data`` without the values at ``paths``; only the containers on the way to a
    pruned value are copied, the rest is shared with ``data`` (which is left untouched)."""
    if not paths:
        return data
    root = dict(data)
    copies: dict[Path, Any] = {(): root}
    for path in sorted(paths, key=len):  # an ancestor first: its descendants then go with it
        parent = _copied(root, path[:-1], copies)
        last = path[-1]
        if isinstance(parent, dict):
            parent.pop(last, None)
        elif isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
            parent[last] = None
    return root


def _copied(root: dict[str, Any], path: Path, copies: dict[Path, Any]) -> Any:
    """The container at ``path`` in the copy, copying it on first use; None when it is gone."""
    node: Any = root
    for depth in range(len(path)):
        prefix, part = path[: depth + 1], path[depth]
        if prefix in copies:
            node = copies[prefix]
            continue
        child = _lookup(node, (part,))
        if isinstance(child, dict):
            child = dict(child)
        elif isinstance(child, list):
            child = list(child)
        else:
            return None  # pruned already, or not a container
        node[part] = child
        copies[prefix] = node = child
    return node
