"""Run a check: discover, parse, validate, apply the rules, collect one :class:`Result`.

Parsing is separate from checking and checking from reporting: this module returns data and
never prints or exits.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sms_lint import checks
from sms_lint.checks.base import Context, Hit
from sms_lint.checks.ids import EntryHistory, entry_order
from sms_lint.config.pack import Framework, Rule
from sms_lint.config.rulebook import RuleBook
from sms_lint.finding import Finding, fails
from sms_lint.gitrepo.ignored import candidates
from sms_lint.model import Artifact
from sms_lint.parse.declared import NO_ARTIFACT, NO_ID
from sms_lint.parse.documents import Document
from sms_lint.pipeline.filestage import (
    FileOutcome,
    check_document,
    digest,
    process_many,
    read_bytes,
)
from sms_lint.pipeline.folding import checked_hits, fold, fold_placeholders, name_what_waits
from sms_lint.pipeline.setup import Setup, build_setup
from sms_lint.pipeline.waivers import apply_waivers

if TYPE_CHECKING:
    from sms_lint.cache.store import ResultCache
    from sms_lint.gitrepo.changes import ChangeSet

__all__ = ["Result", "Setup", "build_setup", "run_check"]


@dataclass(frozen=True)
class Result:
    """Everything a reporter needs. ``findings`` are sorted by path, line, rule."""

    root: str
    today: datetime.date
    framework: Framework
    rulebook: RuleBook
    artifacts: tuple[Artifact, ...]
    documents: int  # files that are artifacts or tried to be (Markdown without front matter is not)
    paths: tuple[str, ...]  # those files' paths, sorted
    findings: tuple[Finding, ...]
    fail_on: str
    config_path: str | None = None  # the config file, relative to the root, when inside it
    rules_run: tuple[str, ...] = ()  # ids of the rules that examined this run (JUnit cases)
    # The root's folder from the top of its git work tree ("sms/"; "" at the top or outside
    # git): SARIF and GitHub annotations name files from the repository's top.
    repository_folder: str = ""
    # Office files and PDF under the root (sorted): never read, named in the report.
    not_read: tuple[str, ...] = ()
    # --baseline: the baseline file as shown; --new-only: the base ref, and the findings the
    # base had that are gone now (fixed by the change).
    baseline: str | None = None
    new_only: str | None = None
    fixed: tuple[Finding, ...] = ()

    @property
    def failed(self) -> bool:
        return any(not f.excused and fails(f.severity, self.fail_on) for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def file_outcomes(
    root: Path, setup: Setup, cache: ResultCache | None = None
) -> tuple[list[FileOutcome], dict[str, bytes], tuple[str, ...]]:
    """The per-file stage for every candidate file, in path order, each readable file's
    content digest, and the office and PDF files discovery found and did not read. Cached
    outcomes are reused only for identical content."""
    found = candidates(root, setup.config.exclude)
    todo = list(found.paths)
    processed: list[tuple[FileOutcome, bytes | None]] = []
    if cache is not None and cache.entries:
        todo = []
        for path in found.paths:
            raw = read_bytes(root, path, setup.config.max_file_kb, found.identity(path))
            content = digest(raw) if isinstance(raw, bytes) else None
            hit = cache.outcome(path, content) if content is not None else None
            if hit is None:
                todo.append(path)
            else:
                processed.append((hit, content))
    for outcome, content in process_many(root, todo, setup, found.identities):
        processed.append((outcome, content))
        if cache is not None and content is not None:
            cache.store(outcome.document.path, content, outcome)
    for path, problem in found.problems:  # links out of the root, loops, FIFOs: never read
        refused = check_document(Document(path, None, problems=[problem]), setup)
        processed.append((refused._replace(declared=(NO_ARTIFACT, NO_ID)), None))
    processed.sort(key=lambda pair: pair[0].document.path)
    digests = {o.document.path: d for o, d in processed if d is not None}
    return [o for o, _ in processed], digests, found.not_read


# The engine's own rule: a rule's check that stopped on an unexpected exception.
RULE_CRASHED = "SMS199"


def _rule_findings(
    rule: Rule,
    check: checks.CheckFunction,
    context: Context,
    book: RuleBook,
    aside: list[tuple[Rule, Hit]],
) -> list[Finding | None]:
    """The rule's findings; a rule that raises keeps the findings made so far and adds one
    repository-wide SMS199 finding, and the run goes on with the other rules. Rules see only
    schema-valid data, so this is a safety net for bugs, not a way to handle bad input."""
    out: list[Finding | None] = []
    try:
        _hits_to_findings(rule, checked_hits(rule, check(context, rule), aside), book, out)
    except Exception as error:  # any bug in one rule must not lose the whole report
        where = _examined_file(error)
        message = f"rule {rule.id} stopped{f' on {where}' if where else ''}: internal error, "
        out.append(book.finding(RULE_CRASHED, None, None, message + "please report it"))
    return out


def _examined_file(error: BaseException) -> str | None:
    """The path of the artifact the failing code was looking at: the innermost frame of the
    traceback with an Artifact among its local variables."""
    frames = []
    trace = error.__traceback__
    while trace is not None:
        frames.append(trace.tb_frame)
        trace = trace.tb_next
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            if isinstance(value, Artifact):
                return value.path
    return None


def _hits_to_findings(
    rule: Rule, hits: Iterable[Hit], book: RuleBook, out: list[Finding | None]
) -> None:
    for hit in hits:
        if hit.artifact is None:
            out.append(
                book.finding(rule.id, None, None, hit.message, clause=hit.clause, grade=hit.grade)
            )
        else:
            out.append(
                book.finding(
                    rule.id,
                    hit.artifact.path,
                    hit.position or hit.artifact.doc.position(hit.at),
                    hit.message,
                    clause=hit.clause,
                    artifact=hit.artifact.id,
                    grade=hit.grade,
                    about=hit.subjects,
                )
            )


def _cross_file(
    outcomes: list[FileOutcome],
    artifacts: list[Artifact],
    digests: dict[str, bytes],
    setup: Setup,
    today: datetime.date,
    changes: ChangeSet | None,
    cache: ResultCache | None,
    history: EntryHistory | None = None,
    base: bool = False,
) -> list[Finding]:
    """Every rule over all artifacts, plus the per-file findings, waived and sorted.

    When nothing at all changed (same files, same inputs, same day) the cached result is the
    answer; files that could not be read enter the key through their findings, and what git
    says of the files sharing an id (a commit can change which came first) through ``added``.
    ``base``: the check of a base revision (``--new-only``), kept in the cache beside the
    work tree's result, never in its place.
    """
    added, added_on = entry_order(artifacts, history)  # git runs only if some id is shared
    key = None
    if cache is not None and changes is None:
        no_bytes = tuple(  # files whose bytes could not be read have no digest to key on
            (o.document.path, o.findings) for o in outcomes if o.document.path not in digests
        )
        entered = (sorted(added.items()), sorted(added_on.items()))
        key = cache.run_key(digests, today.isoformat(), repr(no_bytes), repr(entered))
        cached = cache.cached_findings(key)
        if cached is not None:
            return list(cached)
    findings: list[Finding | None] = []
    not_read = [
        o
        for o in outcomes
        if o.kind is None and o.document.is_artifact and o.declared[0] != NO_ARTIFACT
    ]
    unread = tuple(o.document.path for o in not_read)
    context = Context(
        tuple(artifacts),
        setup.framework,
        today,
        setup.config,
        changes,
        unread=unread,
        declared={o.document.path: o.declared for o in not_read},
        added=added,
        added_on=added_on,
    )
    aside: list[tuple[Rule, Hit]] = []  # what could not be checked: a file could not be read
    for rule in setup.rulebook.enabled():
        check = checks.REGISTRY.get(rule.check)
        if check is not None:
            findings.extend(_rule_findings(rule, check, context, setup.rulebook, aside))
    per_file = [f for o in outcomes for f in o.findings]
    hosted = name_what_waits(per_file, unread, aside, setup.rulebook)
    if hosted is None:  # an unread file has no finding to say it (its rule is switched off)
        hosted = per_file
        for rule, hit in aside:
            _hits_to_findings(rule, [replace(hit, grade=None)], setup.rulebook, findings)
    present = fold_placeholders(fold(hosted, (f for f in findings if f is not None)))
    final = apply_waivers(present, setup.config, setup.rulebook, today, context)
    final.sort(key=Finding.sort_key)
    if cache is not None and key is not None:
        cache.remember_findings(key, tuple(final), base=base)
    return final


def run_check(
    root: Path,
    setup: Setup,
    today: datetime.date,
    fail_on: str,
    changes: ChangeSet | None = None,
    cache: ResultCache | None = None,
    history: EntryHistory | None = None,
) -> Result:
    """Check the repository at ``root``; never raises for bad input files. ``changes`` (from
    ``--base``) feeds the change rules; ``cache`` (optional) makes unchanged work free;
    ``history`` (optional) says which of the files sharing an id entered git first."""
    outcomes, digests, not_read = file_outcomes(root, setup, cache)
    artifacts = [a for o in outcomes if (a := o.artifact) is not None]
    documents = [o.document for o in outcomes if o.document.is_artifact]
    final = _cross_file(outcomes, artifacts, digests, setup, today, changes, cache, history)
    if cache is not None:
        cache.forget_missing(set(digests))
        cache.save()
    return Result(
        root=str(root),
        today=today,
        framework=setup.framework,
        rulebook=setup.rulebook,
        artifacts=tuple(artifacts),
        documents=len(documents),
        paths=tuple(d.path for d in documents),
        findings=tuple(final),
        fail_on=fail_on,
        config_path=_inside_root(setup.config.source),
        rules_run=tuple(
            rule.id
            for rule in setup.rulebook.enabled()
            if changes is not None or rule.check not in checks.NEEDS_BASE
        ),
        not_read=not_read,
    )


def _inside_root(source: str | None) -> str | None:
    """The config's display path when it is a file inside the root (reports may point at it)."""
    if source is None or source.startswith(("/", "..")) or ":" in source:
        return None
    return source
