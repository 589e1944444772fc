"""A plan's `services` name services (issue 21): an id that matches no service is SMS018's
finding at that entry, like every other reference to a service."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import EXAMPLE, found

TODAY = "2026-12-01"
PLAN = "governance/plans/plan-continuity.md"


def test_a_mistyped_service_in_a_plan_is_found_at_its_entry(invoke, tmp_path: Path) -> None:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    plan = root / PLAN
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("SVC-BACKUP, SVC-NETWORK", "SVC-BAKUP, SVC-NETWORK"), "utf-8")
    result = invoke("check", str(root), "--format", "json", "--today", TODAY)
    references = found(json.loads(result.stdout), "SMS018")
    assert len(references) == 1, references
    path, line, _, clause, message = references[0]
    assert (path, line, clause) == (PLAN, 13, "8.7")
    assert "'SVC-BAKUP'" in message and "SVC-BACKUP" in message
