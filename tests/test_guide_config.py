"""The guide's `.sms-lint.yaml` example cannot drift from the configuration sms-lint reads:
it names every key there is and loads as it is written (issue 16, point 5)."""

from __future__ import annotations

import re

import yaml
from conftest import REPO_ROOT

from sms_lint.config.file import KNOWN_KEYS, load_config

GUIDE = REPO_ROOT / "docs" / "guide.md"


def _example() -> str:
    section = GUIDE.read_text(encoding="utf-8").split("## Configuration: `.sms-lint.yaml`", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S)[1]


def test_the_example_names_every_key() -> None:
    assert sorted(yaml.safe_load(_example())) == sorted(KNOWN_KEYS)


def test_the_example_loads(tmp_path) -> None:
    (tmp_path / "org-rules.yaml").write_text("rules: []\n", encoding="utf-8")  # it names one
    (tmp_path / ".sms-lint.yaml").write_text(_example(), encoding="utf-8")
    config = load_config(tmp_path)
    assert config.review_interval_months == 12
    assert config.intervals.internal_audit_months == 12
