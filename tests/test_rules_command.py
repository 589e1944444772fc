"""``sms-lint rules``: every rule of the pack, as a table, JSON and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

from sms_lint.config.pack import load_framework

CONTRACT_KEYS = ["id", "name", "clause", "severity", "description"]


def _pack_ids() -> list[str]:
    return sorted(rule.id for rule in load_framework().rules)


def test_json_lists_every_rule_with_the_contract_keys_first(invoke) -> None:
    result = invoke("rules", "--format", "json")
    assert result.exit_code == 0
    rules = json.loads(result.stdout)
    assert [r["id"] for r in rules] == _pack_ids()
    for rule in rules:
        assert list(rule)[:5] == CONTRACT_KEYS
        assert rule["severity"] in ("major", "minor", "observation")
        assert all(isinstance(rule[key], str) and rule[key] for key in CONTRACT_KEYS)
    review = next(r for r in rules if r["id"] == "SMS005")
    assert (review["name"], review["clause"], review["severity"]) == (
        "review-current",
        "7.5.3",
        "minor",
    )


def test_text_is_an_aligned_table_with_one_line_per_rule(invoke) -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["ID", "SEVERITY", "CLAUSE", "NAME", "DESCRIPTION"]
    assert [row.split()[0] for row in rows] == _pack_ids()
    # Every column starts at the same place on every line.
    name_column = header.index("NAME")
    for row in rows:
        assert row[name_column - 1] == " " and row[name_column] != " "
    assert "SMS016  major" in result.stdout


def test_markdown_has_a_section_per_rule_with_examples(invoke) -> None:
    result = invoke("rules", "--format", "markdown")
    assert result.exit_code == 0
    page = result.stdout
    assert page.startswith("# Rules of the ISO/IEC 20000-1:2018 pack\n")
    for rule_id in _pack_ids():
        assert f"\n## {rule_id} " in page
    section = page.split("\n## SMS005 review-current\n", 1)[1].split("\n## ", 1)[0]
    assert "| 7.5.3 Control of documented information | minor | every artifact |" in section
    assert "**Why it matters.**" in section and "**How to fix it.**" in section
    assert "Passes:\n\n```yaml\n" in section and "Fails:\n\n```yaml\n" in section
    assert "[SMS005](#sms005-review-current)" in page


def test_output_is_deterministic(invoke) -> None:
    for fmt in ("text", "json", "markdown"):
        assert invoke("rules", "--format", fmt).stdout == invoke("rules", "--format", fmt).stdout


def test_config_adds_the_organization_packs(invoke, write, tmp_path: Path) -> None:
    write(
        "org-rules.yaml",
        """
        rules:
          - id: ORG001
            name: sla-availability-floor
            clause: "8.3.3"
            severity: minor
            check: require-schema
            description: Our SLAs promise at least 99.5 percent availability.
        """,
    )
    write(".sms-lint.yaml", "policies: [org-rules.yaml]\n")
    result = invoke("rules", "--format", "json", "--config", str(tmp_path / ".sms-lint.yaml"))
    assert result.exit_code == 0, result.output
    rules = json.loads(result.stdout)
    assert [r["id"] for r in rules] == [*_pack_ids(), "ORG001"]
    assert rules[-1]["pack"].endswith("org-rules.yaml")
    markdown = invoke("rules", "--format", "markdown", "--config", str(tmp_path / ".sms-lint.yaml"))
    assert "## ORG001 sla-availability-floor" in markdown.stdout


def test_broken_config_or_pack_exits_2(invoke, write, tmp_path: Path) -> None:
    write(".sms-lint.yaml", "policies: [missing.yaml]\n")
    result = invoke("rules", "--config", str(tmp_path / ".sms-lint.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith("sms-lint: error: ") and "missing.yaml" in result.stderr
    result = invoke("rules", "--config", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2


def test_unknown_format_exits_2(invoke) -> None:
    assert invoke("rules", "--format", "csv").exit_code == 2
