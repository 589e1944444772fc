"""Parsed data files kept between runs: the rule packs and the JSON Schemas, as marshal.

Parsing the built-in pack (some 110 KB of YAML) was most of a warm pre-commit run's setup
(17-22 ms with libyaml); its marshalled copy loads in under a millisecond. An entry is used only
for the same files in the same state: each source's path, size, mode, mtime and ctime in
nanoseconds, inode and device, read by the same sms-lint (its version and its parsers' source
files), Python and YAML parser. A file changed within ``RACY_NS`` of the look is not kept: a
write in the same clock tick could leave its metadata as it was (git's "racily clean" rule).

The file lives in the user's cache folder (``$XDG_CACHE_HOME/sms-lint``, as the result cache),
never inside the checked root; a corrupt, unreadable or unwritable one is ignored. Only a run
that may cache makes a :class:`DataStore` (``--no-cache`` makes none): without one, every file
is parsed.
"""

from __future__ import annotations

import binascii
import contextlib
import marshal
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sms_lint import __version__
from sms_lint.resources import cache_home

T = TypeVar("T")

FILE_NAME = "data.marshal"  # never a name the result cache deletes ([0-9a-f]{32}.cache)
FORMAT = 1
MAX_ENTRIES = 32  # the built-in pack, the schemas and some organization packs
RACY_NS = 2_000_000_000  # two seconds: FAT's timestamps, as the result cache
_PARSERS = Path(__file__).resolve().parent.parent / "parse"  # what reads organization packs
_CRC = 4  # bytes of the CRC-32 ahead of the marshalled body

Key = tuple[str, tuple[tuple[Any, ...], ...]]


class DataStore:
    """One run's view of the data cache: loaded at first use, written on a miss."""

    def __init__(self, root: Path) -> None:
        self.file = cache_home() / FILE_NAME
        self._entries: dict[Key, bytes] | None = None
        try:
            # Never write inside the checked repository, whatever XDG_CACHE_HOME says.
            self.enabled = not self.file.resolve().is_relative_to(root.resolve())
        except (OSError, RuntimeError):
            self.enabled = False

    def get(self, label: str, sources: Sequence[Path], parse: Callable[[], T]) -> T:
        """``parse()``'s result for ``sources`` as they are now: the kept copy if there is one,
        else parsed (and kept when it can be). Whatever ``parse`` raises is raised."""
        now = time.time_ns()  # before the look: a write after it is never vouched for
        key = _key(label, sources) if self.enabled else None
        if key is None:
            return parse()
        entries = self._load()
        kept = entries.get(key)
        if kept is not None:
            with contextlib.suppress(ValueError, EOFError, TypeError):
                return marshal.loads(kept)  # type: ignore[no-any-return]
        value = parse()
        if not _racy(key, now):
            self._keep(entries, key, value)
        return value

    def _load(self) -> dict[Key, bytes]:
        if self._entries is None:
            self._entries = _read(self.file)
        return self._entries

    def _keep(self, entries: dict[Key, bytes], key: Key, value: Any) -> None:
        try:
            data = marshal.dumps(value)
        except ValueError:
            return  # not plain data (a date, a subclass of str): parsed every time
        # The same files in another state are replaced; the oldest entries make room.
        for old in [k for k in entries if _names(k) == _names(key)]:
            del entries[old]
        entries[key] = data
        while len(entries) > MAX_ENTRIES:
            del entries[next(iter(entries))]
        with contextlib.suppress(OSError):  # a read-only home or a full disk fails nothing
            _write(self.file, entries)


def _key(label: str, sources: Sequence[Path]) -> Key | None:
    """The sources' identities and states; None when one cannot be looked at (parsing it
    then says why, if it must)."""
    states = []
    for source in sources:
        try:
            found = os.stat(source)
        except (OSError, ValueError):
            return None
        states.append(
            (
                os.path.abspath(source),
                found.st_size,
                found.st_mode,
                found.st_mtime_ns,
                found.st_ctime_ns,
                found.st_ino,
                found.st_dev,
            )
        )
    return (label, tuple(states))


def _names(key: Key) -> tuple[str, tuple[str, ...]]:
    return key[0], tuple(state[0] for state in key[1])


def _racy(key: Key, now: int) -> bool:
    return any(max(state[3], state[4]) >= now - RACY_NS for state in key[1])


def _header() -> tuple[Any, ...]:
    """What the kept data depends on besides the files: a change discards every entry."""
    from sms_lint.parse.loader import parser_name  # loaded by every run that checks

    parsers = []
    with contextlib.suppress(OSError), os.scandir(_PARSERS) as found:
        for entry in found:
            if entry.name.endswith(".py"):
                status = entry.stat()
                parsers.append((entry.name, status.st_size, status.st_mtime_ns))
    return (FORMAT, __version__, sys.version, marshal.version, parser_name(), sorted(parsers))


def _read(file: Path) -> dict[Key, bytes]:
    """The kept entries; none when the file is missing, damaged or from another sms-lint."""
    try:
        with open(file, "rb") as stream:
            raw = stream.read()
    except OSError:
        return {}
    body = raw[_CRC:]
    if len(raw) < _CRC or binascii.crc32(body) != int.from_bytes(raw[:_CRC], "little"):
        return {}
    try:
        header, entries = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return {}
    if header != _header() or not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(v, bytes) and _sound(k)}


def _sound(key: Any) -> bool:
    """A key of the shape :func:`_key` makes (the CRC vouches for the bytes, not the shape)."""
    return (
        isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], str)
        and isinstance(key[1], tuple)
        and all(isinstance(s, tuple) and len(s) == 7 and isinstance(s[0], str) for s in key[1])
    )


def _write(file: Path, entries: dict[Key, bytes]) -> None:
    from sms_lint.output import write_bytes_atomic  # only a run that writes pays for it

    body = marshal.dumps((_header(), entries))
    write_bytes_atomic(file, binascii.crc32(body).to_bytes(_CRC, "little") + body)
