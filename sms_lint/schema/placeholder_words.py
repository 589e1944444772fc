"""How a placeholder finding (SMS027) names the field that holds it and says what to write.

Shared by the per-file stage, which reports the placeholders of the front matter
(:mod:`sms_lint.schema.placeholder_values`), and the check that reports those of the Markdown
text (:mod:`sms_lint.checks.placeholders`).
"""

from __future__ import annotations

import re
from typing import Any

from sms_lint.parse.placeholders import find
from sms_lint.schema.prune import value_at
from sms_lint.words import listing, ordinal

# A ``<...>`` marker, a ``[Insert ...]`` instruction or a ``{{name}}`` token says what it asks
# for; a phrase (TBD, TODO) or a date template only marks the gap.
_ASKS = ("<", "[", "{")


def write_advice(text: str, value: str = "text") -> str:
    asks = text.startswith(_ASKS)
    return "write what it asks for" if asks else f"write the {value} it stands for"


def line_words(texts: list[str]) -> str:
    """``the placeholder 'TBD': write the text it stands for, or remove it``; for several,
    ``the placeholders 'TBD' and '<Name of owner>': write what they ask for, or remove them``."""
    if len(texts) == 1:
        return f"the placeholder '{texts[0]}': {write_advice(texts[0])}, or remove it"
    quoted = listing([f"'{text}'" for text in texts])
    asks = any(text.startswith(_ASKS) for text in texts)
    fix = "write what they ask for" if asks else "write the text they stand for"
    return f"the placeholders {quoted}: {fix}, or remove them"


def field_message(
    data: dict[str, Any], path: tuple, text: str, pattern: re.Pattern[str], expected: str = ""
) -> str:
    """``holder of role 'managing-director': '<Name>' is a placeholder: write the holder's
    name``; ``expected`` is what the schema requires of the value (``must be a number``) when
    it rejects the placeholder."""
    field = _field_words(data, path, pattern)
    what = _what(path)
    value = value_at(data, path)
    fix = write_advice(text, "value" if expected else "text")
    tail = f"; it {expected}" if expected and not what else ""
    if isinstance(value, str) and pattern.fullmatch(value.strip()):
        return f"{field}: '{text}' is a placeholder: {f'write {what}' if what else fix}{tail}"
    return (
        f"{field} still holds the placeholder '{text}': "
        f"{f'write {what} in its place' if what else fix}{tail}"
    )


# What to write instead of a placeholder, by the field that holds it.
_WHAT = {
    "holder": "the holder's name",
    "deputy": "the deputy's name",
    "owner": "the id of the owning role",
    "approved_by": "the id of the approving role",
    "auditor": "the id of the auditor's role",
    "title": "the title",
    "name": "the name",
    "supplier_name": "the supplier's name",
    "contract_ref": "the contract reference",
    "customer": "the customer",
    "description": "the description",
    "statement": "the statement",
    "clause": "the number of the clause it concerns (such as 8.3.4)",
    "service": "the id of the service",
}


# What to write instead of a placeholder entry, by the list that holds it.
_ENTRY = {
    "attendees": "the id of the attending role",
    "auditee_roles": "the id of the audited role",
    "related": "the id of the related artifact",
    "services": "the id of the service",
    "supports": "the id of the service supported",
}


def _what(path: tuple) -> str | None:
    if len(path) > 1 and isinstance(path[-1], int):
        return _ENTRY.get(str(path[-2]))
    return _WHAT.get(str(path[-1])) if path else None


def _field_words(data: dict[str, Any], path: tuple, pattern: re.Pattern[str]) -> str:
    """The field as the user wrote it: ``holder of role 'managing-director'``, ``the 1st entry
    in locations``, ``title``; items by their id, metric or name, else a 1-based ordinal."""
    names: list[str] = []
    node: Any = data
    index = 0
    while index < len(path):
        key = path[index]
        value = node.get(key) if isinstance(node, dict) else None
        if index + 1 < len(path) and isinstance(path[index + 1], int):
            position = path[index + 1]
            entry = value[position] if isinstance(value, list) else None
            names.append(_item_words(str(key), entry, position, path[index + 2 :], pattern))
            node, index = entry, index + 2
        else:
            names.append(str(key))
            node, index = value, index + 1
    if len(names) > 1 and names[-2].startswith(names[-1] + " "):
        names[-1] = "the value"  # not "target of target 'Calls answered in 30 s'"
    return " of ".join(reversed(names))


def _item_words(key: str, entry: Any, position: int, rest: tuple, pattern: re.Pattern[str]) -> str:
    if isinstance(entry, dict):
        for name in ("id", "metric", "name"):
            label = entry.get(name)
            # Not by the placeholder itself: "name of interested party '<Your customers>'".
            usable = isinstance(label, str) and label.strip() and not any(find(label, pattern))
            if rest[:1] != (name,) and usable:
                return f"{_singular(key)} '{label.strip()}'"
    return f"the {ordinal(position + 1)} entry in {key}"


def _singular(key: str) -> str:
    word = key.replace("_", " ")
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word
