"""Build hostile repositories on disk and run the checker on them, in-process or not.

The outside folder stands for everything beyond the checked root (a runner's home, CI
secrets): its files hold :data:`~hostile.cases.SECRET`, written so that reading them would
put the secret straight into a finding message (an unknown kind is quoted back).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hostile.cases import ABSOLUTE, MARKER_NAME, RELATIVE, SECRET, Case, build_cases
from hostile.reports import formats, known
from sms_lint.pipeline.engine import Result
from sms_lint.reporters import REPORTERS

EXAMPLE = Path(__file__).resolve().parents[2] / "example-sms-repo"
TODAY = "2026-11-22"
_SURROGATE = re.compile("[\ud800-\udfff]")
_SECRET_YAML = f"id: {SECRET}\nkind: {SECRET}\ntitle: {SECRET}\n"


def make_outside(outside: Path) -> None:
    """The folder outside the root: secrets a link may point at."""
    (outside / "secret-dir").mkdir(parents=True, exist_ok=True)
    (outside / "secret.yaml").write_text(_SECRET_YAML, encoding="utf-8")
    (outside / "secret-dir" / "secret.yaml").write_text(_SECRET_YAML, encoding="utf-8")
    (outside / "secret.md").write_text(f"---\n{_SECRET_YAML}---\n{SECRET}\n", encoding="utf-8")


def _link_target(target: str, link: Path, outside: Path) -> str:
    if target.startswith(RELATIVE):
        return os.path.relpath(outside / target.removeprefix(RELATIVE), link.parent)
    if target.startswith(ABSOLUTE):
        return str(outside / target.removeprefix(ABSOLUTE))
    return target


def materialize(cases: Iterable[Case], root: Path, outside: Path) -> None:
    """Write the cases' files and links under ``root``."""
    for case in cases:
        for relative, content in case.files.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        for relative, target in case.links.items():
            link = root / relative
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(_link_target(target, link, outside))


def make_repo(base: Path, cases: Iterable[Case], with_example: bool = True) -> Path:
    """``base/root`` holding (a copy of the example and) the cases; ``base/outside`` beside it."""
    root, outside = base / "root", base / "outside"
    make_outside(outside)
    if with_example:
        shutil.copytree(EXAMPLE, root)
    root.mkdir(exist_ok=True)
    materialize(cases, root, outside)
    return root


@dataclass(frozen=True)
class Run:
    """One CLI run in a child process: exit code, stdout and stderr as bytes."""

    code: int
    stdout: bytes
    stderr: bytes

    def json(self) -> dict:
        return json.loads(self.stdout)


def run_cli(
    root: Path,
    *args: str,
    limit_kb: int | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    cache: Path | None = None,
    timeout: float = 300,
) -> Run:
    """``python -m sms_lint check ROOT --today TODAY ARGS`` in a child process.

    ``limit_kb`` caps the child's address space (``ulimit -v``) before Python starts; ``env``
    adds variables (``GITHUB_STEP_SUMMARY`` is unset unless given here); ``cache`` is the
    ``XDG_CACHE_HOME`` to use (None: ``--no-cache``; never the user's own cache). Past
    ``timeout`` seconds the child is killed and ``subprocess.TimeoutExpired`` raised.
    """
    cache_args = () if cache is not None else ("--no-cache",)
    command = [
        *(sys.executable, "-m", "sms_lint", "check", str(root), "--today", TODAY),
        *cache_args,
        *args,
    ]
    if limit_kb is not None:
        script = f'ulimit -v {limit_kb} && exec "$@"'
        command = ["bash", "-c", script, "bash", *command]
    child_env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    child_env.update({"NO_COLOR": "1", **(env or {})})
    if cache is not None:
        child_env["XDG_CACHE_HOME"] = str(cache)
    done = subprocess.run(
        command, capture_output=True, cwd=cwd, env=child_env, timeout=timeout, check=False
    )
    return Run(done.returncode, done.stdout, done.stderr)


def render_all(result: Result) -> tuple[list[dict], dict[str, str]]:
    """The JSON findings of an in-process result and its rendering in every known format."""
    texts = {name: REPORTERS[name]().render(result) for name in formats() if known(name)}
    return json.loads(texts["json"])["findings"], texts


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry under ``folder`` (links not followed) with its size and mtime in ns."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            info = os.lstat(full)
            out[os.path.relpath(full, folder)] = (info.st_size, info.st_mtime_ns)
    return out


def same_path(reported: str | None, written: str) -> bool:
    """A reported path names the written file (undecodable bytes may come back as U+FFFD)."""
    if reported is None:
        return False
    return _SURROGATE.sub("\ufffd", reported) == _SURROGATE.sub("\ufffd", written)


def assert_findings_on_case(case: Case, findings: Sequence[dict]) -> None:
    """A finding with an expected rule on every file of a hostile case; none on a valid one."""
    for path in case.paths:
        on_file = [f for f in findings if same_path(f["path"], path)]
        if case.rules:
            assert any(f["rule"] in case.rules for f in on_file), (path, on_file[:5])
        else:
            assert on_file == [], on_file


class Mixed:
    """The example plus every hostile case, run once per format in child processes."""

    def __init__(self, base: Path, leave_out: Iterable[str] = ()) -> None:
        self.base = base
        self.outside = base / "outside"
        every = build_cases(self.outside)
        self.cases = {name: case for name, case in every.items() if name not in set(leave_out)}
        self.root = make_repo(base, self.cases.values())
        self.cwd = base / "cwd"
        self.cwd.mkdir()
        before = (snapshot(self.root), snapshot(self.outside), snapshot(self.cwd))
        self.cache = base / "cache"  # the first run fills it, the others read it
        self.runs: dict[str, Run] = {
            name: run_cli(self.root, "--format", name, cwd=self.cwd, cache=self.cache)
            for name in sorted(formats(), key=lambda n: n != "json")
            if known(name)
        }
        self.files_unchanged = before == (
            snapshot(self.root),
            snapshot(self.outside),
            snapshot(self.cwd),
        )
        self.warm_json = run_cli(self.root, "--format", "json", cwd=self.cwd, cache=self.cache)

    @property
    def marker(self) -> Path:
        return self.outside / MARKER_NAME
