"""The other ways a run can go: the per-file stage split across processes (large repositories)
and the result cache (warm runs) give exactly the findings of a plain serial run, hostile files
included: what crosses a process or the cache must survive surrogates, NULs and huge values."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from hostile.cases import build_cases
from hostile.harness import TODAY, make_repo, render_all
from sms_lint.cache.store import ResultCache
from sms_lint.config.file import Config
from sms_lint.pipeline import parallel as parallel_stage
from sms_lint.pipeline.engine import build_setup, run_check

_TODAY = datetime.date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("parallel")
    return make_repo(base, build_cases(base / "outside").values())


def _findings(root: Path, cache: ResultCache | None = None) -> list[dict]:
    setup = build_setup(Config())
    return render_all(run_check(root, setup, _TODAY, "minor", cache=cache))[0]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the parallel stage needs two CPUs")
def test_parallel_stage_gives_the_serial_findings(hostile_root: Path, monkeypatch) -> None:
    serial = _findings(hostile_root)
    monkeypatch.setattr(parallel_stage, "PARALLEL_THRESHOLD", 1)
    assert _findings(hostile_root) == serial


def test_warm_cache_gives_the_cold_findings(hostile_root: Path, private_cache: Path) -> None:
    plain = _findings(hostile_root)
    setup = build_setup(Config())
    cold = _findings(hostile_root, ResultCache(hostile_root, setup))
    assert any(private_cache.rglob("*")), "the cold run should have filled the cache"
    warm = _findings(hostile_root, ResultCache(hostile_root, setup))
    assert cold == plain and warm == plain
