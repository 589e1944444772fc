"""The result cache's fingerprint: everything besides the checked files that decides a result
(sms-lint's version and install, Python, the YAML parser, the config, the rule packs and
schemas). A cache whose fingerprint differs is discarded whole (see :mod:`.store`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sms_lint import __version__
from sms_lint.cache.stable import stable_repr
from sms_lint.digests import blake2b
from sms_lint.parse.loader import parser_name
from sms_lint.resources import builtin_pack_path, data_dir

if TYPE_CHECKING:
    from sms_lint.config.datacache import DataStore
    from sms_lint.pipeline.setup import Setup

_PACKAGE = Path(__file__).resolve().parent.parent


def install_digest() -> bytes:
    """sms-lint's install: each source and data file's name, size and mtime (stat only, never
    the contents: an edited checkout still changes it)."""
    digest = blake2b(digest_size=16)
    for folder in (_PACKAGE, data_dir("schemas")):
        digest.update(str(folder).encode("utf-8", "surrogatepass") + b"\0")
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith((".py", ".json", ".yaml")):
                    status = os.stat(os.path.join(dirpath, name))
                    line = f"{dirpath}/{name}\0{status.st_size}\0{status.st_mtime_ns}\0"
                    digest.update(line.encode("utf-8", "surrogatepass"))
    return digest.digest()


def fingerprint(setup: Setup, store: DataStore | None = None) -> bytes:
    """Everything besides the files themselves that decides a result."""
    config = stable_repr(setup.config)  # never repr(): a set's order differs per process
    parts = (
        __version__,
        sys.version,
        parser_name(),  # libyaml and the pure-Python parser accept and place text differently
        config,
    )
    digest = blake2b(install_digest(), digest_size=16)
    digest.update(_rules_digest(setup, config, store))
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.digest()


def _rules_digest(setup: Setup, config: str, store: DataStore | None) -> bytes:
    """The framework and rulebook as a digest: theirs is a function of the packs and the
    config alone (and of sms-lint, which ``install_digest`` covers), so the data cache keeps
    it under the packs' file states and the config, as it keeps their parsed data; working
    it out (``stable_repr`` of some 200 KB) was most of a warm pre-commit run's fingerprint."""

    def work_out() -> bytes:
        digest = blake2b(digest_size=16)
        for part in (stable_repr(setup.framework), stable_repr(setup.rulebook)):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return digest.digest()

    if store is None:
        return work_out()
    label = "fingerprint under " + blake2b(config.encode(), digest_size=16).hexdigest()
    kept = store.get(label, [builtin_pack_path(), *setup.config.policies], work_out)
    return kept if isinstance(kept, bytes) and len(kept) == 16 else work_out()
