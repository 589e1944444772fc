"""Generate a realistic SMS repository with no findings of N artifacts for benchmarks.

Usage: python benchmarks/generate.py DIR N [--seed 19]

It copies ``example-sms-repo`` (a complete SMS with no findings) and adds, in nested folders,
cycles of seven artifacts until there are N: a live service with its SLA
(``services/<area>/<team>/``, ``slas/<area>/``), a supplier (``suppliers/<category>/``), a closed
nonconformity (``nonconformities/<year>/``) and three Markdown procedures
(``procedures/<process>/<topic>/``) whose bodies are 2-5 KB of prose with headings, lists, a
table and links by id. So about 43 % of a large corpus is Markdown, as in the SMSs issue 19
measured. Every cross-reference is valid and ``sms-lint check DIR`` has no findings at any N.
The output depends only on N and the seed.
"""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _prose import Prose

EXAMPLE = Path(__file__).resolve().parent.parent / "example-sms-repo"
SEED = 19
# The example's documents that list the services they cover or sample.
LISTING = (
    "governance/scope.yaml",
    "governance/plans/plan-availability.md",
    "governance/plans/plan-continuity.md",
    "audits/aud-2027-01.md",
)

AREAS = ("platform", "payments", "workplace", "data", "network", "customer")
TEAMS = ("core", "edge", "ops", "apps", "infra")
CATEGORIES = ("hosting", "software", "telecoms", "facilities")
PROCESSES = ("incident", "change", "release", "problem", "capacity", "supplier", "continuity")
TOPICS = ("runbooks", "checklists", "work-instructions")
# Roles that own generated documents; the SMS manager approves them (never their own).
OWNERS = (
    "service-level-manager",
    "supplier-manager",
    "change-manager",
    "incident-manager",
    "problem-manager",
    "release-manager",
    "configuration-manager",
    "capacity-availability-manager",
)
CLAUSES = ('["8.1"]', '["8.5.1"]', '["8.6.1"]', '["8.2.4"]', '["8.7.1"]', '["8.6.2"]')

APPROVAL = """owner: {owner}
status: approved
version: "1.{n}"
approved_by: sms-manager
approved_on: 2026-09-01
last_reviewed: 2026-10-01
"""

SERVICE = """id: SVC-GEN-{n:05d}
kind: service
title: Generated service {n}
{approval}name: Generated service {n}
description: A generated managed service used for benchmarking.
service_status: live
customers: [Retail division, Wholesale division]
sla: SLA-GEN-{n:05d}
depends_on: [SVC-HOSTING]
"""

SLA = """id: SLA-GEN-{n:05d}
kind: sla
title: SLA for generated service {n}
{approval}service: SVC-GEN-{n:05d}
customer: Retail division
targets:
  - metric: availability
    target: 99.9
    unit: percent
    comparator: ">="
  - metric: first_contact_resolution
    target: 70
    unit: percent
    comparator: ">="
"""

SUPPLIER = """id: SUP-GEN-{n:05d}
kind: supplier
title: Generated supplier {n}
{approval}supplier_name: Supplier {n} Ltd
supports: [{svc}]
contract_ref: CT-{n:05d}
contract_end: 2028-06-30
targets:
  - metric: availability
    target: 99.95
    unit: percent
    comparator: ">="
last_performance_review: 2026-08-15
"""

NONCONFORMITY = """id: NC-GEN-{n:05d}
kind: nonconformity
title: Generated finding {n} on change records
{approval}related: [{svc}]
raised_on: 2026-03-02
clause: "8.5.1"
grade: minor
description: >-
  Three of twenty sampled changes to generated service {n} had no recorded
  test evidence before they were approved for deployment.
correction: >-
  The three changes were reviewed after the fact and their test evidence
  was attached to the change records on 2026-03-05.
root_cause: >-
  The change template made the test evidence field optional for standard
  changes, so the approval step did not ask for it.
corrective_action: >-
  The field is now mandatory for every change type and the approval step
  refuses a change without it.
due: 2026-05-29
nc_status: closed
closed_on: 2026-05-20
effectiveness_verified: true
verified_by: sms-manager
verified_on: 2026-07-01
"""

PROCEDURE = """---
id: PROC-GEN-{n:05d}-{k}
kind: procedure
title: {title}
{approval}clauses: {clauses}
related: [{svc}, {sup}]
---

"""


