"""Measure sms-lint against its targets, side by side with its peers, on generated repositories.

Usage (from the repository root, in a venv with sms-lint installed):

    pip install -r benchmarks/requirements.txt
    python benchmarks/bench_check.py [--runs 3] [--size 10000] [--skip-peers]

It prints each target of issue 8 with the measured ratio (medians of --runs runs; the 2-core CI
machine is noisy) and PASS or FAIL. Peers that are not installed are reported as skipped.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

TODAY = "2026-11-22"
FLOOR_SCRIPT = r"""
import sys, pathlib, yaml
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    if p.name.startswith(".") or p.name == "README.md":
        continue
    if p.suffix == ".yaml":
        yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    elif p.suffix == ".md":
        text = p.read_text(encoding="utf-8")
        if text.startswith("---"):
            yaml.load(text[3:].split("\n---", 1)[0], Loader=yaml.CSafeLoader)
"""


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time of one run and the peak RSS (KiB) of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def median_time(
    command: list[str], runs: int, env: dict[str, str] | None = None, before_each: object = None
) -> float:
    times = []
    for _ in range(runs):
        if callable(before_each):
            before_each()
        times.append(timed(command, env)[0])
    return statistics.median(times)


def sms_lint(root: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sms_lint", "check", str(root), "--today", TODAY, *extra]


def yaml_files(root: Path) -> list[str]:
    return [str(p) for p in sorted(root.rglob("*.yaml")) if not p.name.startswith(".")]


def peer(name: str) -> str | None:
    return shutil.which(name) or (
        str(Path(sys.executable).parent / name)
        if (Path(sys.executable).parent / name).exists()
        else None
    )


def report(label: str, measured: float, target: float) -> bool:
    ok = measured <= target
    print(f"  {'PASS' if ok else 'FAIL'}  {label}: {measured:.3f} (target <= {target})")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sms-bench-"))
    cache = work / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    clear_cache = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731
    results: list[bool] = []
    try:
        big = work / "big"
        generate(big, args.size)
        print(f"repository of {args.size} artifacts; medians of {args.runs} runs (seconds)")
        floor = median_time([sys.executable, "-c", FLOOR_SCRIPT, str(big)], args.runs)
        cold = median_time(sms_lint(big, "--no-cache"), args.runs, env)
        first = median_time(sms_lint(big), args.runs, env, before_each=clear_cache)
        timed(sms_lint(big), env)  # make sure the cache is warm
        warm = median_time(sms_lint(big), args.runs, env)
        _, peak_kib = timed(sms_lint(big, "--no-cache"), env)
        print(f"  parse floor (PyYAML C loader)  {floor:.3f}")
        print(f"  sms-lint cold (--no-cache)     {cold:.3f}")
        print(f"  sms-lint cold (empty cache)    {first:.3f}")
        print(f"  sms-lint warm                  {warm:.3f}")
        print(f"  peak memory, cold              {peak_kib / 1024:.0f} MB")
        if not args.skip_peers and peer("check-jsonschema"):
            schema = work / "object.json"
            schema.write_text('{"type": "object"}')
            command = [peer("check-jsonschema"), "--schemafile", str(schema), *yaml_files(big)]
            cjs = median_time(command, 1)
            print(f"  check-jsonschema (trivial)     {cjs:.3f}")
            results.append(report("cold / check-jsonschema", cold / cjs, 0.10))
        else:
            print("  check-jsonschema: skipped (pip install -r benchmarks/requirements.txt)")
        results.append(report("cold / parse floor", cold / floor, 1.5))
        results.append(report("cold with empty cache / parse floor", first / floor, 1.5))
        results.append(report("warm / parse floor", warm / floor, 0.35))
        results.append(report("peak memory in MB", peak_kib / 1024, 200))
        small = work / "small"
        generate(small, 50)
        timed(sms_lint(small), env)
        warm_small = median_time(sms_lint(small), max(args.runs, 5), env)
        print(f"  sms-lint warm, 50 files        {warm_small:.3f}")
        if not args.skip_peers and peer("yamllint"):
            lint = median_time([peer("yamllint"), "-d", "relaxed", str(small)], max(args.runs, 5))
            print(f"  yamllint -d relaxed, 50 files  {lint:.3f}")
            results.append(report("warm 50 files / yamllint", warm_small / lint, 1.0))
            if args.size >= 10_000:
                big_lint = median_time([peer("yamllint"), "-d", "relaxed", str(big)], 1)
                print(f"  yamllint -d relaxed, big repo  {big_lint:.3f}")
        else:
            print("  yamllint: skipped (pip install -r benchmarks/requirements.txt)")
        if not args.skip_scaling:
            per = {}
            for size in (5_000, 50_000):
                repo = work / f"scale{size}"
                generate(repo, size)
                per[size] = median_time(sms_lint(repo, "--no-cache"), args.runs, env) / size
                shutil.rmtree(repo)
                print(f"  per artifact at {size:>6}: {per[size] * 1e6:.1f} us")
            results.append(report("per-artifact time 50k / 5k", per[50_000] / per[5_000], 1.2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("all targets hold" if all(results) else "some targets FAIL")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
