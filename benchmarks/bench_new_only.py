"""Time ``check --base HEAD~1 --new-only`` against ``check --base HEAD~1``, both warm.

Usage (from the repository root, in a venv with sms-lint installed):

    python benchmarks/bench_new_only.py [--size 10000] [--runs 7]

It generates the repository bench_check.py uses (--size artifacts), commits it, edits one file
and commits again, warms the result cache, then times the two commands alternately (medians
of --runs runs each, in the same run of the script: the machine's speed drifts between runs)
and prints the ratio. Issue 18's target: at most 1.3. The commands run a copy of sms-lint taken
when the script starts: others editing the source meanwhile would empty the result cache (its
fingerprint covers sms-lint's code) and time cold runs instead of warm ones.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import medians_in_turn, ratio_verdict, timed
from generate import generate, service_file

SOURCE = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
TARGET = 1.3
CHANGED = service_file(42)
_QUIET_GIT = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
_GIT = ("git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false")
_AUTHOR = ("-c", "user.name=Bench", "-c", "user.email=bench@example.com")


def git(root: Path, *args: str) -> None:
    env = {**os.environ, **_QUIET_GIT}
    subprocess.run([*_GIT, *_AUTHOR, *args], cwd=root, env=env, check=True, capture_output=True)


def repository(root: Path, size: int) -> None:
    """The generated SMS at HEAD~1, and HEAD with one file's title edited."""
    generate(root, size)
    git(root, "init", "-q")
    git(root, "add", "-A", "--", ".")
    git(root, "commit", "-q", "-m", "base")
    changed = root / CHANGED
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("title: Generated service 42", "title: Service 42"), "utf-8")
    git(root, "commit", "-q", "-a", "-m", "one change")


def check(root: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sms_lint", "check", str(root), "--today", TODAY, *extra]


def frozen_code(target: Path) -> Path:
    """A copy of the package and its data, importable from ``target``."""
    skip = shutil.ignore_patterns("__pycache__")
    for name in ("sms_lint", "schemas", "policies"):
        shutil.copytree(SOURCE / name, target / name, ignore=skip)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sms-bench-new-only-"))
    code = frozen_code(work / "code")
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "PYTHONPATH": str(code)}
    # A frozenset in the framework's repr (EvidenceRules.record_kinds) orders by string hash,
    # so the cache fingerprint differs per process unless the hash seed is fixed.
    env["PYTHONHASHSEED"] = "0"
    try:
        root = work / "sms"
        repository(root, args.size)
        base = check(root, "--base", "HEAD~1")
        new_only = [*base, "--new-only"]
        for command in (base, new_only, base, new_only):  # the cache is warm for both
            timed(command, env)
        first, second = medians_in_turn(base, new_only, args.runs, env)
        print(f"repository of {args.size} artifacts, one file changed; medians of {args.runs}")
        print(f"  check --base HEAD~1, warm              {first:.3f} s")
        print(f"  check --base HEAD~1 --new-only, warm   {second:.3f} s")
        return ratio_verdict(second / first, TARGET)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
