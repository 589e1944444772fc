"""Runnable docs: the examples on README.md and docs/**/*.md, read as steps the tests run.

This is the one implementation of the conventions page writers follow (``console`` sessions,
the ``<!-- examples: ... -->``, ``file:``, ``edit:``, ``setup:`` and ``illustrative`` markers).
:func:`page_steps` reads a page; :mod:`doc_runner` runs what it returns. Nothing here runs a
command, so collecting the tests stays cheap.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TODAY = "2026-11-22"
STARTS = ("empty", "init", "filled")
# Blocks a reader would paste into a terminal: each must run (console) or say it does not.
UNIX_SHELLS = ("sh", "bash", "shell", "zsh", "console", "shell-session")
SHELL_LANGS = frozenset((*UNIX_SHELLS, "powershell", "pwsh", "ps1", "bat", "cmd", "batch"))

MARKER = re.compile(r"^\s*<!--\s*(examples|file|edit|setup|illustrative)\b(.*?)-->\s*$")
FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<lang>[^`\s]*)")
EXIT = re.compile(r"\s#\s*exit\s+(\d+)\s*$")


class PageError(Exception):
    """A marker or block the conventions do not allow; the message starts ``page:line:``."""


@dataclass(frozen=True)
class Command:
    line: int
    text: str
    expected: tuple[str, ...] = ()
    exit_code: int = 0
    shown: bool = True  # False for a <!-- setup: --> command


@dataclass(frozen=True)
class WriteFile:
    line: int
    path: str
    content: str


@dataclass(frozen=True)
class EditFile:
    line: int
    path: str
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True)
class SetToday:
    line: int
    today: str


Step = Command | WriteFile | EditFile | SetToday


@dataclass(frozen=True)
class Block:
    line: int  # of the opening fence
    lang: str
    body: tuple[str, ...]
    marker: str | None  # "file", "edit" or "illustrative"


@dataclass
class Page:
    path: Path
    start: str = "empty"
    start_today: str = DEFAULT_TODAY  # the day start= builds my-sms on: today where it is set
    steps: list[Step] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    spans: list[tuple[int, str]] = field(default_factory=list)  # inline code outside fences

    @property
    def name(self) -> str:
        inside = self.path.resolve().is_relative_to(REPO_ROOT)
        return self.path.resolve().relative_to(REPO_ROOT).as_posix() if inside else str(self.path)

    @property
    def runnable(self) -> bool:
        return any(not isinstance(step, SetToday) for step in self.steps)


def pages() -> list[Path]:
    """Every page the conventions cover: the README and all of docs/."""
    return [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").rglob("*.md"))]


def page_steps(path: Path) -> Page:
    """The page at ``path`` as steps to run, its blocks and inline code; :class:`PageError`
    names the page and line of a marker the conventions do not allow."""
    page = Page(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    pending: tuple[int, str, str] | None = None  # a marker waiting for its fence
    number = 0
    while number < len(lines):
        line = lines[number]
        opened = FENCE_OPEN.match(line)
        if opened:
            end = _fence_end(lines, number, opened)
            body = tuple(_dedent(text, len(opened["indent"])) for text in lines[number + 1 : end])
            _block(page, number + 1, opened["lang"].lower(), body, pending)
            pending, number = None, end + 1
            continue
        if pending:
            _fail(page, pending[0], f"<!-- {pending[1]} --> must be right before a fence")
        marker = MARKER.match(line)
        if marker:
            pending = _marker(page, number + 1, marker[1], marker[2].strip())
        number += 1
    if pending:
        _fail(page, pending[0], f"<!-- {pending[1]} --> must be right before a fence")
    page.spans = _spans(prose(path))  # inline code is looked for outside fences only
    return page


def prose(path: Path) -> str:
    """The page's text with every fenced block's lines blanked (line numbers kept)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = 0
    while number < len(lines):
        opened = FENCE_OPEN.match(lines[number])
        if opened:
            end = _fence_end(lines, number, opened)
            lines[number : end + 1] = [""] * (min(end, len(lines) - 1) - number + 1)
            number = end
        number += 1
    return "\n".join(lines)


def _fail(page: Page, line: int, message: str) -> NoReturn:
    raise PageError(f"{page.name}:{line}: {message}")


def _fence_end(lines: list[str], start: int, opened: re.Match[str]) -> int:
    fence = opened["fence"]
    closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    for number in range(start + 1, len(lines)):
        if closing.match(lines[number]):
            return number
    return len(lines)  # an unclosed fence runs to the end of the page, as on GitHub


