"""Validate artifacts against the JSON Schema of their kind (:mod:`.violations` says the
violations in words a non-programmer reads).

One validator per kind is built once per run. ``$ref``s resolve only inside a registry holding
our own schema files (by bare file name), so validation never touches the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sms_lint.schema.fastschema import Check, Compiler, Unsupported, is_date, is_finite
from sms_lint.schema.kinds import SHARED_FILES as _SHARED_FILES
from sms_lint.schema.kinds import known_kinds as known_kinds  # re-exported

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

    from sms_lint.config.datacache import DataStore
    from sms_lint.schema.violations import Violation

# jsonschema (with referencing, attrs, rpds) is imported only when a document is invalid or an
# organization rule runs: the compiled fast path answers for valid documents, and a warm run
# or a pre-commit hook on a clean repository should not pay for the import.


@cache
def _format_checker() -> FormatChecker:
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    # A real calendar date written YYYY-MM-DD (``fromisoformat`` alone accepts more forms).
    checker.checks("date", raises=ValueError)(is_date)
    checker.checks("finite")(is_finite)
    return checker


def load_schemas(schema_dir: Path, store: DataStore | None = None) -> dict[str, dict[str, Any]]:
    """Every schema file of the folder by name (the parsed files kept in ``store``, if given)."""
    files = sorted(schema_dir.glob("*.json"))
    if store is None:
        return _parsed(files)
    return store.get("schemas", files, lambda: _parsed(files))


def _parsed(files: list[Path]) -> dict[str, dict[str, Any]]:
    import json  # only when the schemas are parsed (the data cache keeps them parsed)

    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in files}


class SchemaSet:
    """Validators for every kind whose schema file exists (``<kind>.json``)."""

    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self._schemas = schemas
        self.files = frozenset(schemas)
        self.header_fields = frozenset(schemas.get("header.json", {}).get("properties", {}))
        self.kinds = frozenset(
            name.removesuffix(".json") for name in schemas if name not in _SHARED_FILES
        )
        # Each kind's fast validator is compiled when a document of that kind is first
        # validated: a warm run with one file changed compiles one, not every kind's.
        self._fast: dict[str, Check | None] = {}
        self._compiler: Compiler | None = None

    @cached_property
    def _registry(self) -> Registry:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        return Registry().with_resources(
            (name, Resource.from_contents(schema, default_specification=DRAFT202012))
            for name, schema in self._schemas.items()
        )

    @cached_property
    def _validators(self) -> dict[str, Draft202012Validator]:
        return {kind: self.validator_for(self._schemas[kind + ".json"]) for kind in self.kinds}

    def validator_for(self, schema: dict[str, Any]) -> Draft202012Validator:
        """A validator for a schema (or an organization rule's fragment); refs resolve only to
        our own files."""
        from jsonschema import Draft202012Validator

        return Draft202012Validator(
            schema, registry=self._registry, format_checker=_format_checker()
        )

    def has_kind(self, kind: str) -> bool:
        return kind in self.kinds

    def errors(self, kind: str, data: dict[str, Any]) -> list[ValidationError]:
        """jsonschema's errors for ``data`` (none, without the slow walk, when it is valid)."""
        fast = self._fast[kind] if kind in self._fast else self._compile_fast(kind)
        if fast is not None and fast(data):
            return []  # valid: no need for jsonschema's (slow) detailed walk
        return list(self._validators[kind].iter_errors(data))

    def _compile_fast(self, kind: str) -> Check | None:
        """The fast yes/no validator of ``kind`` if the compiler fully understands its schema
        (else None: jsonschema alone validates it). The compiler shares what the kinds' files
        share (``defs.json``); one that gave up is not used again, half-way through a ref."""
        fast = None
        if kind in self.kinds:
            compiler = self._compiler or Compiler(self._schemas)
            try:
                fast = compiler.compile_file(kind + ".json")
                self._compiler = compiler
            except Unsupported:
                self._compiler = None
        self._fast[kind] = fast
        return fast

    def violations(self, kind: str, data: dict[str, Any]) -> Iterator[Violation]:
        # Only a document the schema rejects pays for the wording of its violations.
        from sms_lint.schema.violations import explain_error
        from sms_lint.suggest import FILE_BUDGET, Budget

        budget = Budget(FILE_BUDGET)
        for error in self.errors(kind, data):
            yield from explain_error(error, self.header_fields, budget, data)
