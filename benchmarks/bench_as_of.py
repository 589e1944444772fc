"""Time ``check --as-of DATE`` against a cold ``check`` of the work tree (issue 20 point 5).

Usage (from the repository root, in a venv with sms-lint installed):

    python benchmarks/bench_as_of.py [--size 10000] [--commits 300] [--runs 3]

It generates the corpus bench_check.py uses (--size artifacts), commits it, then makes
--commits more commits (one service file's title edited in each, one day apart), and times,
alternately and each with an empty result cache, ``check --no-cache`` of the work tree and
``check --as-of`` a date half-way through the history (every file read from git's objects,
the config at that commit, the shared-id history up to it). Issue 20's target: at most 2x.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import bench_env, check_command, frozen_code, medians_in_turn, ratio_verdict
from generate import generate, service_file

TARGET = 2.0
START = datetime.date(2025, 1, 1)
_QUIET_GIT = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
_GIT = ("git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false")
_AUTHOR = ("-c", "user.name=Bench", "-c", "user.email=bench@example.com")


def git(root: Path, day: datetime.date, *args: str) -> None:
    stamp = f"{day.isoformat()}T10:00:00+00:00"
    dates = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    env = {**os.environ, **_QUIET_GIT, **dates}
    subprocess.run([*_GIT, *_AUTHOR, *args], cwd=root, env=env, check=True, capture_output=True)


def repository(root: Path, size: int, commits: int) -> datetime.date:
    """The generated SMS with ``commits`` later commits; returns the date half-way."""
    generate(root, size)
    git(root, START, "init", "-q")
    git(root, START, "add", "-A", "--", ".")
    git(root, START, "commit", "-q", "-m", "base")
    for n in range(1, commits + 1):
        changed = root / service_file(n % 500 + 1)
        text = changed.read_text(encoding="utf-8")
        changed.write_text(text.replace("title: ", f"title: r{n} ", 1), encoding="utf-8")
        git(root, START + datetime.timedelta(days=n), "commit", "-q", "-a", "-m", f"change {n}")
    return START + datetime.timedelta(days=commits // 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sms-bench-as-of-"))
    try:
        env = bench_env(frozen_code(work / "code"), work / "cache")
        env["PYTHONHASHSEED"] = "0"
        root = work / "sms"
        day = repository(root, args.size, args.commits)
        cold = [*check_command(root), "--no-cache"]
        as_of = [*check_command(root), "--no-cache", "--as-of", day.isoformat()]
        first, second = medians_in_turn(cold, as_of, args.runs, env)
        print(f"{args.size} artifacts, {args.commits + 1} commits; medians of {args.runs}")
        print(f"  cold check (work tree)         {first:.3f} s")
        print(f"  check --as-of {day}      {second:.3f} s")
        return ratio_verdict(second / first, TARGET)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
