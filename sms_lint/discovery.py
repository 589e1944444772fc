"""Find the files under the root that may be artifacts.

Rules: YAML and Markdown files only; hidden files and folders (``.git``, ``.github``,
``.sms-lint.yaml``) are never artifacts; ``exclude`` globs from the config drop more. Symbolic
links are never followed out of the root: a link that leads outside is reported (without saying
where it points: reports may be public) and never read; links to folders are not descended into.
A folder that cannot be read and a file that is not a regular file (FIFO, device, socket) are
problems too, never a silent gap. Each candidate's identity is recorded for the read
(:mod:`sms_lint.treewalk`, :mod:`sms_lint.safeopen`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path

from sms_lint.documents import MARKDOWN_SUFFIXES, YAML_SUFFIXES
from sms_lint.loader import Problem
from sms_lint.safeopen import FileId
from sms_lint.treewalk import Walk

_SUFFIXES = YAML_SUFFIXES + MARKDOWN_SUFFIXES


@dataclass(frozen=True)
class Discovered:
    """Candidate files (relative POSIX paths, sorted), problems keyed by path, and what was
    seen of each candidate (its device and inode, and for a link the file it leads to), which
    the read must find again (None where the platform cannot tell)."""

    paths: tuple[str, ...]
    problems: tuple[tuple[str, Problem], ...]
    identities: dict[str, FileId] = field(default_factory=dict, compare=False)

    def identity(self, path: str) -> FileId | None:
        return self.identities.get(path)


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


def discover(root: Path, exclude: Iterable[str] = ()) -> Discovered:
    """Walk ``root`` (never following links) and return the candidate artifact files.

    ``os.scandir`` gives the file type and inode with the listing, so a large tree costs no
    extra ``stat`` per file; only folders are checked and symbolic links resolved.
    """
    exclude = tuple(exclude)
    walk = Walk(str(root), _SUFFIXES, (lambda rel: matches(rel, exclude)) if exclude else None)
    walk.run()
    return Discovered(tuple(sorted(walk.identities)), tuple(sorted(walk.problems)), walk.identities)
