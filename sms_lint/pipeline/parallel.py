"""One function over many paths, spread across processes (``fork``: the workers inherit what
the function holds, such as the built setup, instead of rebuilding it).

The parent works too, with one worker fewer than there are cores: the workers take chunks of
paths from the front, the parent from the back, so neither idles while work remains. That is
as fast as a worker per core (the parent had little to do but receive), and costs one copy
of the parent's memory fewer: each forked worker's resident memory starts as the parent's.
Only paths go out and only what ``send`` makes of each result comes back; the parent sends
its own results the same way, so every result is in the same (compact) form.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

# Below this many paths, starting processes costs more than it saves.
PARALLEL_THRESHOLD = 1500
_CHUNKS_PER_CORE = 8
# At most this many paths a chunk: a chunk's results come back as one pickled message, and
# messages of megabytes (100,000 files in 16 chunks) left freed heap resident (~10 MB).
_CHUNK_AT_MOST = 256

Result = TypeVar("Result")
_JOB: Callable[[str], Any] | None = None  # set in the parent just before forking


def map_paths(
    paths: list[str],
    one: Callable[[str], Result],
    send: Callable[[Result], Any],
    receive: Callable[[str, Any], Result],
) -> list[Result]:
    """``one(path)`` for every path, in order. Across processes when there are many paths and
    the platform forks; then each result is ``receive(path, send(result))``."""
    cores = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_THRESHOLD or cores < 2 or not sys.platform.startswith("linux"):
        return [one(path) for path in paths]
    # Only above the threshold: their imports cost a small (pre-commit) run dearly.
    import multiprocessing
    import pickle  # noqa: F401 (imported before the fork, so no worker imports it again)

    global _JOB
    _JOB = lambda path: send(one(path))  # noqa: E731 (inherited by the forked workers)
    size = max(1, min(_CHUNK_AT_MOST, len(paths) // (cores * _CHUNKS_PER_CORE)))
    chunks = [paths[start : start + size] for start in range(0, len(paths), size)]
    try:
        with multiprocessing.get_context("fork").Pool(cores - 1) as pool:
            done = _shared(pool, chunks, cores - 1)
    finally:
        _JOB = None
    sent = (result for chunk in done for result in chunk)
    return [receive(path, result) for path, result in zip(paths, sent, strict=True)]


def _run_chunk(chunk: list[str]) -> list[Any]:
    assert _JOB is not None
    return [_JOB(path) for path in chunk]


def _run_chunk_pickled(chunk: list[str]) -> bytes:
    """A worker's chunk, pickled here: the pool's result thread then unpickles only one bytes
    object, and the parent's own thread makes the results' objects (see :func:`_shared`)."""
    import pickle  # already imported by map_paths before the fork

    return pickle.dumps(_run_chunk(chunk), pickle.HIGHEST_PROTOCOL)


def _shared(pool: Pool, chunks: list[list[str]], workers: int) -> list[list[Any]]:
    """Every chunk's results, in order: the workers are kept two chunks ahead from the front,
    the parent takes the next from the back. A worker's exception is raised here."""
    import pickle  # already imported by map_paths

    done: list[list[Any]] = [[] for _ in chunks]
    ahead = deque(range(len(chunks)))
    running: dict[int, AsyncResult[bytes]] = {}
    while ahead or running:
        while ahead and len(running) < 2 * workers:
            index = ahead.popleft()
            running[index] = pool.apply_async(_run_chunk_pickled, (chunks[index],))
        if ahead:
            index = ahead.pop()
            done[index] = _run_chunk(chunks[index])
        else:
            next(iter(running.values())).wait()
        for index in [index for index, result in running.items() if result.ready()]:
            # Unpickled in this thread: objects made in the pool's result thread come from a
            # malloc arena of that thread, whose freed space glibc keeps resident.
            done[index] = pickle.loads(running.pop(index).get())
    return done
