"""The fast path's allOf and if/then/else (supplier.json's contract_end rule) agree with
jsonschema, and unevaluatedProperties beside them never accepts what jsonschema rejects."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sms_lint.schema.fastschema import Compiler, Unsupported

SUPPLIER_LIKE: dict[str, Any] = {
    "type": "object",
    "properties": {"kind": {}, "supplier_type": {"enum": ["external", "internal"]}, "end": {}},
    "allOf": [
        {"required": ["kind"]},
        {
            "if": {"properties": {"supplier_type": {"const": "external"}}},
            "then": {"required": ["end"]},
        },
    ],
    "patternProperties": {"^x-": {}},
    "unevaluatedProperties": False,
}
IF_ELSE: dict[str, Any] = {
    "if": {"type": "string"},
    "then": {"minLength": 2},
    "else": {"type": "integer"},
}
LONE_THEN_ELSE: dict[str, Any] = {"then": {"type": "string"}, "else": False}
ALL_OF: dict[str, Any] = {"allOf": [{"type": "integer"}, {"minimum": 3}, True]}

VALUES: list[Any] = [
    {"kind": "supplier"},
    {"kind": "supplier", "supplier_type": "internal"},
    {"kind": "supplier", "supplier_type": "external"},
    {"kind": "supplier", "supplier_type": "external", "end": "2027-01-01"},
    {"kind": "supplier", "supplier_type": "intrnal"},
    {"kind": "supplier", "supplier_type": 3, "end": 1},
    {"kind": "supplier", "end": None, "x-note": 1},
    {"kind": "supplier", "supplier_type": "internal", "other": 1},
    {"supplier_type": "internal"},
    {},
    *("", "x", "xy", 1, 2, 3, 4.0, 4.5, True, None, [], ["a"]),
]


@pytest.mark.parametrize("schema", [SUPPLIER_LIKE, IF_ELSE, LONE_THEN_ELSE, ALL_OF])
def test_conditionals_agree_with_jsonschema(schema: dict[str, Any]) -> None:
    fast = Compiler({"s.json": schema}).compile_file("s.json")
    slow = Draft202012Validator(schema)
    for value in VALUES:
        assert fast(value) == slow.is_valid(value), (schema, value)


def test_keys_declared_only_in_a_branch_never_pass_the_fast_path_wrongly() -> None:
    """A key evaluated only by a ``then`` counts on the branch taken; the fast path counts it
    nowhere, so it may send a valid document to jsonschema but never accepts an invalid one."""
    schema = {
        "type": "object",
        "properties": {"a": {}},
        "if": {"required": ["a"]},
        "then": {"properties": {"b": {}}},
        "unevaluatedProperties": False,
    }
    fast = Compiler({"s.json": schema}).compile_file("s.json")
    slow = Draft202012Validator(schema)
    for value in ({"a": 1}, {"a": 1, "b": 2}, {"b": 2}, {"a": 1, "c": 3}, {}):
        assert not fast(value) or slow.is_valid(value), value
    assert fast({"a": 1}) and not fast({"b": 2})


def test_unevaluated_properties_beside_any_of_is_still_refused() -> None:
    schema = {"anyOf": [{"properties": {"a": {}}}], "unevaluatedProperties": False}
    with pytest.raises(Unsupported):
        Compiler({"s.json": schema}).compile_file("s.json")
