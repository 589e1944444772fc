"""How ``sms-lint history`` writes the revisions: a JSON list, or a table with the versions
and the approval evidence under it. Every text from the file or from whoever committed goes
through the neutraliser (:mod:`sms_lint.neutralise`).
"""

from __future__ import annotations

import json
from typing import Any

from sms_lint.commands.history_approvals import approval_lines
from sms_lint.commands.history_line import current
from sms_lint.gitrepo.merges import NO_APPROVER_NOTE
from sms_lint.neutralise import clean_tree, no_commands_json, terminal

_COLUMNS = ("DATE", "COMMIT", "VERSION", "STATUS", "AUTHOR", "MERGED BY", "MESSAGE")


def render_json(revisions: list[dict[str, Any]]) -> str:
    # Cleaned: commit authors and messages are anyone's text (ESC, OSC 52, lone surrogates).
    data = clean_tree(revisions)
    return no_commands_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def render_text(revisions: list[dict[str, Any]]) -> str:
    if not revisions:
        return "no commit has changed this document yet (it is not committed)\n"
    table = [list(_COLUMNS)]
    for rev in revisions:
        cells = [rev["date"][:10], rev["commit"][:12], rev["version"], rev["status"]]
        cells += [rev["author"], _merged(rev), rev["message"]]
        # Every cell through the terminal neutraliser: versions and statuses come from the
        # file, authors and messages from whoever committed; the first is ours (a date).
        table.append([terminal(c or "") or "-" for c in cells])
    widths = [max(len(cells[i]) for cells in table) for i in range(len(_COLUMNS) - 1)]
    lines = [
        "  ".join(
            [*(c.ljust(w) for c, w in zip(cells[:-1], widths, strict=True)), cells[-1]]
        ).rstrip()
        for cells in table
    ]
    lines += ["", *_version_lines(revisions), *approval_lines(current(revisions))]
    if not all(rev["approver_shown"] for rev in revisions):
        lines += ["", NO_APPROVER_NOTE]
    return "\n".join(lines) + "\n"


def _version_lines(revisions: list[dict[str, Any]]) -> list[str]:
    """Each version once, newest first: the commit that introduced it and when it was in
    force (from that commit's date to the next version's)."""
    table = [["VERSION", "INTRODUCED BY", "IN FORCE FROM", "TO"]]
    seen: set[str] = set()
    for rev in revisions:
        introduced = rev["introduced_by"]
        if introduced is None or introduced["commit"] in seen:
            continue
        seen.add(introduced["commit"])
        cells = [rev["version"], f"{introduced['commit'][:12]} {introduced['author']}"]
        cells += [rev["in_force_from"], rev["in_force_to"] or "now"]
        table.append([terminal(c or "") or "-" for c in cells])
    widths = [max(len(cells[i]) for cells in table) for i in range(3)]
    return [
        "  ".join([*(c.ljust(w) for c, w in zip(cells[:3], widths, strict=True)), cells[3]])
        for cells in table
    ]


def _merged(rev: dict[str, Any]) -> str:
    """Who merged the commit into the branch, and when (the merge commit's own date)."""
    merged = rev["merged"]
    if merged is None:
        return "not shown"
    return f"{merged['by']} {merged['date'][:10]} {merged['commit'][:12]}"
