"""Find the files under the root that may be artifacts.

Rules: YAML and Markdown files only (office files and PDF are named as not read); hidden files
and folders (``.git``, ``.github``, ``.sms-lint.yaml``) are never artifacts; ``exclude`` globs
from the config drop more, and inside a git work tree so do the files git ignores
(``.gitignore``, ``.git/info/exclude``, ``core.excludesFile``; :mod:`sms_lint.gitrepo.ignored`:
one git call, none outside git; files git tracks stay candidates). Symbolic links are never
followed out of the root: a link that leads outside is reported (without saying where it
points: reports may be public) and never read; links to folders are not descended into. A
folder that cannot be read and a file that is not a regular file (FIFO, device, socket) are
problems too, never a silent gap. Each candidate's identity is recorded for the read
(:mod:`sms_lint.files.treewalk`, :mod:`sms_lint.files.safeopen`).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sms_lint.files.globs import PatternSet
from sms_lint.files.safeopen import FileId
from sms_lint.files.treewalk import Walk
from sms_lint.parse.basics import MARKDOWN_SUFFIXES, YAML_SUFFIXES, Problem

_SUFFIXES = YAML_SUFFIXES + MARKDOWN_SUFFIXES
# Office documents and PDF: what a document set being migrated holds. They are not read, but
# the report names them (a procedure left as .docx is otherwise invisible to the check).
NOT_READ_SUFFIXES = (
    *(".docx", ".doc", ".odt", ".rtf", ".txt"),  # text documents
    *(".xlsx", ".xls", ".ods", ".csv", ".tsv"),  # registers kept as spreadsheets or exports
    *(".pptx", ".ppt", ".odp", ".vsdx", ".vsd", ".pdf"),  # slides, diagrams, scans
)


@dataclass(frozen=True)
class Discovered:
    """Candidate files (relative POSIX paths, sorted), problems keyed by path, and what was
    seen of each candidate (its device and inode, and for a link the file it leads to), which
    the read must find again (None where the platform cannot tell); ``not_read``: the office
    and PDF files found (sorted), which are never read."""

    paths: tuple[str, ...]
    problems: tuple[tuple[str, Problem], ...]
    identities: dict[str, FileId] = field(default_factory=dict, compare=False)
    not_read: tuple[str, ...] = ()
    # (size, mtime_ns, ctime_ns, inode, device) of each regular candidate, when asked for.
    signatures: dict[str, tuple[int, int, int, int, int]] = field(
        default_factory=dict, compare=False
    )

    def identity(self, path: str) -> FileId | None:
        return self.identities.get(path)


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Whether a relative POSIX path matches any gitignore-like glob of ``patterns``
    (:mod:`sms_lint.files.globs`: each pattern costs at most its length x the path's depth)."""
    return compiled(patterns).first(path) is not None


_COMPILED: list[tuple[object, PatternSet]] = []  # the last few tuples of patterns seen


def compiled(patterns: Iterable[str]) -> PatternSet:
    """``patterns`` as a :class:`PatternSet`, built once per tuple (or list, never changed
    once made: config and rule-pack values): discovery asks about every file with the same
    tuple, and indexing it per call would cost patterns x files again."""
    if not isinstance(patterns, tuple | list):
        return PatternSet(patterns)
    for seen, pattern_set in _COMPILED:
        if seen is patterns:  # identity: comparing 3,000 patterns per call is what we avoid
            return pattern_set
    pattern_set = PatternSet(patterns)
    _COMPILED[:] = [(patterns, pattern_set), *_COMPILED[:3]]
    return pattern_set


def discover(
    root: Path,
    exclude: Iterable[str] = (),
    ignored: Container[str] | None = None,
    signed: bool = False,
) -> Discovered:
    """Walk ``root`` (never following links) and return the candidate artifact files.

    ``os.scandir`` gives the file type and inode with the listing, so a large tree costs no
    extra ``stat`` per file; only folders are checked and symbolic links resolved. What is in
    ``ignored`` (the paths git ignores, :func:`sms_lint.gitrepo.ignored.candidates`) is passed
    over like an ``exclude`` match (an ignored folder is not even listed). ``signed``: also
    each file's metadata (one ``fstatat`` each), for the result cache.
    """
    excluded = _excluded(tuple(exclude), ignored)
    walk = Walk(str(root), _SUFFIXES, excluded, NOT_READ_SUFFIXES, signed)
    walk.run()
    return Discovered(
        tuple(sorted(walk.identities)),
        tuple(sorted(walk.problems)),
        walk.identities,
        tuple(sorted(walk.not_read)),
        walk.signatures,
    )


def _excluded(
    exclude: tuple[str, ...], ignored: Container[str] | None
) -> Callable[[str], bool] | None:
    """The walk's question "is this path (file or folder) left out?", None when nothing is."""
    if not ignored:
        ignored = None
    if ignored is None:
        return (lambda rel: matches(rel, exclude)) if exclude else None
    if not exclude:
        return ignored.__contains__
    return lambda rel: rel in ignored or matches(rel, exclude)
