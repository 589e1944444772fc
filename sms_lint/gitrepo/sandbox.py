"""The options and environment every git call runs with.

A hostile repository's configuration must run no program and git must write nothing inside
it. Settings that name a program are overridden on the command line (``-c``), which beats
every configuration file; the repository-named drivers that cannot be listed (filters,
textconv, diff and merge drivers) are never reached because only commands that do not use
them are run (see :mod:`sms_lint.gitrepo.repo`).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path


class GitProblem(Exception):
    """Git cannot answer the question: one sentence for the user."""


class UntrustedRepository(GitProblem):
    """git refuses the repository: it belongs to another user and is not a safe.directory."""


# Every setting that makes git run a program, set to nothing (or off); no transport may be
# used (a "promisor" remote would otherwise fetch missing objects lazily).
# tests/test_git_sandbox.py points every setting at a marker-writing script.
SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.askPass=",
    "core.sshCommand=",
    "core.gitProxy=",
    "core.alternateRefsCommand=",
    "credential.helper=",
    "diff.external=",
    "gpg.program=",
    "gpg.ssh.program=",
    "gpg.x509.program=",
    "log.showSignature=false",
    "protocol.allow=never",
    "submodule.recurse=false",
    "core.quotePath=false",
)
SAFE_ENVIRONMENT = {
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_PAGER": "cat",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
}


# The global options of every call: no optional locks (no index refresh), no pager, no
# refs/replace swapping what a commit holds, literal pathspecs (a file named ``*`` is only that).
GLOBAL_OPTIONS = (
    "--literal-pathspecs",
    "--no-optional-locks",
    "--no-pager",
    "--no-replace-objects",
)


class SafeGit:
    """git run in one folder with the options and environment above, through ``subprocess``
    directly: importing GitPython costs more than the whole ``git log`` of ``history``. The
    environment is the user's (git's own rules for GIT_DIR, GIT_CEILING_DIRECTORIES and
    safe.directory apply), in English (messages are matched), plus :data:`SAFE_ENVIRONMENT`.
    ``GIT_PYTHON_GIT_EXECUTABLE`` still names the git to run, as it did with GitPython."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)
        self.executable = os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git"
        self.env = {**os.environ, "LANGUAGE": "C", "LC_ALL": "C", **SAFE_ENVIRONMENT}
        self.options = [*_config_options(), *GLOBAL_OPTIONS]

    def popen(self, subcommand: str, *args: str, stdin: bool = False) -> subprocess.Popen[bytes]:
        """git running, its stdout and stderr piped (stdin too when asked; else nothing)."""
        argv = [self.executable, *self.options, subcommand, *args]
        try:
            with _no_current_folder_search():
                return subprocess.Popen(
                    argv,
                    cwd=self.folder,
                    env=self.env,
                    stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                )
        except OSError as error:  # no such program, or not one that runs
            if not os.path.isdir(self.folder):
                raise GitProblem(f"cannot run git in {self.folder}: {error.strerror}") from None
            raise GitProblem("git is not installed (or not on PATH)") from None

    def run(self, subcommand: str, *args: str) -> tuple[int, bytes, str]:
        """(exit status, stdout, stderr) of one call; one trailing newline is dropped from
        each, as GitPython did (callers split on it)."""
        process = self.popen(subcommand, *args)
        out, err = process.communicate()
        return process.returncode, _chomp(out), _chomp(err).decode("utf-8", "replace")


def sandboxed(folder: Path) -> SafeGit:
    """A git runner for ``folder`` with the options and environment above."""
    return SafeGit(folder)


def _config_options() -> list[str]:
    options = []
    for setting in SAFE_CONFIG:
        options += ["-c", setting]
    return options


def _chomp(data: bytes) -> bytes:
    return data[:-1] if data.endswith(b"\n") else data


@contextlib.contextmanager
def _no_current_folder_search() -> Iterator[None]:
    """On Windows, never run a ``git.exe`` found in the current folder (a hostile checkout
    may hold one): the setting GitPython made while starting git, made here too."""
    if sys.platform != "win32":
        yield
        return
    before = os.environ.get(_NO_CURRENT_FOLDER)
    os.environ[_NO_CURRENT_FOLDER] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ[_NO_CURRENT_FOLDER]
        else:
            os.environ[_NO_CURRENT_FOLDER] = before


_NO_CURRENT_FOLDER = "NoDefaultCurrentDirectoryInExePath"  # Windows spells it so
