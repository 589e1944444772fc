"""The compiled fast path must agree with jsonschema on every document, valid or not."""

from __future__ import annotations

import copy

import pytest
from conftest import EXAMPLE, FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sms_lint.parse.documents import parse_document
from sms_lint.resources import data_dir
from sms_lint.schema.fastschema import Compiler, Unsupported
from sms_lint.schema.validation import SchemaSet, load_schemas

SCHEMAS = load_schemas(data_dir("schemas"))
FULL = SchemaSet(SCHEMAS)
COMPILER = Compiler(SCHEMAS)
FAST = {
    name.removesuffix(".json"): COMPILER.compile_file(name)
    for name in SCHEMAS
    if name not in ("header.json", "defs.json")
}


def _documents() -> list[dict]:
    docs = []
    for root in (EXAMPLE, FIXTURES / "kinds"):
        for path in sorted(root.rglob("*")):
            if path.suffix in (".yaml", ".md") and path.name != "README.md":
                data = parse_document(path.name, path.read_bytes()).data
                if data and data.get("kind") in FAST:
                    docs.append(data)
    return docs


DOCUMENTS = _documents()


def agree(data: dict) -> None:
    kind = data["kind"]
    slow_valid = not list(FULL._validators[kind].iter_errors(data))
    assert FAST[kind](data) == slow_valid, data


def test_every_kind_compiles() -> None:
    assert set(FAST) == set(FULL._validators)


@pytest.mark.parametrize("index", range(len(DOCUMENTS)))
def test_agrees_on_examples_and_fixtures(index: int) -> None:
    agree(DOCUMENTS[index])


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 200),
    st.floats(allow_nan=False),
    st.sampled_from(
        ["", "x", " ", "\u00a0\t", "2026-02-30", "2026-03-01", "approved", "live", ">=", "8.5"]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for key, sub in value.items():
            out += _paths(sub, (*prefix, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            out += _paths(sub, (*prefix, index))
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    doc=st.sampled_from(DOCUMENTS),
    choice=st.integers(0, 10_000),
    action=st.sampled_from(["replace", "delete", "add"]),
    value=VALUES,
    key=st.sampled_from(["owner", "x-extra", "ownr", "target", "id", "status", "kind"]),
)
def test_agrees_on_mutated_documents(doc, choice, action, value, key) -> None:
    data = copy.deepcopy(doc)
    paths = [p for p in _paths(data) if p]
    path = paths[choice % len(paths)]
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if action == "replace":
        parent[path[-1]] = value
    elif action == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[key] = value
    if isinstance(data.get("kind"), str) and data["kind"] in FAST:
        agree(data)


SHORTCUT_SCHEMAS = [
    {"pattern": "\\S"},
    {"enum": ["draft", "approved"]},
    {"const": "sla"},
    {"enum": [1, "one", None]},
    {"const": 1},
    {"properties": {"sla": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": False},
    {"properties": {"sla": {}}, "patternProperties": {"^x-": {}}, "unevaluatedProperties": False},
    {"patternProperties": {"^x-[a-z]+$": {}, "^y": {}}, "additionalProperties": False},
    {"patternProperties": {"^x-": {"type": "string"}}},
]
SHORTCUT_VALUES = [
    *("", " ", "\u3000\n", "\u00a0", "x", " x ", "draft", "approved", "sla", "one"),
    *(1, 1.0, True, False, None, ["sla"], {"sla": 1}),
    *({"x-a": 1}, {"x-": "b"}, {"X-a": 1}, {"ax-": 1}, {"y2": 1}, {"x-ab": "c", "sla": 2}),
]


@pytest.mark.parametrize("schema", SHORTCUT_SCHEMAS)
def test_keyword_shortcuts_agree_with_jsonschema(schema: dict) -> None:
    """enum and const of strings and the "not blank" pattern skip the general comparison."""
    from jsonschema import Draft202012Validator

    fast = Compiler({"s.json": schema}).compile_file("s.json")
    slow = Draft202012Validator(schema)
    for value in SHORTCUT_VALUES:
        assert fast(value) == slow.is_valid(value), (schema, value)


def test_unknown_keyword_is_refused() -> None:
    with pytest.raises(Unsupported):
        Compiler({"a.json": {"oneOf": [{"type": "string"}]}}).compile_file("a.json")


def test_fast_path_is_used_for_valid_documents(monkeypatch) -> None:
    calls: list[dict] = []

    class Spy:
        def iter_errors(self, data: dict) -> list:
            calls.append(data)
            return []

    schemas = SchemaSet(SCHEMAS)
    monkeypatch.setitem(schemas._validators, "policy", Spy())
    valid = next(d for d in DOCUMENTS if d["kind"] == "policy")
    assert list(schemas.violations("policy", valid)) == []
    assert calls == []
