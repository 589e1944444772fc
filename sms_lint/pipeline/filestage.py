"""The per-file stage: read, parse and validate each file on its own.

What happens to one file depends only on its bytes, its path and the setup, which is what
makes this stage cacheable and parallel: large repositories are split across processes
(``fork`` only: the workers inherit the built setup instead of rebuilding it).
"""

from __future__ import annotations

import errno
import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sms_lint.files.safeopen import FileId, Refused, open_checked, refusal
from sms_lint.finding import Finding
from sms_lint.gitrepo.ignored import candidates
from sms_lint.model import Artifact
from sms_lint.parse.declared import Declared, declared, kind_key_typo
from sms_lint.parse.documents import Document, parse_document
from sms_lint.parse.loader import Problem
from sms_lint.parse.yamlscalars import shorten
from sms_lint.schema.placeholder_values import PlaceholderValues
from sms_lint.schema.prune import prune_paths, pruned
from sms_lint.schema.schema_findings import number_version, schema_findings, without_date_twins

if TYPE_CHECKING:  # the setup is built by engine_setup; this stage only reads it
    from sms_lint.config.file import Config
    from sms_lint.pipeline.setup import Setup

# Below this many files to parse, starting processes costs more than it saves.
PARALLEL_THRESHOLD = 1500


class FileOutcome(NamedTuple):
    """One file after the per-file stage: its document, kind (if an artifact) and findings.
    (A NamedTuple: one per file, made in workers and in the parent.)"""

    document: Document
    kind: str | None
    findings: tuple[Finding, ...]
    # For a file that did not become an artifact: the (kind, id) its text declares, read
    # from the raw lines, so that a rule looking for roles or an id can tell whether the file
    # might hold them (None: unknown).
    declared: Declared = (None, None)

    @property
    def artifact(self) -> Artifact | None:
        return Artifact(self.document, self.kind) if self.kind is not None else None


def read_bytes(root: Path, path: str, max_kb: int, seen: FileId | None = None) -> bytes | Problem:
    """The file's bytes, or the problem that stops it being read (too large, unreadable, not
    a regular file, or no longer the file discovery ``seen``: see :mod:`sms_lint.files.safeopen`).
    A symbolic link inside the root is read as the file it leads to (``seen.opened``)."""
    limit = max_kb * 1024
    opened = seen.opened if seen is not None and seen.opened is not None else path
    try:
        handle, status = open_checked(os.path.join(root, opened), seen)
        try:
            size = status.st_size
            raw = _read_at_most(handle, limit + 1, size + 1)
        finally:
            os.close(handle)
    except Refused as refused:
        return refusal(str(refused))
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            return refusal(
                "the file's path is longer than the system allows: not read; shorten the "
                "folder names or exclude it in .sms-lint.yaml"
            )
        return refusal(f"cannot read the file: {error.strerror or 'unreadable'}")
    if len(raw) > limit:
        return too_large(max(size, len(raw)), max_kb)
    return raw


def too_large(size: int, max_kb: int) -> Problem:
    """The problem of a file of ``size`` bytes over ``max_kb``: not read."""
    return Problem(
        "SMS100", 1, 1, f"the file is {size // 1024} KiB, over the {max_kb} KiB limit {TOO_LARGE}"
    )


def _head(root: Path, path: str, seen: FileId | None) -> bytes | None:
    """The first 64 KiB of a file, opened as :func:`read_bytes` opens it; None if it cannot."""
    opened = seen.opened if seen is not None and seen.opened is not None else path
    try:
        handle, _ = open_checked(os.path.join(root, opened), seen)
    except (Refused, OSError):
        return None
    try:
        return os.read(handle, 64 * 1024)
    except OSError:
        return None
    finally:
        os.close(handle)


TOO_LARGE = "(max_file_kb in .sms-lint.yaml): not read"  # the end of a too-large file's message


