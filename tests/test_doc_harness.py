"""The runnable-docs harness itself (doc_examples, doc_runner) on small synthetic pages: each
convention does what the writers are told, and a wrong example is reported usefully."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from doc_examples import Command, EditFile, PageError, SetToday, WriteFile, page_steps
from doc_runner import ExampleFailure, Starts, run_page
from test_doc_examples import anchors, command_problem, commands_in, link_problems

F = "```"
EVERY_CONVENTION = f"""\
# A synthetic page

<!-- examples: start=init today=2026-11-22 -->

<!-- file: notes/hello.txt -->
{F}text
hello
{F}

{F}console
$ cat notes/hello.txt
hello
$ echo one \\
  two
one two
$ cd my-sms && git log --format='%an %s'
Sam Writer Start the SMS from sms-lint init
$ git branch --show-current
main
$ sms-lint check . # exit 1
...
{F}

<!-- edit: governance/scope.yaml -->
{F}diff
 kind: scope
-title: Scope of the <Your organization> service management system
+title: Scope of the Northwind Hosting service management system
{F}

<!-- setup: git -c user.name='Ana Approver' -c user.email=ana@example.org commit -qam 'Merged' -->

<!-- examples: today=2027-12-01 -->

{F}console
$ grep '^title' governance/scope.yaml
title: Scope of the Northwind Hosting service management system
$ git log -1 --format='%an %cs'
Ana Approver 2026-11-22
$ echo "$SMS_LINT_TODAY $HOME" | grep -c '^2027-12-01 .*/home$'
1
{F}

