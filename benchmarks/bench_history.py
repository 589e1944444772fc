"""Time ``sms-lint history ID`` against ``git log --follow -- FILE`` on a generated repository.

Usage (from the repository root, in a venv with sms-lint installed):

    python benchmarks/bench_history.py [--files 1000] [--commits 5000] [--runs 9]

It writes the repository of ``bench_register.py`` (--files artifacts, --commits commits, with
``git fast-import``), picks the artifact changed most often, and prints the median wall time
of each command (runs taken in turn) and their ratio; the target of issue 19 is a ratio of
at most 3. ``history`` is timed both by id (it finds the file that declares it) and by path.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_register import build_repository, interleaved_medians, path_of

TARGET = 3.0


def busiest(root: Path) -> int:
    """The artifact number whose file the most commits changed."""
    out = subprocess.run(
        ["git", "log", "--format=", "--name-only"], cwd=root, capture_output=True, check=True
    ).stdout.decode()
    counts = collections.Counter(line for line in out.splitlines() if line)
    path = counts.most_common(1)[0][0]
    return int(path.rsplit("-", 1)[1].split(".")[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    sms_lint = shutil.which("sms-lint") or str(Path(sys.executable).with_name("sms-lint"))
    with tempfile.TemporaryDirectory(prefix="bench-history-") as scratch:
        root = Path(scratch) / "repo"
        start = time.perf_counter()
        build_repository(root, options.files, options.commits)
        number = busiest(root)
        path, artifact_id = path_of(number), f"DOC-{number:04d}"
        revisions = subprocess.run(
            ["git", "log", "--follow", "--format=%H", "--", path],
            cwd=root, capture_output=True, check=True,
        ).stdout.count(b"\n")  # fmt: skip
        print(f"generated {options.files} files x {options.commits} commits "
              f"in {time.perf_counter() - start:.1f} s; {path} ({artifact_id}) has "
              f"{revisions} revisions")  # fmt: skip
        follow, by_id, by_path = interleaved_medians(
            [
                ["git", "log", "--follow", "--", path],
                [sms_lint, "history", artifact_id, "--format", "json"],
                [sms_lint, "history", path, "--format", "json"],
            ],
            root,
            options.runs,
        )
        ratios = [by_id / follow, by_path / follow]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"load average (1 min)                  {load:6.2f}")
        print(f"git log --follow -- FILE              {follow:6.3f} s")
        print(f"sms-lint history ID --format json     {by_id:6.3f} s  ratio {ratios[0]:.2f}")
        print(f"sms-lint history FILE --format json   {by_path:6.3f} s  ratio {ratios[1]:.2f}")
        verdict = "PASS" if max(ratios) <= TARGET else "FAIL"
        print(f"target: history within {TARGET:g}x of git log --follow: {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
