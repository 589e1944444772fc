"""The per-file stage: read, parse and validate each file on its own.

What happens to one file depends only on its bytes, its path and the setup, which is what
makes this stage cacheable and parallel: large repositories are split across processes
(``fork`` only: the workers inherit the built setup instead of rebuilding it).

:class:`FileStage` is the stage as one object: the engine asks it for the outcomes of paths,
and it reads them from its :class:`Source` (the work tree, :class:`WorkTree`, or a git
revision's blobs, :mod:`sms_lint.pipeline.at_revision`). The result cache wraps it
(:class:`sms_lint.cache.stages.CachedFileStage`) rather than threading through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from sms_lint.finding import Finding
from sms_lint.model import Artifact
from sms_lint.parse.declared import NO_ARTIFACT, NO_ID, Declared, declared, kind_key_typo
from sms_lint.parse.documents import Document, parse_document
from sms_lint.parse.loader import Problem
from sms_lint.parse.yamlscalars import shorten
from sms_lint.pipeline.parallel import map_paths

# Reading is its own module; its names stay importable from here.
from sms_lint.pipeline.reading import (  # noqa: F401
    TOO_LARGE,
    Signature,
    _read_at_most,
    head,
    read_bytes,
    read_documents,
    read_signed,
    too_large,
)
from sms_lint.schema.placeholder_values import PlaceholderValues
from sms_lint.schema.prune import prune_paths, pruned

if TYPE_CHECKING:  # the setup is built by pipeline.setup; this stage only reads it
    from sms_lint.files.discovery import Discovered
    from sms_lint.pipeline.setup import Setup


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
        if self.kind is None:
            return None
        return Artifact(self.document, self.kind)


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
        # Only a file the schema rejects pays for the wording of its findings.
        from sms_lint.schema.schema_findings import schema_findings, without_date_twins

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
        from sms_lint.schema.schema_findings import number_version

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


# --- the stage as one object --------------------------------------------------------------


class Processed(NamedTuple):
    """One file through the stage: its outcome, its content's digest (None: not read) and the
    signature of the file read (None: not read, or not a work-tree file)."""

    outcome: FileOutcome
    digest: bytes | None
    signature: Signature | None = None


Read = tuple["bytes | Problem", "Signature | None"]  # a file's bytes (or problem), signature


class Source(Protocol):
    """Where the stage's files come from."""

    def read(self, path: str) -> Read: ...

    def head(self, path: str) -> bytes | None:
        """The first bytes of a file too large to read (None when they cannot be had)."""
        ...

    def signature(self, path: str) -> Signature | None:
        """What vouches for the file's content without reading it (None: nothing does)."""
        ...


class WorkTree:
    """The files discovery found under ``root``, read only if still the files it saw."""

    def __init__(self, root: Path, found: Discovered, max_kb: int) -> None:
        self.root, self.found, self.max_kb = root, found, max_kb

    def read(self, path: str) -> Read:
        return read_signed(self.root, path, self.max_kb, self.found.identity(path))

    def head(self, path: str) -> bytes | None:
        return head(self.root, path, self.found.identity(path))

    def signature(self, path: str) -> Signature | None:
        return self.found.signatures.get(path)


class FileStage:
    """Read, parse and validate files of one source with one setup."""

    def __init__(self, setup: Setup, source: Source) -> None:
        self.setup, self.source = setup, source

    def outcomes(
        self, paths: Sequence[str], known: Mapping[str, Read] | None = None
    ) -> list[Processed]:
        """Every path through the stage, in the given order; ``known``: files already read
        (the cache hashed them), not read again."""
        have = known if known is not None else {}
        return process_each(list(paths), lambda path: self._one(path, have))

    def _one(self, path: str, known: Mapping[str, Read]) -> Processed:
        raw, signed = known[path] if path in known else self.source.read(path)
        outcome = process_read(path, raw, self.setup, lambda: self.source.head(path))
        return Processed(outcome, digest(raw) if isinstance(raw, bytes) else None, signed)

    def refused(self, problems: Iterable[tuple[str, Problem]]) -> list[FileOutcome]:
        """Files discovery would not read (links out of the root, loops, FIFOs): each is its
        problem's finding, and declares nothing."""
        return [
            check_document(Document(path, None, problems=[problem]), self.setup)._replace(
                declared=(NO_ARTIFACT, NO_ID)
            )
            for path, problem in problems
        ]


OneFile = Callable[[str], Processed]  # one path through the stage


def digest(raw: bytes) -> bytes:
    from sms_lint.digests import blake2b  # here: a warm run that reads nothing needs none

    return blake2b(raw, digest_size=16).digest()


def process_read(
    path: str, raw: bytes | Problem, setup: Setup, first: Callable[[], bytes | None]
) -> FileOutcome:
    """:func:`process`; ``first`` gives the first 64 KiB of a file too large to read (None
    when it cannot)."""
    outcome = process(path, raw, setup)
    if isinstance(raw, Problem) and raw.message.endswith(TOO_LARGE):
        # Too large to check, but its first lines still say what it is (see ``declared``).
        lines = first()
        if lines is not None:
            outcome = outcome._replace(declared=declared(lines, None, setup.schemas.kinds))
    return outcome


def process_each(paths: list[str], one: OneFile) -> list[Processed]:
    """``one`` for every path (across processes for many: :mod:`.parallel`; each outcome
    then comes back with its document encoded, decoded when a rule reads it)."""
    return map_paths(paths, one, _sent, _received)


def _sent(processed: Processed) -> tuple:
    outcome, content, signed = processed
    doc = outcome.document
    return (
        doc.parts(),
        doc.is_artifact,
        outcome.kind,
        outcome.findings,
        content,
        outcome.declared,
        signed,
    )


def _received(path: str, sent: tuple) -> Processed:
    parts, is_artifact, kind, findings, content, said, signed = sent
    document = Document.from_parts(path, parts, is_artifact)
    return Processed(FileOutcome(document, kind, findings, said), content, signed)
