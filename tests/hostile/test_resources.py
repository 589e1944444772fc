"""Resource bounds and side effects of a run over every hostile file.

Under ``ulimit -v 2000000`` (about 2 GB of address space: libyaml, Python and the example fit
well inside) the outcome is byte-for-byte the same as without; the run takes seconds; the size
cap is a finding, and raising it in ``.sms-lint.yaml`` lets the big file be read. Reports go to
the ``-o``/``--report`` paths and nowhere else.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from hostile.cases import PREFIX, SECRET, build_cases
from hostile.harness import Mixed, make_repo, run_cli, snapshot
from hostile.known_bugs import RUN_BREAKERS
from hostile.reports import formats, known, parse, step_summary_rows

LIMIT_KB = 2_000_000
BIG = PREFIX + "big.yaml"


def test_memory_limit_changes_no_outcome(mixed: Mixed) -> None:
    started = time.monotonic()
    limited = run_cli(mixed.root, "--format", "json", limit_kb=LIMIT_KB, cwd=mixed.cwd)
    elapsed = time.monotonic() - started
    unlimited = mixed.runs["json"]
    assert (limited.code, limited.stdout) == (unlimited.code, unlimited.stdout), limited.stderr
    assert limited.stderr == b""
    assert elapsed < 30, f"a run over every hostile file took {elapsed:.1f} s"


def _big_repo(tmp_path: Path, max_file_kb: int | None) -> Path:
    cases = build_cases(tmp_path / "outside")
    root = make_repo(tmp_path, [cases["six-megabytes"]], with_example=False)
    if max_file_kb is not None:
        (root / ".sms-lint.yaml").write_text(f"max_file_kb: {max_file_kb}\n", encoding="utf-8")
    return root


def test_big_file_is_a_size_finding_not_read(tmp_path: Path) -> None:
    run = run_cli(_big_repo(tmp_path, None), "--format", "json", limit_kb=LIMIT_KB)
    on_big = [f for f in run.json()["findings"] if f["path"] == BIG]
    assert [f["rule"] for f in on_big] == ["SMS100"], on_big
    assert "1024 KiB limit" in on_big[0]["message"] and "max_file_kb" in on_big[0]["message"]


def test_big_file_is_read_when_the_cap_is_raised(tmp_path: Path) -> None:
    run = run_cli(_big_repo(tmp_path, 8192), "--format", "json", limit_kb=LIMIT_KB)
    assert run.code in (0, 1), run.stderr[-2000:]
    on_big = [f for f in run.json()["findings"] if f["path"] == BIG]
    assert "SMS100" not in {f["rule"] for f in on_big}, on_big
    # Its only fault, the missing title, can only be seen by reading all 6 MB.
    assert any(f["rule"] == "SMS001" and f["artifact"] == "HOSTILE-BIG" for f in on_big), on_big


def test_reports_are_written_only_where_asked(tmp_path: Path) -> None:
    """Only the -o and --report files, the job summary and the cache folder appear."""
    cases = build_cases(tmp_path / "outside")
    root = make_repo(tmp_path, [c for n, c in cases.items() if n not in RUN_BREAKERS])
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    names = [name for name in formats() if known(name)]
    reports = [arg for name in names for arg in ("--report", f"{name}:out/report.{name}")]
    summary = cwd / "summary.md"
    before = snapshot(tmp_path)
    run = run_cli(
        root,
        "--format=json",
        "-o",
        "out/main.json",
        *reports,
        cwd=cwd,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
        cache=tmp_path / "cache",
    )
    assert run.code == 1 and run.stdout == b"" and run.stderr == b"", run.stderr[-2000:]
    after = snapshot(tmp_path)
    changed = {p for p in after if before.get(p) != after[p]} | (set(before) - set(after))
    expected = {"cwd/out", "cwd/out/main.json", *(f"cwd/out/report.{n}" for n in names)}
    expected |= {"cwd/summary.md"} if "github" in names else set()
    assert {p for p in changed if not p.startswith("cache")} - {"cwd"} == expected
    findings = json.loads((cwd / "out" / "main.json").read_text(encoding="utf-8"))["findings"]
    for name in names:
        text = (cwd / "out" / f"report.{name}").read_text(encoding="utf-8")
        parse(name, text, findings)
        assert SECRET not in text
    if "github" in names:
        markdown = summary.read_text(encoding="utf-8")
        assert SECRET not in markdown
        step_summary_rows(markdown, findings)
