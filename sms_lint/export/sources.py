"""What the pack is made from, read once: every candidate file (its data and, for Markdown, its
body) and, from git, HEAD, each file's last change and the histories of the documents exported.

Files are read as ``check`` reads them (discovery less what git ignores, each file opened only
if still the file discovery saw, at most ``max_file_kb``); git runs through the repository's
sandbox (:mod:`sms_lint.gitrepo`). Outside git, or where git cannot show a history, the pack
says so instead of failing: documents are still worth exporting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sms_lint.config.file import Config
from sms_lint.errors import UsageProblem
from sms_lint.parse.documents import Document, parse_document
from sms_lint.parse.frontmatter import decode, markdown_body
from sms_lint.pipeline.reading import read_bytes


@dataclass(frozen=True)
class SourceFile:
    document: Document
    body: str | None  # the Markdown below the front matter; None for YAML or unreadable


@dataclass(frozen=True)
class GitSide:
    head: str | None = None
    changes: Mapping[str, Any] = field(default_factory=dict)  # path -> CommitInfo
    histories: Mapping[str, list[dict[str, Any]]] | None = None  # path -> revisions
    notes: tuple[str, ...] = ()


def read_sources(root: Path, config: Config) -> list[SourceFile]:
    """Every candidate file in path order, parsed (no checks)."""
    from sms_lint.gitrepo.ignored import candidates

    found = candidates(root, config.exclude)
    files = []
    for path in sorted(found.paths):
        raw = read_bytes(root, path, config.max_file_kb, found.identity(path))
        if isinstance(raw, bytes):
            files.append(SourceFile(parse_document(path, raw), _body(path, raw)))
    return files


def sources_at(root: Path, config: Config, commit: str) -> list[SourceFile]:
    """:func:`read_sources` of the files ``commit`` holds (``export --as-of``), read from
    git's objects as ``check --as-of`` reads them: nothing checked out."""
    from sms_lint.gitrepo.sandbox import GitProblem
    from sms_lint.pipeline.at_revision import blobs_at

    try:
        blobs, _ = blobs_at(root, config, commit)
    except GitProblem as problem:
        raise UsageProblem(str(problem)) from None
    return [
        SourceFile(parse_document(path, raw), _body(path, raw))
        for path, raw in blobs
        if isinstance(raw, bytes)
    ]


def _body(path: str, raw: bytes) -> str | None:
    if not path.lower().endswith((".md", ".markdown")):
        return None
    text, problem = decode(raw)
    lines = markdown_body(text) if text is not None and problem is None else None
    return None if lines is None else "\n".join(lines)


def read_git(
    root: Path,
    paths: list[str],
    exported: Iterable[str],
    max_bytes: int,
    commit: str | None = None,
) -> GitSide:
    """HEAD, the last change of ``paths`` and the history of each ``exported`` path
    (``commit``, for ``--as-of``: that commit instead of HEAD, and the history up to it)."""
    from sms_lint.commands.history_revisions import read_revisions
    from sms_lint.commands.register_data import read_last_changes
    from sms_lint.gitrepo.file_log import graph_later
    from sms_lint.gitrepo.repo import GitProblem, UntrustedRepository, open_repository

    try:
        repo = open_repository(root)
    except UntrustedRepository as error:  # read only once the user says it is trusted
        raise UsageProblem(str(error)) from None
    except GitProblem as error:
        return GitSide(notes=(f"{error}: no commit or history is shown",))
    if repo is None:
        return GitSide(notes=("not in a git repository: no commit or history is shown",))
    with repo:
        state = repo.head_state()
        if state.head is None:
            return GitSide(notes=("the repository has no commits yet: no history is shown",))
        head = commit or state.head
        changes, note = read_last_changes(root, paths, commit)
        notes = (note,) if note else ()
        if state.shallow:
            return GitSide(head, changes, None, (*notes, "histories are not shown"))
        graph = graph_later(repo)
        try:
            histories = {
                path: read_revisions(repo, path, max_bytes, graph, commit)
                for path in sorted(exported)
            }
        except GitProblem as error:
            return GitSide(head, changes, None, (*notes, f"{error}: no history shown"))
    return GitSide(head, changes, histories, notes)
