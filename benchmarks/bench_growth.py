"""Growth of `sms-lint check` on hostile inputs: 10x the input must cost at most 12x the time.

Usage (from the repository root, in a venv with sms-lint installed):

    python benchmarks/bench_growth.py [--runs 1] [--scales 1,10] [--only NAME ...]

Each case builds a repository at 1x and 10x (in a temporary folder) of something a pull request
controls: unknown keys in one file, dangling references, unknown roles, unused waivers, exclude
patterns, duplicate ids, findings in every report format. Each run is timed in a fresh Python
process that has already checked a tiny repository (so imports and start-up are not counted),
and the script prints each case's time ratio with PASS or FAIL. Issue 13's target: every ratio
<= 12 (linear, with room for noise and n log n sorting).
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

TODAY = "2026-11-22"
TARGET = 12.0

# Times one check in-process after a warm-up run, so the ratio is the check's own cost.
RUNNER = r"""
import datetime, sys, time
from pathlib import Path
from sms_lint.reporters import REPORTERS
from sms_lint.run.check import check_result
from sms_lint.run.parts import CheckRequest

def run(root, fmt):
    request = CheckRequest(Path(root), fmt, None, datetime.date.fromisoformat(sys.argv[4]),
                           "major", None, None, (), False, False)
    result = check_result(request)
    return len(REPORTERS[fmt]().render(result)), len(result.findings)

run(sys.argv[1], sys.argv[3])
start = time.perf_counter()
size, findings = run(sys.argv[2], sys.argv[3])
print(time.perf_counter() - start, findings, size)
"""

HEADER = """id: {id}
kind: {kind}
title: Generated {kind} {id}
owner: sms-manager
status: approved
version: "1.0"
approved_by: sms-manager
approved_on: 2026-09-01
last_reviewed: 2026-10-01
"""

ROLES = """roles:
  - id: sms-manager
    title: SMS manager
    holder: A Person
    top_management: true
