"""Mark a run's findings: baselined (``check --baseline``) or pre-existing (``--new-only``).

Each recorded entry excuses at most one finding. An entry is matched first to a finding of the
same key with the same message, then to any finding of the same key, so that a message worded
differently by a later sms-lint still matches while two findings of one key stay two.
Waived findings are a decision already: they are neither recorded nor matched.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sms_lint.baseline import BASELINE_EXPIRED, BASELINE_STALE, OWN_RULES
from sms_lint.baseline.file import Baseline, Entry
from sms_lint.baseline.keys import Key, finding_key
from sms_lint.config.rulebook import RuleBook
from sms_lint.finding import Finding
from sms_lint.model import Artifact
from sms_lint.pipeline.waivers import EXPIRED_RULE, UNBOUNDED_RULE, UNUSED_RULE

# Nor findings about waivers (expired, unused, unbounded): a waiver is a decision, and its
# upkeep is never debt to carry.
NEVER_RECORDED = OWN_RULES | {EXPIRED_RULE, UNUSED_RULE, UNBOUNDED_RULE}


def data_by_path(artifacts: Iterable[Artifact]) -> dict[str, Any]:
    return {a.path: a.data for a in artifacts}


def recordable(findings: Iterable[Finding]) -> list[Finding]:
    """The findings a baseline records: not waived, not about the baseline."""
    return [f for f in findings if not f.waived and f.rule not in NEVER_RECORDED]


def pair_up(
    findings: Sequence[Finding],
    entries: Sequence[Entry],
    data: Mapping[str, Any],
    skip_waived: bool = True,
) -> tuple[list[Entry | None], list[Entry]]:
    """For each finding the entry that records it (or None), and the entries left over.
    ``skip_waived`` (a baseline): waived findings and those a baseline never records stay
    unmatched."""
    free: dict[Key, list[Entry]] = {}
    for entry in entries:
        free.setdefault(entry.key, []).append(entry)
    keys = [
        None if skip_waived and (f.waived or f.rule in NEVER_RECORDED) else finding_key(f, data)
        for f in findings
    ]
    out: list[Entry | None] = [None] * len(findings)
    for exact in (True, False):
        for index, (finding, key) in enumerate(zip(findings, keys, strict=True)):
            if key is None or out[index] is not None or not free.get(key):
                continue
            candidates = free[key]
            chosen = next((e for e in candidates if e.message == finding.message), None)
            if chosen is None and not exact and key.item:
                # by key alone only when the key names a field or item: two findings on one
                # file that name none (two placeholders) are told apart by their message
                chosen = candidates[0]
            if chosen is not None:
                candidates.remove(chosen)
                out[index] = chosen
    left = [e for group in free.values() for e in group]
    left.sort(key=lambda e: (e.line, e.key))
    return out, left


def apply_baseline(
    findings: Sequence[Finding],
    baseline: Baseline,
    book: RuleBook,
    today: datetime.date,
    data: Mapping[str, Any],
    shown_path: str | None,
) -> list[Finding]:
    """The findings with those the baseline records marked, plus a finding per stale entry;
    an expired baseline marks nothing and says so. ``shown_path`` is the baseline file
    relative to the root when it lies inside (findings about it point there)."""
    if baseline.expires is not None and baseline.expires < today:
        message = (
            f"the baseline {baseline.name} expired on {baseline.expires.isoformat()}: its "
            f"{len(baseline.entries)} recorded findings fail again; fix them, or record a "
            "new baseline with a new expiry date"
        )
        where = (baseline.expires_line, 1) if shown_path else None
        extra = book.finding(BASELINE_EXPIRED, shown_path, where, message)
        return [*findings, *([extra] if extra else [])]
    marks, left = pair_up(findings, baseline.entries, data)
    since = baseline.recorded_on
    pairs = zip(findings, marks, strict=True)
    out = [f if m is None else replace(f, baselined=since) for f, m in pairs]
    for entry in left:
        found = book.finding(
            BASELINE_STALE,
            shown_path,
            (entry.line, 1) if shown_path else None,
            stale_message(entry, baseline.name),
        )
        if found is not None:
            out.append(found)
    return out


def stale_message(entry: Entry, name: str) -> str:
    key = entry.key
    item = f" ({key.item})" if key.item else ""
    return (
        f"the baseline entry for {key.rule} on {key.subject}{item} at line {entry.line} of "
        f"{name} matches no finding any more (fixed, or its artifact is gone): remove the "
        "entry so the baseline only shrinks"
    )


def mark_new(
    findings: Sequence[Finding],
    before: Sequence[Finding],
    now: Mapping[str, Any],
    then: Mapping[str, Any],
) -> tuple[list[Finding], list[Finding]]:
    """``--new-only``: each finding marked new or pre-existing against the findings the base
    had, and the base's findings that are gone (fixed by the change)."""
    recorded = [f for f in before if f.rule not in OWN_RULES]
    # Each base finding as an entry; its "line" is its index, to find it again when unmatched.
    entries = [Entry(finding_key(f, then), f.message, i) for i, f in enumerate(recorded)]
    marks, left = pair_up(findings, entries, now, skip_waived=False)
    marked = [replace(f, new=m is None) for f, m in zip(findings, marks, strict=True)]
    fixed = (recorded[e.line] for e in left if not recorded[e.line].waived)
    gone = sorted(fixed, key=Finding.sort_key)
    return marked, gone
