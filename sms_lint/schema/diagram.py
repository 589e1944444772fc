"""How the kinds reference each other, drawn from the schemas as a Mermaid flowchart.

Every schema field whose value is a role id or an artifact id (a ``$ref`` to ``role_ref``,
``role_ref_list``, ``artifact_ref`` or ``artifact_ref_list`` in defs.json) carries an
``"x-refers-to"`` annotation next to that ``$ref``: the kind it points to, a list of kinds, or
``"any"`` for a field that may name a document of any kind. Role ids point to ``roles``, the kind
that defines them. Drawing the diagram from these annotations keeps the picture in the docs true
to the schemas (``sms-lint schema --diagram``; a test compares docs/kinds.md with it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

# The defs.json definitions whose values are ids of roles or artifacts.
REFERENCE_DEFS = frozenset({"role_ref", "role_ref_list", "artifact_ref", "artifact_ref_list"})
REFERS_TO = "x-refers-to"
ANY_KIND = "any"
HEADER_FILE = "header.json"
SHARED_FILES = (HEADER_FILE, "defs.json")

# Node ids: kinds are prefixed so that none collides with a Mermaid keyword (end, style, ...).
HEADER_NODE = "header"
ANY_NODE = "any_kind"


class Reference(NamedTuple):
    """One reference field: the file that holds it, its field path, the kinds it points to."""

    source: str  # a kind, or "header" for the fields every kind shares
    field: str  # e.g. "risks[].owner"
    targets: tuple[str, ...]  # kinds; ("any",) for any kind; () when not annotated


def is_reference(node: Mapping[str, Any]) -> bool:
    """Whether a schema node takes a role id or an artifact id (a $ref into defs.json)."""
    ref = node.get("$ref")
    return isinstance(ref, str) and "defs.json" in ref and ref.rsplit("/", 1)[-1] in REFERENCE_DEFS


def reference_fields(schema: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """(field path, its x-refers-to value or None) of every reference field in one schema."""
    if isinstance(schema, list):
        for item in schema:
            yield from reference_fields(item, path)
        return
    if not isinstance(schema, dict):
        return
    if is_reference(schema):
        yield _label(path), schema.get(REFERS_TO)
        return
    for keyword, value in schema.items():
        if keyword == "properties" and isinstance(value, dict):
            for name, sub in value.items():
                yield from reference_fields(sub, (*path, name))
        elif keyword == "items":
            yield from reference_fields(value, (*path, "[]"))
        elif keyword in ("anyOf", "oneOf", "allOf"):
            yield from reference_fields(value, path)  # alternatives of the same field


def _label(path: tuple[str, ...]) -> str:
    # ("risks", "[]", "owner") -> "risks[].owner"
    text = ""
    for part in path:
        text += part if part == "[]" or not text else f".{part}"
    return text


def references(schemas: Mapping[str, Mapping[str, Any]]) -> list[Reference]:
    """Every reference field of the header and of each kind, header first, kinds by name."""
    found = []
    for name in sorted(schemas, key=lambda n: (n != HEADER_FILE, n)):
        if name == "defs.json":
            continue
        source = HEADER_NODE if name == HEADER_FILE else name.removesuffix(".json")
        for field, target in reference_fields(schemas[name]):
            targets = (target,) if isinstance(target, str) else tuple(target or ())
            found.append(Reference(source, field, targets))
    return found


def kinds_mermaid(schemas: Mapping[str, Mapping[str, Any]]) -> str:
    """A Mermaid ``flowchart LR``: one node per kind, one labelled edge per (kind, kind it
    refers to), naming the fields. The header's fields, which every kind has, are drawn once
    from a single "every kind" node rather than from each of the kinds."""
    refs = references(schemas)
    unannotated = [f"{r.source}: {r.field}" for r in refs if not r.targets]
    if unannotated:
        raise ValueError(f"reference fields without {REFERS_TO}: {', '.join(unannotated)}")
    kinds = sorted(n.removesuffix(".json") for n in schemas if n not in SHARED_FILES)
    lines = ["flowchart LR", f'  {HEADER_NODE}(["every kind (header fields)"])']
    lines += [f'  {_node(kind)}["{kind}"]' for kind in kinds]
    if any(ANY_KIND in r.targets for r in refs):
        lines.append(f'  {ANY_NODE}(["any kind"])')
    for (source, target), fields in _edges(refs).items():
        lines.append(f'  {_node(source)} -->|"{", ".join(fields)}"| {_node(target)}')
    return "\n".join(lines) + "\n"


def _edges(refs: list[Reference]) -> dict[tuple[str, str], list[str]]:
    """(source, target) -> field names, in the order references() gives, targets sorted."""
    edges: dict[tuple[str, str], list[str]] = {}
    for ref in refs:
        for target in sorted(ref.targets):
            edges.setdefault((ref.source, target), []).append(ref.field)
    sources = list(dict.fromkeys(source for source, _ in edges))
    return dict(sorted(edges.items(), key=lambda e: (sources.index(e[0][0]), e[0][1])))


def _node(name: str) -> str:
    if name == HEADER_NODE:
        return HEADER_NODE
    if name == ANY_KIND:
        return ANY_NODE
    return "k_" + name.replace("-", "_")
