"""The result cache: warm runs reuse the per-file stage, and an unchanged run its result.

It can never be wrong because every input is in a key:
- a file's entry is used only for the same path and the same content: either the file's
  metadata (size, mtime and ctime in nanoseconds, inode, device) is what it was when the entry's
  content was read, and neither time is within ``RACY_NS`` of the run that last vouched for it
  (git's "racily clean" rule: a write in the same clock tick as that run's look could leave the
  metadata as it was), or the content's hash is the entry's. Any write changes the ctime, which
  no program can set back (``touch -r`` restores the mtime only);
- the whole cache is discarded unless its *fingerprint* matches: sms-lint's version and install
  (each source file's size and mtime), the Python version, the schemas, every rule pack and the
  config (the packs' part kept in the data cache under their files' states);
- the whole-run result is reused only for the same fingerprint, the same set of (path, content
  hash), the same ``--today`` and git's word on shared ids; with ``--base`` only the rules that
  do not need the base are reused, the change rules always run. A file whose new content parses
  to what its entry held (data, positions, problems, body summary, findings, kind, id: all the
  rules ever see of it, as a warm run gives them just that) counts under its previous hash
  (``equivalent``): a comment edited reuses the result, kept again under the new hashes.
The file holds a small index (read at start) and the documents' payloads after it, read only
when a rule or a reporter needs a document. It lives in the user's cache folder
(``$XDG_CACHE_HOME/sms-lint``), never inside the checked repository; a corrupt or unreadable
cache is ignored and rebuilt; a cache that cannot be written is silently skipped. Each use marks
a root's cache file as fresh; files of roots not checked for ``STALE_DAYS`` are deleted when a
cache is written (CI runners check out into ever new folders).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import time
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sms_lint.cache import entries as cache_entries
from sms_lint.cache.entries import finding_tuple
from sms_lint.cache.fingerprint import fingerprint
from sms_lint.cache.image import Image, read_image, write_image
from sms_lint.digests import blake2b
from sms_lint.finding import Finding
from sms_lint.parse.documents import decode_detail
from sms_lint.pipeline.filestage import FileOutcome, Processed, Signature
from sms_lint.pipeline.setup import Setup
from sms_lint.resources import cache_home

if TYPE_CHECKING:
    from sms_lint.config.datacache import DataStore
    from sms_lint.parse.documents import Document

FORMAT = 8  # 6: metadata, an index and lazy payloads; 7: the index after the payloads;
# 8: a document's positions and problems compressed
STALE_DAYS = 30
# Two seconds: FAT's timestamps; finer filesystems lose nothing but a rehash of files written
# in the two seconds before a run.
RACY_NS = 2_000_000_000


# Compiled at first use: only a run that tidies the cache folder matches it.
@cache
def _cache_file() -> re.Pattern[str]:
    """The only files this module ever deletes."""
    return re.compile(r"[0-9a-f]{32}\.cache")


Again = Callable[[], Processed]  # a file through the per-file stage once more


def _ident(outcome: FileOutcome) -> str | None:
    artifact = outcome.artifact
    return artifact.id if artifact is not None else None


def _plain(payload: bytes) -> str | None:
    """A document's payload (``Document.encode``: marshalled data, positions and problems,
    body summary) as one text that tells every value and type apart (1, 1.0, True, "1"), for
    marshal's bytes also differ with how the objects they came from were shared."""
    try:
        data, detail, body = marshal.loads(payload)
        return repr((marshal.loads(data), decode_detail(detail), body))
    except (EOFError, ValueError, TypeError, zlib.error):
        return None