def _paths(n: int) -> dict[str, str]:
    area, team = AREAS[n % len(AREAS)], TEAMS[n // len(AREAS) % len(TEAMS)]
    return {
        "service": f"services/{area}/{team}/svc-gen-{n:05d}.yaml",
        "sla": f"slas/{area}/sla-gen-{n:05d}.yaml",
        "supplier": f"suppliers/{CATEGORIES[n % len(CATEGORIES)]}/sup-gen-{n:05d}.yaml",
        "nc": f"nonconformities/{2024 + n % 3}/nc-gen-{n:05d}.yaml",
    }


def service_file(n: int) -> str:
    """Where the n-th generated service is (for scripts that edit one file between runs)."""
    return _paths(n)["service"]


# The example's service and supplier, named when a cut-off last cycle has none of its own.
FALLBACK = {"svc": "SVC-HOSTING", "sup": "SUP-CLOUD"}
FALLBACK_PATHS = {"svc": "services/svc-hosting.yaml", "sup": "suppliers/sup-cloud.yaml"}
Writer = Callable[[random.Random, int, dict[str, str]], tuple[str, str]]


def _yaml(key: str, template: str) -> Writer:
    def write(rng: random.Random, n: int, refs: dict[str, str]) -> tuple[str, str]:
        approval = APPROVAL.format(n=n, owner=rng.choice(OWNERS))
        return _paths(n)[key], template.format(n=n, approval=approval, **refs)

    return write


def _procedure(k: int, prose: Prose) -> Writer:
    def write(rng: random.Random, n: int, refs: dict[str, str]) -> tuple[str, str]:
        process = PROCESSES[(n * 3 + k) % len(PROCESSES)]
        path = f"procedures/{process}/{TOPICS[k]}/proc-gen-{n:05d}-{k}.md"
        title = prose.title(rng, process)
        approval = APPROVAL.format(n=n, owner=rng.choice(OWNERS))
        head = PROCEDURE.format(
            n=n, k=k, title=title, approval=approval, clauses=rng.choice(CLAUSES), **refs
        )
        links = {refs[key]: "../../../" + refs[key + "_path"] for key in ("svc", "sup")}
        return path, head + prose.body(rng, title, n, links)

    return write


Group = tuple[str, tuple[Writer, ...]]


def _cycle(prose: Prose) -> tuple[Group, ...]:
    """One cycle's groups, written together (a live service always comes with its SLA)."""
    return (
        ("service", (_yaml("service", SERVICE), _yaml("sla", SLA))),
        ("md", (_procedure(0, prose),)),
        ("supplier", (_yaml("supplier", SUPPLIER),)),
        ("md", (_procedure(1, prose),)),
        ("nc", (_yaml("nc", NONCONFORMITY),)),
        ("md", (_procedure(2, prose),)),
    )


def _plan(cycle: tuple[Group, ...], room: int) -> list[Group]:
    """The groups of a cycle that fit in ``room`` artifacts, in order."""
    chosen = []
    for name, group in cycle:
        if len(group) <= room:
            chosen.append((name, group))
            room -= len(group)
    return chosen


def _refs(n: int, names: set[str]) -> dict[str, str]:
    """The ids (and paths from the root) the cycle's documents name: its own service and
    supplier when the cycle has them, else the example's."""
    own = {"svc": ("service", f"SVC-GEN-{n:05d}"), "sup": ("supplier", f"SUP-GEN-{n:05d}")}
    refs = {}
    for key, (name, ident) in own.items():
        mine = name in names
        refs[key] = ident if mine else FALLBACK[key]
        refs[key + "_path"] = _paths(n)[name] if mine else FALLBACK_PATHS[key]
    return refs


def _is_artifact_file(path: Path) -> bool:
    return path.suffix in (".yaml", ".md") and path.name != "README.md" and path.name[0] != "."


def generate(target: Path, total: int, seed: int = SEED, example: Path = EXAMPLE) -> int:
    """Write the repository from ``example`` (a copy of example-sms-repo); return the number
    of artifacts written."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(example, target)
    count = sum(1 for p in target.rglob("*") if _is_artifact_file(p))
    rng, prose = random.Random(seed), Prose(seed)
    cycle = _cycle(prose)
    n = 0
    services: list[str] = []
    while count < total:
        plan = _plan(cycle, total - count)
        refs = _refs(n, {name for name, _ in plan})
        for _, group in plan:
            for write in group:
                name, text = write(rng, n, refs)
                path = target / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            count += len(group)
        if "service" in {name for name, _ in plan}:
            services.append(refs["svc"])
        n += 1
    _list_everywhere(target, services)
    return count


def _list_everywhere(target: Path, services: list[str]) -> None:
    """The documents that list services (the scope, the availability and continuity plans, the
    planned audit) list every generated live service too: a live service missing from one is
    a finding (SMS043, SMS041, SMS022). Only lists the example has are extended."""
    for name in LISTING:
        path = target / name
        lines = path.read_text(encoding="utf-8").split("\n")
        at = next((i for i, line in enumerate(lines) if line.startswith("services:")), None)
        if at is None:
            continue
        if lines[at].rstrip().endswith("]"):  # a flow list: services: [A, B]
            lines[at] = lines[at].rstrip()[:-1] + "".join(f", {s}" for s in services) + "]"
        else:  # a block list: one "  - A" line per service
            end = at + 1
            while end < len(lines) and lines[end].startswith("  - "):
                end += 1
            lines[end:end] = [f"  - {s}" for s in services]
        path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    args = sys.argv[1:]
    seed = SEED
    if len(args) == 4 and args[2] == "--seed":
        seed, args = int(args[3]), args[:2]
    if len(args) != 2:
        sys.exit("usage: python benchmarks/generate.py DIR N [--seed S]")
    written = generate(Path(args[0]), int(args[1]), seed)
    print(f"{written} artifacts in {args[0]}")


if __name__ == "__main__":
    main()
