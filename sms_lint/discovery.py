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


def _outside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return True
    return False


def _link_problem() -> Problem:
    return Problem("SMS100", 1, 1, "symbolic link to a place outside the repository: not read")


def discover(root: Path, exclude: Iterable[str] = ()) -> Discovered:
    """Walk ``root`` (not following links) and return the candidate artifact files."""
    real_root = root.resolve()
    exclude = tuple(exclude)
    paths: list[str] = []
    problems: list[tuple[str, Problem]] = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        rel_folder = Path(folder).relative_to(root).as_posix()
        prefix = "" if rel_folder == "." else rel_folder + "/"
        keep = []
        for name in sorted(dirnames):
            rel = prefix + name
            if name.startswith(".") or matches(rel, exclude):
                continue
            if os.path.islink(os.path.join(folder, name)):
                if _outside(Path(folder, name), real_root):
                    problems.append((rel, _link_problem()))
                continue
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            rel = prefix + name
            if name.startswith(".") or not name.lower().endswith(_SUFFIXES):
                continue
            if matches(rel, exclude):
                continue
            full = Path(folder, name)
            if full.is_symlink() and _outside(full, real_root):
                problems.append((rel, _link_problem()))
                continue
            paths.append(rel)
    return Discovered(tuple(sorted(paths)), tuple(problems))
