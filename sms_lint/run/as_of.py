"""``--as-of DATE``: the check of the SMS as it stood at the end of DATE, read from git.

The commit is found by :mod:`sms_lint.gitrepo.as_of`; its files, and its own
``.sms-lint.yaml``, are read from git's objects (:mod:`sms_lint.pipeline.at_revision`), so
nothing is checked out or written in the repository. The organization packs the config names
in ``policies:`` and its ``baseline:`` file are read from the work tree (see docs/commands.md).
The result cache is looked up, never changed, for the files (the work tree's run owns those
entries) and keeps the revision's whole-run result beside the work tree's.
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sms_lint.config.file import CONFIG_NAME, Config, ConfigError, config_from_bytes, load_config
from sms_lint.errors import UsageProblem
from sms_lint.gitrepo.as_of import revision_on
from sms_lint.gitrepo.place import folder_in_repository
from sms_lint.gitrepo.sandbox import GitProblem
from sms_lint.neutralise import terminal, visible_path

if TYPE_CHECKING:
    from sms_lint.gitrepo.entered import EntryOrder
    from sms_lint.gitrepo.repo import Repository
    from sms_lint.pipeline.engine import Result
    from sms_lint.run.parts import CheckRequest


def as_of_result(request: CheckRequest, as_of: datetime.date) -> Result:
    """What ``check`` would report on a checkout of the commit ``as_of`` names."""
    from sms_lint.baseline import use
    from sms_lint.config.pack import PackError
    from sms_lint.pipeline.at_revision import run_at
    from sms_lint.pipeline.engine import Result, build_setup, inside_root
    from sms_lint.run.parts import baselined, data_store, display_root

    if request.base is not None or request.new_only:
        raise UsageProblem("--as-of cannot be combined with --base or --new-only")
    revision = revision_on(request.root, as_of)
    config = config_at(request.root, revision.commit, request.config_path)
    for name in changed_since(request.root, revision.commit, config):
        click.echo(
            f"sms-lint: note: {terminal(name)} is read from the work tree and differs from "
            f"its version at commit {revision.commit[:12]}: the report may differ from a "
            "checkout's",
            err=True,
        )
    store = data_store(request.root) if request.use_cache else None
    try:
        setup = build_setup(config, store)
    except (ConfigError, PackError) as error:
        raise UsageProblem(str(error)) from None
    setup = use.excluding(setup, (request.baseline, setup.config.baseline), request.root)
    cache = None
    if request.use_cache:
        from sms_lint.cache.store import ResultCache

        cache = ResultCache(request.root, setup, store)
    history = functools.partial(_entry_order, request.root, revision.commit)
    try:
        found, run = run_at(request.root, setup, request.today, revision.commit, cache, history)
    except GitProblem as problem:
        raise UsageProblem(str(problem)) from None
    documents = [o.document for o in run.outcomes if o.document.is_artifact]
    if not documents:  # as a checkout of the commit would say
        where = visible_path(display_root(request.root))
        raise UsageProblem(f"no SMS documents under {where}: is this the right folder?")
    result = Result(
        root=display_root(request.root),
        today=request.today,
        framework=setup.framework,
        rulebook=setup.rulebook,
        artifacts=tuple(run.artifacts),
        documents=len(documents),
        paths=tuple(d.path for d in documents),
        findings=found,
        fail_on=request.fail_on,
        config_path=inside_root(config.source),
        rules_run=tuple(r.id for r in setup.rulebook.enabled() if r.check not in _needs_base()),
        repository_folder=folder_in_repository(request.root),
        not_read=run.not_read,
        commit=revision.commit,
        committed=revision.committed,
    )
    try:
        return baselined(request, setup, result)
    except use.BaselineError as error:
        raise UsageProblem(str(error)) from None


def _needs_base() -> frozenset[str]:
    from sms_lint import checks

    return frozenset(checks.NEEDS_BASE)


def config_at(root: Path, commit: str, explicit: Path | None) -> Config:
    """``--config`` when given (trusted, as the command line), else the root's
    ``.sms-lint.yaml`` as ``commit`` holds it (the defaults when it held none)."""
    try:
        if explicit is not None:
            return load_config(root, explicit)
        raw = _config_blob(root, commit)
        if raw is None:
            return Config()
        return config_from_bytes(raw, CONFIG_NAME, root / CONFIG_NAME, root)
    except ConfigError as error:
        raise UsageProblem(f"at commit {commit[:12]}: {error}") from None


def changed_since(root: Path, commit: str, config: Config) -> list[str]:
    """The organization packs and baseline file ``config`` names (read from the work tree)
    whose work-tree content is not what ``commit`` holds, by root-relative name."""
    named = [*config.policies, *([config.baseline] if config.baseline else [])]
    inside = []
    for path in named:
        try:
            inside.append((path, path.resolve().relative_to(root.resolve()).as_posix()))
        except ValueError:
            continue  # outside the root (named by --config): not in the repository's history
    if not inside:
        return []
    from sms_lint.gitrepo.repo import open_repository

    try:
        repo = open_repository(root)
        if repo is None:
            return []
        with repo:
            return [name for path, name in inside if _differs(repo, commit, path, name)]
    except GitProblem:
        return []


def _differs(repo: Repository, commit: str, path: Path, name: str) -> bool:
    """Read as the pack loader reads it: a regular file only (a FIFO is never opened)."""
    from sms_lint.gitrepo.worktree import read_regular

    try:
        now = read_regular(path.resolve(), 1 << 24)
    except (OSError, RuntimeError):
        now = None
    return _blob_at(repo, commit, name) != now


def _blob_at(repo: Repository, commit: str, name: str) -> bytes | None:
    """The content of the root-relative file ``name`` at ``commit``; None: no such file."""
    from sms_lint.gitrepo.blobs import read_blobs

    listed = repo.run("ls-tree", "-z", commit, "--", repo.pathspec(name))
    fields = listed.split(b"\0")[0].split(b"\t")[0].split()
    if len(fields) < 3 or fields[1] != b"blob":
        return None  # none, or not a file (a link, a folder)
    object_id = fields[2].decode("ascii")
    return read_blobs(repo, [object_id], 1 << 24)[object_id]


def _config_blob(root: Path, commit: str) -> bytes | None:
    from sms_lint.gitrepo.repo import open_repository

    try:
        repo = open_repository(root)
        if repo is None:
            return None
        with repo:
            return _blob_at(repo, commit, CONFIG_NAME)
    except GitProblem as problem:
        raise UsageProblem(str(problem)) from None


def _entry_order(root: Path, commit: str, paths: tuple[str, ...]) -> EntryOrder:
    from sms_lint.gitrepo.entered import entry_order

    return entry_order(root, paths, commit)


def checked_config(root: Path, config_path: Path | None, commit: str | None) -> Config:
    """The config a check used: the work tree's, or (``--as-of``) the commit's."""
    if commit is not None:
        return config_at(root, commit, config_path)
    return load_config(root, config_path)
