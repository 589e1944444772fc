"""``history``'s periods and approval evidence follow what the branch held, and when.

The revisions git lists for a file (newest first) include commits made on a side branch; each
arrived with the merge on the branch line that brought it in. When that merge is itself a
revision of the file (it resolved a conflict, or combined both sides' changes: the file
differs from every parent), the side commits' states never were the branch's: the merge's
was. Those side commits are *superseded*: they stay rows of the table (who wrote what, merged
by whom), but start no period and carry no approval evidence. A merge that only combined both
sides is no row of its own (its author wrote nothing), yet its state counts for the periods:
a side branch that edited only the body of version 2.3, merged after 2.4 came on the branch,
leaves 2.4 in force, not 2.3.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Revisions = list[dict[str, Any]]

_LINE_FIELDS = ("introduced_by", "in_force_from", "in_force_to", "approval_evidence")


def along_the_line(
    revisions: Revisions, combining: set[str], enrich: Callable[[Revisions], Revisions]
) -> Revisions:
    """The rows (``revisions`` without the ``combining`` merges), each with the periods and
    evidence ``enrich`` gives the branch line's revisions (superseded rows: null)."""
    listed = {rev["commit"] for rev in revisions}
    superseded = {rev["commit"] for rev in revisions if _brought_by(rev) in listed}
    line = enrich([rev for rev in revisions if rev["commit"] not in superseded])
    by_commit = {rev["commit"]: rev for rev in line}
    rows = []
    for rev in revisions:
        if rev["commit"] in combining:
            continue
        if rev["commit"] in by_commit:
            rows.append(by_commit[rev["commit"]])
            continue
        shaped = enrich([rev])[0]  # the same keys, in the same order
        rows.append({**shaped, **dict.fromkeys(_LINE_FIELDS)})
    return rows


def _brought_by(rev: dict[str, Any]) -> str | None:
    """The merge that brought a side commit in (None for a commit on the branch line)."""
    merged = rev.get("merged")
    if merged is None or merged["commit"] == rev["commit"]:
        return None
    return merged["commit"]


def current(revisions: Revisions) -> dict[str, Any]:
    """The newest row the branch held as such (not superseded by a merge)."""
    for rev in revisions:
        if rev["version"] is None or rev["introduced_by"] is not None:
            return rev
    return revisions[0]
