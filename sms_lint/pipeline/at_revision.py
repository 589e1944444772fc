"""The check of the SMS as it stood at a git revision, read from git's objects alone.

``check --base REF --new-only`` reports only the findings the change brings: that needs the
findings ``check`` would have given at REF. Nothing is checked out: ``git ls-tree`` lists the
root's files at REF, one ``git cat-file --batch`` reads their blobs (:mod:`.gitrepo.blobs`),
and each blob goes through the same per-file stage and cross-file stage as the work tree's
files, with the current setup (config, packs, schemas, waivers) and no change rules. Nothing
is written in the repository or in ``.git``. The result cache (in the user's cache folder) is
looked up per file without being changed (the work tree's run owns those entries; a file whose
content is unchanged since REF is not parsed again), and keeps the base's whole-run result
beside the work tree's, so a warm ``--new-only`` costs little more than a warm ``--base``.

Candidates are the blobs discovery would have read in a checkout of REF: YAML and Markdown,
nothing hidden, nothing ``exclude`` names (git ignores no tracked file). Symbolic links are
read as discovery reads them (:mod:`sms_lint.gitrepo.tree_links`); submodules are passed
over: their files are another repository's, whose objects this one need not hold.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sms_lint.cache import entries as cache_entries
from sms_lint.files.discovery import matches
from sms_lint.finding import Finding
from sms_lint.gitrepo.blobs import read_blobs
from sms_lint.gitrepo.changes import repository_for_base, resolve_commit
from sms_lint.gitrepo.repo import Repository
from sms_lint.gitrepo.tree_links import LINK_MODE, follow
from sms_lint.gitrepo.trees import TreeEntry, tree_entries
from sms_lint.model import Artifact
from sms_lint.parse.declared import NO_ARTIFACT, NO_ID
from sms_lint.parse.documents import MARKDOWN_SUFFIXES, YAML_SUFFIXES, Document
from sms_lint.parse.loader import Problem
from sms_lint.pipeline.engine import _cross_file
from sms_lint.pipeline.filestage import (
    FileOutcome,
    Processed,
    check_document,
    digest,
    process_each,
    process_read,
    too_large,
)
from sms_lint.pipeline.setup import Setup

if TYPE_CHECKING:
    from sms_lint.cache.store import ResultCache

__all__ = ["findings_at"]

# Regular blobs and links (followed as discovery follows them); 160000, a submodule, is not.
_FILE_MODES = ("100644", "100755", LINK_MODE)
_SUFFIXES = YAML_SUFFIXES + MARKDOWN_SUFFIXES
_HEAD_BYTES = 64 * 1024  # what the per-file stage reads of a file too large to check
Blob = bytes | tuple[Problem, bytes]  # the content, or too large: the problem and first bytes


def findings_at(
    root: Path,
    setup: Setup,
    today: datetime.date,
    ref: str,
    cache: ResultCache | None = None,
) -> tuple[Finding, ...]:
    """The findings ``run_check(root, setup, today, ...)`` would give on a checkout of
    ``ref`` (no change rules, no git history for shared ids). GitProblem, in one sentence,
    when ``ref`` names no commit or ``root`` is not in a git repository."""
    return checked_at(root, setup, today, ref, cache)[0]


def checked_at(
    root: Path,
    setup: Setup,
    today: datetime.date,
    ref: str,
    cache: ResultCache | None = None,
) -> tuple[tuple[Finding, ...], tuple[Artifact, ...]]:
    """:func:`findings_at`, and the artifacts ``ref`` held (what its findings are about)."""
    with repository_for_base(root, ref) as repo:
        commit = resolve_commit(repo, ref)
        files, entries = _candidates(repo, commit, setup)
        files, refused = _links_followed(repo, files, entries)
        keep = max(setup.config.max_file_kb * 1024, _HEAD_BYTES)
        contents = read_blobs(repo, (entry.object_id for _, entry in files), keep)
    outcomes, digests = _outcomes(files, contents, setup, cache)
    for path, problem in refused:  # as engine.file_outcomes: links out of the root, never read
        document = Document(path, None, problems=[problem])
        outcomes.append(check_document(document, setup)._replace(declared=(NO_ARTIFACT, NO_ID)))
    outcomes.sort(key=lambda outcome: outcome.document.path)
    artifacts = [a for o in outcomes if (a := o.artifact) is not None]
    found = _cross_file(outcomes, artifacts, digests, setup, today, None, cache, base=True)
    if cache is not None:
        cache.save()  # in the user's cache folder, never in the repository
    return tuple(found), tuple(artifacts)


def _links_followed(
    repo: Repository, files: list[tuple[str, TreeEntry]], entries: dict[str, TreeEntry]
) -> tuple[list[tuple[str, TreeEntry]], list[tuple[str, Problem]]]:
    """Each link among ``files`` replaced by the entry it leads to, or set aside with its
    problem (:mod:`sms_lint.gitrepo.tree_links`)."""
    links = [(p, e) for p, e in files if e.mode == LINK_MODE]
    if not links:
        return files, []
    chained = [e.object_id for e in entries.values() if e.mode == LINK_MODE]
    targets = read_blobs(repo, chained, 4096)
    kept, refused = [], []
    for path, entry in files:
        found = follow(path, entry, targets, entries) if entry.mode == LINK_MODE else entry
        if isinstance(found, TreeEntry):
            kept.append((path, found))
        else:
            refused.append((path, found))
    return kept, refused


def _candidates(
    repo: Repository, commit: str, setup: Setup
) -> tuple[list[tuple[str, TreeEntry]], dict[str, TreeEntry]]:
    """(root-relative path, entry) of each blob (or link) discovery would read, in path
    order: what :func:`~sms_lint.gitrepo.changes.is_candidate` says, each folder asked about
    once; and every entry of the root's tree by root-relative path (where links lead)."""
    exclude = setup.config.exclude
    left_out: dict[str, bool] = {"": False}

    def folder_out(folder: str) -> bool:
        if folder not in left_out:
            parent, _, name = folder.rpartition("/")
            hidden = name.startswith(".")
            left_out[folder] = folder_out(parent) or hidden or matches(folder, exclude)
        return left_out[folder]

    files = []
    entries: dict[str, TreeEntry] = {}
    for entry in tree_entries(repo, commit):
        path = repo.from_top(entry.path)
        if path:
            entries[path] = entry
        if not path or entry.mode not in _FILE_MODES:
            continue
        folder, _, name = path.rpartition("/")
        if name.startswith(".") or not name.lower().endswith(_SUFFIXES) or folder_out(folder):
            continue
        if not exclude or not matches(path, exclude):
            files.append((path, entry))
    files.sort(key=lambda pair: pair[0])
    return files, entries