class ResultCache:
    """One cache file per checked root: its index read at start, payloads when needed, the
    whole written once at the end when something changed."""

    def __init__(self, root: Path, setup: Setup, store: DataStore | None = None) -> None:
        # This run's stamp, taken before any file is looked at (see RACY_NS).
        self.now = time.time_ns()
        real_root = root.resolve()
        name = blake2b(str(real_root).encode("utf-8", "surrogatepass"), digest_size=16)
        self.file = cache_home() / f"{name.hexdigest()}.cache"
        # Never write inside the checked repository, whatever XDG_CACHE_HOME says.
        self.enabled = not self.file.resolve().is_relative_to(real_root)
        self.fingerprint = fingerprint(setup, store)
        self.image = Image.empty()
        # The documents of the entries stored by this run, encoded only when written (or compared).
        self._fresh: dict[str, Document] = {}
        self._dirty = False
        # Set by the work tree's stage once it has looked at every entry's file: only then
        # may the file carry this run's stamp (else the stamp it was read with).
        self.verified = False
        # path -> (its content digest now, its digest in the last run) for each file whose
        # change the per-file stage found to alter nothing the cross-file rules read.
        self.equivalent: dict[str, tuple[bytes, bytes]] = {}
        if self.enabled:
            self._load()

    # The index's parts, as the engine and tests see them.
    @property
    def entries(self) -> dict[str, tuple]:
        return self.image.entries

    @property
    def result(self) -> Any:
        return self.image.slots.get("result")

    @property
    def base_result(self) -> Any:
        return self.image.slots.get("base_result")

    def _load(self) -> None:
        image = read_image(self.file, FORMAT, self.fingerprint)
        if image is None:
            return
        self.image = image
        with contextlib.suppress(OSError):
            os.utime(self.file)  # used today, even if this run changes nothing: not stale

    def entry(self, path: str) -> tuple | None:
        """The index entry of ``path`` if it is sound (a bad one is dropped: stored anew)."""
        found = self.image.entries.get(path)
        if found is None or self.image.intact or cache_entries.sound(found):
            return found
        self.forget(path)
        return None

    def vouched(self, entry: tuple, signed: Signature | None) -> bool:
        """Whether the file's metadata shows the content the entry was made from: the same
        signature, and neither of its times racily close to the stamp of the run that last
        checked it (``RACY_NS``)."""
        if signed is None or entry[0] != signed:
            return False
        return max(signed[1], signed[2]) < self.image.stamp - RACY_NS

    def confirm(self, path: str, entry: tuple, signed: Signature | None) -> None:
        """The file's content was hashed and is the entry's: keep its current signature, and
        rewrite the cache when that lets the next run trust the metadata."""
        if signed is None:
            return
        clean_next = max(signed[1], signed[2]) < self.now - RACY_NS
        if entry[0] != signed or clean_next:
            self.image.entries[path] = (signed, *entry[1:])
            self._dirty = self._dirty or clean_next or entry[0] != signed

    def outcome(
        self, path: str, entry: tuple, again: Again, keep: bool = False
    ) -> FileOutcome | None:
        """The cached outcome of a sound entry, its document fetched lazily (``again`` parses
        the file anew when the stored payload proves bad); None, and (unless ``keep``) the
        entry dropped, when its findings are not sound."""
        found = cache_entries.outcome(path, entry, lambda: self._payload(entry, again, keep))
        if found is None and not keep:
            self.forget(path)
        return found

    def _payload(self, entry: tuple, again: Again, keep: bool) -> bytes:
        payload = self.image.payload(entry[2], entry[3])
        if payload is not None and cache_entries.data_sound(payload, entry[5]):
            return payload
        processed = again()
        if not keep:
            self.store(processed, _ident(processed.outcome))  # the next run finds it sound
        return processed.outcome.document.encode()

    def ident(self, path: str) -> str | None:
        found = self.image.entries.get(path)
        return found[8] if found is not None else None

    def store(self, processed: Processed, ident: str | None) -> None:
        outcome, content, signed = processed
        if content is None:
            return
        document = outcome.document
        path = document.path
        self._fresh[path] = document
        self.image.entries[path] = (
            signed, content, -1, -1, document.is_artifact, outcome.kind,
            tuple(finding_tuple(f) for f in outcome.findings), outcome.declared, ident,
        )  # fmt: skip
        self._dirty = True

    def same_facts(self, path: str, before: tuple) -> bool:
        """Whether the entry just stored for ``path`` holds what ``before`` (its entry from the
        cache file) held: the same parsed form byte for byte, findings, kind, declared kind
        and id. The cross-file rules read nothing else of a file (a warm run gives them just
        this), so a change that keeps all of it (a comment) cannot change their findings."""
        now = self.image.entries.get(path)
        if now is None or now is before or now[4:] != before[4:]:
            return False
        document, kept = self._fresh.get(path), self.image.payload(before[2], before[3])
        if document is None or kept is None:
            return False
        fresh = document.encode()
        if fresh == kept:
            return True
        plain = _plain(kept)
        return plain is not None and plain == _plain(fresh)

    def forget(self, path: str) -> None:
        if self.image.entries.pop(path, None) is not None:
            self._dirty = True

    def forget_missing(self, present: set[str]) -> None:
        for path in set(self.image.entries) - present:
            self.forget(path)

    def run_key(self, digests: dict[str, bytes], *extra: Any) -> bytes:
        digest = blake2b(self.fingerprint, digest_size=16)
        # One update over every path and digest (digests have a fixed length: unambiguous).
        digest.update(
            b"".join(
                path.encode("utf-8", "surrogatepass") + b"\0" + digests[path]
                for path in sorted(digests)
            )
        )
        digest.update(repr(extra).encode())
        return digest.digest()

    def cached_findings(self, key: bytes, slot: str | None = None) -> tuple[Finding, ...] | None:
        """The findings kept under ``key`` (in ``slot``, else the work tree's or the base's)."""
        for name in (slot,) if slot else ("result", "base_result"):
            kept = self.image.slots.get(name)
            if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
                return cache_entries.findings(kept[1])  # None when one is not sound
        return None

    def remember_findings(
        self, key: bytes, findings: tuple[Finding, ...], base: bool = False, slot: str = ""
    ) -> None:
        """Keep findings under ``key``: the work tree's whole-run result, a base revision's
        (``base``), or another ``slot`` (the rules that need no base)."""
        name = slot or ("base_result" if base else "result")
        self.image.slots[name] = (key, tuple(finding_tuple(f) for f in findings))
        self._dirty = True

    def cached_rules(self, key: bytes) -> dict[str, tuple[Finding, ...]] | None:
        """The findings of each rule that needs no base, kept for the same inputs."""
        kept = self.image.slots.get("rules")
        if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key):
            return None
        if not isinstance(kept[1], tuple):
            return None
        out: dict[str, tuple[Finding, ...]] = {}
        for pair in kept[1]:
            if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
                return None
            found = cache_entries.findings(pair[1])
            if found is None:
                return None
            out[pair[0]] = found
        return out

    def remember_rules(self, key: bytes, per_rule: dict[str, tuple[Finding, ...]]) -> None:
        if self.cached_rules(key) is not None:
            return  # already kept: nothing to rewrite
        rules = tuple(
            (rule, tuple(finding_tuple(f) for f in found)) for rule, found in per_rule.items()
        )
        self.image.slots["rules"] = (key, rules)
        self._dirty = True

    def save(self) -> None:
        if not (self.enabled and self._dirty):
            return
        with contextlib.suppress(OSError):  # a read-only home or full disk must not fail a check
            stamp = self.now if self.verified else self.image.stamp
            write_image(self.file, self.image, self._fresh, FORMAT, self.fingerprint, stamp)
        self._dirty = False
        self._drop_stale()

    def _drop_stale(self) -> None:
        """Delete other roots' cache files unused for STALE_DAYS; never any other file."""
        oldest = time.time() - STALE_DAYS * 86400
        with contextlib.suppress(OSError), os.scandir(self.file.parent) as entries:
            for entry in entries:
                if entry.name == self.file.name or not _cache_file().fullmatch(entry.name):
                    continue
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < oldest:
                        os.unlink(entry.path)
