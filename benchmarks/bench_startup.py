"""Time sms-lint's start-up against its peers: the pre-commit case and ``--help``/``--version``.

Usage (from the repository root, in a venv with sms-lint installed):

    pip install -r benchmarks/requirements.txt   # yamllint
    python benchmarks/bench_startup.py [--runs 11] [--size 50] [--from-head]

It copies sms-lint into a scratch folder (others editing the source must not change what is
timed), writes an SMS of --size artifacts there (the example SMS when --size is smaller) as a
git repository, warms sms-lint's cache (XDG_CACHE_HOME inside the scratch folder), then runs,
in turn, each round:

- ``python -c 'import yaml'`` and ``python -c pass`` (the floors);
- ``yamllint -d relaxed FILE`` on the one file the round changes;
- ``sms-lint check ROOT --today ...`` right after that file was changed (a pre-commit run);
- ``sms-lint --help`` and ``sms-lint --version``.

It prints the medians and each target of issue 19 (point 1) with its ratio and PASS/FAIL:
check at most 1.0x yamllint and at most 3x ``import yaml``; --help and --version under 2x
``import yaml``. Ratios are taken within this one run; the figures are noisy on a shared
machine, so the load average is printed with them. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import bench_env, frozen_code, peer, report, timed
from generate import generate

TODAY = "2026-12-01"
CHANGED = "services/svc-backup.yaml"  # the file every round edits (a YAML comment: no finding)
GIT = ["git", "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"]


def sms_lint_command() -> list[str]:
    """The console script a pre-commit hook runs (``python -m sms_lint`` without one)."""
    script = Path(sys.executable).with_name("sms-lint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sms_lint"]


def make_repository(root: Path, size: int, example: Path) -> int:
    """The SMS under ``root`` as a committed git repository; returns its artifact count."""
    count = generate(root, size, example=example)
    quiet = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    for args in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-q", "-m", "SMS"]):
        subprocess.run([*GIT, *args], cwd=root, env=quiet, check=True)
    return count


class Editor:
    """Changes the same file before each pre-commit run: a new comment line every time, so
    each timed check finds exactly one changed file."""

    def __init__(self, path: Path) -> None:
        self.path, self.original, self.edits = path, path.read_text(encoding="utf-8"), 0

    def __call__(self) -> None:
        self.edits += 1
        self.path.write_text(f"{self.original}# edit {self.edits}\n", encoding="utf-8")


class Medians(NamedTuple):
    wall: float
    cpu: float  # user + system time: less swayed than wall time by other work on the machine


def cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def rounds(
    commands: dict[str, list[str]],
    runs: int,
    env: dict[str, str],
    before: dict[str, Callable[[], None]],
) -> dict[str, Medians]:
    """Median wall and CPU time of each command, the commands taken in turn in every round."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            if name in before:
                before[name]()
            used = cpu_seconds()
            walls[name].append(timed(command, env))
            cpus[name].append(cpu_seconds() - used)
    return {
        name: Medians(statistics.median(walls[name]), statistics.median(cpus[name]))
        for name in commands
    }


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


# (label, measured command, peer command, target ratio): judged on wall time.
TARGETS = (
    ("check one file changed / yamllint", "sms-lint check, one file changed",
     "yamllint -d relaxed FILE", 1.0),
    ("check one file changed / import yaml", "sms-lint check, one file changed",
     "python -c 'import yaml'", 3.0),
    ("--help / import yaml", "sms-lint --help", "python -c 'import yaml'", 2.0),
    ("--version / import yaml", "sms-lint --version", "python -c 'import yaml'", 2.0),
)  # fmt: skip


def judge(medians: dict[str, Medians]) -> list[bool]:
    results = []
    for label, measured, peer_name, target in TARGETS:
        ours, theirs = medians[measured], medians[peer_name]
        results.append(report(label, ours.wall / theirs.wall, target))
        print(f"        (cpu time ratio {ours.cpu / theirs.cpu:.3f})")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11, help="rounds (medians; at least 9)")
    parser.add_argument("--size", type=int, default=50, help="artifacts (at least the example)")
    parser.add_argument("--from-head", action="store_true", help="time the last commit")
    options = parser.parse_args()
    yamllint = peer("yamllint")
    if yamllint is None:
        sys.exit("yamllint is not installed: pip install -r benchmarks/requirements.txt")
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        work = Path(scratch)
        code = frozen_code(work / "code", from_head=options.from_head)
        # Byte-compiled as pip installs it: with PYTHONDONTWRITEBYTECODE set (as on some CI
        # machines) every run would compile sms-lint's source again and time the compiler.
        compile_all = [sys.executable, "-m", "compileall", "-q", str(code / "sms_lint")]
        subprocess.run(compile_all, check=True)
        env = bench_env(code, work / "cache")
        root = work / "sms"
        count = make_repository(root, options.size, code / "example-sms-repo")
        edit = Editor(root / CHANGED)
        sms_lint = sms_lint_command()
        check = [*sms_lint, "check", str(root), "--today", TODAY]
        commands = {
            "python -c 'import yaml'": [sys.executable, "-c", "import yaml"],
            "python -c pass": [sys.executable, "-c", "pass"],
            "yamllint -d relaxed FILE": [yamllint, "-d", "relaxed", str(root / CHANGED)],
            "sms-lint check, one file changed": check,
            "sms-lint --help": [*sms_lint, "--help"],
            "sms-lint --version": [*sms_lint, "--version"],
        }
        for command in commands.values():  # compile the copy's .pyc, fill the cache
            timed(command, env)
        edit()
        first = subprocess.run(check, env=env, cwd=code, capture_output=True, text=True)
        if first.returncode != 0:
            sys.exit(f"the check of the SMS must pass for this benchmark:\n{first.stdout[-2000:]}")
        print(f"SMS of {count} artifacts; medians of {options.runs} rounds (seconds); {load()}")
        medians = rounds(commands, options.runs, env, {"sms-lint check, one file changed": edit})
        print(f"  after the runs: {load()}")
        print(f"  {'':<34} {'wall':>7} {'cpu':>7}")
        for name, times in medians.items():
            print(f"  {name:<34} {times.wall:7.4f} {times.cpu:7.4f}")
        results = judge(medians)
    print("all targets hold" if all(results) else "some targets FAIL")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
