"""Generate an SMS repository with no findings of N artifacts for benchmarks.

Usage: python benchmarks/generate.py DIR N

It copies ``example-sms-repo`` (a complete SMS with no findings) and adds services with their SLAs,
suppliers, nonconformities and procedures until there are N artifacts, all with valid
cross-references, so that every rule runs on realistic data and the result stays free of findings.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "example-sms-repo"

APPROVAL = """owner: service-level-manager
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
  - metric: p1_response_minutes
    target: 15
    unit: minutes
    comparator: "<="
"""

SUPPLIER = """id: SUP-GEN-{n:05d}
kind: supplier
title: Generated supplier {n}
{approval}supplier_name: Supplier {n} Ltd
supports: [SVC-HOSTING]
contract_ref: CT-{n:05d}
contract_end: 2028-06-30
targets:
  - metric: availability
    target: 99.95
    unit: percent
    comparator: ">="
last_performance_review: 2026-08-15
"""

PROCEDURE = """id: PROC-GEN-{n:05d}
kind: procedure
title: Generated work instruction {n}
{approval}clauses: ["8.1"]
"""

# Groups written together: a live service always comes with its SLA.
GROUPS = (
    (("services/gen-{n:05d}.yaml", SERVICE), ("slas/gen-{n:05d}.yaml", SLA)),
    (("suppliers/gen-{n:05d}.yaml", SUPPLIER),),
    (("procedures/gen-{n:05d}.yaml", PROCEDURE),),
)


def _is_artifact_file(path: Path) -> bool:
    return path.suffix in (".yaml", ".md") and path.name != "README.md" and path.name[0] != "."


def generate(target: Path, total: int) -> int:
    """Write the repository; return the number of artifacts written."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(EXAMPLE, target)
    count = sum(1 for p in target.rglob("*") if _is_artifact_file(p))
    n = 0
    while count < total:
        for group in GROUPS:
            if count + len(group) > total:
                continue
            for pattern, template in group:
                path = target / pattern.format(n=n)
                path.parent.mkdir(parents=True, exist_ok=True)
                text = template.format(n=n, approval=APPROVAL.format(n=n))
                path.write_text(text, encoding="utf-8")
            count += len(group)
        n += 1
    return count


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/generate.py DIR N")
    written = generate(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"{written} artifacts in {sys.argv[1]}")


if __name__ == "__main__":
    main()
