"""Shared helpers for the benchmark scripts: a frozen copy of sms-lint, timing, the parse floor,
peak memory of a whole process tree, and dropping files' pages from the OS cache.

Any script in this folder can use them::

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _common import frozen_code, median_time, peak_memory, drop_pages, report

Nothing here writes outside the folders it is given.
"""

from __future__ import annotations

import compileall
import math
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

SOURCE = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
# What any checker of these files must at least do: load every artifact with PyYAML's C loader.
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
PAGE = os.sysconf("SC_PAGE_SIZE")


def frozen_code(target: Path, from_head: bool = False) -> Path:
    """A copy of the package and its data, importable from ``target`` (put it on PYTHONPATH
    and run from it): others editing the source mid-run would otherwise change what is timed
    (and the cache's fingerprint). ``from_head`` takes the last commit instead of the work tree
    (when the work tree is half-edited). The copy holds the example SMS the corpus is made
    from, which must match the code."""
    names = ("sms_lint", "schemas", "policies", "example-sms-repo")
    target.mkdir(parents=True, exist_ok=True)
    if from_head:
        _extract_head(target, names)
    else:
        for name in names:
            skip = shutil.ignore_patterns("__pycache__")
            shutil.copytree(SOURCE / name, target / name, ignore=skip, symlinks=True)
    # Byte-compiled once here: with PYTHONDONTWRITEBYTECODE set (it is, in this container) every
    # timed run would otherwise compile sms-lint's source again (~1 s of a warm run).
    compileall.compile_dir(target / "sms_lint", quiet=1)
    return target


def _extract_head(target: Path, names: Sequence[str]) -> None:
    with tempfile.TemporaryFile() as archive:
        git = ["git", "-c", "core.fsmonitor=false", "archive", "--format=tar", "HEAD"]
        subprocess.run([*git, *names], cwd=SOURCE, stdout=archive, check=True)
        archive.seek(0)
        with tarfile.open(fileobj=archive) as tar:
            tar.extractall(target, filter="data")


def bench_env(code: Path, cache: Path) -> dict[str, str]:
    """The environment every timed command runs in: the frozen code, a private cache."""
    return {**os.environ, "PYTHONPATH": str(code), "XDG_CACHE_HOME": str(cache)}


def check_command(root: Path, *extra: str, today: str = TODAY) -> list[str]:
    return [sys.executable, "-m", "sms_lint", "check", str(root), "--today", today, *extra]


def floor_command(root: Path) -> list[str]:
    return [sys.executable, "-c", FLOOR_SCRIPT, str(root)]


def _cwd(env: dict[str, str] | None) -> str | None:
    # ``python -m`` imports from the current folder first: run from the frozen copy's folder.
    return env.get("PYTHONPATH") if env else None


def timed(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one run; a run that fails (exit other than 0 or 1) stops the script."""
    start = time.perf_counter()
    done = subprocess.run(list(command), env=env, cwd=_cwd(env), capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')[-2000:]}")
    return elapsed


def summary(command: Sequence[str], env: dict[str, str] | None = None) -> str:
    """The last line ``command`` prints (a check's "N artifacts checked: no findings.")."""
    done = subprocess.run(list(command), env=env, cwd=_cwd(env), capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else f"(nothing printed; exit {done.returncode})"


def median_time(
    command: Sequence[str],
    runs: int,
    env: dict[str, str] | None = None,
    before_each: Callable[[], object] | None = None,
) -> float:
    times = []
    for _ in range(runs):
        if before_each is not None:
            before_each()
        times.append(timed(command, env))
    return statistics.median(times)


class Peak(NamedTuple):
    seconds: float
    total_kib: int  # the largest sum of VmRSS over the process and all its descendants
    largest_kib: int  # the largest VmRSS of any one of them
    samples: int


def _parents(known: dict[int, int]) -> dict[int, int]:
    """pid -> parent pid of every process, reading /proc/PID/stat only for new pids."""
    current: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        pid = int(name)
        if pid not in known:
            try:
                with open(f"/proc/{pid}/stat", "rb") as stat:
                    # The command name may hold spaces and brackets: fields after the last ')'.
                    known[pid] = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
        current[pid] = known[pid]
    return current


def _tree_rss(root: int, known: dict[int, int]) -> tuple[int, int]:
    parents = _parents(known)
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, up in parents.items() if up == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    sizes = []
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                sizes.append(int(statm.read().split()[1]) * PAGE // 1024)
        except (OSError, IndexError, ValueError):
            continue  # the process ended between listing and reading
    return sum(sizes), max(sizes, default=0)


def peak_memory(
    command: Sequence[str], env: dict[str, str] | None = None, interval: float = 0.005
) -> Peak:
    """Run ``command`` and poll the resident memory (VmRSS, from /proc/PID/statm) of it and
    every process it starts, every ``interval`` seconds. Pages shared after a fork count in
    each process, so the sum is an upper bound of what they use together."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        env=env,
        cwd=_cwd(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    known: dict[int, int] = {}
    total = largest = samples = 0
    while process.poll() is None:
        now_total, now_largest = _tree_rss(process.pid, known)
        total, largest = max(total, now_total), max(largest, now_largest)
        samples += 1
        time.sleep(interval)
    return Peak(time.perf_counter() - start, total, largest, samples)


def drop_pages(paths: Iterable[Path]) -> int:
    """Ask the OS to forget the cached pages of each file (written out first, since dirty pages
    cannot be dropped), as it does by itself after a while idle. Returns how many files."""
    dropped = 0
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fdatasync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            dropped += 1
        except OSError:
            pass
        finally:
            os.close(fd)
    return dropped


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def resident_share(paths: Sequence[Path]) -> float | None:
    """The share of the files' pages in the OS cache (util-linux ``fincore``), None without it."""
    tool = shutil.which("fincore")
    if tool is None or not paths:
        return None
    done = subprocess.run(
        [tool, "--bytes", "--noheadings", "--raw", "--output", "RES,SIZE", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    pairs = [line.split() for line in done.stdout.splitlines() if len(line.split()) == 2]
    size = sum(int(s) for _, s in pairs)
    return sum(int(r) for r, _ in pairs) / size if size else None


def growth_exponent(sizes: Sequence[int], times: Sequence[float]) -> float:
    """The least-squares slope of log(time) over log(size): 1.0 is linear."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def peer(name: str) -> str | None:
    """A peer tool on PATH or beside this Python (the venv's bin)."""
    beside = Path(sys.executable).parent / name
    return shutil.which(name) or (str(beside) if beside.exists() else None)


def report(label: str, measured: float, target: float, unit: str = "") -> bool:
    ok = measured <= target
    verdict = "PASS" if ok else "FAIL"
    print(f"  {verdict}  {label}: {measured:.3f}{unit} (target <= {target}{unit})")
    return ok


def medians_in_turn(
    first: Sequence[str], second: Sequence[str], runs: int, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """The median times of two commands run alternately, so that drift hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        times[0].append(timed(first, env))
        times[1].append(timed(second, env))
    return statistics.median(times[0]), statistics.median(times[1])


def ratio_verdict(ratio: float, target: float) -> int:
    """Print ``PASS``/``FAIL`` with the ratio; the exit code (0 within the target)."""
    verdict = "PASS" if ratio <= target else "FAIL"
    print(f"  {verdict}  ratio {ratio:.3f} (target <= {target})")
    return 0 if ratio <= target else 1