"""

SERVICE_BODY = """name: Service {n}
description: A generated service.
service_status: retired
customers: [Retail]
"""


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def base_repo(root: Path) -> None:
    """The smallest repository the rules have something to say about: one roles artifact."""
    write(root, "roles.yaml", HEADER.format(id="ROLES-001", kind="roles") + ROLES)


def service(n: int, extra: str = "") -> str:
    return HEADER.format(id=f"SVC-{n:06d}", kind="service") + SERVICE_BODY.format(n=n) + extra


def unknown_keys(root: Path, n: int) -> None:
    """One file with n unknown top-level keys (schema explainer, difflib per key)."""
    base_repo(root)
    keys = "".join(f"z{i:06d}: 1\n" for i in range(n))  # 90,000 keys fit in 1 MiB
    write(root, "big.yaml", service(0, keys))


def dangling_related(root: Path, n: int) -> None:
    """n services, each with a `related` id that is a near miss of another's (difflib over
    every id, once per reference)."""
    base_repo(root)
    for i in range(n):
        write(root, f"svc/{i:06d}.yaml", service(i, f"related: [SVC-{i:06d}X]\n"))


def dangling_in_one_file(root: Path, n: int) -> None:
    """One service listing n dangling ids, beside n/10 services (the candidates)."""
    base_repo(root)
    for i in range(n // 10):
        write(root, f"svc/{i:06d}.yaml", service(i))
    ids = "".join(f"  - SVC-{i:06d}Y\n" for i in range(n))
    write(root, "big.yaml", service(999_999, "related:\n" + ids))


def unknown_roles(root: Path, n: int) -> None:
    """Roles artifacts holding n roles, and an audit naming n roles that do not exist."""
    base_repo(root)
    per_file = 5_000
    for start in range(0, n, per_file):
        roles = "".join(
            f"  - id: role-{i:06d}\n    title: Role {i}\n    holder: P {i}\n"
            for i in range(start, min(n, start + per_file))
        )
        write(
            root,
            f"roles/r{start}.yaml",
            HEADER.format(id=f"ROLES-{start}", kind="roles") + "roles:\n" + roles,
        )
    auditees = "".join(f"  - role-{i:06d}x\n" for i in range(n))
    audit = HEADER.format(id="AUD-1", kind="audit") + (
        "audit_type: internal\ndate: 2026-05-13\nauditor: sms-manager\n"
        'scope_clauses: ["8"]\nauditee_roles:\n' + auditees
    )
    write(root, "audit.yaml", audit)


def unused_waivers(root: Path, n: int) -> None:
    """n waivers matching nothing, beside n findings they could have waived."""
    base_repo(root)
    for i in range(n):
        write(root, f"svc/{i:06d}.yaml", service(i, "zz_unknown: 1\n"))
    waivers = "".join(
        f"  - rule: SMS001\n    path: other/{i:06d}.yaml\n    reason: r\n    approved_by: x\n"
        f"  - rule: SMS001\n    artifact: NOPE-{i:06d}\n    reason: r\n    approved_by: x\n"
        f"  - rule: SMS001\n    path: '*/{i:06d}x.yaml'\n    reason: r\n    approved_by: x\n"
        for i in range(n // 3)
    )
    write(root, ".sms-lint.yaml", "waivers:\n" + waivers)


def used_waivers(root: Path, n: int) -> None:
    """n findings, each waived by its own waiver (and a few that waive them all)."""
    base_repo(root)
    for i in range(n):
        write(root, f"svc/{i:06d}.yaml", service(i, "zz_unknown: 1\n"))
    waivers = "".join(
        f"  - rule: SMS001\n    path: svc/{i:06d}.yaml\n    reason: r\n    approved_by: x\n"
        for i in range(n)
    )
    write(root, ".sms-lint.yaml", "waivers:\n" + waivers)


def exclude_patterns(root: Path, n: int) -> None:
    """n exclude patterns of every shape, none matching, over n files."""
    base_repo(root)
    for i in range(n):
        write(root, f"d{i % 100:03d}/svc-{i:06d}.yaml", service(i))
    shapes = (
        "nomatch-{i}",
        "nomatch-{i}/*.yaml",
        "**/nomatch-{i}.yaml",
        "*-nomatch{i}.yaml",
        "d*/svc-{i}x.yaml",
        "[n]omatch{i}/**",
        "**/*{i}z*",
    )
    patterns = [shapes[i % len(shapes)].format(i=i) for i in range(n)]
    write(root, ".sms-lint.yaml", "exclude:\n" + "".join(f"  - '{p}'\n" for p in patterns))


def duplicate_ids(root: Path, n: int) -> None:
    """n artifacts with the same id."""
    base_repo(root)
    for i in range(n):
        write(root, f"svc/{i:06d}.yaml", service(0))


def many_targets(root: Path, n: int) -> None:
    """One SLA with n targets (half unmeasurable), one objectives artifact with n objectives."""
    base_repo(root)
    write(root, "svc.yaml", service(1))
    targets = "".join(
        f"  - metric: m{i}\n    target: {'soon' if i % 2 else 99}\n    unit: percent\n"
        for i in range(n)
    )
    sla = HEADER.format(id="SLA-1", kind="sla") + (
        "service: SVC-000001\ncustomer: Retail\ntargets:\n" + targets
    )
    write(root, "sla.yaml", sla)
    clauses = "".join(f"  - '{8 + i % 3}.{i % 7}'\n" for i in range(n))
    write(root, "svc2.yaml", service(2, "clauses:\n" + clauses))


def findings_in(fmt: str) -> Callable[[Path, int], None]:
    def build(root: Path, n: int) -> None:
        """n files with three findings each, rendered in one report format."""
        base_repo(root)
        for i in range(n):
            write(root, f"svc/{i:06d}.yaml", service(i, "zz_a: 1\nzz_b: 2\nowner2: x\n"))

    return build


# name -> (builder, format, size at 1x)
CASES: dict[str, tuple[Callable[[Path, int], None], str, int]] = {
    "unknown keys in one file": (unknown_keys, "json", 8_000),
    "dangling related ids": (dangling_related, "json", 1_500),
    "dangling ids in one file": (dangling_in_one_file, "json", 5_000),
    "unknown auditee_roles": (unknown_roles, "json", 3_000),
    "unused waivers": (unused_waivers, "json", 1_500),
    "used waivers": (used_waivers, "json", 1_500),
    "exclude patterns x files": (exclude_patterns, "json", 2_000),
    "duplicate ids": (duplicate_ids, "json", 1_500),
    "targets and clauses": (many_targets, "json", 1_500),
    **{
        f"findings, {fmt}": (findings_in(fmt), fmt, 1_000)
        for fmt in ("text", "json", "sarif", "junit", "github")
    },
}


def timed_check(tiny: Path, root: Path, fmt: str, runs: int) -> tuple[float, int]:
    times, findings = [], 0
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", RUNNER, str(tiny), str(root), fmt, TODAY],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        times.append(float(out[0]))
        findings = int(out[1])
    return statistics.median(times), findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--scales", default="1,10", help="comma-separated multiples of 1x")
    parser.add_argument("--only", nargs="*", help="case names (substrings) to run")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    work = Path(tempfile.mkdtemp(prefix="sms-growth-"))
    failed: list[str] = []
    try:
        tiny = work / "tiny"
        base_repo(tiny)
        print(
            f"seconds per check (median of {args.runs}); ratio to 1x; target <= {TARGET}x per 10x"
        )
        for name, (build, fmt, size) in CASES.items():
            if args.only and not any(o in name for o in args.only):
                continue
            measured = {}
            for scale in scales:
                root = work / f"case{scale}"
                build(root, size * scale)
                measured[scale], findings = timed_check(tiny, root, fmt, args.runs)
                shutil.rmtree(root)
                ratio = measured[scale] / measured[scales[0]]
                print(
                    f"  {name:<28} {scale:>4}x n={size * scale:<8} {measured[scale]:8.3f} s"
                    f"  {ratio:7.2f}x  ({findings} findings)",
                    flush=True,
                )
            for low, high in itertools.pairwise(scales):
                # 12x per 10x: linear growth with room for noise and n log n sorting
                allowed = TARGET * (high / low) / 10
                ratio = measured[high] / measured[low]
                ok = ratio <= allowed
                print(f"  {'PASS' if ok else 'FAIL'}  {name}: {high}x / {low}x = {ratio:.2f}")
                if not ok:
                    failed.append(f"{name} ({high}x/{low}x = {ratio:.2f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("all targets hold" if not failed else "targets FAIL: " + "; ".join(failed))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
