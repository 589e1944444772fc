"""What the docs say about the command line and the rules is generated or checked, so it cannot
drift (issue 16, point 5): docs/commands.md is the output of sms_lint.cli_docs, and every rule
count written in the README or docs is the real number of rules."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import click
from conftest import REPO_ROOT

from sms_lint.cli_docs import REGENERATE, render_markdown
from sms_lint.commands import COMMANDS, load_command

COMMANDS_PAGE = REPO_ROOT / "docs" / "commands.md"
PAGES = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").rglob("*.md"))]
# "45 rules", "45 built-in rules", "the rules (45 of them": a count of rules in prose.
RULE_COUNT = re.compile(
    r"\b(\d+) (?:built-in |clause |more )?rules\b|\brules \((\d+) of them", re.IGNORECASE
)


def test_commands_page_is_up_to_date() -> None:
    committed = COMMANDS_PAGE.read_text(encoding="utf-8")
    assert committed == render_markdown(), f"docs/commands.md is out of date: run `{REGENERATE}`"


def test_the_regenerate_command_prints_the_page_at_any_terminal_width() -> None:
    env = {**os.environ, "COLUMNS": "40"}
    module = REGENERATE.split()[2]
    run = subprocess.run(
        [sys.executable, "-m", module], capture_output=True, text=True, env=env, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == COMMANDS_PAGE.read_text(encoding="utf-8")


def test_every_command_and_option_is_on_the_page() -> None:
    page = COMMANDS_PAGE.read_text(encoding="utf-8")
    for name in COMMANDS:
        command = load_command(name)
        assert f"\n## sms-lint {name}\n" in page
        section = page.split(f"\n## sms-lint {name}\n", 1)[1].split("\n## ", 1)[0]
        for param in command.params:
            if isinstance(param, click.Option):
                assert f"`{param.opts[-1]}`" in section, (name, param.opts)
                if isinstance(param.type, click.Choice):
                    for choice in param.type.choices:
                        assert f"`{choice}`" in section, (name, param.opts, choice)


def test_check_formats_on_the_page_are_the_reporters() -> None:
    from sms_lint.reporters import REPORTERS

    page = COMMANDS_PAGE.read_text(encoding="utf-8")
    row = next(line for line in page.splitlines() if line.startswith("| `--format` | `azure`"))
    assert re.findall(r"`(\w+)`", row.split("|")[2]) == sorted(REPORTERS)


def test_every_rule_count_in_the_docs_is_the_real_count(invoke) -> None:
    real = len(json.loads(invoke("rules", "--format", "json").stdout))
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in RULE_COUNT.finditer(text):
            count = int(match[1] or match[2])
            # Small numbers are prose ("two rules report it"), not a count of the pack.
            if count >= 10:
                where = f"{page.relative_to(REPO_ROOT)}: {match[0]!r}"
                assert count == real, f"{where}, but `sms-lint rules` lists {real}"
