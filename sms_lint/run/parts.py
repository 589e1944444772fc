"""What every way of running a check shares: the request, the user's data cache, the root as
reports show it, and the baseline applied to a result. :mod:`sms_lint.run.check` checks the work
tree, :mod:`sms_lint.run.as_of` a commit; both build on these, so neither imports the other's
parts."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sms_lint.config.datacache import DataStore
    from sms_lint.pipeline.engine import Result, Setup


class CheckRequest(NamedTuple):
    """What one ``check`` (or ``coverage``, ``baseline``) run was asked for.

    A NamedTuple, not a frozen dataclass: as immutable, and an eighth of the cost to define,
    which every run pays at start-up (0.6 ms against 5 ms on a busy 2-core machine)."""

    root: Path
    format_name: str
    output: Path | None
    today: datetime.date
    fail_on: str
    base: str | None
    config_path: Path | None
    reports: tuple[tuple[str, Path | None], ...]  # None: standard output
    use_cache: bool
    color: bool
    junit_family: str = "xunit2"  # every JUnit output of the run (--format and --report)
    baseline: Path | None = None  # --baseline (else the config's ``baseline:``)
    new_only: bool = False  # --new-only: fail only on what the change since ``base`` added
    as_of: datetime.date | None = None  # --as-of: the SMS as it stood at the end of this day


def reading_request(
    root: Path,
    today: datetime.date,
    config_path: Path | None,
    as_of: datetime.date | None = None,
    use_cache: bool = True,
) -> CheckRequest:
    """A check run for what it reads and finds, not for a report of its own (coverage, due,
    export, baseline): no output, never failing."""
    return CheckRequest(
        root=root,
        format_name="json",  # unused: the caller renders its own formats
        output=None,
        today=today,
        fail_on="never",
        base=None,
        config_path=config_path,
        reports=(),
        use_cache=use_cache,
        color=False,
        as_of=as_of,
    )


def data_store(root: Path) -> DataStore:
    from sms_lint.config.datacache import DataStore

    return DataStore(root)


def display_root(root: Path) -> str:
    return root.as_posix()


def baselined(request: CheckRequest, setup: Setup, result: Result) -> Result:
    from sms_lint.baseline import use

    path, trusted = request.baseline, True
    if path is None:
        path, trusted = setup.config.baseline, False
    if path is None:
        return use.without_baseline_rules(result)
    baseline = use.read_baseline(path, request.root, trusted)
    return use.with_baseline(result, setup, baseline, use.shown_name(path, request.root))
