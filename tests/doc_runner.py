"""Run a page's examples as a reader would: top to bottom, in one fresh folder, with bash.

Each command is a real ``bash -c`` subprocess (so pipes, ``cd`` and ``&&`` behave as in a
terminal) with the venv's ``sms-lint`` first on PATH, HOME and git's global config inside the
temporary folder, and SMS_LINT_TODAY set. The git identity is in that global config, not in
GIT_AUTHOR_NAME and friends: those would override ``git -c user.name=...``, which the
conventions let a command use to act as someone else (the approver merging a pull request).
Commits are dated at noon of the page's today, a second apart, so a page can show dates.
"""

from __future__ import annotations

import datetime
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from doc_examples import DEFAULT_TODAY, ELLIPSIS, Command, EditFile, Page, SetToday, WriteFile

VENV_BIN = Path(sys.executable).parent
SMS_LINT = VENV_BIN / "sms-lint"
GITCONFIG = (
    "[user]\n\tname = Sam Writer\n\temail = sam@example.org\n[init]\n\tdefaultBranch = main\n"
)
OUTPUT_LINES = 40
TIMEOUT = 120


class ExampleFailure(AssertionError):
    """An example did not do what its page says; the message is written for the page's writer."""


@dataclass
class Session:
    page: Page
    root: Path  # the temporary folder; nothing is written outside it
    cwd: Path
    home: Path
    today: str = DEFAULT_TODAY
    clock: int = 0  # seconds after noon for the next command's commits

    def env(self) -> dict[str, str]:
        # The reader's own git and sms-lint settings must not leak into the example.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "SMS_LINT_"))}
        noon = datetime.datetime.fromisoformat(f"{self.today}T12:00:00+00:00")
        when = (noon + datetime.timedelta(seconds=self.clock)).isoformat()
        env.update(
            PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            GIT_CONFIG_NOSYSTEM="1",
            GIT_CONFIG_GLOBAL=str(self.home / ".gitconfig"),
            GIT_TERMINAL_PROMPT="0",
            GIT_EDITOR="true",  # a merge takes git's message, as when accepted in an editor
            GIT_AUTHOR_DATE=when,
            GIT_COMMITTER_DATE=when,
            SMS_LINT_TODAY=self.today,
            LC_ALL="C.UTF-8",
            TZ="UTC",
            NO_COLOR="1",
        )
        return env


