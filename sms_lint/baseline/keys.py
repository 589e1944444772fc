"""What makes two findings "the same" across edits: rule, subject and item, not line or text.

A finding's *subject* is its artifact's id (so renaming or moving the file keeps it), else its
path (files without an id), else ``(repository)``. Its *item* names the fields or list items it
concerns, from the finding's data paths, with each list index replaced by the id of the item
at that index (``risks[R-007].owner``), so inserting a risk above it keeps the key. Lines and
wording are not part of the key: a later sms-lint may word a message differently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sms_lint.finding import Finding

REPOSITORY = "(repository)"


@dataclass(frozen=True, order=True)
class Key:
    rule: str
    subject: str
    item: str


def finding_key(finding: Finding, data_by_path: Mapping[str, Any]) -> Key:
    """The key of ``finding``; ``data_by_path`` holds each artifact's data by its path."""
    subject = finding.artifact or finding.path or REPOSITORY
    if finding.path is None:
        # Repository-wide findings of one rule differ by the clause or item they are about.
        return Key(finding.rule, subject, item_text(finding.about, None) or finding.clause)
    return Key(finding.rule, subject, item_text(finding.about, data_by_path.get(finding.path)))


def item_text(about: Iterable[tuple[str | int, ...]], data: Any) -> str:
    """``review.next``, ``risks[R-007].owner`` (several paths joined by ``, ``)."""
    return ", ".join(sorted({_one_path(path, data) for path in about}))


def _one_path(path: tuple[str | int, ...], data: Any) -> str:
    out = ""
    node = data
    for step in path:
        if isinstance(step, int):
            out += f"[{_item_name(node, step)}]"
            node = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
        else:
            out += f".{step}" if out else str(step)
            node = node.get(step) if isinstance(node, dict) else None
    return out


# What names a list item that has no id (an SLA target by its metric, a KPI by its name).
_NAMING_FIELDS = ("id", "name", "metric", "title", "period")


def _item_name(items: Any, index: int) -> str:
    """What names the list item at ``index``: its id (or name, metric, ...), the value itself
    for a list of plain values (``related[PLAN-SMS]``), else the index."""
    if isinstance(items, list) and 0 <= index < len(items):
        item = items[index]
        if isinstance(item, dict):
            for field in _NAMING_FIELDS:
                if _plain(item.get(field)):
                    return str(item[field]).strip()
        elif _plain(item):
            return str(item).strip()
    return str(index)


def _plain(value: Any) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool) and bool(str(value).strip())
