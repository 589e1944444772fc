"""Measure `sms-lint check` against its targets, side by side with its peers and floors.

Usage (from the repository root, in a venv with sms-lint installed):

    pip install -r benchmarks/requirements.txt
    python benchmarks/bench_check.py [--runs 3] [--size 10000] [--memory-sizes 10000,100000]
        [--skip-peers] [--skip-scaling] [--skip-memory] [--code-from-head]

On the realistic corpus of generate.py it prints, medians of --runs runs, each target of issues
8 and 19 with the measured ratio and PASS or FAIL: cold and warm runs against the parse floor
(warm with nothing changed, and warm after the files' and the cache's pages were dropped from
the OS cache), check-jsonschema and yamllint, the peak memory of all processes together, cold,
at each of --memory-sizes, and the growth exponent of a cold run from 1k to 10k to 100k
artifacts. Commands run a copy of sms-lint taken at the start (of the last commit with
--code-from-head). Peers that are not installed are reported as skipped.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    bench_env,
    check_command,
    drop_pages,
    files_under,
    floor_command,
    frozen_code,
    growth_exponent,
    median_time,
    peak_memory,
    peer,
    report,
    resident_share,
    summary,
    timed,
)
from generate import generate

# Issue 19's memory targets in MB, by corpus size (other sizes are printed without one).
MEMORY_TARGETS = {10_000: 80, 100_000: 300}
GROWTH_SIZES = (1_000, 10_000, 100_000)
# Issue 8's 1.2x the time per artifact over 10x the artifacts, as an exponent.
GROWTH_TARGET = 1.08


class Bench:
    """One run of the script: a work folder, the frozen code, a private cache, the verdicts."""

    def __init__(self, work: Path, runs: int, from_head: bool) -> None:
        self.work, self.runs = work, runs
        self.cache = work / "cache"
        self.code = frozen_code(work / "code", from_head)
        self.env = bench_env(self.code, self.cache)
        self.results: list[bool] = []
        self.cold: dict[int, float] = {}

    def clear_cache(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)

    def corpus(self, size: int) -> Path:
        root = self.work / f"sms-{size}"
        if not root.exists():
            generate(root, size, example=self.code / "example-sms-repo")
        return root

    def time(
        self, command: list[str], runs: int | None = None, before: Callable[[], None] | None = None
    ) -> float:
        return median_time(command, runs or self.runs, self.env, before)

    def target(self, label: str, measured: float, goal: float, unit: str = "") -> None:
        self.results.append(report(label, measured, goal, unit))


def against_floor(bench: Bench, size: int) -> None:
    """Cold and warm runs of ``size`` artifacts against the parse floor."""
    root = bench.corpus(size)
    print(f"repository of {size} artifacts; medians of {bench.runs} rounds (seconds)")
    print(f"  {summary(check_command(root, '--no-cache'), bench.env)}")
    files = files_under(root)

    def drop() -> None:
        drop_pages([*files, *files_under(bench.cache)])

    # Rounds of every command in turn, so that the machine's drift (other jobs) hits all alike.
    steps = {
        "floor": (floor_command(root), None),
        "cold": (check_command(root, "--no-cache"), None),
        "first": (check_command(root), bench.clear_cache),
        "warm": (check_command(root), None),
        "dropped": (check_command(root), drop),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(bench.runs):
        for name, (command, before) in steps.items():
            if before is not None:
                before()
            times[name].append(timed(command, bench.env))
    floor, cold, first, warm, dropped = (statistics.median(times[name]) for name in steps)
    bench.cold[size] = cold
    drop()
    share = resident_share(files[:500])
    print(f"  parse floor (PyYAML C loader)  {floor:.3f}")
    print(f"  sms-lint cold (--no-cache)     {cold:.3f}")
    print(f"  sms-lint cold (empty cache)    {first:.3f}")
    print(f"  sms-lint warm, nothing changed {warm:.3f}")
    resident = "" if share is None else f"; {share:.0%} of the files' pages still cached"
    print(f"  warm after dropping the pages  {dropped:.3f} (fadvise DONTNEED{resident})")
    bench.target("cold / parse floor", cold / floor, 1.5)
    bench.target("cold with empty cache / parse floor", first / floor, 1.5)
    bench.target("warm / parse floor", warm / floor, 0.10)
    bench.target("warm after pages dropped / parse floor", dropped / floor, 0.15)


def peers(bench: Bench, size: int) -> None:
    big = bench.corpus(size)
    cjs, lint = peer("check-jsonschema"), peer("yamllint")
    if cjs:
        schema = bench.work / "object.json"
        schema.write_text('{"type": "object"}')
        yaml_files = [str(p) for p in sorted(big.rglob("*.yaml")) if not p.name.startswith(".")]
        seconds = bench.time([cjs, "--schemafile", str(schema), *yaml_files], 1)
        print(f"  check-jsonschema (trivial)     {seconds:.3f} (YAML files only)")
        bench.target("cold / check-jsonschema", bench.cold[size] / seconds, 0.10)
    else:
        print("  check-jsonschema: skipped (pip install -r benchmarks/requirements.txt)")
    small = bench.corpus(50)
    timed(check_command(small), bench.env)
    warm_small = bench.time(check_command(small), max(bench.runs, 5))
    print(f"  sms-lint warm, 50 files        {warm_small:.3f}")
    if lint:
        relaxed = bench.time([lint, "-d", "relaxed", str(small)], max(bench.runs, 5))
        print(f"  yamllint -d relaxed, 50 files  {relaxed:.3f}")
        bench.target("warm 50 files / yamllint", warm_small / relaxed, 1.0)
    else:
        print("  yamllint: skipped (pip install -r benchmarks/requirements.txt)")


def memory(bench: Bench, sizes: list[int]) -> None:
    """Peak resident memory of a cold run (empty cache, so the cache is written, as a first
    run does) of every process together, polled from /proc every 5 ms."""
    for size in sizes:
        root = bench.corpus(size)
        bench.clear_cache()
        peak = peak_memory(check_command(root), bench.env)
        total, largest = peak.total_kib / 1024, peak.largest_kib / 1024
        print(
            f"  peak memory at {size:>6}: {total:.0f} MB all processes together "
            f"(largest one {largest:.0f} MB; {peak.samples} samples in {peak.seconds:.1f} s)"
        )
        if size in MEMORY_TARGETS:
            bench.target(f"peak memory at {size}", total, MEMORY_TARGETS[size], " MB")


def growth(bench: Bench) -> None:
    times = []
    for size in GROWTH_SIZES:
        if size not in bench.cold:
            bench.cold[size] = bench.time(check_command(bench.corpus(size), "--no-cache"))
        times.append(bench.cold[size])
        print(f"  cold at {size:>6}: {times[-1]:.3f} s ({times[-1] / size * 1e6:.1f} us each)")
    for i in range(len(times) - 1):
        pair = growth_exponent(GROWTH_SIZES[i : i + 2], times[i : i + 2])
        print(f"  growth exponent {GROWTH_SIZES[i]} -> {GROWTH_SIZES[i + 1]}: {pair:.3f}")
    bench.target(
        "cold growth exponent 1k -> 100k", growth_exponent(GROWTH_SIZES, times), GROWTH_TARGET
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--memory-sizes", default="10000,100000")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--code-from-head", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.memory_sizes.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="sms-bench-"))
    bench = Bench(work, args.runs, args.code_from_head)
    try:
        against_floor(bench, args.size)
        if not args.skip_peers:
            peers(bench, args.size)
        if not args.skip_memory:
            memory(bench, sizes)
        if not args.skip_scaling:
            growth(bench)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ok = all(bench.results)
    print("all targets hold" if ok else "some targets FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
