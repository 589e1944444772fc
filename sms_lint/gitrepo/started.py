"""One git call started now and read later, with no thread: git runs on the other core while
the caller works.

A thread would cost the caller the interpreter's lock each time it starts or reads (up to the
switch interval, 5 ms); git needs no reader meanwhile, since it writes into a pipe of 1 MiB
(:meth:`~sms_lint.gitrepo.repo.Repository.start`). Calling a :class:`Started` reads the output
and raises there the GitProblem met, so that a call nobody waits for fails nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from sms_lint.gitrepo.sandbox import GitProblem

if TYPE_CHECKING:
    from subprocess import Popen

    from sms_lint.gitrepo.repo import Repository

_T = TypeVar("_T")


class Started(Generic[_T]):
    """``git ARGS`` started now; calling the object reads its output and returns what ``read``
    makes of it. git runs to its end meanwhile unless its output is over 1 MiB: it then waits
    for the reader."""

    def __init__(self, repo: Repository, args: tuple[str, ...], read: Callable[[bytes], _T]):
        self._repo, self._args, self._read = repo, args, read
        self._done: list[_T | GitProblem] = []
        self._process: Popen[bytes] | None = None
        try:
            self._process = repo.start(*args)
        except GitProblem as problem:  # git cannot run: said when the result is asked for
            self._done.append(problem)

    def __call__(self) -> _T:
        if not self._done and self._process is not None:
            try:
                self._done.append(self._read(self._repo.finish(self._process, self._args[0])))
            except GitProblem as problem:
                self._done.append(problem)
        if isinstance(self._done[0], GitProblem):
            raise self._done[0]
        return self._done[0]

    def discard(self) -> None:
        """End git unread, when its answer is not wanted after all."""
        if self._process is not None and not self._done:
            self._process.kill()
            self._process.communicate()
            self._done.append(GitProblem(f"git {self._args[0]} was not waited for"))
