"""The cache makes warm runs cheap and is never wrong: any input change shows as in a cold run."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE, TODAY

from sms_lint.cache.store import STALE_DAYS

ORG_PACK = """
rules:
  - id: ORG001
    name: sla-floor
    clause: "8.3.3"
    severity: major
    check: require-schema
    description: SLAs agree at least {floor} targets.
    params:
      select: {{kind: sla}}
      schema:
        properties:
          targets: {{minItems: {floor}}}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "sms"
    shutil.copytree(EXAMPLE, target)
    return target


def run(invoke, root: Path, *extra: str) -> tuple[int, str]:
    result = invoke("check", str(root), "--format", "json", "--today", TODAY, *extra)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


def test_cold_warm_and_no_cache_reports_are_byte_identical(invoke, repo, private_cache):
    cold = run(invoke, repo)
    assert list(private_cache.glob("*.cache")), "the first run writes the cache"
    warm = run(invoke, repo)
    uncached = run(invoke, repo, "--no-cache")
    assert cold == warm == uncached


def test_editing_a_file_changes_the_result(invoke, repo):
    before = run(invoke, repo)
    policy = repo / "governance" / "policy-change-management.md"
    policy.write_text(policy.read_text().replace("owner: change-manager", "owner: nobody"))
    after = run(invoke, repo)
    assert after != before
    assert after == run(invoke, repo, "--no-cache")
    assert '"rule": "SMS003"' in after[1]


def test_a_file_edit_that_keeps_size_and_mtime_is_still_seen(invoke, repo):
    run(invoke, repo)
    sla = repo / "slas" / "sla-hosting.yaml"
    stat = sla.stat()
    text = sla.read_text()
    swapped = text.replace("status: approved", "status: approvex", 1)
    assert len(swapped) == len(text)
    sla.write_text(swapped)
    import os

    os.utime(sla, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    code, report = run(invoke, repo)
    assert code == 1 and "approvex" in report


def test_changing_the_config_changes_the_result(invoke, repo):
    run(invoke, repo)
    (repo / ".sms-lint.yaml").write_text("review_interval_months: 1\n")
    changed = run(invoke, repo)
    assert changed[0] == 1
    assert changed == run(invoke, repo, "--no-cache")


def test_changing_today_changes_the_result(invoke, repo):
    run(invoke, repo)
    later = invoke("check", str(repo), "--format", "json", "--today", "2028-11-22")
    assert later.exit_code == 1
    assert '"SMS005"' in later.stdout


def test_swapping_a_rule_pack_changes_the_result(invoke, repo):
    (repo / "org").mkdir()
    (repo / "org" / "rules.yaml").write_text(ORG_PACK.format(floor=1))
    (repo / ".sms-lint.yaml").write_text("policies: [org/rules.yaml]\nexclude: [org]\n")
    assert run(invoke, repo)[0] == 0
    (repo / "org" / "rules.yaml").write_text(ORG_PACK.format(floor=99))
    code, report = run(invoke, repo)
    assert code == 1 and '"ORG001"' in report


def test_deleting_a_file_changes_the_result(invoke, repo):
    run(invoke, repo)
    (repo / "processes" / "prc-08-demand.md").unlink()
    code, report = run(invoke, repo)
    assert code == 1 and '"clause": "8.4.2"' in report


def test_corrupt_cache_is_ignored_and_rebuilt(invoke, repo, private_cache):
    first = run(invoke, repo)
    [cache_file] = private_cache.glob("*.cache")
    cache_file.write_bytes(b"\x00garbage" * 100)
    assert run(invoke, repo) == first
    assert cache_file.read_bytes()[:8] != b"\x00garbage"


def test_unwritable_cache_does_not_fail_the_check(invoke, repo, private_cache, monkeypatch):
    blocker = private_cache.parent / "blocked"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert run(invoke, repo)[0] == 0


def test_no_cache_neither_reads_nor_writes(invoke, repo, private_cache):
    run(invoke, repo, "--no-cache")
    assert not private_cache.exists() or not list(private_cache.iterdir())


def test_cache_is_never_written_inside_the_checked_repository(invoke, repo, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo / "cache-here"))
    before = sorted(p.relative_to(repo) for p in repo.rglob("*"))
    run(invoke, repo)
    run(invoke, repo)
    assert sorted(p.relative_to(repo) for p in repo.rglob("*")) == before


def test_parallel_processing_gives_the_same_report(invoke, repo, monkeypatch):
    import sms_lint.pipeline.parallel as parallel_stage

    (repo / "bad.yaml").write_text("id: X\nkind: procedure\ntitle: [\n")
    sequential = run(invoke, repo, "--no-cache")
    monkeypatch.setattr(parallel_stage, "PARALLEL_THRESHOLD", 1)
    parallel = run(invoke, repo, "--no-cache")
    assert parallel == sequential and parallel[0] == 1


def test_caches_of_roots_unused_for_a_month_are_dropped(invoke, repo, private_cache):
    """CI runners check out into ever new folders: their caches must not pile up forever."""
    private_cache.mkdir(parents=True)
    month_ago = time.time() - (STALE_DAYS + 1) * 86400
    stale = private_cache / ("a" * 32 + ".cache")
    recent = private_cache / ("b" * 32 + ".cache")
    foreign = private_cache / "notes.txt"  # not ours: never touched, however old
    for path in (stale, recent, foreign):
        path.write_bytes(b"x")
    for path in (stale, foreign):
        os.utime(path, (month_ago, month_ago))
    run(invoke, repo)
    assert not stale.exists()
    assert recent.exists() and foreign.exists()
    assert len(list(private_cache.glob("*.cache"))) == 2  # this root's own, and the recent one


def test_a_warm_run_that_changes_nothing_keeps_its_cache_fresh(invoke, repo, private_cache):
    run(invoke, repo)
    (own,) = private_cache.glob("*.cache")
    month_ago = time.time() - (STALE_DAYS + 1) * 86400
    os.utime(own, (month_ago, month_ago))
    run(invoke, repo)  # nothing changed, so nothing is rewritten: but the file is marked used
    assert own.stat().st_mtime > time.time() - 3600
