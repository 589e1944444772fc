"""The cross-file stage: every rule over all artifacts, then folding and waivers.

Its input is the per-file stage's :class:`FileRun`; its output the run's findings, sorted. The
result cache wraps it (:class:`sms_lint.cache.stages.CachedCrossFile`): a run whose inputs are
all unchanged reuses the whole result, and a ``--base`` run the findings of the rules that do
not need the base (``checks.NEEDS_BASE`` always run).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from sms_lint import checks
from sms_lint.config.pack import Rule
from sms_lint.config.rulebook import RuleBook
from sms_lint.finding import Finding
from sms_lint.model import Artifact
from sms_lint.parse.declared import NO_ARTIFACT
from sms_lint.pipeline.filestage import FileOutcome
from sms_lint.pipeline.setup import Setup

if TYPE_CHECKING:
    from sms_lint.checks.base import Context, Hit
    from sms_lint.checks.ids import EntryHistory
    from sms_lint.gitrepo.changes import ChangeSet

# The rules' context, git's order of shared ids, folding and waivers are imported where they
# are used: a warm run that reuses the kept result (sms_lint.cache.stages) needs none of them.

# The engine's own rule: a rule's check that stopped on an unexpected exception.
RULE_CRASHED = "SMS199"
Entered = tuple[Mapping[str, int], Mapping[str, str]]  # git's order of files sharing an id
PerRule = dict[str, tuple[Finding, ...]]  # rule id -> its findings, in rule order


@dataclass
class FileRun:
    """What the per-file stage gives the cross-file stage: every candidate's outcome in path
    order, each read file's content digest, the office and PDF files not read, and (when the
    cache knows them without decoding any document) each artifact's id."""

    outcomes: list[FileOutcome]
    digests: dict[str, bytes]
    not_read: tuple[str, ...] = ()
    ids: dict[str, str | None] | None = None

    @cached_property
    def artifacts(self) -> list[Artifact]:
        return [a for o in self.outcomes if (a := o.artifact) is not None]


@dataclass
class Checked:
    """The stage's findings, and what the cache may keep of the rules' own findings (None
    when a rule put aside what it could not check: those depend on the unread files)."""

    findings: list[Finding]
    per_rule: PerRule | None


class CrossFileStage:
    def __init__(
        self,
        setup: Setup,
        today: datetime.date,
        changes: ChangeSet | None = None,
        history: EntryHistory | None = None,
    ) -> None:
        self.setup, self.today, self.changes, self.history = setup, today, changes, history

    def entered(self, run: FileRun) -> Entered:
        """Git's word on which of the files sharing an id came first (git runs only if some
        id is shared; known ids spare decoding every document to find out)."""
        if run.ids is not None:
            seen: set[str] = set()
            for ident in run.ids.values():
                if ident is not None and ident in seen:
                    break
                if ident is not None:
                    seen.add(ident)
            else:
                return {}, {}
        from sms_lint.checks.ids import entry_order

        return entry_order(run.artifacts, self.history)

    def check(self, run: FileRun, entered: Entered, reuse: PerRule | None = None) -> Checked:
        """Every enabled rule (``reuse``: the findings of rules that need no base, kept from a
        run with the same inputs), then folding and waivers, sorted."""
        from sms_lint.checks.base import Context

        artifacts = run.artifacts
        not_read = [
            o
            for o in run.outcomes
            if o.kind is None and o.document.is_artifact and o.declared[0] != NO_ARTIFACT
        ]
        unread = tuple(o.document.path for o in not_read)
        added, added_on = entered
        context = Context(
            tuple(artifacts), self.setup.framework, self.today, self.setup.config, self.changes,
            unread=unread, declared={o.document.path: o.declared for o in not_read},
            added=added, added_on=added_on,
        )  # fmt: skip
        book = self.setup.rulebook
        per_rule: PerRule | None = {}
        aside: list[tuple[Rule, Hit]] = []  # what could not be checked: a file is unread
        findings: list[Finding | None] = []
        for rule in book.enabled():
            if rule.check not in checks.REGISTRY:
                continue
            needs_base = rule.check in checks.NEEDS_BASE
            if reuse is not None and not needs_base and rule.id in reuse:
                findings.extend(reuse[rule.id])
                if per_rule is not None:
                    per_rule[rule.id] = reuse[rule.id]
                continue
            # Looked up only to run: the look-up imports the rule's module (a reused rule's
            # findings need none).
            check = checks.REGISTRY[rule.check]
            before = len(aside)
            found = [f for f in _rule_findings(rule, check, context, book, aside) if f is not None]
            findings.extend(found)
            if per_rule is not None and not needs_base:
                if len(aside) > before:
                    per_rule = None
                else:
                    per_rule[rule.id] = tuple(found)
        return Checked(self._folded(run, findings, unread, aside, context), per_rule)

    def _folded(
        self,
        run: FileRun,
        findings: list[Finding | None],
        unread: tuple[str, ...],
        aside: list[tuple[Rule, Hit]],
        context: Context,
    ) -> list[Finding]:
        from sms_lint.pipeline.folding import fold, fold_placeholders, name_what_waits
        from sms_lint.pipeline.waivers import apply_waivers

        book = self.setup.rulebook
        per_file = [f for o in run.outcomes for f in o.findings]
        hosted = name_what_waits(per_file, unread, aside, book)
        if hosted is None:  # an unread file has no finding to say it (its rule is switched off)
            hosted = per_file
            for rule, hit in aside:
                _hits_to_findings(rule, [replace(hit, grade=None)], book, findings)
        present = fold_placeholders(fold(hosted, (f for f in findings if f is not None)))
        final = apply_waivers(present, self.setup.config, book, self.today, context)
        final.sort(key=Finding.sort_key)
        return final


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
    from sms_lint.pipeline.folding import checked_hits

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
