"""``history``'s approval evidence: for each revision marked approved, the commit that recorded
its approval, and under the text table the current approval's (see :mod:`sms_lint.approvals`:
git names who committed and merged, never who approved).
"""

from __future__ import annotations

from typing import Any

from sms_lint.neutralise import terminal


def with_approvals(revisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each revision (newest first) with ``approval_evidence``: for one marked approved, the
    commit that recorded its approval (the oldest of the consecutive revisions up to it marked
    approved with the same version, approved_by and approved_on), as
    :func:`sms_lint.approvals.evidence` finds it for ``register``; else null."""
    out = []
    recorded: dict[str, Any] | None = None
    before: tuple[Any, ...] | None = None
    for rev in reversed(revisions):
        key = (rev["version"], rev["approved_by"], rev["approved_on"])
        if rev["status"] != "approved" or rev["version"] is None:
            recorded, key = None, None
        elif key != before or recorded is None:
            recorded = rev
        before = key
        evidence = None if recorded is None else _evidence_of(recorded)
        # approved_by and approved_on moved last: extensions after the existing fields
        rest = {k: v for k, v in rev.items() if k not in ("approved_by", "approved_on")}
        approval = {"approved_by": rev["approved_by"], "approved_on": rev["approved_on"]}
        out.append({**rest, **approval, "approval_evidence": evidence})
    return out[::-1]


def _evidence_of(rev: dict[str, Any]) -> dict[str, Any]:
    fields = ("commit", "author", "date", "message", "merged", "approver_shown")
    return {name: rev[name] for name in fields}


def arrived(rev: dict[str, Any]) -> str:
    """The day a revision entered the branch: its merge's, when a merge brought it in."""
    merged = rev.get("merged")
    return (merged["date"] if merged else rev["date"])[:10]


def approval_lines(rev: dict[str, Any]) -> list[str]:
    """What git shows of the current approval: the commit that recorded it, and since when
    the branch holds it. Git names who committed and merged, never who approved."""
    found = rev["approval_evidence"]
    if found is None:
        return []
    approval = f"approved_by {rev['approved_by'] or '-'}, approved_on {rev['approved_on'] or '-'}"
    line = (
        f"The approval of version {rev['version']} ({approval}) was recorded by commit "
        f"{found['commit'][:12]} of {found['author']}, in the branch since "
        f"{arrived(found)}; git shows who committed and merged, approved_by who approved."
    )
    return ["", terminal(line)]
