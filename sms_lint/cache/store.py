"""The result cache: warm runs reuse the per-file stage, and a fully unchanged run its result.

It can never be wrong because every input is in a key:
- a file's entry is used only for the same path and the same content hash (not mtime);
- the whole cache is discarded unless its *fingerprint* matches: sms-lint's code and version,
  the Python version, the schemas, every rule pack and the config;
- the whole-run result is reused only for the same fingerprint, the same set of (path, content
  hash), the same ``--today`` and ``--fail-on``, and never with ``--base``.
Cross-file rules therefore always reflect the current data. The cache lives in the user's cache
folder (``$XDG_CACHE_HOME/sms-lint``), never inside the checked repository; a corrupt or
unreadable cache is ignored and rebuilt; a cache that cannot be written is silently skipped.
Each use marks a root's cache file as fresh; files of roots not checked for ``STALE_DAYS`` are
deleted when a cache is written (CI runners check out into ever new folders).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from sms_lint import __version__
from sms_lint.cache import entries as cache_entries
from sms_lint.cache.entries import finding_tuple, payload_check
from sms_lint.cache.stable import stable_repr
from sms_lint.finding import Finding
from sms_lint.output import write_bytes_atomic
from sms_lint.parse.loader import parser_name
from sms_lint.pipeline.filestage import FileOutcome
from sms_lint.pipeline.setup import Setup
from sms_lint.resources import data_dir

FORMAT = 5  # 2: a digest of each document; 3: what findings are about; 4: declared kind/id;
# 5: a summary of each Markdown body
STALE_DAYS = 30
_PACKAGE = Path(__file__).resolve().parent
_CACHE_FILE = re.compile(r"[0-9a-f]{32}\.cache")  # the only files this module ever deletes


def cache_home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sms-lint"


def _code_digest() -> bytes:
    """sms-lint's own source and data: an edited checkout must not reuse old results."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in (_PACKAGE, data_dir("schemas")):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".json", ".yaml") and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.digest()


def fingerprint(setup: Setup) -> bytes:
    """Everything besides the files themselves that decides a result."""
    parts = (
        __version__,
        sys.version,
        parser_name(),  # libyaml and the pure-Python parser accept and place text differently
        stable_repr(setup.framework),  # never repr(): a set's order differs per process
        stable_repr(setup.rulebook),
        stable_repr(setup.config),
    )
    digest = hashlib.blake2b(_code_digest(), digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.digest()


class ResultCache:
    """One cache file per checked root, read once at start and written once at the end."""

    def __init__(self, root: Path, setup: Setup) -> None:
        real_root = root.resolve()
        name = hashlib.blake2b(str(real_root).encode("utf-8", "surrogatepass"), digest_size=16)
        self.file = cache_home() / f"{name.hexdigest()}.cache"
        # Never write inside the checked repository, whatever XDG_CACHE_HOME says.
        self.enabled = not self.file.resolve().is_relative_to(real_root)
        self.fingerprint = fingerprint(setup)
        self.entries: dict[str, tuple] = {}
        self.result: tuple | None = None
        # The whole-run result of the last --new-only base revision, beside the work tree's:
        # a warm --new-only reuses both (a base is rarely the tree being checked).
        self.base_result: tuple | None = None
        self._dirty = False
        if self.enabled:
            self._load()

    def _load(self) -> None:
        try:
            stored = marshal.loads(self.file.read_bytes())
            if stored["format"] != FORMAT or stored["fingerprint"] != self.fingerprint:
                return
            entries, result = stored["entries"], stored["result"]
            if not isinstance(entries, dict):
                return
        except Exception:  # unreadable in any way (truncated, not marshal, not ours): unused
            return
        self.entries, self.result = entries, result
        self.base_result = stored.get("base_result")
        with contextlib.suppress(OSError):
            os.utime(self.file)  # used today, even if this run changes nothing: not stale

    def outcome(self, path: str, digest: bytes) -> FileOutcome | None:
        """The cached outcome for this content; None (and the entry dropped, to be stored
        anew) when there is none or it does not pass ``cache_entries``' checks."""
        entry = self.entries.get(path)
        if entry is None:
            return None
        found = cache_entries.outcome(path, digest, entry)
        if found is None:
            del self.entries[path]
            self._dirty = True
        return found

    def store(self, path: str, digest: bytes, outcome: FileOutcome) -> None:
        document = outcome.document
        payload = document.encode()
        findings = tuple(finding_tuple(f) for f in outcome.findings)
        self.entries[path] = (
            digest,
            payload,
            payload_check(payload),
            document.is_artifact,
            outcome.kind,
            findings,
            outcome.declared,
        )
        self._dirty = True

    def forget_missing(self, present: set[str]) -> None:
        for path in set(self.entries) - present:
            del self.entries[path]
            self._dirty = True

    def run_key(self, digests: dict[str, bytes], *extra: Any) -> bytes:
        digest = hashlib.blake2b(self.fingerprint, digest_size=16)
        for path in sorted(digests):
            digest.update(path.encode("utf-8", "surrogatepass") + b"\0" + digests[path])
        digest.update(repr(extra).encode())
        return digest.digest()

    def cached_findings(self, key: bytes) -> tuple[Finding, ...] | None:
        for result in (self.result, self.base_result):
            if isinstance(result, tuple) and len(result) == 2 and result[0] == key:
                return cache_entries.findings(result[1])  # None when one is not sound
        return None

    def remember_findings(
        self, key: bytes, findings: tuple[Finding, ...], base: bool = False
    ) -> None:
        """Keep the whole-run result: the work tree's, or (``base``) a base revision's."""
        kept = (key, tuple(finding_tuple(f) for f in findings))
        if base:
            self.base_result = kept
        else:
            self.result = kept
        self._dirty = True

    def save(self) -> None:
        if not (self.enabled and self._dirty):
            return
        blob = marshal.dumps(
            {
                "format": FORMAT,
                "fingerprint": self.fingerprint,
                "entries": self.entries,
                "result": self.result,
                "base_result": self.base_result,
            }
        )
        with contextlib.suppress(OSError):  # a read-only home or full disk must not fail a check
            write_bytes_atomic(self.file, blob)
        self._drop_stale()

    def _drop_stale(self) -> None:
        """Delete other roots' cache files unused for STALE_DAYS; never any other file."""
        oldest = time.time() - STALE_DAYS * 86400
        with contextlib.suppress(OSError), os.scandir(self.file.parent) as entries:
            for entry in entries:
                if entry.name == self.file.name or not _CACHE_FILE.fullmatch(entry.name):
                    continue
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < oldest:
                        os.unlink(entry.path)
