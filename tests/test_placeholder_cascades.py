"""A placeholder in one file is one finding: the file that refers to it says nothing more."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import EXAMPLE

TODAY = "2026-12-02"


def test_an_sla_whose_service_is_a_placeholder_is_one_finding(invoke, tmp_path: Path) -> None:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    sla = root / "slas" / "sla-servicedesk.yaml"
    sla.write_text(
        sla.read_text(encoding="utf-8").replace("service: SVC-SERVICEDESK", "service: TBD"),
        encoding="utf-8",
    )
    result = invoke("check", str(root), "--format", "json", "--today", TODAY, "--no-cache")

    findings = json.loads(result.output)["findings"]
    assert [(f["rule"], f["path"], f["line"], f["severity"]) for f in findings] == [
        ("SMS027", "slas/sla-servicedesk.yaml", 11, "major")
    ]
