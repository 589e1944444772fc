"""A schema violation in the user's words: where in the data (``objectives (3rd item).target``),
what is wrong and what to write instead. :mod:`.validation` finds the violations (jsonschema's
errors); this module says them, and merges the missing fields of one item into one."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from sms_lint.parse.date_readings import date_hint, period_hint
from sms_lint.schema.keyword_words import keyword_sentence
from sms_lint.suggest import FILE_BUDGET, Budget, Suggester, did_you_mean
from sms_lint.words import listing, ordinal

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jsonschema.exceptions import ValidationError

_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value)",
    "null": "empty",
}


class Violation(NamedTuple):
    """One schema violation: where (a path into the data) and what, in plain words. (A
    NamedTuple: as immutable as a frozen dataclass, and cheaper to define at start-up.)"""

    path: tuple
    message: str
    field: str  # the top-level field concerned ("" for the artifact as a whole)
    # The data paths the violation is about (a missing field's own path; a misspelled key's
    # path and that of the field it looks like), and whether it is about something the file
    # writes rather than something it lacks: the engine folds it into a clause rule's finding
    # about the same field.
    about: tuple[tuple, ...] = ()
    reason: str = "value"  # "value" (wrong), "unknown" (key) or "missing" (a required field)
    missing: tuple[str, ...] = ()  # the names of the missing fields

    @property
    def written(self) -> bool:
        return self.reason != "missing"


# What names a list item, as the user wrote it: objectives, risks, actions, roles by id; a
# target or KPI by its metric or name.
_ITEM_NAMES = ("id", "metric", "name")


def display_path(path: tuple, root: Any = None) -> str:
    """``('objectives', 0, 'target')`` -> ``objectives (OBJ-01).target``: an item by its own
    id, metric or name when ``root`` (the document's data) gives one, else by a 1-based
    ordinal (``objectives (3rd item).target``). Never a zero-based index."""
    out = ""
    node = root
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            out += f" ({_item_name(item) or ordinal(part + 1) + ' item'})"
        else:
            out += f".{part}" if out else str(part)
            item = node.get(part) if isinstance(node, dict) else None
        node = item
    return out


def _item_name(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in _ITEM_NAMES:
            value = item.get(key)
            if isinstance(value, str) and value.strip() and len(value) <= 80:
                return value.strip()
    return None


def _preview(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def explain(
    error: ValidationError,
    header_fields: frozenset[str] = frozenset(),
    budget: Budget | None = None,
    root: Any = None,
) -> Iterator[Violation]:
    """Plain-words violations for one jsonschema error (several for required/unknown keys).

    ``budget`` bounds the work spent on "did you mean" hints; pass one per file so that a file
    with thousands of unknown keys costs time linear in its size."""
    return explain_error(error, header_fields, budget or Budget(FILE_BUDGET), root)


def explain_error(
    error: ValidationError, header_fields: frozenset[str], budget: Budget, root: Any = None
) -> Iterator[Violation]:
    path = tuple(error.absolute_path)
    where = display_path(path, root) or "the artifact"
    top = str(path[0]) if path else ""
    kind = error.validator
    if kind == "required":
        for name in error.validator_value:
            missing = isinstance(error.instance, dict) and name not in error.instance
            # jsonschema yields one error per missing name; the message says which one.
            if missing and repr(name) in error.message:
                message = missing_message(display_path(path, root), [name])
                yield Violation(path, message, top or name, ((*path, name),), "missing", (name,))
        return
    if kind in ("additionalProperties", "unevaluatedProperties"):
        yield from _unknown_fields(error, path, top, header_fields, budget, root)
        return
    if kind in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        yield from explain_error(best_match(error.context), header_fields, budget, root)
        return
    reason = "missing" if _empty(error) else "value"
    yield Violation(path, _sentence(error, where, budget), top, (path,) if path else (), reason)


def _empty(error: ValidationError) -> bool:
    """An empty list or mapping, or blank text: the field is there but holds nothing, which a
    rule reports as lacking (its message, not "must not be empty", says what is needed)."""
    if error.validator in ("minItems", "minLength", "minProperties"):
        return error.validator_value == 1
    return error.validator == "pattern" and error.validator_value == "\\S"


@cache
def _quoted() -> re.Pattern[str]:
    """A Python text literal as jsonschema quotes each unexpected key in its message (repr);
    compiled at first use, as only an invalid document needs it."""
    return re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def _unknown_fields(
    error: ValidationError,
    path: tuple,
    top: str,
    header_fields: frozenset[str],
    budget: Budget,
    root: Any = None,
) -> Iterator[Violation]:
    """One violation per key the message names as unexpected (jsonschema knows which keys
    other subschemas evaluated), with a hint from the names the schema knows."""
    known = set(error.schema.get("properties", {}))
    if not path:
        known |= header_fields
    # The quoted keys, read once: testing `repr(key) in message` for each key of a mapping
    # with 90,000 unknown keys was quadratic (the message lists them all).
    reported = frozenset(_quoted().findall(error.message))
    suggester = Suggester(known, budget)
    for key in error.instance if isinstance(error.instance, dict) else ():
        if key not in known and not str(key).startswith("x-") and repr(key) in reported:
            field = display_path((*path, key), root)
            looks_like = suggester.hint(key)
            about = ((*path, key),) + (((*path, looks_like),) if looks_like else ())
            message = f"unknown field {field}{did_you_mean(looks_like)}"
            yield Violation((*path, key), message, top or key, about, "unknown")


def _sentence(error: ValidationError, where: str, budget: Budget) -> str:
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "type":
        types = [expected] if isinstance(expected, str) else list(expected)
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
        hint = (
            "; put it in quotes" if "string" in types and not isinstance(value, dict | list) else ""
        )
        if "number" in types and isinstance(value, str) and (number := _leading().match(value)):
            hint = f"; write the number alone: {number[1].replace(',', '.')}"  # "83%", "4 h"
        if "string" in types and isinstance(value, dict) and len(value) == 1:
            hint = (
                "; it holds ': ' (colon and space), which YAML reads as 'key: value': put the "
                "whole text in quotes"
            )
        return f"{where} must be {words} (got {_preview(value)}){hint}"
    if kind == "enum":
        choices = ", ".join(c if isinstance(c, str) else _preview(c) for c in expected)
        hint = Suggester(expected, budget).hint(value)
        suggestion = did_you_mean(hint, before="; ", after="")
        return f"{where} must be one of: {choices} (got {_preview(value)}){suggestion}"
    if kind == "const":
        return f"{where} must be {_preview(expected)}"
    if kind == "format" and expected == "date":
        impossible = impossible_date(value)
        if impossible:
            return f"{where} {value} is not a date in the calendar ({impossible}): correct it"
        # A date written the old way (03/02/2026) gets the YYYY-MM-DD reading(s) it can have.
        return (
            f"{where} must be a date written YYYY-MM-DD (got {_preview(value)}{date_hint(value)})"
        )
    if kind == "format" and expected == "finite":
        yaml = ".nan" if value != value else ".inf" if value > 0 else "-.inf"  # YAML's words
        return f"{where} must be a finite number, not {yaml}: write the value measured"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{where} must be at least {expected} (got {_preview(value)})"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{where} must be at most {expected} (got {_preview(value)})"
    if kind in ("minItems", "minLength", "minProperties"):
        return f"{where} must not be empty" if expected == 1 else f"{where} is too short"
    if kind in ("maxItems", "maxLength", "maxProperties"):
        return f"{where} is too long (at most {expected})"
    if kind == "contains":  # jsonschema's message would quote the whole list
        return f"no entry of {where} is as required"
    if kind == "uniqueItems":
        return f"{where} lists the same entry more than once"
    if kind == "pattern" and expected == "\\S":
        return f"{where} must not be blank"
    if kind == "pattern" and "x-form" in error.schema:
        # The schema says the form in words, and a period written the old way gets its reading.
        form = error.schema["x-form"]
        return f"{where} must be written {form} (got {_preview(value)}{period_hint(value)})"
    if kind == "pattern":
        return f"{where} does not have the expected form (got {_preview(value)})"
    # Keywords only a rule pack's schema uses (ORG001): never jsonschema's repr-laden message.
    return keyword_sentence(str(kind), expected, value, where, _preview(value))


@cache
def _date_shape() -> re.Pattern[str]:
    return re.compile(r"(\d{4})-(\d{2})-(\d{2})")  # compiled at first use: for wrong values


@cache
def _leading() -> re.Pattern[str]:
    """A number followed by its unit or a percent sign, as a spreadsheet cell shows it."""
    return re.compile(r"\s*([-+]?\d+(?:[.,]\d+)?)\s*(?:%|[A-Za-z].*)$")


def impossible_date(value: Any) -> str | None:
    """Why text written YYYY-MM-DD is no date ("February 2026 has 28 days"); None when it
    is a real date or not written in that form."""
    from sms_lint.parse.yamlscalars import calendar_flaw

    match = _date_shape().fullmatch(value) if isinstance(value, str) else None
    flaw = calendar_flaw(*(int(part) for part in match.groups())) if match else None
    return flaw[0] if flaw else None


def missing_message(where: str, names: list[str]) -> str:
    """ "owner is missing: add it" at the top; "actions (A-3) has no owner or due: add them"
    for an item."""
    them = "them" if len(names) > 1 else "it"
    if not where:
        return f"{listing(names)} {'are' if len(names) > 1 else 'is'} missing: add {them}"
    return f"{where} has no {listing(names, 'or')}: add {them}"
