"""A rule pack named in `policies:` is configuration, never a candidate artifact: the
org-rules.yaml of the task page "Add an organization rule", at the root, copied as the page
shows it, is no SMS107 finding."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import REPO_ROOT
from sms_texts import roles_artifact

PAGE = REPO_ROOT / "docs" / "tasks" / "add-an-organization-rule.md"


def guide_pack() -> str:
    """The task page's organization-rule example, as the page shows it."""
    blocks = re.findall(r"```yaml\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    [pack] = [b for b in blocks if b.startswith("# org-rules.yaml\n")]
    return pack


def test_the_guides_rule_pack_is_no_artifact(write: Callable, tmp_path: Path, check_json):
    write("org-rules.yaml", guide_pack())
    write("roles.yaml", roles_artifact())
    write(".sms-lint.yaml", "policies: [org-rules.yaml]\n")
    _, report = check_json(tmp_path)
    assert [f for f in report["findings"] if f["path"] == "org-rules.yaml"] == []
    assert report["summary"]["artifacts"] == 1  # roles.yaml only


def test_the_guides_rule_pack_still_loads(write: Callable, tmp_path: Path, invoke):
    write("org-rules.yaml", guide_pack())
    write(".sms-lint.yaml", "policies: [org-rules.yaml]\n")
    config = str(tmp_path / ".sms-lint.yaml")
    result = invoke("explain", "ORG001", "--config", config)
    assert result.exit_code == 0 and "sla-availability-floor" in result.output


def test_a_pack_in_a_folder_with_glob_characters_is_excluded_literally(
    write: Callable, tmp_path: Path, check_json
):
    write("rules/org[1].yaml", guide_pack())
    write("roles.yaml", roles_artifact())
    write("rules/org1.yaml", "just: some yaml\n")  # not named in policies: still a candidate
    write(".sms-lint.yaml", "policies: ['rules/org[1].yaml']\n")
    _, report = check_json(tmp_path)
    flagged = {(f["path"], f["rule"]) for f in report["findings"] if f["rule"] == "SMS107"}
    assert flagged == {("rules/org1.yaml", "SMS107")}


def test_the_same_file_unnamed_is_still_reported(write: Callable, tmp_path: Path, check_json):
    write("org-rules.yaml", guide_pack())
    write("roles.yaml", roles_artifact())
    _, report = check_json(tmp_path)
    assert ("org-rules.yaml", "SMS107") in {(f["path"], f["rule"]) for f in report["findings"]}
