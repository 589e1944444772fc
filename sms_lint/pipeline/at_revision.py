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

from sms_lint.files.discovery import matches
from sms_lint.finding import Finding
from sms_lint.gitrepo.blobs import read_blobs
from sms_lint.gitrepo.changes import repository_for_base
from sms_lint.gitrepo.repo import Repository, resolve_commit
from sms_lint.gitrepo.tree_links import LINK_MODE, follow
from sms_lint.gitrepo.trees import TreeEntry, tree_entries
from sms_lint.model import Artifact
from sms_lint.parse.documents import MARKDOWN_SUFFIXES, YAML_SUFFIXES
from sms_lint.parse.loader import Problem
from sms_lint.pipeline.crossfile import CrossFileStage
from sms_lint.pipeline.engine import cross_file, run_of
from sms_lint.pipeline.filestage import FileStage, Read, Signature, too_large
from sms_lint.pipeline.setup import Setup

if TYPE_CHECKING:
    from sms_lint.cache.store import ResultCache
    from sms_lint.checks.ids import EntryHistory
    from sms_lint.config.file import Config
    from sms_lint.parse.documents import Document
    from sms_lint.pipeline.crossfile import FileRun

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
    found, run = run_at(root, setup, today, ref, cache)
    return found, tuple(run.artifacts)


def run_at(
    root: Path,
    setup: Setup,
    today: datetime.date,
    ref: str,
    cache: ResultCache | None = None,
    history: EntryHistory | None = None,
) -> tuple[tuple[Finding, ...], FileRun]:
    """The findings at ``ref`` and the per-file run they came from; ``history`` (for
    ``--as-of``) says which of the files sharing an id entered git first."""
    with repository_for_base(root, ref) as repo:
        commit = resolve_commit(repo, ref)
        files, entries = _candidates(repo, commit, setup.config.exclude)
        files, refused = _links_followed(repo, files, entries)
        keep = max(setup.config.max_file_kb * 1024, _HEAD_BYTES)
        contents = read_blobs(repo, (entry.object_id for _, entry in files), keep)
    raws = {path: _blob(entry, contents, setup.config.max_file_kb) for path, entry in files}
    stage = FileStage(setup, Blobs(raws))
    paths = [path for path, _ in files]
    if cache is None:
        processed, ids = stage.outcomes(paths), None
    else:  # the work tree's run owns the entries: looked up for identical content only
        from sms_lint.cache.stages import CachedFileStage

        cached = CachedFileStage(stage, cache, lookup_only=True)
        processed, ids = cached.outcomes(paths), cached.ids
    run = run_of(processed, stage.refused(refused), (), ids)
    found = cross_file(run, CrossFileStage(setup, today, None, history), cache, base=True)
    if cache is not None:
        cache.save()  # in the user's cache folder, never in the repository
    return tuple(found), run


def documents_at(root: Path, config: Config, commit: str) -> list[Document]:
    """Every candidate file ``commit`` holds under ``root``, parsed (no checks), in path
    order: what :func:`~sms_lint.pipeline.reading.read_documents` reads in a checkout of it
    (``register --as-of``). GitProblem when git cannot read the objects."""
    from sms_lint.parse.documents import Document, parse_document

    blobs, refused = blobs_at(root, config, commit)
    documents = []
    for path, raw in blobs:
        parsed = parse_document(path, raw) if isinstance(raw, bytes) else None
        documents.append(parsed or Document(path, None, problems=[raw[0]]))  # type: ignore[index]
    documents += [Document(path, None, problems=[problem]) for path, problem in refused]
    documents.sort(key=lambda document: document.path)
    return documents


def blobs_at(
    root: Path, config: Config, commit: str
) -> tuple[list[tuple[str, Blob]], list[tuple[str, Problem]]]:
    """Every candidate file ``commit`` holds under ``root``, in path order, with its content
    (or, too large, its problem and first bytes), and the links that lead nowhere readable
    with their problems (``documents_at``; ``export --as-of`` reads the Markdown bodies)."""
    with repository_for_base(root, commit) as repo:
        files, entries = _candidates(repo, commit, config.exclude)
        files, refused = _links_followed(repo, files, entries)
        keep = max(config.max_file_kb * 1024, _HEAD_BYTES)
        contents = read_blobs(repo, (entry.object_id for _, entry in files), keep)
    return [(path, _blob(entry, contents, config.max_file_kb)) for path, entry in files], refused


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
    repo: Repository, commit: str, exclude: tuple[str, ...]
) -> tuple[list[tuple[str, TreeEntry]], dict[str, TreeEntry]]:
    """(root-relative path, entry) of each blob (or link) discovery would read, in path
    order: what :func:`~sms_lint.gitrepo.changes.is_candidate` says, each folder asked about
    once; and every entry of the root's tree by root-relative path (where links lead)."""
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


def _blob(entry: TreeEntry, contents: dict[str, bytes], max_kb: int) -> Blob:
    """A blob's bytes, or (too large to check) its problem and first bytes."""
    blob = contents[entry.object_id]
    size = entry.size if entry.size is not None else len(blob)
    if size > max_kb * 1024:
        return too_large(size, max_kb), blob[:_HEAD_BYTES]
    return blob


class Blobs:
    """The per-file stage's source for a revision: its blobs, already read from git."""

    def __init__(self, raws: dict[str, Blob]) -> None:
        self.raws = raws

    def read(self, path: str) -> Read:
        raw = self.raws[path]
        return (raw, None) if isinstance(raw, bytes) else (raw[0], None)

    def head(self, path: str) -> bytes | None:
        raw = self.raws[path]
        return None if isinstance(raw, bytes) else raw[1]

    def signature(self, path: str) -> Signature | None:
        return None  # nothing vouches for a blob but its content
