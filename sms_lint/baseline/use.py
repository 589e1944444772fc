"""Wire a baseline, or the findings at ``--new-only``'s base, into a checked :class:`Result`."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sms_lint.baseline import OWN_RULES, BaselineError
from sms_lint.config.packs import inside
from sms_lint.files.safeopen import Refused
from sms_lint.files.treewalk import read_inside
from sms_lint.finding import Finding

if TYPE_CHECKING:
    from sms_lint.baseline.file import Baseline
    from sms_lint.pipeline.engine import Result, Setup

# The baseline's file format, matching and keys are imported by the functions that use them:
# a run without a baseline (every pre-commit run, mostly) loads none of them.
__all__ = ["BaselineError"]

MAX_BASELINE_BYTES = 16 * 1024 * 1024  # some 30,000 entries; refuses a runaway file


def read_baseline(path: Path, root: Path, trusted: bool) -> Baseline:
    """The baseline at ``path``; one named on the command line is ``trusted``, the one the
    root's config names is read as discovery reads the root's files (never out of it)."""
    name = shown_name(path, root) or str(path)
    if not path.exists():
        raise BaselineError(
            f"the baseline file {name} does not exist: record one with `sms-lint baseline`"
        )
    try:
        raw = _read_regular(path) if trusted else read_inside(str(root), name)
    except Refused as refused:
        raise BaselineError(f"{name}: {refused}") from None
    except OSError as error:
        why = (error.strerror or str(error)).lower()
        raise BaselineError(f"cannot read {name}: {why}") from None
    if len(raw) > MAX_BASELINE_BYTES:
        raise BaselineError(f"{name} is larger than {MAX_BASELINE_BYTES // 2**20} MiB")
    from sms_lint.baseline.file import parse

    return parse(raw, name)


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file, at most one past the limit (never a FIFO or device)."""
    if not path.is_file():
        raise BaselineError(f"the baseline {path} is not a regular file")
    with path.open("rb") as stream:
        raw = stream.read(MAX_BASELINE_BYTES + 1)
    return raw


def shown_name(path: Path, root: Path) -> str | None:
    """``path`` relative to the root when it lies inside it (findings can point at it)."""
    if not inside(path, root):
        return None
    return path.resolve().relative_to(root.resolve()).as_posix()


def excluding(setup: Setup, paths: tuple[Path | None, ...], root: Path) -> Setup:
    """``setup`` with each baseline file that lies inside the root excluded from discovery:
    a baseline is not an SMS document (nor, once rewritten, debt of its own)."""
    inside_root = tuple(
        shown for path in paths if path is not None and (shown := shown_name(path, root))
    )
    if not inside_root:
        return setup
    config = setup.config._replace(exclude=(*setup.config.exclude, *inside_root))
    return setup._replace(config=config)


def with_baseline(result: Result, setup: Setup, baseline: Baseline, shown: str | None) -> Result:
    from sms_lint.baseline.apply import apply_baseline, data_by_path

    findings = apply_baseline(
        result.findings,
        baseline,
        setup.rulebook,
        result.today,
        data_by_path(result.artifacts),
        shown,
    )
    findings.sort(key=Finding.sort_key)
    return replace(result, findings=tuple(findings), baseline=baseline.name)


def without_baseline_rules(result: Result) -> Result:
    """No baseline in use: its upkeep rules examined nothing (no JUnit test case for them)."""
    return replace(result, rules_run=tuple(r for r in result.rules_run if r not in OWN_RULES))


def with_base(
    result: Result, ref: str, before: tuple[Finding, ...], then: dict[str, Any]
) -> Result:
    """``--new-only``: every finding marked new or pre-existing, and what the change fixed.
    ``then`` (the base's artifact data by path) names list items by id in the base's keys."""
    from sms_lint.baseline.apply import data_by_path, mark_new

    now = data_by_path(result.artifacts)
    if not then:
        # The base had no SMS at all (the change brings it): every finding is new, and
        # nothing was fixed (the base's "no scope, no policy" findings are not defects).
        before = ()
    marked, fixed = mark_new(result.findings, before, now, then)
    return replace(result, findings=tuple(marked), new_only=ref, fixed=tuple(fixed))


def baseline_text(result: Result, recorded_by: str | None, expires: datetime.date | None) -> str:
    """The baseline file recording ``result``'s findings."""
    from sms_lint.baseline.apply import data_by_path, recordable
    from sms_lint.baseline.file import render
    from sms_lint.baseline.keys import finding_key

    data = data_by_path(result.artifacts)
    entries = [
        (
            finding_key(f, data),
            {
                "path": f.path or "",
                "clause": f.clause,
                "severity": f.severity.value,
                "message": f.message,
            },
        )
        for f in recordable(result.findings)
    ]
    return render(entries, result.today, recorded_by, expires)
