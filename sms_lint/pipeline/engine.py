"""Run a check: discover, parse, validate, apply the rules, collect one :class:`Result`.

Parsing is separate from checking and checking from reporting: this module returns data and
never prints or exits.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sms_lint import checks
from sms_lint.config.pack import Framework
from sms_lint.config.rulebook import RuleBook
from sms_lint.files.discovery import Discovered, discover
from sms_lint.finding import Finding, fails
from sms_lint.gitrepo.ignored import StartedIgnored, git_ignored
from sms_lint.model import Artifact
from sms_lint.pipeline.crossfile import RULE_CRASHED, CrossFileStage, FileRun
from sms_lint.pipeline.filestage import FileOutcome, FileStage, Processed, WorkTree
from sms_lint.pipeline.setup import Setup, build_setup

if TYPE_CHECKING:
    from sms_lint.cache.store import ResultCache
    from sms_lint.checks.ids import EntryHistory
    from sms_lint.gitrepo.changes import ChangeSet

__all__ = ["RULE_CRASHED", "Result", "Setup", "build_setup", "run_check"]


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
    # --as-of: the commit described and its committer date (ISO 8601); None for the work tree.
    commit: str | None = None
    committed: str | None = None

    @property
    def failed(self) -> bool:
        return any(not f.excused and fails(f.severity, self.fail_on) for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def candidates(
    root: Path, exclude: tuple[str, ...] = (), ignored: StartedIgnored | None = None
) -> Discovered:
    """Discovery inside a git work tree, less what git ignores (``ignored``: that question
    already asked), with each file's metadata (one ``fstatat`` per file: what the cache
    compares instead of reading it)."""
    return discover(root, exclude, git_ignored(root) if ignored is None else ignored(), signed=True)


def file_run(
    root: Path,
    setup: Setup,
    cache: ResultCache | None = None,
    ignored: StartedIgnored | None = None,
) -> FileRun:
    """The per-file stage for every candidate file under ``root``, in path order: discover,
    then ask the stage (behind the cache, when there is one) for every candidate's outcome."""
    found = candidates(root, setup.config.exclude, ignored)
    stage = FileStage(setup, WorkTree(root, found, setup.config.max_file_kb))
    if cache is None:
        processed = stage.outcomes(found.paths)
        ids = None
    else:
        from sms_lint.cache.stages import CachedFileStage

        cached = CachedFileStage(stage, cache)
        processed, ids = cached.outcomes(found.paths), cached.ids
    return run_of(processed, stage.refused(found.problems), found.not_read, ids)


def run_of(
    processed: list[Processed],
    refused: list[FileOutcome],
    not_read: tuple[str, ...],
    ids: dict[str, str | None] | None,
) -> FileRun:
    """The stage's output as the cross-file stage takes it: every outcome in path order."""
    outcomes = [p.outcome for p in processed] + refused
    outcomes.sort(key=lambda outcome: outcome.document.path)
    digests = {p.outcome.document.path: p.digest for p in processed if p.digest is not None}
    if ids is not None:
        ids.update((o.document.path, None) for o in refused)
    return FileRun(outcomes, digests, not_read, ids)


def cross_file(
    run: FileRun,
    stage: CrossFileStage,
    cache: ResultCache | None,
    base: bool = False,
) -> list[Finding]:
    """The cross-file stage's findings, behind the cache when there is one."""
    if cache is None:
        return stage.check(run, stage.entered(run)).findings
    from sms_lint.cache.stages import CachedCrossFile

    return CachedCrossFile(stage, cache, base).findings(run)


def run_check(
    root: Path,
    setup: Setup,
    today: datetime.date,
    fail_on: str,
    changes: ChangeSet | None = None,
    cache: ResultCache | None = None,
    history: EntryHistory | None = None,
    ignored: StartedIgnored | None = None,
) -> Result:
    """Check the repository at ``root``; never raises for bad input files. ``changes`` (from
    ``--base``) feeds the change rules; ``cache`` (optional) makes unchanged work free;
    ``history`` (optional) says which of the files sharing an id entered git first;
    ``ignored`` (optional) is git's list of ignored files, asked before the setup was built."""
    run = file_run(root, setup, cache, ignored)
    artifacts = run.artifacts
    documents = [o.document for o in run.outcomes if o.document.is_artifact]
    final = cross_file(run, CrossFileStage(setup, today, changes, history), cache)
    if cache is not None:
        cache.forget_missing(set(run.digests))
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
        config_path=inside_root(setup.config.source),
        rules_run=tuple(
            rule.id
            for rule in setup.rulebook.enabled()
            if changes is not None or rule.check not in checks.NEEDS_BASE
        ),
        not_read=run.not_read,
    )


def inside_root(source: str | None) -> str | None:
    """The config's display path when it is a file inside the root (reports may point at it)."""
    if source is None or source.startswith(("/", "..")) or ":" in source:
        return None
    return source
