"""Run one function beside the main work: in a forked process on Linux, in a thread elsewhere.

``register`` walks the git history while it parses the documents; parsing git's output in a
forked child uses the other core instead of sharing the GIL. A bare ``os.fork`` and a pipe
cost a few milliseconds where ``concurrent.futures``' process pool costs its imports and a
manager thread. The child sends back ``(True, result)`` or ``(False, exception)`` pickled, and
leaves with ``os._exit`` (it must never return into the caller's code, nor flush its
buffers). Should the child die without an answer, the function runs again in this process:
the answer is the same, only slower.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading

try:
    import fcntl
except ImportError:  # not on Windows, where the handover goes to a thread
    fcntl = None  # type: ignore[assignment]
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Aside(Generic[T]):
    """``function(*args)``, started when made; :meth:`result` waits for it (or raises what it
    raised). Leaving the ``with`` block without asking ends the child (no process is left
    behind when the caller fails first)."""

    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        self.function, self.args = function, args
        self.pid: int | None = None
        if sys.platform.startswith("linux"):
            self._fork()
        else:
            self._wait = _threaded(function, args)

    def _fork(self) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        handovers = [arg for arg in self.args if isinstance(arg, Handover)]
        if pid == 0:  # the child: answer, then leave without running anything of the parent's
            os.close(read_end)
            for handover in handovers:
                handover.receiving()
            _answer(write_end, self.function, self.args)
        os.close(write_end)
        for handover in handovers:
            handover.giving()
        self.pid, self.stream = pid, os.fdopen(read_end, "rb")
        self._wait = self._from_child

    def result(self) -> T:
        return self._wait()

    def _from_child(self) -> T:
        answer = self.stream.read()
        self._end()
        try:
            ok, value = pickle.loads(answer)
        except Exception:  # the child died before answering
            return self.function(*self.args)
        if ok:
            return value
        raise value

    def _end(self) -> None:
        if self.pid is not None:
            self.stream.close()
            os.waitpid(self.pid, 0)
            self.pid = None

    def __enter__(self) -> Aside[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            self._end()


class Handover(Generic[T]):
    """A value given to the function running aside once it has started: :meth:`give` it
    here; there, calling the handover waits for it (``register`` starts git's walk before it
    has found the files the walk waits for). Through a pipe, pickled, in a fork as in a
    thread; leaving the ``with`` block closes what is still open (the other side then reads
    an end without a value, and fails)."""

    def __init__(self) -> None:
        self._read: int | None
        self._write: int | None
        self._read, self._write = os.pipe()
        # Room for 10,000 paths, so that giving them does not wait for the other side to read.
        setter = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
        if setter is not None:
            with contextlib.suppress(OSError):
                fcntl.fcntl(self._write, setter, 1 << 20)

    def give(self, value: T) -> None:
        assert self._write is not None
        write_end, self._write = self._write, None
        # The other side may have answered without it (git refused the repository): its
        # answer, not a broken pipe here, is what the caller hears.
        with contextlib.suppress(BrokenPipeError), os.fdopen(write_end, "wb") as stream:
            stream.write(pickle.dumps(value))

    def __call__(self) -> T:
        assert self._read is not None
        read_end, self._read = self._read, None
        with os.fdopen(read_end, "rb") as stream:
            return pickle.loads(stream.read())  # type: ignore[no-any-return]

    def receiving(self) -> None:
        """In the forked child: only the reading end is its own."""
        self._close_write()

    def giving(self) -> None:
        """In the parent, after the fork: only the writing end is its own."""
        if self._read is not None:
            os.close(self._read)
            self._read = None

    def _close_write(self) -> None:
        if self._write is not None:
            os.close(self._write)
            self._write = None

    def __enter__(self) -> Handover[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close_write()
        self.giving()


def _answer(write_end: int, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    code = 0
    try:
        try:
            answer = pickle.dumps((True, function(*args)))
        except BaseException as error:  # said to the parent, which raises it
            answer = _pickled_error(error)
        with os.fdopen(write_end, "wb") as stream:
            stream.write(answer)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _pickled_error(error: BaseException) -> bytes:
    try:
        return pickle.dumps((False, error))
    except Exception:  # an exception that cannot travel: the parent runs the function itself
        return b""


def _threaded(function: Callable[..., T], args: tuple[Any, ...]) -> Callable[[], T]:
    done: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            done.append((True, function(*args)))
        except BaseException as error:
            done.append((False, error))
        finally:  # a handover never read: its giver must not wait for a reader (as at exit)
            for handover in args:
                if isinstance(handover, Handover):
                    handover.giving()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        ok, value = done[0]
        if ok:
            return value
        raise value

    return result
