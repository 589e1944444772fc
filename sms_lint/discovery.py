"""Find the files under the root that may be artifacts.

Rules: YAML and Markdown files only; hidden files and folders (``.git``, ``.github``,
``.sms-lint.yaml``) are never artifacts; ``exclude`` globs from the config drop more. Symbolic
links are never followed out of the root: a link that leads outside is reported (without saying
where it points: reports may be public) and never read; links to folders are not descended into.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
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
def _segments(pattern: str) -> tuple[str, ...]:
    return tuple(pattern.strip().removeprefix("./").strip("/").split("/"))


def _match_segments(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Whether ``parts`` (a path's folders and name) match ``pattern`` or begin with a match
    (a pattern naming a folder excludes everything below it).

    ``**`` matches any number of folders; other segments match one name with ``fnmatch``
    (``*``, ``?``, ``[...]``), whose regexes do not backtrack catastrophically. Memoised on
    positions, so the cost is at most pattern length x path depth however many ``**`` a
    (possibly hostile) config holds.
    """
    seen: dict[tuple[int, int], bool] = {}

    def match(p: int, s: int) -> bool:
        key = (p, s)
        if key not in seen:
            if p == len(pattern):
                seen[key] = True  # the rest of the path lies below a matched folder
            elif pattern[p] == "**":
                seen[key] = any(match(p + 1, k) for k in range(s, len(parts) + 1))
            else:
                seen[key] = (
                    s < len(parts) and fnmatchcase(parts[s], pattern[p]) and match(p + 1, s + 1)
                )
        return seen[key]

    return match(0, 0) and (len(pattern) > 0)


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Whether a relative POSIX path matches any gitignore-like glob of ``patterns``."""
    parts = tuple(path.split("/"))
    return any(_match_segments(_segments(p), parts) for p in patterns if p.strip())


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
