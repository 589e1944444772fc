"""Find the files under the root that may be artifacts.

Rules: YAML and Markdown files only; hidden files and folders (``.git``, ``.github``,
``.sms-lint.yaml``) are never artifacts; ``exclude`` globs from the config drop more. Symbolic
links are never followed out of the root: a link that leads outside is reported (without saying
where it points: reports may be public) and never read; links to folders are not descended into.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sms_lint.documents import MARKDOWN_SUFFIXES, YAML_SUFFIXES
from sms_lint.loader import Problem

_SUFFIXES = YAML_SUFFIXES + MARKDOWN_SUFFIXES


@dataclass(frozen=True)
class Discovered:
    """Candidate files (relative POSIX paths, sorted) and problems keyed by path."""

    paths: tuple[str, ...]
    problems: tuple[tuple[str, Problem], ...]


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a gitignore-like glob: ``*`` within a folder, ``**`` across folders."""
    pattern = pattern.strip().removeprefix("./").rstrip("/")
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    # A pattern naming a folder excludes everything below it.
    return re.compile("".join(out) + "(?:/.*)?")


def matches(path: str, patterns: Iterable[str]) -> bool:
    return any(glob_regex(p).fullmatch(path) for p in patterns)


def _outside(path: str, real_root: Path) -> bool:
    try:
        Path(path).resolve().relative_to(real_root)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return True
    return False


def _link_problem() -> Problem:
    return Problem("SMS100", 1, 1, "symbolic link to a place outside the repository: not read")


def discover(root: Path, exclude: Iterable[str] = ()) -> Discovered:
    """Walk ``root`` (never following links) and return the candidate artifact files.

    ``os.scandir`` gives the file type with the listing, so a large tree costs no extra
    ``stat`` per file; only symbolic links are resolved, to tell inside from outside.
    """
    real_root = root.resolve()
    exclude = tuple(exclude)
    paths: list[str] = []
    problems: list[tuple[str, Problem]] = []
    folders = [(str(root), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # an unreadable folder holds nothing we can check
        for entry in entries:
            name, rel = entry.name, prefix + entry.name
            if name.startswith("."):
                continue
            is_dir = entry.is_dir(follow_symlinks=False)
            if not is_dir and not name.lower().endswith(_SUFFIXES) and not entry.is_symlink():
                continue
            if exclude and matches(rel, exclude):
                continue
            if entry.is_symlink():
                if _outside(entry.path, real_root):
                    problems.append((rel, _link_problem()))
                elif entry.is_file() and name.lower().endswith(_SUFFIXES):
                    paths.append(rel)  # a link to a file inside the root is read as that file
                continue  # links to folders are never descended into
            if is_dir:
                folders.append((entry.path, rel + "/"))
            else:
                paths.append(rel)
    return Discovered(tuple(sorted(paths)), tuple(sorted(problems)))
