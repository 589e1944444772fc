"""An exclusive lock held while ``sms-lint measure`` reads, checks and rewrites a record, so
that runs in parallel (several pipeline jobs) neither lose an entry nor add a period twice.

The lock is ``flock`` on the repository's root folder, opened read-only, taken before anything
is read. A folder survives the atomic rename that replaces the record (a lock on the file would
stay on the old inode), nothing is created in the repository for it, and the root is known
before the read: a lock on the record's own folder would first need a read to find the record,
and that read can fail while another run renames the file, leaving nothing locked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def repository_locked(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the repository's root folder until the block ends."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; a single run is still correct
        yield
        return
    handle = os.open(os.path.realpath(root), os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock
