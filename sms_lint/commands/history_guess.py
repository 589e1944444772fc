"""Which file likely declares an id, guessed before ``history`` imports its parser.

Only a guess, so that the file's ``git log --follow`` runs while the parser and the config are
imported and :func:`~sms_lint.commands.history_id.path_of_id` finds the answer (the log is
discarded when the answer is another file). The guess is the first YAML or Markdown file, in
path order, with a line ``id: ID`` (quoted or not); folders and files whose name starts with a
dot are skipped, links are not followed and only regular files are opened, with O_NONBLOCK.
Files named after the id are read first.
Nothing here imports more than ``os`` and ``re``.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

_SUFFIXES = (".yaml", ".yml", ".md", ".markdown")  # parse.documents' (not imported: YAML)
_READ_AT_MOST = 1 << 20  # the default max_file_kb: a larger file is no artifact
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_FILES_AT_MOST = 20000  # a tree larger than any SMS: no guess rather than a long walk


def likely_file(wanted: str, root: Path) -> str | None:
    """The path (relative to ROOT, with ``/``) of a file with a line ``id: wanted``: the first
    in path order of those named after the id, else of all; None when none has, or ``wanted``
    holds a character that an id line rarely writes as is, or reads as a path."""
    if not wanted or not wanted.isprintable() or any(c in wanted for c in " '\"#\\:/"):
        return None
    if wanted.lower().endswith(_SUFFIXES):
        return None  # a file's name (a deleted document's, most likely)
    declared = re.compile(
        rb"(?m)^id:[ \t]*[\"']?"
        + re.escape(wanted.encode("utf-8", "surrogatepass"))
        + rb"[\"']?[ \t]*(?:#|\r?$)"
    )
    files = _files(str(root))
    # Files named after the id first (svc-backup.yaml for SVC-BACKUP): most often one of
    # them declares it, and the others need not be read.
    named = [path for path in files if _stem(path) == wanted.lower()]
    for path in [*named, *files]:
        raw = _read(os.path.join(root, path))
        if raw is not None and declared.search(raw):
            return path
    return None


def _stem(path: str) -> str:
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()


def _files(root: str) -> list[str]:
    """The YAML and Markdown files under ``root``, in path order (none past the limit)."""
    found: list[str] = []
    folders = [""]
    while folders and len(found) <= _FILES_AT_MOST:
        folder = folders.pop()
        try:
            entries = list(os.scandir(os.path.join(root, folder)))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = f"{folder}/{entry.name}" if folder else entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif entry.name.lower().endswith(_SUFFIXES) and entry.is_file(follow_symlinks=False):
                found.append(path)
    return sorted(found) if len(found) <= _FILES_AT_MOST else []


def _read(path: str) -> bytes | None:
    """The start of a regular file (None for anything else, or what cannot be read)."""
    try:
        handle = os.open(path, _FLAGS)
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        regular = stat.S_ISREG(status.st_mode)
        return os.read(handle, min(status.st_size, _READ_AT_MOST)) if regular else None
    except OSError:
        return None
    finally:
        os.close(handle)
