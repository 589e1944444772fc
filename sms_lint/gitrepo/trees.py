"""Trees and the index, read from git's object store and index file only (never the work tree).

``git ls-tree`` lists a commit's files, ``git ls-files -s -t`` the index (with the
skip-worktree tag of sparse checkouts), ``git diff-index --cached -M`` the renames between a
commit and the index. None of them reads a work-tree file, so none runs a filter; none writes
the index.
"""

from __future__ import annotations

from dataclasses import dataclass

from sms_lint.gitrepo.log import FileChange, parse_fields
from sms_lint.gitrepo.repo import Repository, decode_path


@dataclass(frozen=True)
class TreeEntry:
    """One entry of ``git ls-tree -r -l``: a blob, or a submodule's commit (mode 160000)."""

    mode: str
    object_id: str
    size: int | None  # None for a submodule
    path: str


def tree_entries(repo: Repository, commit: str) -> list[TreeEntry]:
    """Every file under the SMS root as ``commit`` holds it (from the object store only)."""
    output = repo.run("ls-tree", "-r", "-l", "-z", commit, "--", repo.pathspec())
    entries = []
    for record in output.split(b"\0"):
        meta, tab, raw_path = record.partition(b"\t")
        words = meta.decode("ascii", "replace").split()
        if tab and len(words) == 4:
            size = int(words[3]) if words[3].isdigit() else None
            entries.append(TreeEntry(words[0], words[2], size, decode_path(raw_path)))
    return entries


def staged_renames(repo: Repository, commit: str) -> dict[str, str]:
    """Old path -> new path of the files renamed between ``commit`` and the index.

    ``diff-index --cached`` compares the commit with the index alone: unlike a diff against
    the work tree it runs no filter and never refreshes (or writes) the index."""
    output = repo.run(
        "diff-index", "--cached", "--raw", "--no-abbrev", "-M", "--diff-filter=R",
        "--no-ext-diff", "--no-textconv", "-z", commit, "--", repo.pathspec(),
    )  # fmt: skip
    changes = parse_fields(output.split(b"\0"))
    return {c.old_path: c.path for c in changes if isinstance(c, FileChange) and c.status == "R"}


@dataclass(frozen=True)
class IndexEntry:
    mode: str
    object_id: str
    in_work_tree: bool  # False for a skip-worktree entry (outside a sparse checkout)


def index_entries(repo: Repository) -> dict[str, IndexEntry]:
    """Root-relative path -> what the index holds for it (merged entries; a conflicted path
    keeps the last stage git lists)."""
    output = repo.run("ls-files", "-s", "-t", "-z", "--", repo.pathspec())
    entries = {}
    for record in output.split(b"\0"):
        meta, tab, raw_path = record.partition(b"\t")
        words = meta.decode("ascii", "replace").split()
        path = repo.from_top(decode_path(raw_path)) if tab else None
        if path is not None and len(words) == 4:
            entries[path] = IndexEntry(words[1], words[2], in_work_tree=words[0] != "S")
    return entries