<!-- illustrative -->
{F}sh
pipx install sms-lint
{F}
"""


def _page(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return page


def test_page_steps_reads_every_convention(tmp_path: Path) -> None:
    page = page_steps(_page(tmp_path, EVERY_CONVENTION))
    assert (page.start, page.start_today) == ("init", "2026-11-22")
    kinds = [type(step) for step in page.steps]
    assert kinds[:2] == [SetToday, WriteFile]
    assert EditFile in kinds and kinds.count(SetToday) == 2
    commands = [step for step in page.steps if isinstance(step, Command)]
    assert commands[1] == Command(13, "echo one \\\n  two", ("one two",))
    assert commands[4].exit_code == 1 and commands[4].expected == ("...",)
    assert [c.shown for c in commands].count(False) == 1
    assert [b.marker for b in page.blocks][-1] == "illustrative"


def test_every_convention_runs(tmp_path: Path) -> None:
    page = page_steps(_page(tmp_path, EVERY_CONVENTION))
    run_page(page, tmp_path / "run", Starts(tmp_path / "starts"))


def _failure(tmp_path: Path, session: str) -> str:
    page = page_steps(_page(tmp_path, f"# P\n\n{F}console\n{session}{F}\n"))
    with pytest.raises(ExampleFailure) as failure:
        run_page(page, tmp_path / f"run-{len(list(tmp_path.iterdir()))}")
    return str(failure.value)


def test_a_missing_line_is_reported_with_the_real_output(tmp_path: Path) -> None:
    message = _failure(tmp_path, "$ printf 'a\\nb\\n'\n...\nb\na\n")
    assert message.startswith(f"{tmp_path / 'page.md'}:4: in folder ., today=2026-11-22\n")
    assert "$ printf 'a\\nb\\n'" in message
    assert (
        "expected line not found (it is printed earlier: keep the page's order):\n    a" in message
    )
    assert "    a\n    b" in message


def test_lines_left_out_must_be_marked(tmp_path: Path) -> None:
    """A reader is never shown two lines as consecutive, or as the whole output, when they
    are not: `...` marks where lines are left out."""
    between = _failure(tmp_path, "$ printf 'a\\nb\\nc\\n'\na\nc\n")
    assert "other lines come before this one in the real output:\n    c" in between
    after = _failure(tmp_path, "$ printf 'a\\nb\\n'\na\n")
    assert "the real output goes on after the page's last line ('b' follows)" in after
    before = _failure(tmp_path, "$ printf 'a\\nb\\n'\nb\n")
    assert "other lines come before this one" in before
    page = page_steps(
        _page(tmp_path, f"# P\n\n{F}console\n$ printf 'a\\n\\nb\\nc\\n'\n...\nb\n...\n{F}\n")
    )
    run_page(page, tmp_path / "run-ok")  # blank lines aside; `...` before and after


def test_a_wrong_exit_code_is_reported(tmp_path: Path) -> None:
    assert "exit code 3, the page expects 0" in _failure(tmp_path, "$ exit 3\n")
    assert "exit code 0, the page expects 2" in _failure(tmp_path, "$ true # exit 2\n")


def test_an_edit_must_match_once(tmp_path: Path) -> None:
    text = f"<!-- file: a.txt -->\n{F}\nx\nx\n{F}\n<!-- edit: a.txt -->\n{F}diff\n-x\n+y\n{F}\n"
    with pytest.raises(ExampleFailure, match="occur 2 times"):
        run_page(page_steps(_page(tmp_path, text)), tmp_path / "run")


def test_a_filled_start_checks_clean(tmp_path: Path) -> None:
    text = f"<!-- examples: start=filled -->\n{F}console\n$ sms-lint check my-sms\n{F}\n"
    run_page(page_steps(_page(tmp_path, text)), tmp_path / "run")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<!-- examples: today=2027-02-30 -->", ":1: today=2027-02-30 is not a date"),
        ("<!-- examples: clock=2027-01-01 -->", ":1: unknown <!-- examples: --> setting"),
        ("<!-- examples: start=full -->", ":1: start=full: start is one of"),
        ("<!-- file: a.txt -->\n\n```\nx\n```", ":1: <!-- file --> must be right before"),
        ("<!-- edit: a.txt -->\n```yaml\nx\n```", ":1: <!-- edit: PATH --> must be followed"),
        ("<!-- illustrative please -->\n```sh\nx\n```", ":1: <!-- illustrative --> takes"),
        ("<!-- setup -->", ":1: <!-- setup: ... --> needs a colon"),
        ("```console\nhello\n$ true\n```", ":2: output 'hello' before any '$ ' command"),
    ],
)
def test_a_malformed_marker_names_page_and_line(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(PageError, match=f"page.md{re.escape(problem)}"):
        page_steps(_page(tmp_path, text + "\n"))


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        ("sms-lint check --base origin/main", None),
        ("sms-lint check --format FORMAT ROOT", None),
        ("sms-lint check --base", None),  # naming an option in prose
        ("sms-lint init", None),
        ("sms-lint rules --format markdown > docs/rules.md", None),
        ("sms-lint check . 2>&1 | head", None),
        ("sms-lint --version", None),
        ("sms-lint explain SMS005 ...", None),
        ("sms-lint check --bogus", "No such option '--bogus'"),
        ("sms-lint chek", "there is no command 'chek'"),
        ("sms-lint check --format yaml", "'yaml' is not one of"),
    ],
)
def test_inline_commands_are_parsed_not_run(command: str, problem: str | None) -> None:
    found = command_problem(command)
    assert found == problem if problem is None else problem in (found or "")


def test_links_need_a_file_and_a_heading(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text(
        "# Other page\n## `sms-lint init`, step 1\n## Step\n## Step\n"
    )
    assert anchors(tmp_path / "other.md") == {
        "other-page",
        "sms-lint-init-step-1",
        "step",
        "step-1",
    }
    page = _page(
        tmp_path,
        textwrap.dedent("""\
            # Here
            [a](other.md#step-1) [b](#here) [c](https://example.org/x) `[d](nowhere.md)`
            [e](missing.md) [f](other.md#nowhere) [g](#elsewhere)
            """),
    )
    problems = [problem.split(": ", 1)[1] for problem in link_problems(page)]
    assert problems == [
        "link missing.md: there is no missing.md",
        "link other.md#nowhere: no heading in other.md gives #nowhere",
        "link #elsewhere: no heading in page.md gives #elsewhere",
    ]


def test_commands_are_looked_for_in_prose_and_every_console_block(tmp_path: Path) -> None:
    text = (
        "Run `sms-lint check --base origin/main`.\n\n<!-- illustrative -->\n"
        f"{F}console\n$ sms-lint chek \\\n  --x\n{F}\n\n{F}text\n`sms-lint nothing`\n{F}\n"
    )
    found = commands_in(page_steps(_page(tmp_path, text)))
    assert found == [(1, "sms-lint check --base origin/main"), (5, "sms-lint chek \\\n  --x")]
