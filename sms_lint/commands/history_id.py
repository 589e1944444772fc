"""Which file declares an id, for ``sms-lint history ID``, without parsing the whole tree.

The answer is the one parsing every discovered file would give (the first file in path order
whose data has ``id: ID``), found by parsing only the files that could give it. A file's
``id`` can equal ID only if ID's UTF-8 bytes appear in the file, unless YAML wrote it some
other way: an escape in a double-quoted scalar (a backslash in the file), a doubled quote in a
single-quoted one (ID holds ``'``), folded lines (ID holds white space), or a timestamp that
the loader turns into ISO text (``2026-1-1``). Artifacts must be strict UTF-8, so no other
encoding can hide it. So the files parsed are those holding ID's bytes or a backslash; an ID
that YAML could write in yet another way (white space, a quote, a character that is not
printable, a leading date) is looked for the old way, in every file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sms_lint.files.safeopen import FileId, Refused, open_checked
from sms_lint.gitrepo.ignored import StartedIgnored, candidates
from sms_lint.parse.documents import parse_data

if TYPE_CHECKING:
    from sms_lint.config.file import Config

# A YAML timestamp starts so (`2026-1-1` loads as the text 2026-01-01).
_DATE_START = re.compile(r"[0-9]{4}-")


def path_of_id(
    wanted: str, root: Path, config: Config, ignored: StartedIgnored | None = None
) -> str | None:
    """The path (relative to ROOT) of the first file, in path order, whose data has ``id``
    equal to ``wanted``; None when no discovered file has (``ignored``: git already asked
    what it ignores)."""
    literal = _literal(wanted)
    for path, raw in _files(root, config, ignored):
        if literal is not None and literal not in raw and b"\\" not in raw:
            continue  # this file's data cannot hold the id (see the module's note)
        data = parse_data(path, raw)
        if data is not None and data.get("id") == wanted:
            return path
    return None


def _literal(wanted: str) -> bytes | None:
    """The bytes a file declaring ``wanted`` must hold (or a backslash); None when YAML could
    write ``wanted`` without them, so that every file must be parsed."""
    if (
        not wanted
        or not wanted.isprintable()  # also U+2028, U+0085 (YAML line breaks) and BOMs
        or any(c.isspace() for c in wanted)
        or "'" in wanted
        or _DATE_START.match(wanted)
    ):
        return None
    return wanted.encode("utf-8", "surrogatepass")


def _files(
    root: Path, config: Config, ignored: StartedIgnored | None
) -> Iterator[tuple[str, bytes]]:
    """Every discovered file that could be read, in path order, with its bytes."""
    found = candidates(root, config.exclude, ignored)
    limit = config.max_file_kb * 1024
    for path in sorted(found.paths):
        raw = _read(root, path, limit, found.identity(path))
        if raw is not None:
            yield path, raw


def _read(root: Path, path: str, limit: int, seen: FileId | None) -> bytes | None:
    """The file's bytes as the per-file stage reads them (``pipeline.filestage.read_bytes``:
    opened only if still the file discovery saw, a link inside the root as the file it leads
    to), or None where that stage reads no data: unreadable, or over ``max_file_kb``. Read
    here to spare ``history`` that stage's imports."""
    opened = seen.opened if seen is not None and seen.opened is not None else path
    try:
        handle, status = open_checked(os.path.join(root, opened), seen)
    except (Refused, OSError):
        return None
    try:
        chunks, total, want = [], 0, min(status.st_size + 1, limit + 1)
        while total <= limit and (chunk := os.read(handle, min(want, limit + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
            want = 1 << 16
    except OSError:
        return None
    finally:
        os.close(handle)
    return b"".join(chunks) if total <= limit else None
