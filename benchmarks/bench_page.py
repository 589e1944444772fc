"""Size and browser render time of the readiness page at 10,000 artifacts against the example's.

Usage (from the repository root, in a venv with sms-lint installed; needs Chromium):

    python benchmarks/bench_page.py [--size 10000] [--runs 5] [--today 2026-12-01]

It generates a --size corpus with ``generate.py`` (committed to git, as an SMS is), writes
``sms-lint coverage --format html`` of it and of ``example-sms-repo`` into a temporary folder,
then renders both in headless Chromium, alternately (so drift hits both alike), as a screenshot
and as a PDF (which lays out and paints every page, not only the first screen), and prints the
sizes and median times. Issue 19's targets: the large page at most 1.5 MB, and each render at
most 1.5x the example page's. Chromium's start-up on ``about:blank`` is printed as the floor.
Not part of the test suite; the page is made by a copy of sms-lint taken when the script starts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

SOURCE = Path(__file__).resolve().parent.parent
EXAMPLE = SOURCE / "example-sms-repo"
MAX_BYTES = 1_500_000
MAX_RATIO = 1.5
_GIT = ("git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false")
_AUTHOR = ("-c", "user.name=Bench", "-c", "user.email=bench@example.com")
_QUIET_GIT = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("Chromium is not installed: apt-get install -y chromium")


def git(root: Path, *args: str) -> None:
    env = {**os.environ, **_QUIET_GIT}
    subprocess.run([*_GIT, *_AUTHOR, *args], cwd=root, env=env, check=True, capture_output=True)


def corpus(root: Path, size: int) -> None:
    generate(root, size)
    git(root, "init", "-q")
    git(root, "add", "-A", "--", ".")
    git(root, "commit", "-q", "-m", "generated SMS")


def frozen_code(target: Path) -> Path:
    """A copy of the package and its data, so others editing the source change nothing here."""
    skip = shutil.ignore_patterns("__pycache__")
    for name in ("sms_lint", "schemas", "policies"):
        shutil.copytree(SOURCE / name, target / name, ignore=skip)
    return target


def page(root: Path, target: Path, today: str, env: dict[str, str]) -> int:
    """Write the readiness page of ``root`` to ``target``; return its size in bytes."""
    command = [sys.executable, "-m", "sms_lint", "coverage", str(root), "--format", "html"]
    command += ["--today", today, "-o", str(target)]
    done = subprocess.run(command, env=env, cwd=env["PYTHONPATH"], capture_output=True)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")
    return target.stat().st_size


def render(chromium: str, url: str, mode: str, work: Path) -> float:
    """Wall time of one headless Chromium run that loads ``url`` and writes its output."""
    outputs = {
        "screenshot": [f"--screenshot={work / 'shot.png'}", "--window-size=1280,2000"],
        "pdf": [f"--print-to-pdf={work / 'page.pdf'}", "--no-pdf-header-footer"],
    }
    command = [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run"]
    command += [f"--user-data-dir={work / 'profile'}", *outputs[mode], url]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"chromium failed on {url}:\n{done.stderr.decode(errors='replace')[-2000:]}")
    return elapsed


def timings(chromium: str, pages: dict[str, str], runs: int, work: Path) -> dict[str, float]:
    """Median render time of each page in each mode, the pages taken in turn every run."""
    samples: dict[str, list[float]] = {}
    for mode in ("screenshot", "pdf"):
        for url in pages.values():  # one run each first: Chromium's files into the cache
            render(chromium, url, mode, work)
        for _ in range(runs):
            for name, url in pages.items():
                samples.setdefault(f"{name} {mode}", []).append(render(chromium, url, mode, work))
    return {key: statistics.median(values) for key, values in samples.items()}


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--today", default="2026-12-01")
    args = parser.parse_args()
    chromium = browser()
    work = Path(tempfile.mkdtemp(prefix="sms-bench-page-"))
    code = frozen_code(work / "code")
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "PYTHONPATH": str(code)}
    try:
        corpus(work / "sms", args.size)
        sizes = {
            "example": page(EXAMPLE, work / "example.html", args.today, env),
            "large": page(work / "sms", work / "large.html", args.today, env),
        }
        urls = {name: (work / f"{name}.html").as_uri() for name in sizes}
        urls["blank"] = "about:blank"
        times = timings(chromium, urls, args.runs, work)
        return report(args, sizes, times)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(args: argparse.Namespace, sizes: dict[str, int], times: dict[str, float]) -> int:
    print(f"readiness page: example-sms-repo vs {args.size:,} generated artifacts; {load()}")
    print(f"  example page   {sizes['example']:>11,} bytes")
    verdict = "PASS" if sizes["large"] <= MAX_BYTES else "FAIL"
    print(f"  large page     {sizes['large']:>11,} bytes  {verdict} (target <= {MAX_BYTES:,})")
    passed = sizes["large"] <= MAX_BYTES
    print(f"  render times, medians of {args.runs} (Chromium on about:blank is the floor):")
    for mode in ("screenshot", "pdf"):
        blank, example, large = (times[f"{n} {mode}"] for n in ("blank", "example", "large"))
        ratio = large / example
        passed = passed and ratio <= MAX_RATIO
        verdict = "PASS" if ratio <= MAX_RATIO else "FAIL"
        print(
            f"  {mode:<10} blank {blank:.2f} s, example {example:.2f} s, large {large:.2f} s:"
            f"  {verdict} ratio {ratio:.2f} (target <= {MAX_RATIO})"
        )
    print(f"  {load()}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
