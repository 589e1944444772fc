"""The git repository that holds an SMS root: found once, then read with explicit arguments.

GitPython is imported here, inside functions, and only when a command needs git: ``check``
without ``--base`` and ``rules`` never load it. Every git call runs at the top of the work tree
with these global options, for these reasons:

- ``--literal-pathspecs``: a file named ``*`` or ``:(exclude)x`` is only that file;
- ``-c safe.directory=<top>``: a checkout owned by another user (CI containers) is read, and
  only that one work tree is trusted, not every folder on the machine;
- ``-c core.fsmonitor=false``: since we trust that tree, run none of its configured programs;
- ``--no-optional-locks``: never write inside the checked repository (no index refresh).

Paths always come after ``--`` and revisions are passed as full commit ids once resolved.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_CHUNK = 1 << 16
_PIPE_BYTES = 1 << 20
NOT_SHALLOW_HINT = "fetch the full history (actions/checkout with fetch-depth: 0)"


class GitProblem(Exception):
    """Git cannot answer the question: one sentence for the user."""


@dataclass(frozen=True)
class HeadState:
    shallow: bool
    head: str | None  # the commit id HEAD points at; None before the first commit


@dataclass
class Repository:
    """A work tree and the SMS root inside it (``prefix``: the root's path from the top)."""

    command: Any  # git.Git bound to the top of the work tree, with the options above
    top: Path
    prefix: str  # "" when the SMS root is the top, else "sub/dir/"

    def run(self, subcommand: str, *args: str) -> bytes:
        """Run ``git <options> subcommand args``; its stdout as bytes, or GitProblem."""
        status, out, err = self.run_status(subcommand, *args)
        if status != 0:
            raise GitProblem(f"git {subcommand} failed: {first_line(err)}")
        return out

    def run_status(self, subcommand: str, *args: str) -> tuple[int, bytes, str]:
        """Like :meth:`run` but returns (exit status, stdout, stderr) instead of raising."""
        import git

        method = getattr(self.command, subcommand.replace("-", "_"))
        try:
            status, out, err = method(
                *args, with_extended_output=True, with_exceptions=False, stdout_as_string=False
            )
        except git.GitCommandNotFound:
            raise GitProblem("git is not installed (or not on PATH)") from None
        return status, out, err.decode("utf-8", "replace") if isinstance(err, bytes) else err

    def stream(self, subcommand: str, *args: str) -> Iterator[bytes]:
        """The NUL-separated fields of a command's stdout, read as git writes them. Closing
        the iterator early ends git (a history walk need not go to the first commit)."""
        import git

        method = getattr(self.command, subcommand.replace("-", "_"))
        try:
            # Keep GitPython's wrapper alive: dropping it kills the process and closes pipes.
            wrapper = method(*args, as_process=True)
            process = wrapper.proc
            _widen_pipe(process.stdout)
        except git.GitCommandNotFound:
            raise GitProblem("git is not installed (or not on PATH)") from None
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
            del wrapper
        if status != 0:
            raise GitProblem(f"git {subcommand} failed: {first_line(err)}")

    def head_state(self) -> HeadState:
        status, out, _ = self.run_status(
            "rev-parse", "--is-shallow-repository", "--verify", "--quiet", "HEAD^{commit}"
        )
        lines = out.decode("ascii", "replace").split()
        head = lines[1] if status == 0 and len(lines) > 1 else None
        return HeadState(shallow=bool(lines) and lines[0] == "true", head=head)

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

    def read_blob(self, blob_id: str, max_bytes: int) -> bytes | None:
        """A blob's content through one long-lived ``cat-file --batch``; None if too big."""
        import git

        try:
            _, _, size = self.command.get_object_header(blob_id)
            if size > max_bytes:
                return None
            return bytes(self.command.get_object_data(blob_id)[3])
        except (git.GitCommandError, ValueError, OSError) as error:
            raise GitProblem(f"cannot read {blob_id} from git: {error}") from None

    def close(self) -> None:
        """End the long-lived ``cat-file`` processes."""
        self.command.clear_cache()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
    git itself cannot run."""
    try:
        import git
    except ImportError:  # GitPython raises ImportError when no git executable works
        raise GitProblem("git is not installed (or not on PATH)") from None
    try:
        found = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    try:
        if found.bare or found.working_tree_dir is None:
            return None
        top = Path(found.working_tree_dir).resolve()
    finally:
        found.close()
    try:
        inside = root.resolve().relative_to(top).as_posix()
    except ValueError:
        return None
    command = git.Git(str(top))
    command.set_persistent_git_options(
        c=[f"safe.directory={top}", "core.fsmonitor=false", "core.quotePath=false"],
        literal_pathspecs=True,
        no_optional_locks=True,
    )
    prefix = "" if inside == "." else inside + "/"
    return Repository(command, top, prefix)


def decode_path(raw: bytes) -> str:
    """Bytes git printed as a path, decoded as the file system would (os.walk agrees)."""
    return os.fsdecode(raw)
