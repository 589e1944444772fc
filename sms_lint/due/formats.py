"""The window's items as text, JSON or a Markdown table (the iCalendar feed is in ``ics``).

Every value goes through ``neutralise``: ids, titles and descriptions are anyone's text, and the
output lands in terminals, job logs and issue bodies.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from sms_lint.due.items import DueItem, Window
from sms_lint.neutralise import clean_tree, lead, lead_path, no_commands_json, terminal
from sms_lint.reporters.gfm import inline

Renderer = Callable[[Sequence[DueItem], Window], str]


def _owner(item: DueItem) -> str:
    return item.owner_shown or "no owner named"


def _when(item: DueItem, window: Window) -> str:
    days = (item.due - window.today).days
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} overdue"
    if days == 0:
        return "due today"
    return f"in {days} day{'s' if days != 1 else ''}"


def _heading(items: Sequence[DueItem], window: Window) -> str:
    overdue = sum(item.overdue(window.today) for item in items)
    late = f", {overdue} of them overdue" if overdue else ""
    count = f"{len(items)} item{'s' if len(items) != 1 else ''}" if items else "Nothing"
    return f"{count} due by {window.until} ({window.length} days from {window.today}){late}"


def render_text(items: Sequence[DueItem], window: Window) -> str:
    """A heading, then two lines per item: date and what to do; file, line and owner."""
    lines = [_heading(items, window)]
    for item in items:
        lines += [
            "",
            f"{item.due}  {_when(item, window)}: {terminal(item.what)}",
            f"  {lead_path(item.path)}:{item.line}  owner: {terminal(_owner(item))}",
        ]
    return "\n".join(lead(line) for line in lines) + "\n"


def render_json(items: Sequence[DueItem], window: Window) -> str:
    """A JSON list of {due, what, id, path, owner, overdue} (and line, holder, key)."""
    data = [item.as_dict(window.today) for item in items]
    return no_commands_json(json.dumps(clean_tree(data), indent=2, ensure_ascii=True)) + "\n"


_HEADINGS = ("Due", "What to do", "Owner", "File")


def render_markdown(items: Sequence[DueItem], window: Window) -> str:
    """The heading and one table row per item (an overdue date in bold). Values are inert
    in GitHub-flavoured Markdown (no link, mention, emphasis or HTML): the table may become
    an issue's body."""

    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    lines = [inline(_heading(items, window))]
    if items:
        lines += ["", row(_HEADINGS), "|" + "---|" * len(_HEADINGS)]
    for item in items:
        due = f"{item.due} ({_when(item, window)})"
        lines.append(
            row(
                [
                    f"**{due}**" if item.overdue(window.today) else due,
                    inline(item.what),
                    inline(_owner(item)),
                    inline(f"{item.path}:{item.line}"),
                ]
            )
        )
    return "\n".join(lines) + "\n"


def render_ics(items: Sequence[DueItem], window: Window) -> str:
    from sms_lint.due.ics import render_ics as ics  # icalendar, only for the feed

    return ics(items, window)


RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "ics": render_ics,
}
