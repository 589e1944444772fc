"""The result cache as wrappers around the two stages: each asks the cache first and the stage
it wraps only for what the cache cannot vouch for, so data still flows one way.

- :class:`CachedFileStage` wraps the per-file stage. A file whose metadata is what its entry
  recorded (and not racily close to the last run) is not read at all; any other file with an
  entry is read and hashed, and reused when its content is the entry's; the rest goes through
  the stage and is stored. ``lookup_only`` (a base revision's blobs): entries are used for
  identical content, never changed.
- :class:`CachedCrossFile` wraps the cross-file stage: the whole result for the same inputs,
  or, with ``--base``, the findings of the rules that need no base.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence

from sms_lint.cache.store import ResultCache, _ident
from sms_lint.finding import Finding
from sms_lint.pipeline.crossfile import Checked, CrossFileStage, Entered, FileRun
from sms_lint.pipeline.filestage import FileStage, Processed, Read, digest


class CachedFileStage:
    def __init__(self, stage: FileStage, cache: ResultCache, lookup_only: bool = False) -> None:
        self.stage, self.cache, self.lookup_only = stage, cache, lookup_only
        self.ids: dict[str, str | None] = {}  # each outcome's artifact id, known or worked out

    def outcomes(self, paths: Sequence[str]) -> list[Processed]:
        done: dict[str, Processed] = {}
        known: dict[str, Read] = {}  # read to be hashed, and not the entry's: not read again
        collecting = gc.isenabled()
        gc.disable()  # every object made here lives on: collecting would only walk the index
        try:
            for path in paths:
                found = self._vouched(path)
                if found is None:
                    found = self._cached(path, known)
                if found is not None:
                    done[path] = found
        finally:
            if collecting:
                gc.enable()
        for processed in self.stage.outcomes([p for p in paths if p not in done], known):
            outcome = processed.outcome
            ident = _ident(outcome)
            self.ids[outcome.document.path] = ident
            done[outcome.document.path] = processed
            if not self.lookup_only:
                self._store(processed, ident)
        if not self.lookup_only:
            self.cache.verified = True  # every entry's file has now been looked at
        return [done[p] for p in paths]

    def _store(self, processed: Processed, ident: str | None) -> None:
        """Store a file's new outcome, and note when it holds what its entry held (see
        :meth:`ResultCache.same_facts`): the cross-file result may then be the kept one."""
        cache, path = self.cache, processed.outcome.document.path
        before = cache.entries.get(path)
        cache.store(processed, ident)
        if before is None or processed.digest is None or before[1] == processed.digest:
            return
        if cache.same_facts(path, before):
            cache.equivalent[path] = (processed.digest, before[1])

    def _vouched(self, path: str) -> Processed | None:
        """The common case of a warm run, kept short: an entry the file's metadata vouches
        for (see :meth:`ResultCache.vouched`)."""
        if self.lookup_only:
            return None
        cache = self.cache
        entry = cache.entry(path)
        if entry is None:
            return None
        signed = self.stage.source.signature(path)
        if not cache.vouched(entry, signed):
            return None
        hit = cache.outcome(path, entry, lambda: self._again(path))
        if hit is None:
            return None
        self.ids[path] = entry[8] if hit[1] is not None else None
        return _new_tuple(Processed, (hit, entry[1], signed))

    def _cached(self, path: str, known: dict[str, Read]) -> Processed | None:
        cache = self.cache
        entry = cache.entry(path) if not self.lookup_only else cache.entries.get(path)
        if entry is None or (self.lookup_only and not _sound(entry)):
            return None
        signed = self.stage.source.signature(path)
        if not cache.vouched(entry, signed):
            read = self.stage.source.read(path)
            raw, signed = read
            if not isinstance(raw, bytes) or digest(raw) != entry[1]:
                known[path] = read
                return None
            if not self.lookup_only:
                cache.confirm(path, entry, signed)
        hit = cache.outcome(path, entry, lambda: self._again(path), keep=self.lookup_only)
        if hit is None:
            return None
        self.ids[path] = entry[8] if hit.kind is not None else None
        return Processed(hit, entry[1], signed)

    def _again(self, path: str) -> Processed:
        """A file whose stored payload proved bad, through the stage again."""
        return self.stage.outcomes([path])[0]


_new_tuple = tuple.__new__


def _sound(entry: tuple) -> bool:
    from sms_lint.cache.entries import sound

    return sound(entry)


class CachedCrossFile:
    """The cross-file stage behind the cache. ``base``: the check of a base revision
    (``--new-only``), whose result is kept beside the work tree's, never in its place."""

    def __init__(self, stage: CrossFileStage, cache: ResultCache, base: bool = False) -> None:
        self.stage, self.cache, self.base = stage, cache, base

    def findings(self, run: FileRun) -> list[Finding]:
        """When nothing at all changed (same files, same inputs, same day) the cached result
        is the answer; files that could not be read enter the key through their findings, and
        what git says of the files sharing an id (a commit can change which came first)
        through ``entered``."""
        entered = self.stage.entered(run)
        key = self._key(run, entered)
        if self.stage.changes is None:
            cached = self.cache.cached_findings(key)
            if cached is None:
                cached = self._equivalent(run, entered, key)
            if cached is not None:
                return list(cached)
            checked = self.stage.check(run, entered)
            self.cache.remember_findings(key, tuple(checked.findings), base=self.base)
        else:  # the change rules always run; the others' findings are reused
            checked = self.stage.check(run, entered, self.cache.cached_rules(key))
        self._keep_rules(key, checked)
        return checked.findings

    def _equivalent(self, run: FileRun, entered: Entered, key: bytes) -> tuple[Finding, ...] | None:
        """The findings kept for the previous content of the files whose change altered no
        fact the rules read (:attr:`ResultCache.equivalent`), every other input the same: the
        rules would see exactly what they saw then. Kept again under this run's own key, so
        that the next run, changed or not, finds them."""
        earlier = {
            path: old
            for path, (new, old) in self.cache.equivalent.items()
            if run.digests.get(path) == new
        }
        if not earlier:
            return None
        found = self.cache.cached_findings(self._key(run, entered, {**run.digests, **earlier}))
        if found is not None:
            self.cache.remember_findings(key, found, base=self.base)
        return found

    def _keep_rules(self, key: bytes, checked: Checked) -> None:
        if checked.per_rule is not None and not self.base:
            self.cache.remember_rules(key, checked.per_rule)

    def _key(
        self, run: FileRun, entered: Entered, digests: dict[str, bytes] | None = None
    ) -> bytes:
        no_bytes = tuple(  # files whose bytes could not be read have no digest to key on
            (o.document.path, o.findings)
            for o in run.outcomes
            if o.document.path not in run.digests
        )
        added, added_on = entered
        order = (sorted(added.items()), sorted(added_on.items()))
        today = self.stage.today.isoformat()
        keyed = run.digests if digests is None else digests
        return self.cache.run_key(keyed, today, repr(no_bytes), repr(order))
