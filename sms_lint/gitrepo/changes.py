"""What changed since a base revision (``check --base REF``), as data the change rules read.

What ``git diff REF`` would say, without letting git look at the work tree (that would run
the repository's filters and refresh the index): ``git ls-tree`` lists the files under the
SMS root at the base, ``git ls-files`` which of them git still tracks (a sparse checkout's
absent files count as the index holds them), ``git diff-index --cached -M`` which were
renamed, and each tracked file is compared with its base blob by hashing it here
(:mod:`sms_lint.gitrepo.worktree`). Uncommitted edits count; a file git does not know yet does
not. The base versions of the changed and deleted candidate files are read in one
``git cat-file --batch`` exchange and parsed with the same loader as every other document.

Git pairs a rename by content, and misses one when a small file was also edited much. So a
base file gone and a file new since the base that declare the same ``kind`` and ``id`` (the
only one gone, and the only one new, with that pair) are one artifact moved: compared as a
rename, not deleted (:func:`pair_by_id`). Git may also pair a file with the wrong new one: a
copy given a new id is more alike than the original moved and rewritten. A rename git found
whose old and new files declare different ids is no rename: the old file counts as deleted
and the new one as added, and both are paired by id like the others.

Submodules are not compared: a submodule's files are its own repository's, and the SMS
repository records only the submodule's commit. Their paths are kept (``submodules``) so the
command can say so.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from sms_lint.config.file import Config
from sms_lint.files.discovery import matches
from sms_lint.gitrepo.blobs import read_blobs
from sms_lint.gitrepo.differences import differences
from sms_lint.gitrepo.log import FileChange
from sms_lint.gitrepo.pairing import other_id, pair_by_id
from sms_lint.gitrepo.repo import (
    NOT_SHALLOW_HINT,
    GitProblem,
    Repository,
    open_repository,
    resolve_commit,
)
from sms_lint.gitrepo.trees import (
    IndexEntry,
    TreeEntry,
    index_entries,
    staged_renames,
    tree_entries,
    vouches,
)
from sms_lint.gitrepo.worktree import State, compare, read_regular
from sms_lint.neutralise import visible_path
from sms_lint.parse.documents import MARKDOWN_SUFFIXES, YAML_SUFFIXES, Document, parse_document

if TYPE_CHECKING:
    from sms_lint.gitrepo.trails import TrailSource

GITLINK_MODE = "160000"  # a submodule: the tree records its commit, not its files


@dataclass(frozen=True)
class BaseFile:
    """A file as it was at the base: its path then (relative to the SMS root) and content.

    ``differs``, for a changed file: its top-level fields whose values differ now, and
    :data:`~sms_lint.gitrepo.differences.BODY` when a Markdown body does, and
    :data:`~sms_lint.gitrepo.differences.RECORDS` in place of fields that differ only in the
    records kept in them (see :mod:`sms_lint.gitrepo.differences`); None when the file now
    could not be read to compare (a deleted file, a link, a file over max_file_kb).
    ``versions``: its ``version`` at the base and now as written (``1.10`` unquoted stays
    1.10), when it could be compared."""

    path: str
    document: Document
    differs: frozenset[str] | None = None
    versions: tuple[str | None, str | None] | None = None


@dataclass(frozen=True)
class ChangeSet:
    """``changed``: current path -> its base version, for files whose content differs (a
    renamed file maps to its old path's content); ``deleted``: base files now gone;
    ``unchanged``: current paths whose content is the base's (renamed or not). A file in
    neither ``changed`` nor ``unchanged`` is new, or could not be compared."""

    ref: str
    changed: Mapping[str, BaseFile]
    deleted: tuple[BaseFile, ...]
    submodules: tuple[str, ...] = ()  # under the root at the base: edits in them are not seen
    unchanged: frozenset[str] = frozenset()
    # SMS053/SMS054: each approved document's current version as git recorded it (run/check.py
    # sets it when one of them is enabled; read only when one runs).
    approval_trails: TrailSource | None = None

    def notes(self) -> tuple[str, ...]:
        """What the user should know about this comparison (one sentence each)."""
        if not self.submodules:
            return ()
        names = ", ".join(visible_path(path) + "/" for path in self.submodules)
        return (
            f"--base does not look inside submodules ({names}): edits to their files since "
            f"{visible_path(self.ref)} are not compared",
        )


def repository_for_base(root: Path, ref: str) -> Repository:
    """The repository ``root`` is in, for comparing with ``ref``; GitProblem in one sentence
    for a ref that cannot be one (empty, or an option) and a root outside git."""
    if not ref.strip():
        raise GitProblem("--base '' is not a git revision: name a branch, tag or commit")
    if ref.startswith("-"):
        raise GitProblem(f"--base '{ref}' is not a git revision (it must not start with '-')")
    repo = open_repository(root)
    if repo is None:
        raise GitProblem(f"{root} is not inside a git repository, so --base cannot compare")
    return repo


def load_change_set(root: Path, ref: str, config: Config) -> ChangeSet:
    """Compare the work tree under ``root`` with ``ref``; GitProblem names what is unusable."""
    with repository_for_base(root, ref) as repo:
        if repo.head_state().shallow:
            raise GitProblem(f"{repo.top} is a shallow clone: {NOT_SHALLOW_HINT} to use --base")
        commit = resolve_commit(repo, ref)
        return _build(repo, root, ref, commit, config)


def _build(repo: Repository, root: Path, ref: str, commit: str, config: Config) -> ChangeSet:
    max_bytes = config.max_file_kb * 1024
    index = index_entries(repo)
    renamed = {
        repo.from_top(old): repo.from_top(new) for old, new in staged_renames(repo, commit).items()
    }
    pairs = set(renamed.values())  # new paths git paired with an old one (some given up below)
    changed: dict[str, BaseFile] = {}
    deleted: list[tuple[BaseFile, bytes]] = []
    submodules: list[str] = []
    at_base: set[str] = set()
    unchanged: set[str] = set()
    to_read: list[tuple[str, str | None, State, TreeEntry]] = []
    for entry in tree_entries(repo, commit):
        path = repo.from_top(entry.path)
        if path is None:
            continue
        at_base.add(path)
        if entry.mode == GITLINK_MODE:
            submodules.append(path)
            continue
        if not is_candidate(path, config.exclude):
            continue
        current = path if path in index else renamed.get(path)
        state = _state(root, current, index.get(current or ""), entry, max_bytes)
        if state is State.SAME and current is not None:
            unchanged.add(current)
        if state is State.SAME or entry.size is None or entry.size > max_bytes:
            continue  # unchanged, or over max_file_kb at the base: not read, as in check
        to_read.append((path, current, state, entry))
    # Every base version in one exchange with git (one byte over the limit: too large).
    contents = read_blobs(repo, (entry.object_id for *_, entry in to_read), max_bytes + 1)
    for path, current, state, entry in to_read:
        raw = contents[entry.object_id]
        if len(raw) > max_bytes:
            continue
        base = BaseFile(path, parse_document(path, raw))
        if current is not None and current != path and other_id(base, root, current, max_bytes):
            pairs.discard(current)  # not this artifact moved: compared with its id's old file
            current = None
        if state is State.MISSING or current is None:
            deleted.append((base, raw))
        else:
            changed[current] = _with_differences(base, raw, root, current, max_bytes)
    new = _new_files(index, at_base, pairs, config.exclude) if deleted else []
    paired = pair_by_id(root, deleted, new, max_bytes)
    for path, (base, raw) in paired.items():
        changed[path] = _with_differences(base, raw, root, path, max_bytes)
    moved = {id(base) for base, _ in paired.values()}
    gone = sorted((base for base, _ in deleted if id(base) not in moved), key=lambda b: b.path)
    return ChangeSet(
        ref,
        MappingProxyType(changed),
        tuple(gone),
        tuple(sorted(submodules)),
        frozenset(unchanged),
    )


def _new_files(
    index: dict[str, IndexEntry],
    at_base: set[str],
    renamed: set[str | None],
    exclude: tuple[str, ...],
) -> list[str]:
    """Candidate files git tracks now that were not at the base (nor a rename git saw)."""
    return [
        path
        for path, indexed in index.items()
        if indexed.in_work_tree
        and path not in at_base
        and path not in renamed
        and is_candidate(path, exclude)
    ]


def _with_differences(
    base: BaseFile, raw: bytes, root: Path, current: str, max_bytes: int
) -> BaseFile:
    """``base`` with what differs in the file now at ``current`` (read again only for this:
    changed files are few, and the check keeps no file's text)."""
    content = read_regular(root / current, max_bytes)
    if content is None:
        return base
    found = differences(current, base.document, raw, content)
    return replace(base, differs=found.fields, versions=found.versions)


def _state(
    root: Path, current: str | None, indexed: IndexEntry | None, base: TreeEntry, max_bytes: int
) -> State:
    """How the file now at ``current`` compares with its base entry."""
    if current is None or indexed is None:
        return State.MISSING  # not tracked any more: git diff would call it deleted
    if not indexed.in_work_tree:  # sparse checkout: the index stands for the absent file
        return State.SAME if indexed.object_id == base.object_id else State.CHANGED
    if indexed.recorded is not None and indexed.mode == base.mode:
        # git's own shortcut: a file whose metadata is what the index recorded holds the
        # index's blob (10,000 files are not read and hashed for one that changed).
        with contextlib.suppress(OSError):
            info = os.lstat(os.path.join(root, current))
            if stat.S_ISREG(info.st_mode) and vouches(indexed, info):
                return State.SAME if indexed.object_id == base.object_id else State.CHANGED
    return compare(root / current, base.object_id, base.mode, max_bytes)


def is_candidate(path: str, exclude: tuple[str, ...]) -> bool:
    """Whether discovery would have read ``path``: the same suffix, hidden and exclude rules."""
    folder, _, name = path.rpartition("/")
    if name.startswith(".") or not name.lower().endswith(YAML_SUFFIXES + MARKDOWN_SUFFIXES):
        return False
    return not _folder_out(folder, exclude) and not (exclude and matches(path, exclude))


@functools.lru_cache(maxsize=4096)
def _folder_out(folder: str, exclude: tuple[str, ...]) -> bool:
    """Whether discovery leaves ``folder`` out (hidden, excluded, or in such a folder): asked
    once per folder, not once per file (10,000 files lie in a few hundred folders)."""
    if not folder:
        return False
    parent, _, name = folder.rpartition("/")
    if name.startswith(".") or _folder_out(parent, exclude):
        return True
    return bool(exclude) and matches(folder, exclude)


__all__ = ["BaseFile", "ChangeSet", "FileChange", "GitProblem", "load_change_set"]