class Starts:
    """The ``start=init`` and ``start=filled`` repositories, built once per start and date
    under ``cache`` and copied into each page's folder."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache

    def copy_into(self, session: Session) -> None:
        start = session.page.start
        if start == "empty":
            return
        today = session.page.start_today
        built = self.cache / f"{start}-{today}" / "my-sms"
        if not built.exists():
            _build(start, built, Session(session.page, session.root, built, session.home, today))
        shutil.copytree(built, session.cwd / "my-sms", symlinks=True)


def _build(start: str, target: Path, session: Session) -> None:
    env = session.env()
    _must([str(SMS_LINT), "init", str(target), "--today", session.today], target.parent, env)
    if start == "filled":
        from starter_filling import fill_in  # only pages that start filled pay for it

        fill_in(target, session.today)
    _must(["git", "init", "-q", "-b", "main"], target, env)
    _must(["git", "add", "-A"], target, env)
    _must(["git", "commit", "-q", "-m", "Start the SMS from sms-lint init"], target, env)


def _must(args: list[str], cwd: Path, env: dict[str, str]) -> None:
    cwd.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        raise ExampleFailure(f"building the start folder: {shlex.join(args)}\n{result.stderr}")


def run_page(page: Page, root: Path, starts: Starts | None = None) -> None:
    """Run ``page``'s steps in ``root`` (an empty temporary folder); raise ExampleFailure at
    the first step that does not do what the page says."""
    if not SMS_LINT.exists():
        raise ExampleFailure(f"no {SMS_LINT}: install sms-lint in this venv (pip install -e .)")
    root = root.resolve()  # `pwd` in the commands prints the resolved folder
    work, home = root / "work", root / "home"
    work.mkdir(parents=True)
    home.mkdir()
    (home / ".gitconfig").write_text(GITCONFIG, encoding="utf-8")
    session = Session(page, root, work, home)
    started = False
    for step in page.steps:
        if isinstance(step, SetToday):
            session.today = step.today
            continue
        if not started:
            (starts or Starts(root / "starts")).copy_into(session)
            started = True
        if isinstance(step, Command):
            _run(session, step)
        elif isinstance(step, WriteFile):
            target = _inside(session, step.line, step.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.content, encoding="utf-8")
        elif isinstance(step, EditFile):
            _edit(session, step)


def _inside(session: Session, line: int, path: str) -> Path:
    target = (session.cwd / path).resolve()
    if not target.is_relative_to(session.root.resolve()):
        raise ExampleFailure(f"{session.page.name}:{line}: {path} is outside the example folder")
    return target


def _run(session: Session, step: Command) -> None:
    state = session.root / "cwd-after-command"
    # The trailer keeps the command's exit status and tells us where a `cd` left the reader.
    script = f"{step.text}\n__status=$?\npwd >{shlex.quote(str(state))}\nexit $__status\n"
    try:
        result = subprocess.run(
            ["bash", "-c", script],
            cwd=session.cwd,
            env=session.env(),
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        result = subprocess.CompletedProcess(script, -1, "", f"(still running after {TIMEOUT} s)")
    session.clock += 1
    if state.exists():
        session.cwd = Path(state.read_text(encoding="utf-8").strip())
        state.unlink()
    output = result.stdout.splitlines() + result.stderr.splitlines()
    output = [line.rstrip() for line in output]
    if result.returncode != step.exit_code:
        problem = f"exit code {result.returncode}, the page expects {step.exit_code}"
        if not step.exit_code:
            problem += " (end the command line with '# exit N' if that is right)"
    else:
        problem = _missing(step.expected, output)
    if problem:
        raise ExampleFailure(_report(session, step, problem, output, result.returncode))


def _missing(expected: tuple[str, ...], output: list[str]) -> str | None:
    """Why ``output`` does not read as ``expected`` shows it, or None if it does.

    Blank lines aside, the lines a page shows are the real output, except where a line `...`
    stands for lines it leaves out (before, between or after): a reader is never shown two lines
    as consecutive that are not. A command shown with no output may print anything."""
    if not expected:
        return None
    lines = [line for line in output if line.strip()]
    position, gap = 0, False  # lines may be left out only where a `...` stands
    for wanted in expected:
        if wanted == ELLIPSIS:
            gap = True
            continue
        found = _find(lines, wanted, position, gap)
        if found is None:
            return _why(lines, wanted, position, gap)
        position, gap = found + 1, False
    if not gap and position < len(lines):
        return (
            f"the real output goes on after the page's last line ({lines[position]!r} follows):"
            " end the block with a line '...' where lines are left out"
        )
    return None


def _find(lines: list[str], wanted: str, position: int, gap: bool) -> int | None:
    if gap:
        return lines.index(wanted, position) if wanted in lines[position:] else None
    return position if position < len(lines) and lines[position] == wanted else None


def _why(lines: list[str], wanted: str, position: int, gap: bool) -> str:
    if wanted in lines[position:]:
        return (
            f"other lines come before this one in the real output:\n    {wanted}\n  add a line "
            "'...' where the page leaves lines out"
        )
    where = " (it is printed earlier: keep the page's order)" if wanted in lines else ""
    return f"expected line not found{where}:\n    {wanted}"


def _report(session: Session, step: Command, problem: str, output: list[str], code: int) -> str:
    shown = "\n".join(f"$ {text}" for text in step.text.splitlines())
    if not step.shown:
        shown = f"<!-- setup: {step.text} -->"
    more = f", first {OUTPUT_LINES} of {len(output)} lines" if len(output) > OUTPUT_LINES else ""
    real = "\n".join(f"    {line}" for line in output[:OUTPUT_LINES]) or "    (nothing)"
    work = session.root / "work"
    folder = session.cwd.relative_to(work) if session.cwd.is_relative_to(work) else session.cwd
    return (
        f"{session.page.name}:{step.line}: in folder {folder}, today={session.today}\n"
        f"{shown}\n  {problem}\n  real output (exit {code}{more}; stdout, then stderr):\n{real}"
    )


def _edit(session: Session, step: EditFile) -> None:
    target = _inside(session, step.line, step.path)
    where = f"{session.page.name}:{step.line}: edit {step.path}"
    if not target.is_file():
        raise ExampleFailure(f"{where}: there is no such file in {session.cwd.name}/")
    text = target.read_text(encoding="utf-8")
    lines = text.splitlines()
    size = len(step.old)
    found = [i for i in range(len(lines) - size + 1) if tuple(lines[i : i + size]) == step.old]
    if len(found) != 1:
        old = "\n".join(f"    {line}" for line in step.old)
        raise ExampleFailure(
            f"{where}: the '-' and ' ' lines occur {len(found)} times in the file, "
            f"they must occur exactly once, one after another:\n{old}"
        )
    lines[found[0] : found[0] + size] = step.new
    ending = "\n" if text.endswith("\n") else ""
    target.write_text("\n".join(lines) + ending, encoding="utf-8")
