"""Read ``git log`` and ``git diff`` output written with ``-z``: commits and the files they touch.

Both commands are run once per question (one history walk per run, never one call per file).
With ``-z`` every field ends in a NUL byte, so any file name, even one with newlines or one
that looks like an option, comes back intact. A commit's header is one field that starts with
the record separator 0x1E (our ``--format``); after it come its file entries: a status field
(``M``, ``R100``, or a ``--raw`` line ``:100644 100644 <old> <new> M``) and one path, or two for
renames and copies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sms_lint.gitrepo.repo import Repository, decode_path

# %x1e starts a commit; %x1f separates its fields; the subject comes last (it may hold anything).
LOG_FORMAT = "--format=%x1e%H%x1f%an%x1f%aI%x1f%s"
# Options that keep output machine-readable whatever the user's git config says.
_PLAIN = ("--no-color", "--no-show-signature", "--encoding=UTF-8", "-z")


@dataclass(frozen=True)
class CommitInfo:
    commit: str
    author: str
    date: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {
            "commit": self.commit,
            "author": self.author,
            "date": self.date,
            "message": self.message,
        }


@dataclass(frozen=True)
class FileChange:
    """One file entry: ``path`` is the new path (the old one for a deletion); blob ids only
    with ``--raw`` (None for "no such file on that side")."""

    status: str  # one letter: A, M, D, R, C, T
    path: str
    old_path: str
    old_blob: str | None = None
    new_blob: str | None = None


@dataclass(frozen=True)
class LoggedCommit:
    info: CommitInfo
    changes: tuple[FileChange, ...]


def parse_changes(fields: list[bytes], start: int) -> tuple[list[FileChange], int]:
    """File entries from ``fields[start:]`` up to the next commit header (or the end)."""
    changes: list[FileChange] = []
    index = start
    while index < len(fields):
        head = fields[index].lstrip(b"\n")
        if not head or head.startswith(b"\x1e"):
            break
        words = head.decode("ascii", "replace").split()
        status = words[-1][:1]
        count = 2 if status in "RC" else 1
        paths = [decode_path(f) for f in fields[index + 1 : index + 1 + count]]
        if len(paths) < count:
            break  # truncated output: nothing more to read
        old_blob = _blob(words[2]) if head.startswith(b":") and len(words) >= 5 else None
        new_blob = _blob(words[3]) if head.startswith(b":") and len(words) >= 5 else None
        changes.append(FileChange(status, paths[-1], paths[0], old_blob, new_blob))
        index += 1 + count
    return changes, index


def _blob(word: str) -> str | None:
    return None if word.strip("0") == "" else word


def parse_log(output: bytes) -> Iterator[LoggedCommit]:
    """Commits (newest first, as git printed them) with their file entries."""
    fields = output.split(b"\0")
    index = 0
    while index < len(fields):
        head = fields[index].lstrip(b"\n")
        index += 1
        if not head.startswith(b"\x1e"):
            continue
        parts = head[1:].decode("utf-8", "replace").split("\x1f", 3)
        parts += [""] * (4 - len(parts))
        changes, index = parse_changes(fields, index)
        yield LoggedCommit(CommitInfo(*parts), tuple(changes))


def last_changes(repo: Repository) -> dict[str, CommitInfo]:
    """For every path under the SMS root that git tracks: the last commit that touched it.

    One ``git log`` over the root's history; the first time a path shows up is its newest
    commit. ``--no-renames``: a rename then touches the new path like any other change.
    """
    output = repo.run(
        "log", LOG_FORMAT, "--name-status", "--no-renames", *_PLAIN, "--", repo.pathspec()
    )
    found: dict[str, CommitInfo] = {}
    for logged in parse_log(output):
        for change in logged.changes:
            path = repo.from_top(change.path)
            if path is not None and path not in found:
                found[path] = logged.info
    return found


def file_history(repo: Repository, root_relative: str) -> list[LoggedCommit]:
    """Every commit that changed one file, newest first, following it across renames."""
    output = repo.run(
        "log",
        LOG_FORMAT,
        "--follow",
        "--raw",
        "--no-abbrev",
        *_PLAIN,
        "--",
        repo.pathspec(root_relative),
    )
    history: list[LoggedCommit] = []
    for logged in parse_log(output):
        history.append(logged)
        if any(change.status == "C" for change in logged.changes):
            # --follow also follows copies: the file began here as a copy of another
            # document, whose own history is not this one's.
            break
    return history


def diff_against(repo: Repository, commit: str) -> list[FileChange]:
    """Files under the SMS root that differ between ``commit`` and the work tree (tracked
    files, so uncommitted edits count), with renames detected."""
    output = repo.run(
        "diff", "--raw", "--no-abbrev", "-M", "--no-ext-diff", "--no-color", "-z",
        commit, "--", repo.pathspec(),
    )  # fmt: skip
    changes, _ = parse_changes(output.split(b"\0"), 0)
    return changes
