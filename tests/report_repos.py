"""Repositories and results for the report tests (JUnit, SARIF, GitHub).

``failing_repo`` copies the example repository and breaks it in known ways; the report tests
compare each format with the JSON report of the same run, finding by finding.
"""

from __future__ import annotations

import datetime
import shutil
from dataclasses import replace
from pathlib import Path

from conftest import EXAMPLE, TODAY

from sms_lint.config.file import load_config
from sms_lint.finding import Finding, Severity
from sms_lint.pipeline.engine import Result, build_setup, run_check

# What a hostile YAML file can smuggle in: a lone surrogate (only pure-Python YAML decodes the
# "\udc80" escape, libyaml refuses it, so tests build such findings directly), a non-character,
# an escape sequence (ESC and its one-byte form U+009B), NUL and BEL, and lines.
HOSTILE = "bad \udc80 \ufffe \x1b[31mred\x1b[0m \x9b2J \x00\x07 |pipe| %25, a:b\r\n::error::x"

_WAIVERS = """\
waivers:
  - rule: SMS107
    path: misc/notes.yaml
    reason: notes file kept for the migration
    approved_by: sms-manager
    expires: 2027-01-31
  - rule: SMS011
    artifact: SUP-NOPE
    reason: old supplier
    approved_by: sms-manager
    expires: 2027-01-31
"""


def failing_repo(target: Path, major: bool = True) -> Path:
    """The example repository with nonconformities; without ``major`` only minor ones.

    Always: a schema error (SMS001, minor), an unknown kind (SMS107, minor, waived) and an unused
    waiver (SMS021, observation). With ``major``: a duplicate key (SMS102, minor), a tag that
    would build an object (SMS104, major) and no internal audit (SMS013, major, repository-wide),
    which also leaves references to the removed audits dangling (SMS018, minor, three of them in
    one file).
    """
    root = target / "repo"
    shutil.copytree(EXAMPLE, root)
    sla = root / "slas" / "sla-backup.yaml"
    sla.write_text(_replace_line(sla, "customer:", "customer: 42"), encoding="utf-8")
    (root / "misc").mkdir()
    (root / "misc" / "notes.yaml").write_text("id: NOTE-1\nkind: polcy\ntitle: Notes\n")
    config = root / ".sms-lint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + _WAIVERS, encoding="utf-8")
    if major:
        supplier = root / "suppliers" / "sup-carrier.yaml"
        supplier.write_text(supplier.read_text() + "supplier_name: Duplicate Ltd\n")
        service = root / "services" / "svc-backup.yaml"
        service.write_text(service.read_text() + "x-note: !!python/object:os.system x\n")
        for name in ("aud-2025-02.md", "aud-2026-01.md", "aud-2026-02.md"):
            (root / "audits" / name).unlink()
    return root


def _replace_line(path: Path, prefix: str, line: str) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line if old.startswith(prefix) else old for old in lines) + "\n"


def result_for(root: Path, fail_on: str = "minor") -> Result:
    """The Result of checking ``root`` in-process (for findings built by hand)."""
    setup = build_setup(load_config(root))
    return run_check(root, setup, datetime.date.fromisoformat(TODAY), fail_on)


def hostile_result(root: Path) -> Result:
    """A result whose findings carry :data:`HOSTILE` in every free-text field."""
    base = result_for(root)
    findings = (
        Finding(
            f"{HOSTILE}.yaml", 3, 2, "SMS001", "7.5", Severity.MINOR, HOSTILE, artifact=HOSTILE
        ),
        Finding(None, None, None, "SMS013", "9.2", Severity.MAJOR, HOSTILE),
        Finding("a.yaml", 1, 1, "SMS019", "7.5.3", Severity.OBSERVATION, HOSTILE),
        Finding("a.yaml", 1, 1, "SMS005", "7.5.3", Severity.MINOR, "m", waived_reason=HOSTILE),
    )
    return replace(base, findings=findings)
