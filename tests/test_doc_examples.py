"""Docs that cannot drift (issue 16, point 5): every example on README.md and docs/**/*.md runs
as written or is marked illustrative, every inline ``sms-lint ...`` names a real command and
real options, every relative link resolves. The conventions are in doc_examples.py."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import click
import pytest
from doc_examples import (
    REPO_ROOT,
    SHELL_LANGS,
    Page,
    PageError,
    page_steps,
    pages,
    prose,
)
from doc_runner import ExampleFailure, Starts, run_page

from sms_lint.cli import cli

PAGES = pages()


def _name(path: Path) -> str:
    inside = path.resolve().is_relative_to(REPO_ROOT)
    return path.resolve().relative_to(REPO_ROOT).as_posix() if inside else path.name


def _runnable(path: Path) -> bool:
    try:
        return page_steps(path).runnable
    except PageError:
        return True  # its test reports the marker


def _load(path: Path) -> Page:
    try:
        return page_steps(path)
    except PageError as error:
        problem = str(error)
    pytest.fail(problem, pytrace=False)


@pytest.fixture(scope="session")
def starts(tmp_path_factory: pytest.TempPathFactory) -> Starts:
    return Starts(tmp_path_factory.mktemp("doc-starts"))


@pytest.mark.parametrize("path", PAGES, ids=_name)
def test_page_markers_are_valid(path: Path) -> None:
    _load(path)


RUNNABLE = [path for path in PAGES if _runnable(path)]


@pytest.mark.parametrize("path", RUNNABLE, ids=_name)
def test_page_examples_run(path: Path, tmp_path: Path, starts: Starts) -> None:
    try:
        run_page(_load(path), tmp_path, starts)
        return
    except ExampleFailure as failure:
        problem = str(failure)
    pytest.fail(problem, pytrace=False)  # outside the except: no chained traceback


@pytest.mark.parametrize("path", PAGES, ids=_name)
def test_every_shell_block_runs_or_is_illustrative(path: Path) -> None:
    page = _load(path)
    unmarked = [
        f"{page.name}:{block.line}: a ```{block.lang} block: make it a ```console session that "
        "runs, or put <!-- illustrative --> on the line before it"
        for block in page.blocks
        if block.lang in SHELL_LANGS and block.lang != "console" and block.marker is None
    ]
    assert not unmarked, "\n".join(unmarked)


# Words of a usage synopsis, not of a command line: dropped before parsing.
SYNOPSIS = re.compile(r"^(\.\.\.|\[.*\])$")
# Words a reader replaces (ROOT, KIND, <id>): a value click rejects may be one of these.
PLACEHOLDER = re.compile(r"^([A-Z][A-Z0-9_:-]*|<[^<>]+>)$")


def _words(command: str) -> list[str]:
    """The words of a shell command up to its first pipe, redirection or ``&&``."""
    lexer = shlex.shlex(command.replace("\\\n", " "), posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words: list[str] = []
    for word in lexer:
        if set(word) <= set("|&;<>()"):
            if word[:1] in "<>" and words and words[-1].isdigit():
                words.pop()  # the 2 of 2>&1
            break
        words.append(word)
    return [word for word in words if not SYNOPSIS.match(word)]


def command_problem(command: str) -> str | None:
    """Why click would reject ``command`` (a line starting ``sms-lint``), without running it.
    Prose may name a command or option without its arguments (`sms-lint check --base`): a
    missing argument or option value is fine, a wrong name or value is not."""
    args = _words(command)[1:]
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # --help and --version print
            if not args or args[0].startswith("-"):
                cli.make_context("sms-lint", args)
                return None
            sub = cli.get_command(click.Context(cli), args[0])
            if sub is None:
                return f"there is no command {args[0]!r}"
            sub.make_context(f"sms-lint {args[0]}", args[1:])
    except (click.exceptions.Exit, click.MissingParameter):
        return None
    except click.ClickException as error:
        message = error.format_message()
        if isinstance(error, click.BadOptionUsage) and "requires an argument" in message:
            return None
        if any(f"'{word}'" in message for word in args if PLACEHOLDER.match(word)):
            return None
        return message
    return None


def commands_in(page: Page) -> list[tuple[int, str]]:
    """(line, text) of every inline ``sms-lint ...`` and every ``$ sms-lint`` line."""
    found = [(line, text) for line, text in page.spans if text.startswith("sms-lint ")]
    for block in page.blocks:
        if block.lang != "console":
            continue
        for offset, text in enumerate(block.body):
            if text.startswith("$ sms-lint "):
                command = text[2:]
                for more in block.body[offset + 1 :]:
                    if not command.endswith("\\"):
                        break
                    command += "\n" + more
                found.append((block.line + 1 + offset, command))
    return found


@pytest.mark.parametrize("path", PAGES, ids=_name)
def test_inline_commands_are_real(path: Path) -> None:
    page = _load(path)
    wrong = []
    for line, command in commands_in(page):
        problem = command_problem(command)
        if problem:
            wrong.append(f"{page.name}:{line}: `{command}`: {problem}")
    assert not wrong, "\n".join(wrong)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text, lower-case, punctuation dropped, spaces to -."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every #anchor GitHub gives the page: headings (repeats get -1, -2, ...) and HTML ids."""
    text = prose(path)
    seen: dict[str, int] = {}
    found = set(re.findall(r"<a\s+(?:name|id)=\"([^\"]+)\"", text))
    for heading in re.findall(r"^ {0,3}#{1,6}\s+(.+?)(?:\s+#+)?\s*$", text, re.M):
        base = slug(heading)
        found.add(f"{base}-{seen[base]}" if base in seen else base)
        seen[base] = seen.get(base, 0) + 1
    return found


LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$", re.M)


def link_problems(path: Path) -> list[str]:
    text = re.sub(r"<!--.*?-->", "", prose(path), flags=re.S)
    text = re.sub(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", "", text, flags=re.S)  # code spans
    problems = []
    for target in LINK.findall(text) + REFERENCE.findall(text):
        if re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//)", target):
            continue  # a web address or mailto:, not ours to check offline
        part, _, anchor = target.partition("#")
        part = part.replace("%20", " ")
        base = REPO_ROOT if part.startswith("/") else path.parent
        file = (base / part.lstrip("/")).resolve() if part else path
        name = f"{_name(path)}: link {target}"
        if not file.exists():
            problems.append(f"{name}: there is no {part}")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            problems.append(f"{name}: no heading in {file.name} gives #{anchor}")
    return problems


@pytest.mark.parametrize("path", PAGES, ids=_name)
def test_links_resolve(path: Path) -> None:
    problems = link_problems(path)
    assert not problems, "\n".join(problems)
