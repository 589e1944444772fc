"""A quick reading of the simplest YAML, for the commands that list documents (``register``).

Most artifacts' fields are one ``key: value`` a line at the top level. For such text the data
is found here with one regular expression a line, not from libyaml's events (with a position
for every key that nothing listing documents reads): several times faster on 1,000 files.
Anything else, or anything that would be a finding, goes to :func:`~sms_lint.parse.loader.
load_yaml` unchanged, so the data is always what ``load_yaml`` gives: a line the pattern does
not know (an indented line, a list, a flow value, a block scalar, a comment after a value, a
tab), a key YAML would not read as text (``on:``) or seen twice, a character that is not
printable (YAML's other line breaks among them), a value whose type needs more than the few
forms below (numbers other than plain integers, floats, odd dates). The positions of a
document read here are empty; tests/test_flatyaml.py compares both readers on every example,
hostile and generated input.
"""

from __future__ import annotations

import re
from functools import cache
from sys import intern
from typing import Any

from sms_lint.parse.basics import Loaded

# A top-level key (ASCII; libyaml refuses a key over 1,024 characters) and its colon; the
# rest of the line is the value (no backtracking pattern: a line may be megabytes long).
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,99}:")
# Quoted text with nothing to unescape or fold: the text between the quotes is the value.
_DOUBLE = re.compile(r'"[^"\\]*"')
_SINGLE = re.compile(r"'[^']*'")
# A plain value's first character may not be an indicator (a list, a flow value, an anchor,
# a tag, a block scalar, a quote, a comment, a directive or reserved: ``- ? : , [ ] { } # & *
# ! | > ' " % @ ```) nor a space; inside, ``: `` or `` #`` would end it, and a final colon too.
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_INTEGER = re.compile(r"0|[1-9][0-9]{0,17}")  # decimal, no sign, no underscore: int() agrees
_INT_TAG = "tag:yaml.org,2002:int"


def load_flat(text: str, line_offset: int = 0) -> Loaded:
    """:func:`load_yaml`'s data for ``text``, read quickly when every line is simple."""
    data = _flat(text)
    if data is None:
        from sms_lint.parse.loader import load_yaml  # the YAML parser, for this text only

        return load_yaml(text, line_offset)
    return Loaded(data)


def _flat(text: str) -> dict[str, Any] | None:
    """The mapping of a text of simple lines only, or None (then the full reader decides)."""
    data: dict[str, Any] = {}
    for line in text.split("\n"):
        if not line or line[0] == "#":
            if line and not line.isprintable():
                return None
            continue
        match = _KEY.match(line)
        if match is None or not line.isprintable():
            return None
        key, rest = match.group()[:-1], line[match.end() :]
        if (rest and rest[0] != " ") or key in data or _resolved(key) != STR_TAG:
            return None  # "a:b" is one plain text, not a key and a value
        value = _value(rest.strip(" "))  # spaces around the value are YAML's, not the value's
        if value is _UNSURE:
            return None
        data[intern(key)] = value
    return data or None  # no key at all: empty, or comments only, is the full reader's finding


_UNSURE = object()  # not a form read here


def _value(written: str) -> Any:
    if not written:
        return None  # an empty value is null (with no '#' after it: see yamlevents.commented)
    first = written[0]
    if first == '"' or first == "'":
        if (_DOUBLE if first == '"' else _SINGLE).fullmatch(written) is None:
            return _UNSURE
        return _shared(written[1:-1])
    if first in _PLAIN_START or ": " in written or " #" in written or written[-1] == ":":
        return _UNSURE
    tag = _resolved(written)
    if tag == STR_TAG or tag in TEXT_WHEN_PLAIN:
        return _shared(written)
    if tag == TIMESTAMP_TAG and _plain_date(written):
        return _shared(written)
    if tag == _INT_TAG and _INTEGER.fullmatch(written):
        return int(written)
    return _UNSURE


def _resolved(text: str) -> str:
    """The tag YAML gives plain ``text``. A word (a letter first) is text unless it is one
    of YAML 1.1's booleans or nulls: PyYAML has no other pattern for a letter (the tests
    hold it to that), so the parser is imported only for text that starts otherwise."""
    first = text[:1]
    if first.isascii() and first.isalpha():
        return _WORDS.get(text, STR_TAG)
    if first not in MAY_RESOLVE:  # no implicit type starts so: text
        return STR_TAG
    from sms_lint.parse.yamlscalars import resolve_plain

    return resolve_plain(text, _resolver().resolve)


@cache
def _resolver() -> Any:
    """The loader's own resolver (CSafeLoader and SafeLoader both resolve with yaml's)."""
    from yaml.resolver import Resolver

    return Resolver()


def _plain_date(text: str) -> bool:
    from sms_lint.parse.yamlevents import _is_plain_date

    return _is_plain_date(text)


def _shared(text: str) -> str:
    # As yamlevents does: short values are interned (they recur in every file).
    return intern(text) if len(text) <= SHARED_AT_MOST else text


# yamlscalars' and yamlevents' values, here without importing YAML (tests/test_flatyaml.py).
STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
TEXT_WHEN_PLAIN = frozenset({"tag:yaml.org,2002:value", "tag:yaml.org,2002:merge"})
SHARED_AT_MOST = 40
# The first characters PyYAML's resolver has a pattern for, and the words its patterns for
# letters (booleans, nulls) match.
MAY_RESOLVE = frozenset("!&*+-.0123456789<=FNOTYfnoty~") | {""}
_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
BOOLEANS = ("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
            "FALSE", "on", "On", "ON", "off", "Off", "OFF")  # fmt: skip
NULLS = ("null", "Null", "NULL")
_WORDS = {**dict.fromkeys(BOOLEANS, _BOOL), **dict.fromkeys(NULLS, _NULL)}
