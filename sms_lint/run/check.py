"""The core of each command: wire the parts together and return an exit code.

``build_*`` functions assemble the pieces; ``run_*`` functions do one command's work. Problems
of usage, configuration or environment are raised as :class:`UsageProblem` (exit 2).
"""

from __future__ import annotations

import functools
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sms_lint.config.file import Config, ConfigError, load_config
from sms_lint.errors import UsageProblem
from sms_lint.gitrepo.place import folder_in_repository
from sms_lint.neutralise import terminal, visible_path
from sms_lint.output import append_report, encode, write_report
from sms_lint.run import collecting
from sms_lint.run.parts import CheckRequest, baselined, data_store, display_root

if TYPE_CHECKING:
    from sms_lint.cache.store import ResultCache
    from sms_lint.config.datacache import DataStore
    from sms_lint.gitrepo.changes import ChangeSet
    from sms_lint.gitrepo.entered import EntryOrder
    from sms_lint.gitrepo.ignored import StartedIgnored
    from sms_lint.pipeline.engine import Result, Setup
    from sms_lint.reporters import Reporter


def build_config(root: Path, config_path: Path | None) -> Config:
    """The config of ``root`` (which must be a folder), for commands that need no rules."""
    if not root.exists():
        raise UsageProblem(f"the root folder {root} does not exist")
    if not root.is_dir():
        raise UsageProblem(f"the root {root} is not a folder")
    try:
        return load_config(root, config_path)
    except ConfigError as error:
        raise UsageProblem(str(error)) from None


def build_check_setup(
    root: Path, config_path: Path | None, use_cache: bool = False, store: DataStore | None = None
) -> Setup:
    """Config, rule packs and schemas for the commands that check (the packs' and schemas'
    parsed data kept in the user's cache folder, ``store``, unless ``--no-cache``)."""
    # Imported here, not at the top: `register` and `history` list documents without rules.
    from sms_lint.config.pack import PackError
    from sms_lint.pipeline.engine import build_setup

    config = build_config(root, config_path)
    if store is None and use_cache:
        store = data_store(root)
    try:
        return build_setup(config, store)
    except (ConfigError, PackError) as error:
        raise UsageProblem(str(error)) from None


def check_result(request: CheckRequest) -> Result:
    """The checked result, with the baseline and ``--new-only``'s base applied."""
    if request.new_only and request.base is None:
        raise UsageProblem("--new-only needs --base REF: the change to judge is the one since REF")
    if request.as_of is not None:
        from sms_lint.run.as_of import as_of_result

        return as_of_result(request, request.as_of)
    from sms_lint.gitrepo.ignored import StartedIgnored

    # Git lists the ignored files while the setup loads (a pre-commit run waits for neither).
    ignored = StartedIgnored(request.root)
    try:
        result, setup, cache = _checked(request, ignored)
    finally:
        ignored.close()
    from sms_lint.baseline import use

    try:
        result = baselined(request, setup, result)
        if request.new_only and request.base is not None:
            result = _new_only(request, setup, result, request.base, cache)
    except use.BaselineError as error:
        raise UsageProblem(str(error)) from None
    return result


def _checked(
    request: CheckRequest, ignored: StartedIgnored
) -> tuple[Result, Setup, ResultCache | None]:
    store = data_store(request.root) if request.use_cache else None
    setup = build_check_setup(request.root, request.config_path, request.use_cache, store)
    from sms_lint.baseline import use

    setup = use.excluding(setup, (request.baseline, setup.config.baseline), request.root)
    result, cache = plain_result(request, setup, store, ignored)
    return result, setup, cache


def _new_only(
    request: CheckRequest, setup: Setup, result: Result, ref: str, cache: ResultCache | None
) -> Result:
    from sms_lint.baseline import use
    from sms_lint.baseline.apply import data_by_path
    from sms_lint.gitrepo.changes import GitProblem
    from sms_lint.pipeline.at_revision import checked_at

    try:
        before, then = checked_at(request.root, setup, request.today, ref, cache)
    except GitProblem as error:
        raise UsageProblem(str(error)) from None
    return use.with_base(result, ref, before, data_by_path(then))


