"""A fast yes/no validator compiled from our own JSON Schemas.

jsonschema is thorough but costs about 0.4 ms per artifact, most of it resolving ``$ref``s;
on 10,000 artifacts that is most of a run. Almost every artifact is valid, so we first ask a
closure compiled from the schema ("is this valid?") and only ask jsonschema for the detailed
errors when the answer is no. The compiler knows exactly the keywords our schemas use; any
other keyword raises :class:`Unsupported` and that kind keeps using jsonschema alone, so the
fast path can never accept what jsonschema would reject (tests compare the two).
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

# Keywords that carry no validation meaning (x-refers-to: the kind a reference points to, read
# by sms_lint/schema/diagram.py).
_ANNOTATIONS = {
    "$schema",
    "$id",
    "$defs",
    "$comment",
    "title",
    "description",
    "examples",
    "x-refers-to",
    "x-form",
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class Unsupported(Exception):
    """The schema uses something this compiler does not implement."""


def is_date(value: Any) -> bool:
    """The ``date`` format: a real calendar date written YYYY-MM-DD (other types pass)."""
    if not isinstance(value, str):
        return True  # format applies to strings only
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_finite(value: Any) -> bool:
    """The ``finite`` format: a number that is not ``.nan``, ``.inf`` or ``-.inf`` (YAML has
    them; JSON Schema's ``number`` lets them through, and no rule can compare them)."""
    return not isinstance(value, float) or math.isfinite(value)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# JSON types that map onto one Python type (booleans are ints in Python, so not number/integer).
_PLAIN_TYPES: dict[str, type | tuple[type, ...]] = {
    "object": dict,
    "array": list,
    "string": str,
    "null": type(None),
}

_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _number,
    "integer": lambda v: _number(v) and (isinstance(v, int) or float(v).is_integer()),
}


