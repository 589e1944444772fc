"""Type substitutions over every field of every artifact of the example SMS: values of every
JSON type, empty and blank forms, and absurd values of the right type (10**21, 1e308,
9999-06-01) never crash a command or a format, and never make a rule stop (SMS199: the safety
net hides nothing).

Each round writes the example repository with at most one wrong value per artifact (a
different field in each), so a round tests 72 substitutions at once. The normal suite runs
every (field shape, value) pair in process with every reporter, and a sample of rounds through
the CLI; ``SMS_LINT_FUZZ=long`` runs every item of every list and every round through every
command and format (about 30 minutes).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE, TODAY
from fuzz_corpus import (
    SHORT_SUBSTITUTES,
    SUBSTITUTES,
    Mutation,
    Source,
    render,
    rounds,
    sources,
    write_repository,
)

from sms_lint.commands import coverage as coverage_command
from sms_lint.commands import register_data
from sms_lint.commands.register_output import RENDERERS as REGISTER_RENDERERS
from sms_lint.config.file import Config, load_config
from sms_lint.coverage import compute_coverage
from sms_lint.html import build_page, render_page
from sms_lint.pipeline import filestage
from sms_lint.pipeline import parallel as parallel_stage
from sms_lint.pipeline.engine import RULE_CRASHED, Result, build_setup, run_check
from sms_lint.reporters import REPORTERS
from sms_lint.schema.validation import known_kinds

LONG = os.environ.get("SMS_LINT_FUZZ") == "long"
DAY = datetime.date.fromisoformat(TODAY)
SOURCES: list[Source] = sources(EXAMPLE)
ROUNDS = rounds(SOURCES, every_item=LONG, values=SUBSTITUTES if LONG else SHORT_SUBSTITUTES)
# Reporters that take longest on a round's many findings run on every third round only.
SLOW_FORMATS = frozenset() if LONG else frozenset({"junit", "sarif"})
CLI_SAMPLE = ROUNDS if LONG else ROUNDS[::40]


def describe(chosen: dict[str, Mutation]) -> str:
    return "; ".join(map(str, list(chosen.values())[:80]))


def test_the_corpus_covers_every_kind() -> None:
    kinds = {s.data["kind"] for s in SOURCES}
    assert kinds == set(known_kinds())
    assert sum(map(len, ROUNDS)) > 10_000


def _render_everything(root: Path, result: Result, slow_too: bool = True) -> None:
    """Every check format, every coverage and register format, from one in-process result."""
    for name, reporter in REPORTERS.items():
        if slow_too or name not in SLOW_FORMATS:
            assert reporter().render(result).endswith("\n"), name
    statuses = compute_coverage(result.artifacts, result.framework, result.findings, result.today)
    for name in ("json", "text", "markdown"):
        getattr(coverage_command, f"render_{name}")(result, statuses)
    render_page(build_page(result, statuses, Config(), {}, None))
    config = load_config(root)
    artifacts = register_data.register_artifacts(
        filestage.read_documents(root, config), known_kinds()
    )
    rows = register_data.register_rows(artifacts, config, {})
    json.dumps(rows)
    for render_rows in REGISTER_RENDERERS.values():
        render_rows(rows)


# A list item named by its zero-based index (``targets[2]``, ``actions[0].owner``): issue 14,
# point 2 wants items by their id, metric or name, or a 1-based ordinal.
ZERO_BASED = re.compile(r"[\w)\]]\[\d+\]")


def _no_crash(result: Result, chosen: dict[str, Mutation]) -> None:
    crashed = [f.message for f in result.findings if f.rule == RULE_CRASHED]
    assert not crashed, (crashed, describe(chosen))
    indexed = [f.message for f in result.findings if ZERO_BASED.search(f.message)]
    assert not indexed, (indexed, describe(chosen))


def test_every_substitution_in_process_with_every_format(tmp_path: Path) -> None:
    setup = build_setup(load_config(EXAMPLE))
    root = tmp_path / "sms"  # rewritten in place: only the files a round changes
    for index, chosen in enumerate(ROUNDS):
        write_repository(root, EXAMPLE, SOURCES, chosen)
        result = run_check(root, setup, DAY, "minor")
        _no_crash(result, chosen)
        try:
            _render_everything(root, result, slow_too=index % 3 == 0)
        except Exception as error:  # name the substitutions that caused it
            raise AssertionError(describe(chosen)) from error


def _cli_commands(root: Path, out: Path) -> list[list[str]]:
    day = ["--today", TODAY]
    reports = [f"--report={name}:{out / ('report.' + name)}" for name in REPORTERS]
    check = ["check", str(root), *day, "--no-cache", "--format", "json", *reports]
    return [
        check,
        ["check", str(root), *day, "--format", "text"],  # with the cache, after the first
        *(["coverage", str(root), *day, "--format", f] for f in ("text", "json", "markdown")),
        ["coverage", str(root), *day, "--format", "html", "-o", str(out / "coverage.html")],
        *(["register", str(root), "--format", f] for f in REGISTER_RENDERERS),
    ]


@pytest.mark.parametrize("index", range(len(CLI_SAMPLE)))
def test_every_command_and_format_through_the_cli(invoke, tmp_path: Path, index: int) -> None:
    chosen = CLI_SAMPLE[index]
    root, out = tmp_path / "sms", tmp_path / "out"
    out.mkdir()
    write_repository(root, EXAMPLE, SOURCES, chosen)
    for line in _cli_commands(root, out):
        result = invoke(*line)  # an exception propagates: a traceback fails the test
        assert result.exit_code in (0, 1), (line, result.output, describe(chosen))
        if line[0] == "check" and "json" in line:
            report = json.loads(result.stdout)
            assert not [f for f in report["findings"] if f["rule"] == RULE_CRASHED]


def test_parallel_and_cached_stages_see_what_the_serial_one_sees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sms_lint.cache.store import ResultCache

    setup = build_setup(load_config(EXAMPLE))
    sample = ROUNDS[:: 10 if LONG else 60]
    for index, chosen in enumerate(sample):
        root = tmp_path / f"round-{index}"
        write_repository(root, EXAMPLE, SOURCES, chosen)
        serial = run_check(root, setup, DAY, "minor")
        _no_crash(serial, chosen)
        with monkeypatch.context() as patch:
            patch.setattr(parallel_stage, "PARALLEL_THRESHOLD", 1)
            parallel = run_check(root, setup, DAY, "minor")
            cold = run_check(root, setup, DAY, "minor", cache=ResultCache(root, setup))
        warm = run_check(root, setup, DAY, "minor", cache=ResultCache(root, setup))
        for other in (parallel, cold, warm):
            assert other.findings == serial.findings, describe(chosen)
            assert [a.data for a in other.artifacts] == [a.data for a in serial.artifacts]
        shutil.rmtree(root)


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_history_of_wrongly_typed_revisions(invoke, tmp_path: Path) -> None:
    """Each round is a commit; history shows every mutated file's revisions in both formats."""
    root = tmp_path / "sms"
    write_repository(root, EXAMPLE, SOURCES, {})
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "start")
    sample = ROUNDS[:: 1 if LONG else 25]
    for index, chosen in enumerate(sample):
        write_repository(root, EXAMPLE, SOURCES, chosen)
        _git(root, "commit", "-q", "-a", "-m", f"round {index}")
    wanted = sorted({path for chosen in sample for path in chosen})
    for path in wanted if LONG else wanted[::4]:
        for form in ("text", "json"):
            result = invoke("history", path, "--root", str(root), "--format", form)
            assert result.exit_code in (0, 1), (path, result.output)


HEADER_SUBSTITUTES = {
    "title": [1],
    "owner": {"a": 1},
    "version": True,
    "status": 5,
    "last_reviewed": 5,
    "id": ["x"],
}


def test_register_and_coverage_show_blanks_for_wrong_header_values(invoke, tmp_path: Path) -> None:
    root = tmp_path / "sms"
    write_repository(root, EXAMPLE, SOURCES, {})
    policy = next(s for s in SOURCES if s.data["kind"] == "policy")
    data = {**policy.data, **HEADER_SUBSTITUTES}
    (root / policy.path).write_text(render(policy, data), encoding="utf-8")
    result = invoke("register", str(root), "--format", "json")
    [row] = [r for r in json.loads(result.stdout) if r["path"] == policy.path]
    assert row["kind"] == "policy"
    for field in ("id", "title", "owner", "version", "status", "last_reviewed", "next_review"):
        assert row[field] is None, field
    for form in ("text", "markdown", "csv"):
        assert invoke("register", str(root), "--format", form).exit_code == 0
    for form in ("text", "json", "markdown", "html"):
        result = invoke("coverage", str(root), "--today", TODAY, "--format", form)
        assert result.exit_code in (0, 1)
