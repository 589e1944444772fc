"""The files git ignores under a checked root: one read-only git call, none outside git.

ruff, black and pre-commit leave alone what ``.gitignore``, ``.git/info/exclude`` and
``core.excludesFile`` name (``node_modules/``, build output); discovery does the same inside a
git work tree (:mod:`sms_lint.files.discovery`). One ``git ls-files --others --ignored
--exclude-standard --directory`` answers for the whole tree: a wholly ignored folder comes
back as one ``name/`` entry, so discovery never descends into it. ``--others`` lists only
files git does not track: a tracked file that matches an ignore pattern stays a candidate.

No git runs at all when no ``.git`` entry sits in the root or above it (a plain folder, most
tests, an unpacked export): the pre-commit hook pays nothing there. ``ls-files`` reads the
index and the ignore files only, writes nothing and runs no filter; it gets the options of
:mod:`sms_lint.gitrepo.sandbox`, and the ``GIT_*`` variables that point git at another
repository or index (a hook's ``GIT_INDEX_FILE``, ``GIT_DIR``) are removed, so the answer is
about the folder being checked. Whenever git cannot answer, nothing is ignored: a file is
better checked than silently passed over.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sms_lint.files.discovery import Discovered, discover
from sms_lint.gitrepo.sandbox import SAFE_CONFIG, SAFE_ENVIRONMENT

# The user's own git configuration stays (core.excludesFile may live there); everything else
# named GIT_* (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_CEILING_DIRECTORIES...) goes.
_KEPT_PREFIXES = ("GIT_CONFIG",)
_GLOBAL_OPTIONS = (
    "--no-pager",
    "--no-optional-locks",
    "--no-replace-objects",
    "--literal-pathspecs",
)
_QUESTION = ("ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory")
_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Ignored:
    """Paths relative to the root: ignored files, and ignored folders (without the ``/``)."""

    files: frozenset[str]
    folders: frozenset[str]

    def __contains__(self, rel: object) -> bool:
        return rel in self.files or rel in self.folders

    def __bool__(self) -> bool:
        return bool(self.files or self.folders)


def candidates(
    root: Path, exclude: Iterable[str] = (), ignored: StartedIgnored | None = None
) -> Discovered:
    """Discovery inside a git work tree: the candidate files, less what git ignores
    (``ignored``: that question already asked, :class:`StartedIgnored`)."""
    return discover(root, exclude, git_ignored(root) if ignored is None else ignored())


def in_work_tree(root: Path) -> bool:
    """Whether ``root`` or a folder above it has a ``.git`` entry (only existence is asked)."""
    resolved = root.resolve()
    return any((folder / ".git").exists() for folder in (resolved, *resolved.parents))


def git_ignored(root: Path) -> Ignored | None:
    """What git ignores under ``root``; None outside a work tree or when git cannot say."""
    if not in_work_tree(root):
        return None
    command = ["git", *_config_options(), *_GLOBAL_OPTIONS, *_QUESTION, "--", "."]
    try:
        done = subprocess.run(
            command,
            cwd=root,
            env=_environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, or it hangs: ignore nothing
        return None
    if done.returncode != 0:  # not a repository after all, or another user's: nothing dropped
        return None
    return parse(done.stdout)


class StartedIgnored:
    """:func:`git_ignored` with git started now (it runs while the caller works); calling the
    object reads the same answer, :meth:`close` ends git when none is wanted after all."""

    def __init__(self, root: Path) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        if not in_work_tree(root):
            return
        command = ["git", *_config_options(), *_GLOBAL_OPTIONS, *_QUESTION, "--", "."]
        with contextlib.suppress(OSError, subprocess.SubprocessError):  # no git: ignore nothing
            self.process = subprocess.Popen(
                command,
                cwd=root,
                env=_environment(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )

    def __call__(self) -> Ignored | None:
        if self.process is None:
            return None
        try:
            out, _ = self.process.communicate(timeout=_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:  # it hangs: ignore nothing
            self.close()
            return None
        if self.process.returncode != 0:  # not a repository after all, or another user's
            return None
        return parse(out)

    def close(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            self.process.communicate()


def parse(output: bytes) -> Ignored:
    """``ls-files -z`` output (relative to the root) as files and folders. ``./`` (the root
    itself is ignored by the repository around it) is left out: the user named that folder."""
    files: set[str] = set()
    folders: set[str] = set()
    for raw in output.split(b"\0"):
        path = os.fsdecode(raw)
        if not path or path == "./":
            continue
        if path.endswith("/"):
            folders.add(path.rstrip("/"))
        else:
            files.add(path)
    return Ignored(frozenset(files), frozenset(folders))


def _config_options() -> list[str]:
    options = []
    for setting in SAFE_CONFIG:
        options += ["-c", setting]
    return options


def _environment() -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("GIT_") or name.startswith(_KEPT_PREFIXES)
    }
    env.update(SAFE_ENVIRONMENT)
    env.update(LC_ALL="C", LANGUAGE="C")
    return env
