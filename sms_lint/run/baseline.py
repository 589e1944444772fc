"""``sms-lint baseline``: check, then write the findings as a baseline file (see run/check.py for
the wiring every checking command shares)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import click

from sms_lint.errors import UsageProblem
from sms_lint.neutralise import visible_path
from sms_lint.run.check import build_check_setup, emit, plain_result
from sms_lint.run.parts import data_store, reading_request


@dataclass(frozen=True)
class BaselineRequest:
    root: Path
    output: Path | None  # None: standard output
    today: datetime.date
    config_path: Path | None
    expires: datetime.date | None
    use_cache: bool


def run_baseline_command(request: BaselineRequest) -> int:
    """Write the baseline of today's findings; a config's own baseline is not applied (the
    new one records every finding that is not waived)."""
    from sms_lint.baseline.apply import recordable
    from sms_lint.baseline.file import DEFAULT_NAME as DEFAULT_BASELINE
    from sms_lint.baseline.use import baseline_text, excluding
    from sms_lint.gitrepo.identity import git_user

    check = reading_request(
        request.root, request.today, request.config_path, use_cache=request.use_cache
    )
    if request.expires is not None and request.expires < request.today:
        raise UsageProblem(f"--expires {request.expires} is before today ({request.today})")
    output = request.output
    if output is not None and output == request.root / DEFAULT_BASELINE and output.is_symlink():
        # never write through a link the repository may have committed in its place
        raise UsageProblem(f"{visible_path(str(output))} is a symbolic link: name a file with -o")
    store = data_store(request.root) if request.use_cache else None
    setup = build_check_setup(request.root, request.config_path, request.use_cache, store)
    setup = excluding(setup, (output, setup.config.baseline), request.root)
    result, _ = plain_result(check, setup, store)
    emit(baseline_text(result, git_user(request.root), request.expires), request.output)
    if request.output is not None:
        count = len(recordable(result.findings))
        shown = visible_path(str(request.output))
        click.echo(f"sms-lint: recorded {count} findings in {shown}", err=True)
    return 0
