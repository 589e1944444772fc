"""What a file that could not be read as an artifact declares: its kind and id.

A roles file saved in Windows-1252, or with a tab in it, still says `kind: roles` and
`id: ROLES-001` in its raw lines. Rules that look for roles or an id blame such a file only
when it may hold them (``Context.unread_cause``), so a broken procedure never turns an owner
that is not a role into "could not be checked", and a broken roles file never becomes advice
to add the roles it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

Declared = tuple["str | None", "str | None"]
# The patterns below are compiled at first use: only a file that holds no artifact is searched.


@cache
def _declared_line(name: str) -> re.Pattern[bytes]:
    """`kind: roles` / `id: ROLES-001` at the start of a line, as YAML and front matter
    write them."""
    return re.compile(rb"^" + name.encode() + rb"[ \t]*:[ \t]*[\"']?([A-Za-z0-9][\w.-]*)", re.M)


@cache
def _key_word() -> re.Pattern[bytes]:
    """Any `key: word` at the start of a line, for a misspelt `kind` key in a file that is
    unread."""
    return re.compile(rb"^([A-Za-z]{2,6})[ \t]*:[ \t]*[\"']?([A-Za-z][\w-]*)", re.M)


def _kind_like_line(head: bytes) -> str | None:
    for match in _key_word().finditer(head):
        if _looks_like_kind(match.group(1).decode("latin-1")):
            return match.group(2).decode("latin-1")
    return None


def _closest(word: str, candidates: Iterable[str]) -> str | None:
    # Imported here: only files that did not become artifacts come this way.
    from sms_lint.suggest import FILE_BUDGET, Budget, Suggester

    return Suggester(candidates, Budget(FILE_BUDGET)).hint(word)


def _looks_like_kind(key: object) -> bool:
    """``kind`` itself in another case, or a plausible typo of it (``knd``, ``kidn``)."""
    return isinstance(key, str) and _closest(key, ("kind",)) == "kind"


# The declared kind of a file that holds no artifact of any kind sms-lint knows: a YAML file
# without `kind`, or with a kind that is no plausible typo of a known one. Such a file is an
# SMS107 finding of its own and is never blamed for what other rules miss.
NO_ARTIFACT = ""
NO_ID = ""  # the declared id of a file whose text has no `id:` line
# The declared kind of a retired artifact: it satisfies no requirement and gives no evidence,
# so only a reference to its id can wait for it.
RETIRED = "(retired)"


@cache
def _retired_line() -> re.Pattern[bytes]:
    return re.compile(rb"^status[ \t]*:[ \t]*[\"']?retired[\"']?[ \t]*(#.*)?\r?$", re.M)


def kind_key_typo(data: dict) -> tuple[str, str] | None:
    """A top-level key that is a plausible typo of ``kind`` (``knd``, ``Kind``), with its
    text value, in a mapping that has no ``kind``."""
    for key, value in data.items():
        if isinstance(value, str) and _looks_like_kind(key):
            return key, value
    return None


def declared(raw: bytes, data: object, kinds: frozenset[str]) -> Declared:
    """The kind and id a file that did not become an artifact declares: from its data when it
    parsed, else from its first 64 KiB whatever their encoding. A kind sms-lint does not know
    counts as the known kind it is a plausible typo of; a file declaring no kind, or none
    that looks meant, holds no artifact (``NO_ARTIFACT``), and one without an id line holds
    no id (``NO_ID``); a retired one is ``RETIRED``. A file that could not be read at all
    declares (None, None): unknown."""
    if isinstance(data, dict):
        written, ident = data.get("kind"), data.get("id")
        if written is None and (meant := kind_key_typo(data)) is not None:
            written = meant[1]  # `knd: roles`: a roles artifact with a misspelt key
        ident = ident if isinstance(ident, str) else NO_ID
        if not isinstance(written, str):
            return (NO_ARTIFACT, ident)
    else:
        # NULs out: the ASCII of UTF-16 and UTF-32 text then reads as it does in UTF-8.
        head = raw[: 64 * 1024].replace(b"\0", b"").lstrip(b"\xef\xbb\xbf\xfe\xff")  # BOMs
        written, ident = (
            m.group(1).decode("latin-1") if (m := _declared_line(n).search(head)) else None
            for n in ("kind", "id")
        )
        written = written or _kind_like_line(head)
        ident = NO_ID if ident is None else ident
        if written is None:
            return (NO_ARTIFACT, ident)  # no `kind:` line: no artifact even once it is read
    retired = data.get("status") == "retired" if isinstance(data, dict) else None
    if retired is None:
        retired = _retired_line().search(raw[: 64 * 1024].replace(b"\0", b"")) is not None
    meant = written if written in kinds else _closest(written, kinds)
    if meant is None:
        return (NO_ARTIFACT, ident)
    return (RETIRED if retired else meant, ident)
