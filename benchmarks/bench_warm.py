"""Warm runs against the parse floor: nothing changed, after the OS dropped the file pages, and
``check --base`` with one changed file against a warm ``check`` (issue 19, points 2 and 4).

Usage (from the repository root, in a venv with sms-lint installed):

    python benchmarks/bench_warm.py [--size 10000] [--runs 5]

It generates the corpus (benchmarks/generate.py) in a git repository, warms the cache and
times, medians of --runs runs, in this order and in one run of the script:

- the parse floor (PyYAML's C loader over every file; benchmarks/_common.py);
- a warm ``check`` with nothing changed (target: at most 0.10x the floor);
- the same after the OS dropped the pages of every corpus file and of the cache file before
  each run (``posix_fadvise(DONTNEED)``; and ``/proc/sys/vm/drop_caches`` when it may be
  written, which needs root outside a container; target: at most 0.15x the floor);
- ``check --base HEAD`` with one file changed against ``check`` of the same tree, both warm,
  alternately (target: at most 1.2x).

The commands run a frozen copy of sms-lint (others editing the source would change the cache's
fingerprint mid-run). The load average is printed with the figures: on a shared machine only
ratios within one run mean anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    bench_env,
    check_command,
    drop_pages,
    files_under,
    floor_command,
    frozen_code,
    median_time,
    report,
    timed,
)
from generate import generate

_QUIET_GIT = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
_GIT = ("git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false")
_AUTHOR = ("-c", "user.name=Bench", "-c", "user.email=bench@example.com")


def git(root: Path, *args: str) -> None:
    env = {**os.environ, **_QUIET_GIT}
    subprocess.run([*_GIT, *_AUTHOR, *args], cwd=root, env=env, check=True, capture_output=True)


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def drop_system_caches() -> bool:
    """``echo 1 > /proc/sys/vm/drop_caches`` when permitted (it drops every file's pages)."""
    try:
        with open("/proc/sys/vm/drop_caches", "w") as control:
            control.write("1\n")
        return True
    except OSError:
        return False


def changed_once(root: Path) -> None:
    """One generated service's title edited in the work tree."""
    path = sorted((root / "services").rglob("*gen-00042.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    edited = text.replace("title: ", "title: X", 1)
    assert edited != text, path
    path.write_text(edited, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--code-from-head", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sms-bench-warm-"))
    results: list[bool] = []
    try:
        code = frozen_code(work / "code", args.code_from_head)
        cache = work / "cache"
        env = bench_env(code, cache)
        # Compiled once, as an installed sms-lint is: never recompiled on every run.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        root = work / "sms"
        generate(root, args.size)
        git(root, "init", "-q")
        git(root, "add", "-A", "--", ".")
        git(root, "commit", "-q", "-m", "base")
        check = check_command(root)
        for _ in range(3):  # cold, then once more: files written just before are racily clean
            timed(check, env)
        print(f"repository of {args.size} artifacts; medians of {args.runs} runs; {load()}")
        floor = median_time(floor_command(root), args.runs)
        warm = median_time(check, args.runs, env)
        corpus = [*files_under(root), *files_under(cache)]
        system = drop_system_caches()

        def dropped() -> None:
            drop_pages(corpus)
            if system:
                drop_system_caches()

        cold_pages = median_time(check, args.runs, env, before_each=dropped)
        floor_dropped = median_time(floor_command(root), args.runs, before_each=dropped)
        print(f"  parse floor (PyYAML C loader)       {floor:.3f} s")
        print(f"  warm check, nothing changed         {warm:.3f} s")
        how = "fadvise" + (" + drop_caches" if system else "; drop_caches not permitted")
        print(f"  warm check, pages dropped ({how})  {cold_pages:.3f} s")
        print(f"  parse floor, pages dropped          {floor_dropped:.3f} s")
        results.append(report("warm / floor", warm / floor, 0.10))
        results.append(report("warm with pages dropped / floor", cold_pages / floor, 0.15))
        changed_once(root)
        based = check_command(root, "--base", "HEAD")
        for command in (check, based, check, based):
            timed(command, env)
        plain: list[float] = []
        with_base: list[float] = []
        for _ in range(args.runs):  # alternately: drift hits both alike
            plain.append(timed(check, env))
            with_base.append(timed(based, env))
        first, second = statistics.median(plain), statistics.median(with_base)
        print(f"  warm check, one file changed        {first:.3f} s")
        print(f"  warm check --base HEAD, same tree   {second:.3f} s")
        results.append(report("check --base / check, one file changed", second / first, 1.2))
        print(f"  ({load()} at the end)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ok = all(results)
    print("all targets hold" if ok else "some targets FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
