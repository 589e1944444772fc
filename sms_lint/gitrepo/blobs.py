"""Many blobs at once: one ``git cat-file --batch`` process reads every blob a tree lists.

Checking a whole tree at a base revision wants thousands of blobs, and one request each costs
two round trips. Here every object id is
written to one ``cat-file --batch`` (from a thread, so that git never blocks on a full output
pipe while we are still writing) and the answers are read back in order. ``cat-file`` reads the
object store only: no filter, no textconv, nothing written. The process is started through the
repository's sandboxed runner (:mod:`sms_lint.gitrepo.sandbox`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from subprocess import Popen
from typing import IO

from sms_lint.gitrepo.repo import GitProblem, Repository, first_line

_DISCARD_CHUNK = 1 << 20


def read_blobs(
    repo: Repository, object_ids: Iterable[str], keep: int, started: Popen[bytes] | None = None
) -> dict[str, bytes]:
    """Object id -> content for each blob, at most its first ``keep`` bytes (the rest of a
    larger blob is read and dropped: the caller only looks at the start of such a file).
    GitProblem when git cannot run or an object is missing (a partial clone). ``started``:
    the ``cat-file --batch`` of :func:`start_batch`, ended here."""
    wanted = list(dict.fromkeys(object_ids))
    if not wanted:
        if started is not None:
            end_batch(started)
        return {}
    process = started if started is not None else start_batch(repo)
    writer = threading.Thread(target=_write_ids, args=(process.stdin, wanted), daemon=True)
    writer.start()
    complete = False
    try:
        found = {oid: _read_one(process.stdout, oid, keep) for oid in wanted}
        complete = True
    finally:
        if not complete:  # git may be blocked writing what nobody reads any more
            process.kill()
        writer.join()
        process.stdout.close()
        err = process.stderr.read().decode("utf-8", "replace")
        process.stderr.close()
        status = process.wait()
    if status != 0:
        raise GitProblem(f"git cat-file failed: {first_line(err)}")
    return found


def start_batch(repo: Repository) -> Popen[bytes]:
    """``cat-file --batch`` started now, waiting for ids: git starts while the caller works."""
    return repo.command.popen("cat-file", "--batch", stdin=True)


def end_batch(process: Popen[bytes]) -> None:
    """End a :func:`start_batch` that :func:`read_blobs` was not given (or has ended)."""
    if process.returncode is None:
        process.kill()
        process.communicate()


def _write_ids(stream: IO[bytes], wanted: list[str]) -> None:
    # git ending early (a pipe closed under us) is the reader's to report.
    with contextlib.suppress(BrokenPipeError, ValueError):
        stream.write("".join(f"{oid}\n" for oid in wanted).encode("ascii"))
    with contextlib.suppress(BrokenPipeError, ValueError):
        stream.close()


def _read_one(stream: IO[bytes], oid: str, keep: int) -> bytes:
    """One answer of ``cat-file --batch``: ``<id> blob <size>`` then the content and a newline."""
    header = stream.readline().decode("ascii", "replace").split()
    if len(header) != 3 or header[1] != "blob" or not header[2].isdigit():
        said = " ".join(header) or "no answer"
        raise GitProblem(f"git cannot read the object {oid} ({said}): the clone may be partial")
    size = int(header[2])
    content = _read_exactly(stream, min(size, keep))
    left = size - len(content)
    while left > 0:  # over ``keep``: the rest is read and dropped, never held in memory
        chunk = stream.read(min(left, _DISCARD_CHUNK))
        if not chunk:
            break
        left -= len(chunk)
    if left > 0 or stream.read(1) != b"\n":
        raise GitProblem(f"git cat-file ended while sending the object {oid}")
    return content


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size) if size else b""
    if data is None or len(data) != size:
        raise GitProblem("git cat-file ended while sending an object")
    return data
