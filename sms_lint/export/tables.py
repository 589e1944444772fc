"""A YAML artifact's fields as readable tables: a list of mappings (risks, objectives, roles,
targets) as one table with a column per key, a list of values as a list, a mapping as a table
of fields. Every key and value is escaped text; values that are artifact ids link to them.
Nesting deeper than :data:`MAX_DEPTH` (or an alias that loops) is shown as its YAML kind."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from sms_lint.html.markup import esc

MAX_DEPTH = 6
LinkOf = Callable[[str], "str | None"]  # an id -> its href in the pack, or None


def fields_table(fields: tuple[tuple[str, Any], ...], link_of: LinkOf) -> str:
    """The document's fields beyond the control header, one row each."""
    if not fields:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{esc(name)}</th><td>{value_markup(value, link_of, 1)}</td></tr>'
        for name, value in fields
    )
    return f'<table class="fields"><tbody>{rows}</tbody></table>'


def value_markup(value: Any, link_of: LinkOf, depth: int) -> str:
    if depth > MAX_DEPTH:
        return f'<span class="muted">({esc(type(value).__name__)} nested too deep)</span>'
    if isinstance(value, dict):
        return _mapping(value, link_of, depth)
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            return _records(value, link_of, depth)
        items = "".join(f"<li>{value_markup(item, link_of, depth + 1)}</li>" for item in value)
        return f"<ul>{items}</ul>" if value else '<span class="muted">(none)</span>'
    return scalar(value, link_of)


def scalar(value: Any, link_of: LinkOf) -> str:
    if value is None:
        return '<span class="muted">(empty)</span>'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date | datetime.datetime):
        return esc(value.isoformat())
    text = str(value)
    href = link_of(text) if isinstance(value, str) else None
    if href is not None:
        return f'<a class="doc-link" href="{href}">{esc(text)}</a>'
    return esc(text)


def _mapping(value: dict[Any, Any], link_of: LinkOf, depth: int) -> str:
    if not value:
        return '<span class="muted">(none)</span>'
    rows = "".join(
        f'<tr><th scope="row">{esc(key)}</th><td>{value_markup(item, link_of, depth + 1)}</td></tr>'
        for key, item in value.items()
    )
    return f'<table class="fields nested"><tbody>{rows}</tbody></table>'


def _records(items: list[dict[Any, Any]], link_of: LinkOf, depth: int) -> str:
    """A list of mappings: a column per key, in the order keys first appear."""
    columns = list(dict.fromkeys(key for item in items for key in item))
    head = "".join(f'<th scope="col">{esc(key)}</th>' for key in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{value_markup(item[key], link_of, depth + 1) if key in item else ''}</td>"
            for key in columns
        )
        + "</tr>"
        for item in items
    )
    return (
        f'<div class="table-wrap"><table class="records"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )
