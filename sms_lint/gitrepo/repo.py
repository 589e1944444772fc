"""The git repository that holds an SMS root: found once, then read with explicit arguments.

git runs through :class:`~sms_lint.gitrepo.sandbox.SafeGit` (``subprocess``, no GitPython:
its import alone cost more than the ``git log`` of ``history``); nothing here reads a
repository the way ``git.Repo`` would (its configuration itself, whoever owns it).

The checked repository is hostile in the threat model (a pull request on a shared runner
controls ``.git/config`` and ``.gitattributes``), so every git call is read-only and runs no
program the repository names: only commands that never look at the work tree's content nor
write the index are run (``rev-parse``, ``ls-files``, ``ls-tree``, ``diff-index --cached``,
``log``, ``cat-file``), so no clean/smudge/process filter runs and the index is never
refreshed; the work tree is compared by hashing its files here (:mod:`.worktree`); and every
call gets the options and environment of :mod:`.sandbox` (no hooks, fsmonitor, pager, ssh,
askpass, credential helper, gpg, external diff; no transport at all; literal pathspecs).

git's ownership protection stays on: a repository owned by another user is read only if the
user listed it in git's own ``safe.directory`` (global config or ``GIT_CONFIG_*``); otherwise
:class:`UntrustedRepository` says how. Paths always come after ``--`` and revisions are passed
as full commit ids once resolved.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sms_lint.gitrepo.sandbox import GitProblem, SafeGit, UntrustedRepository, sandboxed

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_CHUNK = 1 << 16
_PIPE_BYTES = 1 << 20
NOT_SHALLOW_HINT = "fetch the full history (actions/checkout with fetch-depth: 0)"


@dataclass(frozen=True)
class HeadState:
    shallow: bool
    head: str | None  # the commit id HEAD points at; None before the first commit


@dataclass
class Repository:
    """A work tree and the SMS root inside it (``prefix``: the root's path from the top)."""

    command: SafeGit  # git bound to the top of the work tree, with the options above
    top: Path
    prefix: str  # "" when the SMS root is the top, else "sub/dir/"
    state: HeadState | None = None  # worked out when the repository was found

    def run(self, subcommand: str, *args: str) -> bytes:
        """Run ``git <options> subcommand args``; its stdout as bytes, or GitProblem."""
        status, out, err = self.run_status(subcommand, *args)
        if status != 0:
            raise GitProblem(f"git {subcommand} failed: {first_line(err)}")
        return out

    def start(self, subcommand: str, *args: str) -> subprocess.Popen[bytes]:
        """git started now, let up to 1 MiB ahead of its reader (:func:`_widen_pipe`): it
        runs to its end meanwhile, unless its output is longer; :meth:`finish` reads it."""
        process = self.command.popen(subcommand, *args)
        _widen_pipe(process.stdout)
        return process

    def finish(self, process: subprocess.Popen[bytes], subcommand: str) -> bytes:
        """The stdout of a git :meth:`start` started (as :meth:`run` returns it), or GitProblem."""
        out, err = process.communicate()
        if process.returncode != 0:
            said = err.decode("utf-8", "replace")
            raise GitProblem(f"git {subcommand} failed: {first_line(said)}")
        return out.removesuffix(b"\n")

    def run_status(self, subcommand: str, *args: str) -> tuple[int, bytes, str]:
        """Like :meth:`run` but returns (exit status, stdout, stderr) instead of raising."""
        return self.command.run(subcommand, *args)

    def stream(self, subcommand: str, *args: str) -> Iterator[bytes]:
        """The NUL-separated fields of a command's stdout, read as git writes them. Closing
        the iterator early ends git (a history walk need not go to the first commit)."""
        process = self.command.popen(subcommand, *args)
        _widen_pipe(process.stdout)
        complete = False
        try:
            rest = b""
            while block := process.stdout.read(_CHUNK):
                *fields, rest = (rest + block).split(b"\0")
                yield from fields
            if rest:
                yield rest
            complete = True
        finally:
            if not complete:
                process.kill()
            process.stdout.close()
            err = process.stderr.read().decode("utf-8", "replace")
            process.stderr.close()
            status = process.wait()
        if status != 0:
            raise GitProblem(f"git {subcommand} failed: {first_line(err)}")

    def head_state(self) -> HeadState:
        if self.state is None:
            status, out, _ = self.run_status("rev-parse", *_HEAD_QUESTION)
            self.state = _head_state(status, out)
        return self.state

    def tracked(self) -> set[str]:
        """The files under the SMS root that git tracks (in the index), relative to the root."""
        output = self.run("ls-files", "-z", "--", self.pathspec())
        paths = (self.from_top(decode_path(raw)) for raw in output.split(b"\0") if raw)
        return {path for path in paths if path is not None}

    def pathspec(self, root_relative: str = "") -> str:
        """A path under the SMS root as git names it (from the top of the work tree)."""
        whole = self.prefix + root_relative
        return whole.rstrip("/") or "."

    def from_top(self, path: str) -> str | None:
        """A path git printed, relative to the SMS root; None when outside it."""
        if not path.startswith(self.prefix):
            return None
        return path[len(self.prefix) :]

    def shallow_boundary(self) -> set[bytes]:
        """A shallow clone's oldest commits, those git lists in its ``shallow`` file (their
        parents were not fetched). Read, never written."""
        where = self.run("rev-parse", "--git-path", "shallow").decode("utf-8", "replace")
        try:
            return set((self.top / where.strip()).read_bytes().split())
        except OSError:
            return set()

    def close(self) -> None:
        """Nothing is left running between calls: every git process has ended by now."""

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_HEAD_QUESTION = ("--is-shallow-repository", "--verify", "--quiet", "HEAD^{commit}")


def _head_state(status: int, out: bytes) -> HeadState:
    """What ``rev-parse`` printed for :data:`_HEAD_QUESTION`: shallow or not, then HEAD."""
    lines = out.decode("ascii", "replace").split()
    head = lines[1] if status == 0 and len(lines) > 1 else None
    return HeadState(shallow=bool(lines) and lines[0] == "true", head=head)


def _widen_pipe(stream: Any) -> None:
    """Let git run up to 1 MiB ahead of the reader (Linux; elsewhere the default stays), so a
    history walk does not stall while Python is busy parsing documents in another thread."""
    setter = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if setter is None:
        return
    with contextlib.suppress(OSError):  # above the system's pipe-max-size: the default stays
        fcntl.fcntl(stream.fileno(), setter, _PIPE_BYTES)


def first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0].removeprefix("fatal: ").removeprefix("error: ") if lines else "no details"


def open_repository(root: Path) -> Repository | None:
    """The repository whose work tree holds ``root``; None when there is none. GitProblem when
    git itself cannot run, UntrustedRepository when git refuses the repository's owner.

    git finds the repository itself (``rev-parse --show-toplevel`` run in the root), so its
    own rules apply: ``GIT_DIR``, ``GIT_CEILING_DIRECTORIES`` and the ownership check.
    """
    if not root.is_dir():
        return None
    # One call also answers head_state(); a HEAD without commits fails --verify quietly.
    status, out, error = Repository(sandboxed(root), root, "").run_status(
        "rev-parse", "--show-toplevel", *_HEAD_QUESTION
    )
    if "dubious ownership" in error:
        raise UntrustedRepository(untrusted_sentence(error, root))
    if "not a git repository" in error or "work tree" in error:
        return None  # outside git, or inside a .git folder or a bare repository
    lines = out.split(b"\n")
    if len(lines) < 2 or (status != 0 and error.strip()):
        raise GitProblem(f"git cannot open the repository: {first_line(error)}")
    top = Path(decode_path(lines[0])).resolve()
    try:
        inside = root.resolve().relative_to(top).as_posix()
    except ValueError:
        return None
    prefix = "" if inside == "." else inside + "/"
    state = _head_state(status, b"\n".join(lines[1:]))
    return Repository(sandboxed(top), top, prefix, state)


def untrusted_sentence(error: str, root: Path) -> str:
    """What to do when git refuses a repository owned by someone else (git names its top)."""
    named = re.search(r"dubious ownership in repository at '(.*)'", error)
    folder = named.group(1) if named else str(root.resolve())
    return (
        f"git refuses to read {folder} because another user owns it; if you trust it, run "
        f"git config --global --add safe.directory {folder} (in CI containers too) and try again"
    )


def decode_path(raw: bytes) -> str:
    """Bytes git printed as a path, decoded as the file system would (os.walk agrees)."""
    return os.fsdecode(raw)


def resolve_commit(repo: Repository, ref: str) -> str:
    status, out, _ = repo.run_status(
        "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
    )
    commit = out.decode("ascii", "replace").strip()
    if status != 0 or not commit:
        raise GitProblem(
            f"--base '{ref}' names no commit in this repository (fetch it first, "
            "e.g. git fetch origin main)"
        )
    return commit
