"""Time ``check --base HEAD~1`` against a plain ``check`` of the same tree, cold and warm.

Usage (from the repository root, in a venv with sms-lint installed):

    python benchmarks/bench_base.py [--size 10000] [--runs 5]

It generates the realistic corpus (``generate.py``, --size artifacts), commits it, and times
two cases on a copy of sms-lint frozen when the script starts (medians, the two commands of a
case taken in turn):

- everything changed: every artifact edited and committed; ``check --base HEAD~1 --no-cache``
  against a cold ``check --no-cache``. Issue 19's target: at most 3x.
- one file changed: ``check --base HEAD~1`` against ``check``, both warm (cache filled by two
  runs of each first). Issue 19's target: at most 1.2x.

The load average is printed with the figures: on a shared machine only the ratios, taken in
the same run, compare. Not part of the test suite.
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
from _common import bench_env, check_command, frozen_code, timed
from generate import generate

_GIT = ("git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
        "-c", "user.name=Bench", "-c", "user.email=bench@example.com")  # fmt: skip
_QUIET = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def git(root: Path, *args: str) -> None:
    env = {**os.environ, **_QUIET}
    subprocess.run([*_GIT, *args], cwd=root, env=env, check=True, capture_output=True)


def artifacts(root: Path) -> list[Path]:
    found = [*root.rglob("*.yaml"), *root.rglob("*.md")]
    return sorted(p for p in found if not p.name.startswith(".") and p.name != "README.md")


def edit(path: Path) -> None:
    """A change a reviewer would see: a YAML comment line, or a Markdown body line."""
    text = path.read_text(encoding="utf-8")
    extra = "\nEdited for the benchmark.\n" if path.suffix == ".md" else "# edited\n"
    path.write_text(text + extra, encoding="utf-8")


def committed(root: Path, size: int, edited: list[Path] | None) -> None:
    """The corpus committed as HEAD~1, then HEAD with ``edited`` (None: every artifact)."""
    generate(root, size)
    git(root, "init", "-q")
    git(root, "add", "-A", "--", ".")
    git(root, "commit", "-q", "-m", "base")
    for path in artifacts(root) if edited is None else edited:
        edit(path)
    git(root, "commit", "-q", "-a", "-m", "changes")


def in_turn(commands: list[list[str]], env: dict[str, str], runs: int) -> list[float]:
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            times[index].append(timed(command, env))
    return [statistics.median(t) for t in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sms-bench-base-"))
    try:
        code = frozen_code(work / "code")
        env = {**bench_env(code, work / "cache"), "PYTHONHASHSEED": "0"}
        everything = work / "all"
        committed(everything, options.size, None)
        cold = check_command(everything, "--no-cache")
        cold_base = check_command(everything, "--base", "HEAD~1", "--no-cache")
        plain_all, base_all = in_turn([cold, cold_base], env, options.runs)
        one = work / "one"
        generate(one, options.size)  # the same corpus: its first artifact is the one edited
        committed(one, options.size, artifacts(one)[:1])
        warm, warm_base = check_command(one), check_command(one, "--base", "HEAD~1")
        for command in (warm, warm_base, warm, warm_base):
            timed(command, env)
        plain_one, base_one = in_turn([warm, warm_base], env, options.runs)
        load = os.getloadavg()[0]
        ratios = (base_all / plain_all, base_one / plain_one)
        print(f"{options.size} artifacts; medians of {options.runs}; load average {load:.2f}")
        print(f"  check, cold                              {plain_all:7.3f} s")
        print(f"  check --base, everything changed, cold   {base_all:7.3f} s  ratio {ratios[0]:.2f}"
              " (target <= 3)")  # fmt: skip
        print(f"  check, warm                              {plain_one:7.3f} s")
        print(f"  check --base, one file changed, warm     {base_one:7.3f} s  ratio {ratios[1]:.2f}"
              " (target <= 1.2)")  # fmt: skip
        return 0 if ratios[0] <= 3 and ratios[1] <= 1.2 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
