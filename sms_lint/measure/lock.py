"""An exclusive lock held while ``sms-lint measure`` reads, checks and rewrites a record, so
that runs in parallel (several pipeline jobs) neither lose an entry nor add a period twice.

The lock is ``flock`` on the record's folder, opened read-only: a folder survives the atomic
rename that replaces the record (a lock on the file would stay on the old inode), and nothing
is created in the repository for it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path


@contextlib.contextmanager
def folders_locked(paths: Iterable[Path]) -> Iterator[None]:
    """Hold an exclusive lock on the folder of each path until the block ends."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; a single run is still correct
        yield
        return
    handles = []
    try:
        # Sorted and without repeats, so two runs never wait on each other's second folder.
        for folder in sorted({os.path.realpath(p.parent) for p in paths}):
            handle = os.open(folder, os.O_RDONLY)
            handles.append(handle)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        for handle in reversed(handles):
            os.close(handle)  # closing releases the lock