def plain_result(
    request: CheckRequest,
    setup: Setup,
    store: DataStore | None = None,
    ignored: StartedIgnored | None = None,
) -> tuple[Result, ResultCache | None]:
    """The check as the engine gives it (no baseline, no --new-only), and the cache used
    (its fingerprint's rule part kept in ``store``, when given; git's ignored files already
    asked, ``ignored``, when given)."""
    from sms_lint.pipeline.engine import run_check

    changes = None
    if request.base is not None:
        # Git is run only by the runs that compare with a base (or, below, find an id
        # shared).
        from sms_lint.gitrepo.changes import GitProblem, load_change_set

        try:
            changes = load_change_set(request.root, request.base, setup.config)
        except GitProblem as error:
            raise UsageProblem(str(error)) from None
        for note in changes.notes():
            click.echo(f"sms-lint: note: {terminal(note)}", err=True)
        changes = _with_approval_trails(request.root, setup, changes)
    cache = None
    if request.use_cache:
        from sms_lint.cache.store import ResultCache  # only runs that use the cache pay for it

        cache = ResultCache(request.root, setup, store)
    # Which of the files sharing an id came first: git is asked (and its modules loaded) only
    # when some id is shared.
    history = functools.partial(_entry_order, request.root)
    collecting.resume()  # start-up is over (see sms_lint.run.collecting)
    result = run_check(
        request.root, setup, request.today, request.fail_on, changes, cache, history, ignored
    )
    if result.documents == 0:  # 69 "missing" findings would answer the wrong question
        where = visible_path(display_root(request.root))
        raise UsageProblem(f"no SMS documents under {where}: is this the right folder?")
    shown = replace(
        result,
        root=display_root(request.root),
        repository_folder=folder_in_repository(request.root),
    )
    return shown, cache


def _with_approval_trails(root: Path, setup: Setup, changes: ChangeSet) -> ChangeSet:
    """The change set with the history SMS053 and SMS054 read (walked only if one runs)."""
    from sms_lint.checks import NEEDS_TRAILS

    if not any(rule.check in NEEDS_TRAILS for rule in setup.rulebook.enabled()):
        return changes
    from sms_lint.gitrepo.trails import TrailSource

    trails = TrailSource(root, setup.config.max_file_kb * 1024, changes.ref)
    return replace(changes, approval_trails=trails)


def _entry_order(root: Path, paths: tuple[str, ...]) -> EntryOrder:
    from sms_lint.gitrepo.entered import entry_order

    return entry_order(root, paths)


def emit(text: str, output: Path | None) -> None:
    """Print to stdout (``output`` None, or ``-o -``), or write ``output`` safely (see
    sms_lint.output: atomic for files, straight into FIFOs and devices)."""
    if output is None:
        # UTF-8 bytes whatever the locale: a report is never invalid UTF-8.
        click.echo(encode(text), nl=False)
        return
    try:
        write_report(output, text)
    except OSError as error:
        raise UsageProblem(f"cannot write {visible_path(str(output))}: {reason(error)}") from None


def reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def append_step_summary(markdown: str) -> None:
    """Append to the GitHub job summary file, when running in GitHub Actions."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        append_report(Path(target), markdown)
    except OSError as error:
        shown = visible_path(target)
        raise UsageProblem(
            f"cannot append to GITHUB_STEP_SUMMARY ({shown}): {reason(error)}"
        ) from None


def make_reporter(format_name: str, color: bool, request: CheckRequest) -> Reporter:
    # The registry imports only the chosen format's module (no XML code for a text report).
    from sms_lint.reporters import REPORTERS

    if format_name == "junit":
        from sms_lint.reporters.junit import JunitReporter

        return JunitReporter(color=color, family=request.junit_family)
    written = tuple(str(path) for _, path in request.reports if path is not None)
    return REPORTERS[format_name](color=color, reports=written)


def run_check_command(request: CheckRequest) -> int:
    result = check_result(request)
    outputs = [(name, path, False) for name, path in request.reports]
    outputs.append((request.format_name, request.output, request.color))
    summaries = []
    for format_name, path, color in outputs:
        reporter = make_reporter(format_name, color, request)
        emit(reporter.render(result), path)
        summary = reporter.step_summary(result)
        if summary and format_name not in summaries:
            append_step_summary(summary)
            summaries.append(format_name)
    return result.exit_code