def _dedent(text: str, indent: int) -> str:
    stripped = len(text) - len(text.lstrip(" "))
    return text[min(indent, stripped) :]


def _marker(page: Page, line: int, name: str, rest: str) -> tuple[int, str, str] | None:
    """Record an examples:/setup: marker; return a file:/edit:/illustrative one for the fence."""
    if name == "illustrative":
        if rest:
            _fail(page, line, f"<!-- illustrative --> takes nothing after it, found {rest!r}")
        return line, name, ""
    if not rest.startswith(":") or not rest[1:].strip():
        _fail(page, line, f"<!-- {name}: ... --> needs a colon and a value")
    value = rest[1:].strip()
    if name == "setup":
        page.steps.append(Command(line, value, shown=False))
    elif name == "examples":
        _examples(page, line, value)
    else:
        return line, name, value
    return None


def _examples(page: Page, line: int, value: str) -> None:
    # today= first, so that `start=filled today=...` builds on that day whatever the order.
    for item in sorted(value.split(), key=lambda item: not item.startswith("today=")):
        key, sep, setting = item.partition("=")
        if key == "today" and sep:
            try:
                datetime.date.fromisoformat(setting)
            except ValueError:
                _fail(page, line, f"today={setting} is not a date (YYYY-MM-DD)")
            page.steps.append(SetToday(line, setting))
        elif key == "start" and sep:
            if setting not in STARTS:
                _fail(page, line, f"start={setting}: start is one of {', '.join(STARTS)}")
            if page.runnable or page.start != "empty":
                _fail(page, line, "start= is given once, before the page's first example")
            page.start = setting
            dates = [step.today for step in page.steps if isinstance(step, SetToday)]
            page.start_today = dates[-1] if dates else DEFAULT_TODAY
        else:
            _fail(page, line, f"unknown <!-- examples: --> setting {item!r} (today=, start=)")


def _block(page: Page, line: int, lang: str, body: tuple[str, ...], pending: tuple | None) -> None:
    marker = pending[1] if pending else None
    page.blocks.append(Block(line, lang, body, marker))
    if marker == "file":
        page.steps.append(WriteFile(pending[0], pending[2], "".join(f"{t}\n" for t in body)))
    elif marker == "edit":
        if lang != "diff":
            _fail(page, pending[0], "<!-- edit: PATH --> must be followed by a ```diff block")
        page.steps.append(_edit(page, pending[0], pending[2], body))
    elif marker is None and lang == "console":
        page.steps.extend(_session(page, line, body))


def _edit(page: Page, line: int, path: str, body: tuple[str, ...]) -> EditFile:
    old: list[str] = []
    new: list[str] = []
    for text in body:
        sign, rest = (text[:1], text[1:]) if text else (" ", "")  # an empty line: context
        if sign not in "-+ ":
            _fail(page, line, f"diff line {text!r} starts with neither '-', '+' nor a space")
        if sign in "- ":
            old.append(rest)
        if sign in "+ ":
            new.append(rest)
    if not old:
        _fail(page, line, "the diff has no '-' or ' ' line to say where the change goes")
    return EditFile(line, path, tuple(old), tuple(new))


# In expected output: any number of lines the page leaves out (the reader sees that it does).
ELLIPSIS = "..."


def _session(page: Page, fence_line: int, body: tuple[str, ...]) -> list[Command]:
    """The commands of a console block, each with the output lines it must print."""
    commands: list[Command] = []
    index = 0
    while index < len(body):
        text = body[index]
        if not text.startswith("$ "):
            if text.strip() and text.strip() != "...":
                _fail(page, fence_line + 1 + index, f"output {text!r} before any '$ ' command")
            index += 1
            continue
        start = index
        command = [text[2:]]
        while command[-1].endswith("\\") and index + 1 < len(body):
            index += 1
            command.append(body[index])
        expected = []
        index += 1
        while index < len(body) and not body[index].startswith("$ "):
            if body[index].strip() == ELLIPSIS:
                expected.append(ELLIPSIS)
            elif body[index].strip():
                expected.append(body[index].rstrip())
            index += 1
        joined = "\n".join(command)
        code = EXIT.search(command[-1])
        exit_code = int(code[1]) if code else 0
        commands.append(Command(fence_line + 1 + start, joined, tuple(expected), exit_code))
    return commands


def _spans(prose: str) -> list[tuple[int, str]]:
    """(line, text) of every inline code span, with a span's line breaks read as spaces."""
    spans = []
    for match in re.finditer(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", prose, re.S):
        line = prose.count("\n", 0, match.start()) + 1
        spans.append((line, " ".join(match[2].split())))
    return spans