def _read_at_most(handle: int, most: int, expected: int) -> bytes:
    """Up to ``most`` bytes, asking first for the ``expected`` size: a buffer of the whole
    limit for every small file costs several times the read itself. A file that grew since
    its size was taken is read on, in chunks, up to ``most``."""
    chunks = []
    total = 0
    want = min(expected, most)
    while total < most:
        chunk = os.read(handle, min(want, most - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1 << 16
    return b"".join(chunks)  # a single chunk comes back as it is, not copied


def read_documents(root: Path, config: Config) -> list[Document]:
    """Discover and parse every candidate file, in path order (no checks). Used by the
    commands that list documents (register, history)."""
    found = candidates(root, config.exclude)
    documents = [
        parse_document(p, raw)
        if isinstance(raw := read_bytes(root, p, config.max_file_kb, found.identity(p)), bytes)
        else Document(p, None, problems=[raw])
        for p in found.paths
    ]
    documents += [Document(path, None, problems=[problem]) for path, problem in found.problems]
    documents.sort(key=lambda d: d.path)
    return documents


def process(path: str, raw: bytes | Problem, setup: Setup) -> FileOutcome:
    """Parse and validate one file's bytes (or turn its read problem into a finding)."""
    if isinstance(raw, Problem):
        document = Document(path, None, problems=[raw])
    else:
        document = parse_document(path, raw, setup.config.placeholders)
    outcome = check_document(document, setup, raw if isinstance(raw, bytes) else None)
    if outcome.kind is None and isinstance(raw, bytes):
        return outcome._replace(declared=declared(raw, document.data, setup.schemas.kinds))
    return outcome


def check_document(doc: Document, setup: Setup, source: bytes | None = None) -> FileOutcome:
    """Loader problems, kind, schema and version checks for one document (``source``, its
    bytes when at hand, lets a finding quote a value as it is written)."""
    book = setup.rulebook
    out: list[Finding | None] = [
        book.finding(p.code, doc.path, (p.line, p.column), p.message) for p in doc.problems
    ]
    data = doc.data
    kind = data.get("kind") if data is not None else None
    if data is None:
        return FileOutcome(doc, None, _present(out))
    artifact_id = data.get("id") if isinstance(data.get("id"), str) else None
    if not isinstance(kind, str) or not setup.schemas.has_kind(kind):
        meant = kind_key_typo(data) if "kind" not in data else None
        if meant is not None:
            key, value = meant
            message = (
                f"no 'kind', but '{shorten(key)}: {shorten(value)}' looks meant as it: "
                f"write kind: {shorten(value)}, so that the rules check this file"
            )
            where = doc.position((key,))
        else:
            message, where = _kind_message(kind, setup), doc.position(("kind",))
        out.append(book.finding("SMS107", doc.path, where, message, artifact=artifact_id))
        return FileOutcome(doc, None, _present(out))
    errors = setup.schemas.errors(kind, data)
    # Placeholders in the front matter are found here: a rejected one is SMS027's finding.
    placeholders = PlaceholderValues.of(data, book, setup.config.placeholders)
    if errors:
        # Rules see only schema-valid values: what the schema rejects is pruned (SMS001 below
        # reports it); positions stay those of the file.
        header_fields = setup.schemas.header_fields
        valid = pruned(data, prune_paths(data, errors, header_fields))
        doc = Document(doc.path, valid, doc.positions, doc.problems, doc.is_artifact, doc.body)
        home = setup.home_clause(Artifact(doc, kind))
        found = schema_findings(
            doc, kind, errors, artifact_id, book, header_fields, home, placeholders
        )
        schema = list(found)
        out = without_date_twins(out, schema, data)
        out.extend(schema)
    if placeholders is not None:
        out.extend(placeholders.findings(doc, artifact_id, source))
    version = data.get("version")
    if isinstance(version, float):
        out.append(number_version(doc, version, artifact_id, source, book))
    return FileOutcome(doc, kind, _present(out))


def _present(findings: Iterable[Finding | None]) -> tuple[Finding, ...]:
    return tuple(f for f in findings if f is not None)


def _kind_message(kind: object, setup: Setup) -> str:
    """Why the file is no artifact and what to do; a kind hint only for a plausible typo."""
    known = ", ".join(sorted(setup.framework.kinds))
    excluded = "or list the file under exclude in .sms-lint.yaml if it is not part of the SMS"
    if kind is None:
        return (
            f"no 'kind', so this file is not an artifact and no rule checks it: add 'kind:' "
            f"with one of {known}, {excluded}"
        )
    if not isinstance(kind, str):
        return f"kind must be one word naming the kind of artifact ({known}), {excluded}"
    from sms_lint.suggest import FILE_BUDGET, Budget, Suggester, did_you_mean

    hint = Suggester(setup.framework.kinds, Budget(FILE_BUDGET)).hint(kind)
    return (
        f"unknown kind '{shorten(kind)}'{did_you_mean(hint)}, so no rule checks this file: "
        f"write one of {known}, {excluded}"
    )


# --- parallel processing -------------------------------------------------------------------

Seen = Mapping[str, "FileId | None"]  # discovery's identity of each path (Discovered)
Processed = tuple[FileOutcome, "bytes | None"]  # the outcome and the content's digest
# One path's read and per-file stage: from the disk, or from bytes at hand (a git blob).
OneFile = Callable[[str], Processed]
_WORKER: OneFile | None = None  # set in the parent just before forking


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def process_read(
    path: str, raw: bytes | Problem, setup: Setup, head: Callable[[], bytes | None]
) -> Processed:
    """:func:`process` and the content's digest; ``head`` gives the first 64 KiB of a file
    too large to read (None when it cannot)."""
    outcome = process(path, raw, setup)
    if isinstance(raw, Problem) and raw.message.endswith(TOO_LARGE):
        # Too large to check, but its first lines still say what it is (see ``declared``).
        first = head()
        if first is not None:
            outcome = outcome._replace(declared=declared(first, None, setup.schemas.kinds))
    return outcome, digest(raw) if isinstance(raw, bytes) else None


def _process_path(root: Path, path: str, setup: Setup, seen: Seen) -> Processed:
    raw = read_bytes(root, path, setup.config.max_file_kb, seen.get(path))
    return process_read(path, raw, setup, lambda: _head(root, path, seen.get(path)))


def _work(path: str) -> tuple:
    assert _WORKER is not None
    outcome, content = _WORKER(path)
    doc = outcome.document
    kind, findings, said = outcome.kind, outcome.findings, outcome.declared
    return path, doc.encode(), doc.is_artifact, kind, findings, content, said


def process_many(
    root: Path, paths: list[str], setup: Setup, seen: Seen | None = None
) -> list[Processed]:
    """Process files, across processes when there are many and the platform forks; ``seen``
    is what discovery saw of each path (a file that is no longer that file is not read)."""
    known = seen if seen is not None else {}
    return process_each(paths, lambda path: _process_path(root, path, setup, known))


def process_each(paths: list[str], one: OneFile) -> list[Processed]:
    """``one`` for every path, across processes when there are many and the platform forks
    (the workers inherit ``one`` and what it holds; only paths and results are sent)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_THRESHOLD or workers < 2 or not sys.platform.startswith("linux"):
        return [one(p) for p in paths]
    global _WORKER
    _WORKER = one
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_work, paths, chunksize=max(1, len(paths) // (workers * 8)))
    finally:
        _WORKER = None
    return [
        (FileOutcome(Document.lazy(path, payload, is_artifact), kind, findings, said), content)
        for path, payload, is_artifact, kind, findings, content, said in results
    ]