def _outcomes(
    files: list[tuple[str, TreeEntry]],
    contents: dict[str, bytes],
    setup: Setup,
    cache: ResultCache | None,
) -> tuple[list[FileOutcome], dict[str, bytes]]:
    """The per-file stage of every blob, as :func:`sms_lint.pipeline.engine.file_outcomes` runs it:
    a cached outcome for identical content, else parsed from the blob's bytes."""
    max_kb = setup.config.max_file_kb
    raws: dict[str, Blob] = {}
    processed: list[Processed] = []
    for path, entry in files:
        blob = contents[entry.object_id]
        size = entry.size if entry.size is not None else len(blob)
        if size > max_kb * 1024:
            raws[path] = too_large(size, max_kb), blob[:_HEAD_BYTES]
            continue
        content = digest(blob)
        hit = _cached(cache, path, content)
        if hit is None:
            raws[path] = blob
        else:
            processed.append((hit, content))
    processed += process_each(list(raws), lambda path: _process_blob(path, raws[path], setup))
    processed.sort(key=lambda pair: pair[0].document.path)
    digests = {o.document.path: d for o, d in processed if d is not None}
    return [o for o, _ in processed], digests


def _process_blob(path: str, raw: Blob, setup: Setup) -> Processed:
    """A blob's bytes, or (too large) its problem and first bytes, through the file stage."""
    if isinstance(raw, bytes):
        return process_read(path, raw, setup, lambda: None)
    problem, head = raw
    return process_read(path, problem, setup, lambda: head)


def _cached(cache: ResultCache | None, path: str, content: bytes) -> FileOutcome | None:
    """The cached outcome for this path and content, looked up without changing the cache
    (``ResultCache.outcome`` drops an entry for other content: the work tree's file)."""
    if cache is None or not cache.entries:
        return None
    entry = cache.entries.get(path)
    return None if entry is None else cache_entries.outcome(path, content, entry)