class Compiler:
    """Compiles schemas that live in one registry of files keyed by bare file name."""

    def __init__(self, schemas: Mapping[str, dict[str, Any]]) -> None:
        self.schemas = schemas
        self._compiled: dict[tuple[str, str], Check] = {}

    def compile_file(self, name: str) -> Check:
        return self._ref(name, "")

    def _resolve(self, base: str, ref: str) -> tuple[str, dict[str, Any]]:
        file, _, pointer = ref.partition("#")
        file = file or base
        node: Any = self.schemas[file]
        for part in filter(None, pointer.split("/")):
            node = node[part]
        return file, node

    def _ref(self, base: str, ref: str) -> Check:
        file, _, pointer = ref.partition("#")
        key = (file or base, pointer)
        if key not in self._compiled:
            # A placeholder keeps recursive schemas finite; it is replaced below.
            cell: list[Check] = []
            self._compiled[key] = lambda v: cell[0](v)
            resolved_file, node = self._resolve(base, ref)
            cell.append(self.compile(node, resolved_file))
            self._compiled[key] = cell[0]
        return self._compiled[key]

    def evaluated_keys(self, schema: dict[str, Any], base: str) -> tuple[set[str], list[str]]:
        """Names and patterns a schema (and what it $refs or allOf holds) evaluates, for
        unevaluatedProperties.

        The check runs beside the others, so it only decides for an instance every other
        keyword accepts: then each allOf branch passed and its keys count. ``if``/``then``/
        ``else`` count for nothing: their keys count only on the branch taken, and leaving them
        out can only make the fast path stricter (jsonschema then has the last word), never
        laxer."""
        names = set(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        if "additionalProperties" in schema or {"anyOf", "oneOf"} & set(schema):
            raise Unsupported("unevaluatedProperties next to applicators")
        refs = [(base, sub) for sub in schema.get("allOf", [])]
        if "$ref" in schema:
            refs.append(self._resolve(base, schema["$ref"]))
        for file, target in refs:
            if not isinstance(target, dict):
                raise Unsupported("boolean schema in allOf")
            more_names, more_patterns = self.evaluated_keys(target, file)
            names |= more_names
            patterns += more_patterns
        return names, patterns

    def compile(self, schema: Any, base: str) -> Check:
        if schema is True:
            return _ALWAYS
        if schema is False:
            return lambda v: False
        checks: list[Check] = []
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            builder = getattr(self, "_kw_" + keyword.lstrip("$"), None)
            if builder is None:
                raise Unsupported(keyword)
            check = builder(value, schema, base)
            if check is not _ALWAYS:
                checks.append(check)
        if not checks:
            return _ALWAYS
        if len(checks) == 1:
            return checks[0]

        def check_all(v: Any) -> bool:
            for check in checks:  # noqa: SIM110 - a plain loop beats all(<genexpr>) on this hot path
                if not check(v):
                    return False
            return True

        return check_all

    # One builder per keyword: (keyword value, whole schema, base file) -> check.

    def _kw_ref(self, ref: str, schema: dict, base: str) -> Check:
        return self._ref(base, ref)

    def _kw_type(self, expected: Any, schema: dict, base: str) -> Check:
        names = [expected] if isinstance(expected, str) else list(expected)
        if not {"number", "integer", "boolean"} & set(names):
            plain = tuple(_PLAIN_TYPES[name] for name in names)  # one isinstance call
            return lambda v: isinstance(v, plain)
        tests = [_TYPES[t] for t in names]
        return lambda v: any(test(v) for test in tests)

    def _kw_properties(self, props: dict, schema: dict, base: str) -> Check:
        compiled = {name: self.compile(sub, base) for name, sub in props.items()}

        def check(v: Any) -> bool:
            if isinstance(v, dict):
                for key, value in v.items():
                    sub = compiled.get(key)
                    if sub is not None and not sub(value):
                        return False
            return True

        return check

    def _kw_patternProperties(self, props: dict, schema: dict, base: str) -> Check:
        compiled = [(re.compile(p), self.compile(sub, base)) for p, sub in props.items()]
        if all(check is _ALWAYS for _, check in compiled):
            return _ALWAYS  # `"^x-": {}` only names keys as allowed; see _extra_keys_check

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            return all(c(v[k]) for k in v for rx, c in compiled if rx.search(k))

        return check

    def _extra_keys_check(self, names: set[str], patterns: list[str], sub: Check) -> Check:
        matches = _key_matcher(patterns)

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            return all(matches(key) or sub(v[key]) for key in v.keys() - names)

        return check

    def _kw_additionalProperties(self, sub: Any, schema: dict, base: str) -> Check:
        names = set(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        return self._extra_keys_check(names, patterns, self.compile(sub, base))

    def _kw_unevaluatedProperties(self, sub: Any, schema: dict, base: str) -> Check:
        names, patterns = self.evaluated_keys(schema, base)
        return self._extra_keys_check(names, patterns, self.compile(sub, base))

    def _kw_required(self, names: list[str], schema: dict, base: str) -> Check:
        needed = frozenset(names)
        return lambda v: not isinstance(v, dict) or needed <= v.keys()

    def _kw_items(self, sub: Any, schema: dict, base: str) -> Check:
        item = self.compile(sub, base)

        def check(v: Any) -> bool:
            if isinstance(v, list):
                for entry in v:
                    if not item(entry):
                        return False
            return True

        return check

    def _kw_minItems(self, n: int, schema: dict, base: str) -> Check:
        return lambda v: not isinstance(v, list) or len(v) >= n

    def _kw_minLength(self, n: int, schema: dict, base: str) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= n

    def _kw_minimum(self, n: float, schema: dict, base: str) -> Check:
        return lambda v: not _number(v) or v >= n

    def _kw_maximum(self, n: float, schema: dict, base: str) -> Check:
        return lambda v: not _number(v) or v <= n

    def _kw_enum(self, options: list, schema: dict, base: str) -> Check:
        if all(isinstance(option, str) for option in options):  # every enum we have
            words = frozenset(options)
            return lambda v: type(v) is str and v in words
        return lambda v: any(_json_equal(v, option) for option in options)

    def _kw_const(self, expected: Any, schema: dict, base: str) -> Check:
        if isinstance(expected, str):
            return lambda v: type(v) is str and v == expected
        return lambda v: _json_equal(v, expected)

    def _kw_pattern(self, pattern: str, schema: dict, base: str) -> Check:
        if pattern == r"\S":  # "not blank", on most text fields: no regex needed
            # str.isspace() and the regex's \s agree on what is whitespace (Unicode's).
            return lambda v: type(v) is not str or (v != "" and not v.isspace())
        regex = re.compile(pattern)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None

    def _kw_format(self, name: str, schema: dict, base: str) -> Check:
        if name == "finite":
            return is_finite
        if name != "date":
            raise Unsupported(f"format {name}")
        return is_date

    def _kw_anyOf(self, subs: list, schema: dict, base: str) -> Check:
        compiled = [self.compile(sub, base) for sub in subs]
        return lambda v: any(c(v) for c in compiled)

    def _kw_allOf(self, subs: list, schema: dict, base: str) -> Check:
        compiled = [self.compile(sub, base) for sub in subs]
        return lambda v: all(c(v) for c in compiled)

    def _kw_if(self, condition: Any, schema: dict, base: str) -> Check:
        test = self.compile(condition, base)
        then = self.compile(schema.get("then", True), base)
        otherwise = self.compile(schema.get("else", True), base)
        return lambda v: then(v) if test(v) else otherwise(v)

    def _kw_then(self, sub: Any, schema: dict, base: str) -> Check:
        return _ALWAYS  # applied by _kw_if; without an ``if`` it means nothing (so says the spec)

    def _kw_else(self, sub: Any, schema: dict, base: str) -> Check:
        return _ALWAYS  # as ``then``


def _ALWAYS(v: Any) -> bool:
    """The check of an empty schema (and of keywords that cannot fail): dropped when compiling."""
    return True


_LITERAL_PREFIX = re.compile(r"\^[A-Za-z0-9_-]+")


def _key_matcher(patterns: list[str]) -> Callable[[str], bool]:
    """Whether a key matches any of the patterns; ``^x-`` and the like need no regex."""
    if all(_LITERAL_PREFIX.fullmatch(p) for p in patterns):
        prefixes = tuple(p[1:] for p in patterns)
        return lambda key: key.startswith(prefixes)
    regexes = [re.compile(p) for p in patterns]
    return lambda key: any(rx.search(key) for rx in regexes)


def _json_equal(a: Any, b: Any) -> bool:
    """JSON equality: booleans are not numbers, 1 equals 1.0, containers compare deeply."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if _number(a) and _number(b):
        return a == b
    return type(a) is type(b) and a == b
