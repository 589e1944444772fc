"""Time ``sms-lint register`` against a bare ``git log --name-only`` on a generated repository.

Usage (from the repository root, in a venv with sms-lint installed):

    python benchmarks/bench_register.py [--files 1000] [--commits 5000] [--runs 9] [--per-file]

It writes a git repository of --files artifacts and --commits commits with ``git fast-import``
(a few seconds), then prints the median wall time of each command and the ratio, with the load
average; the target of issues 5 and 19 is a ratio of at most 2 at 5,000 commits.
``--per-file`` also times the naive way (one ``git log -1`` per file), to show what the single
history walk saves. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START = 1_735_689_600  # 2025-01-01T00:00:00Z: commit n is n minutes later
_QUIET = ("-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false")


def artifact(number: int, revision: int) -> bytes:
    return (
        f"id: DOC-{number:04d}\n"
        "kind: procedure\n"
        f"title: Generated procedure {number}\n"
        "owner: sms-manager\n"
        "status: draft\n"
        f'version: "1.{revision}"\n'
    ).encode()


def path_of(number: int) -> str:
    return f"area-{number % 20:02d}/doc-{number:04d}.yaml"


def _data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def fast_import_stream(files: int, commits: int, seed: int = 5) -> bytes:
    """The first commit adds every file; each later one edits one to three of them (commits
    to one branch in one stream follow each other, so no ``from`` is needed)."""
    chooser = random.Random(seed)
    revisions = [0] * files
    out = bytearray()
    for number in range(commits):
        touched = (
            range(files) if number == 0 else chooser.sample(range(files), chooser.randint(1, 3))
        )
        when = START + 60 * number
        out += b"commit refs/heads/main\n"
        out += b"committer Bench Author <bench@example.com> %d +0000\n" % when
        out += _data(b"Change %d" % number)
        for index in touched:
            revisions[index] += 1
            out += f"M 100644 inline {path_of(index)}\n".encode()
            out += _data(artifact(index, revisions[index]))
        out += b"\n"
    return bytes(out)


def build_repository(target: Path, files: int, commits: int) -> None:
    subprocess.run(["git", *_QUIET, "init", "-q", str(target)], check=True)
    stream = fast_import_stream(files, commits)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=target, input=stream, check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=target, check=True)


def seconds(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)  # fmt: skip
    return time.perf_counter() - start


def interleaved_medians(commands: list[list[str]], cwd: Path, runs: int) -> list[float]:
    """Median wall time of each command, runs taken in turn so that a busy moment of the
    machine weighs on both sides alike."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            times[index].append(seconds(command, cwd))
    return [statistics.median(t) for t in times]


def per_file_seconds(root: Path, files: int) -> float:
    """The naive register: one ``git log -1`` per artifact."""
    start = time.perf_counter()
    for number in range(files):
        subprocess.run(
            ["git", "log", "-1", "--format=%H%x1f%an%x1f%aI%x1f%s", "--", path_of(number)],
            cwd=root, stdout=subprocess.DEVNULL, check=True,
        )  # fmt: skip
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--per-file", action="store_true", help="also time one git log per file")
    options = parser.parse_args()
    sms_lint = shutil.which("sms-lint") or str(Path(sys.executable).with_name("sms-lint"))
    with tempfile.TemporaryDirectory(prefix="bench-register-") as scratch:
        root = Path(scratch) / "repo"
        start = time.perf_counter()
        build_repository(root, options.files, options.commits)
        print(f"generated {options.files} files x {options.commits} commits "
              f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
        register_command = [sms_lint, "register", ".", "--format", "json"]
        bare, register = interleaved_medians(
            [["git", "log", "--name-only"], register_command], root, options.runs
        )
        # An untracked artifact never shows up in the log, so the walk goes to the first commit.
        (root / "untracked.yaml").write_bytes(artifact(options.files, 0))
        _, full_walk = interleaved_medians(
            [["git", "log", "--name-only"], register_command], root, options.runs
        )
        # The same files outside git: what register costs before any history is read.
        plain = Path(scratch) / "plain"
        shutil.copytree(root, plain, ignore=shutil.ignore_patterns(".git"))
        (no_history,) = interleaved_medians([register_command], plain, options.runs)
        ratios = [register / bare, full_walk / bare]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"load average (1 min)                 {load:6.2f}")
        print(f"git log --name-only                  {bare:6.3f} s")
        print(f"sms-lint register --format json      {register:6.3f} s  ratio {ratios[0]:.2f}")
        print(f"  the same with one untracked file   {full_walk:6.3f} s  ratio {ratios[1]:.2f}")
        print(f"  the same files outside git         {no_history:6.3f} s  (no history read)")
        verdict = "PASS" if max(ratios) <= 2 else "FAIL"
        print(f"target: register within 2x of git log --name-only: {verdict}")
        if options.per_file:
            naive = per_file_seconds(root, options.files)
            print(f"one git log -1 per file              {naive:6.3f} s "
                  f"({naive / register:.0f}x register)")  # fmt: skip
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
