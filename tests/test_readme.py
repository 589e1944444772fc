"""The README serves the first five minutes of each audience (issue 16, point 3): the two set-up
commands on top, exactly what CI runs; what the tool is and is not; install steps for each
platform; a first check; a way onward for each audience. Developer material lives in
docs/contributing.md."""

from __future__ import annotations

import re
from importlib.metadata import requires

from conftest import REPO_ROOT

README = REPO_ROOT / "README.md"
CONTRIBUTING = REPO_ROOT / "docs" / "contributing.md"
USE_EXAMPLE = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install . && "
    "sms-lint check example-sms-repo"
)
RUN_TESTS = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install '.[test]' && "
    "ruff check . && pytest"
)
TASKS = (
    "start-an-sms",
    "migrate-a-document-set",
    "record-a-review",
    "revise-a-document",
    "approve-through-a-pull-request",
    "retire-a-document",
    "keep-and-dispose-of-records",
    "raise-and-close-a-nonconformity",
    "prepare-for-an-audit",
    "waive-a-finding",
    "add-an-organization-rule",
    "when-a-finding-is-wrong",
)
# What a developer needs and an SMS manager does not, on their first page.
DEVELOPER_WORDS = (
    "µs",
    "safe.directory",
    "bench_check",
    "XDG_CACHE_HOME",
    "git wrapper are imported",
)


def _text() -> str:
    return README.read_text(encoding="utf-8")


def _links() -> set[str]:
    return set(re.findall(r"\]\(([^)\s#]+)", _text()))


def test_the_set_up_commands_come_first_and_are_marked_illustrative() -> None:
    text = _text()
    first_fence = text.index("```")
    assert text[:first_fence].endswith("<!-- illustrative -->\n")
    assert text[:first_fence].count("\n## ") == 0  # nothing but the title and what it is
    block = text[first_fence:].split("```", 2)[1]
    commands = [line for line in block.splitlines()[1:] if line and not line.startswith("#")]
    assert commands == [USE_EXAMPLE, RUN_TESTS]


def test_ci_runs_the_readme_s_test_command() -> None:
    run = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert RUN_TESTS.replace("pip install '", "pip install -q '") in run


def test_it_says_what_it_is_not() -> None:
    flat = " ".join(_text().split())
    assert "does not audit practice" in flat
    assert "A clean check is not a certificate" in flat


def test_install_steps_for_each_platform_and_honest_about_pypi() -> None:
    flat = " ".join(_text().split())
    assert "not on PyPI yet" in flat
    for step in ("pipx install .", "pip install .", "py -m venv .venv", ".venv\\Scripts\\activate"):
        assert step in flat, step
    for note in ("Set-ExecutionPolicy", "Git for Windows", "CRLF", "Homebrew", "xcode-select"):
        assert note in flat, note


def test_the_first_check_is_a_console_block_that_fails_on_purpose() -> None:
    block = _text().split("```console\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0] == "$ sms-lint init my-sms"
    assert block[1] == "$ sms-lint check my-sms  # exit 1"
    assert block[2].startswith("Nothing is approved yet: ")


def test_each_audience_has_a_way_onward() -> None:
    links = _links()
    expected = {"docs/guide.md", "docs/kinds.md", "docs/rules.md", "docs/commands.md"}
    expected |= {"docs/ci.md", "docs/security.md", "docs/contributing.md"}
    expected |= {f"docs/tasks/{task}.md" for task in TASKS}
    assert expected <= links, expected - links


def test_developer_material_lives_in_the_contributor_docs() -> None:
    readme, contributing = _text(), CONTRIBUTING.read_text(encoding="utf-8")
    for word in DEVELOPER_WORDS:
        assert word not in readme, word
    for word in ("µs", "safe.directory", "bench_check", "XDG_CACHE_HOME"):
        assert word in contributing, word
    assert "(architecture.md)" in contributing and "(../benchmarks/README.md)" in contributing


def test_the_readme_says_why_each_runtime_dependency_is_there() -> None:
    runtime = [r for r in requires("sms-lint") or [] if "extra ==" not in r]
    assert runtime
    names = {"pyyaml": "PyYAML"}
    section = _text().split("## Dependencies", 1)[1]
    for requirement in runtime:
        name = re.split(r"[<>=!~ ]", requirement, maxsplit=1)[0]
        assert re.search(rf"{re.escape(names.get(name, name))} \(\w", section), name


def test_the_readme_is_short() -> None:
    assert len(_text().splitlines()) <= 140
