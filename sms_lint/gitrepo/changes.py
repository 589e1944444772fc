"""What changed since a base revision (``check --base REF``), as data the change rules read.

One ``git diff`` against the work tree lists the changed files under the SMS root (tracked
files: uncommitted edits count, a file git does not know yet does not); the base version of
each changed or deleted candidate file is read through one long-lived ``git cat-file --batch``
and parsed with the same loader as every other document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from sms_lint.config import Config
from sms_lint.discovery import matches
from sms_lint.documents import MARKDOWN_SUFFIXES, YAML_SUFFIXES, Document, parse_document
from sms_lint.gitrepo.log import FileChange, diff_against
from sms_lint.gitrepo.repo import NOT_SHALLOW_HINT, GitProblem, Repository, open_repository


@dataclass(frozen=True)
class BaseFile:
    """A file as it was at the base: its path then (relative to the SMS root) and content."""

    path: str
    document: Document


@dataclass(frozen=True)
class ChangeSet:
    """``changed``: current path -> its base version, for files whose content differs (a
    renamed file maps to its old path's content); ``deleted``: base files now gone."""

    ref: str
    changed: Mapping[str, BaseFile]
    deleted: tuple[BaseFile, ...]


def load_change_set(root: Path, ref: str, config: Config) -> ChangeSet:
    """Compare the work tree under ``root`` with ``ref``; GitProblem names what is unusable."""
    if not ref or ref.startswith("-"):
        raise GitProblem(f"--base '{ref}' is not a git revision (it must not start with '-')")
    repo = open_repository(root)
    if repo is None:
        raise GitProblem(f"{root} is not inside a git repository, so --base cannot compare")
    with repo:
        if repo.head_state().shallow:
            raise GitProblem(f"{repo.top} is a shallow clone: {NOT_SHALLOW_HINT} to use --base")
        commit = resolve_commit(repo, ref)
        return _build(repo, root, ref, commit, config)


def resolve_commit(repo: Repository, ref: str) -> str:
    status, out, _ = repo.run_status(
        "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
    )
    commit = out.decode("ascii", "replace").strip()
    if status != 0 or not commit:
        raise GitProblem(
            f"--base '{ref}' names no commit in this repository (fetch it first, "
            "e.g. git fetch origin main)"
        )
    return commit


def _build(repo: Repository, root: Path, ref: str, commit: str, config: Config) -> ChangeSet:
    max_bytes = config.max_file_kb * 1024
    changed: dict[str, BaseFile] = {}
    deleted: list[BaseFile] = []
    for change in diff_against(repo, commit):
        old_path = repo.from_top(change.old_path)
        if old_path is None or change.old_blob is None or change.status == "A":
            continue  # new under the root: nothing to compare with
        if not is_candidate(old_path, config.exclude):
            continue
        raw = repo.read_blob(change.old_blob, max_bytes)
        if raw is None:
            continue  # over max_file_kb at the base: not read, as in check
        base = BaseFile(old_path, parse_document(old_path, raw))
        new_path = repo.from_top(change.path)
        if change.status == "D" or new_path is None:
            deleted.append(base)
        elif _differs(root / new_path, raw):
            changed[new_path] = base
    deleted.sort(key=lambda b: b.path)
    return ChangeSet(ref, MappingProxyType(changed), tuple(deleted))


def _differs(current: Path, base_raw: bytes) -> bool:
    """Whether the file's bytes differ (a mode-only change is no change of content)."""
    try:
        return current.read_bytes() != base_raw
    except OSError:
        return True


def is_candidate(path: str, exclude: tuple[str, ...]) -> bool:
    """Whether discovery would have read ``path``: the same suffix, hidden and exclude rules."""
    parts = path.split("/")
    if any(part.startswith(".") for part in parts):
        return False
    if not parts[-1].lower().endswith(YAML_SUFFIXES + MARKDOWN_SUFFIXES):
        return False
    ancestors = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return not any(matches(p, exclude) for p in ancestors)


__all__ = ["BaseFile", "ChangeSet", "FileChange", "GitProblem", "load_change_set"]
