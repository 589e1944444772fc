"""The register's rows as JSON, CSV, a Markdown table or an aligned text table.

Every cell goes through ``neutralise``: titles, authors and commit messages are anyone's text.
"""

from __future__ import annotations

import json
from typing import Any

from sms_lint.gitrepo.merges import NO_APPROVER_NOTE
from sms_lint.neutralise import (
    clean,
    clean_tree,
    csv_cell,
    lead,
    markdown,
    no_commands_json,
    terminal,
)

FIELDS = ("id", "title", "kind", "owner", "version", "status", "last_reviewed", "next_review")
CHANGE_FIELDS = ("commit", "author", "date", "message")
MERGE_FIELDS = ("commit", "by", "date")


def render_json(rows: list[dict[str, Any]]) -> str:
    # Cleaned: an undecodable file name (lone surrogates) or a control character in a title
    # must neither crash the encoder nor reach the reader raw.
    return no_commands_json(indented_json(rows)) + "\n"


def indented_json(value: object, level: int = 0) -> str:
    """``json.dumps(clean_tree(value), indent=2, ensure_ascii=False)``, the same text, made
    where that is slow: with ``indent`` json walks the rows in Python, so here the walk is
    ours and each string goes to json's C escaping; a printable string (nearly all of them)
    holds nothing ``clean`` would replace, so it is not searched."""
    if isinstance(value, str):
        return _string(value)
    if value is None or isinstance(value, bool):
        return _CONSTANTS[value]
    if isinstance(value, int | float):
        return json.dumps(value)
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        opening, closing = "{", "}"
        items = _members(value, level + 1)
    elif isinstance(value, list | tuple):
        if not value:
            return "[]"
        opening, closing = "[", "]"
        items = (indented_json(item, level + 1) for item in value)
    else:  # not in a register row: json's own way
        return json.dumps(clean_tree(value), indent=2, ensure_ascii=False)
    return opening + inner + ("," + inner).join(items) + "\n" + "  " * level + closing


def _members(mapping: dict[Any, Any], level: int) -> list[str]:
    """A mapping's ``"key": value`` texts: a row's text and null values (most of them) are
    written here, each key's text made once a run."""
    members = []
    for key, value in mapping.items():
        name = _NAMES.get(key) if type(key) is str else None
        if name is None:
            name = f"{_string(str(key))}: "
            if type(key) is str and len(_NAMES) < 1000:  # a register's keys are few
                _NAMES[key] = name
        if type(value) is str:
            members.append(name + _string(value))
        elif value is None:
            members.append(name + "null")
        else:
            members.append(name + indented_json(value, level))
    return members


_NAMES: dict[str, str] = {}  # key -> its JSON text and ": "


def _string(text: str) -> str:
    return _ESCAPE(text if text.isprintable() else clean(text))


_ESCAPE = json.encoder.encode_basestring  # json's own (C) escaping, as dumps uses it
_CONSTANTS = {None: "null", True: "true", False: "false"}


def _flat(row: dict[str, Any]) -> list[str]:
    """The row as cells: the header fields, the path, the last change's four fields, then the
    merge that brought it in and whether the history shows an approver."""
    change = row["last_change"] or {}
    merged = change.get("merged") or {}
    shown = change.get("approver_shown")
    values = [row[f] for f in FIELDS] + [row["path"]] + [change.get(f) for f in CHANGE_FIELDS]
    values += [merged.get(f) for f in MERGE_FIELDS]
    values.append(None if shown is None else str(shown).lower())
    return ["" if v is None else str(v) for v in values]


_CSV_HEADER = [
    *FIELDS,
    "path",
    *(f"last_{f}" for f in CHANGE_FIELDS),
    *(f"merged_{f}" for f in MERGE_FIELDS),
    "approver_shown",
]


def render_csv(rows: list[dict[str, Any]]) -> str:
    """RFC 4180 CSV, one line a row. A cell a spreadsheet would run as a formula (=, +, -, @
    first) gets a leading apostrophe: titles and commit messages are written by anyone with
    push access (``neutralise.csv_cell``)."""
    import csv  # here: only --format csv needs it
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_CSV_HEADER)
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in _flat(row)])
    return buffer.getvalue()


_HEADINGS = ("ID", "Title", "Kind", "Owner", "Version", "Status", "Last reviewed",
             "Next review", "Path", "Last change", "Merged by")  # fmt: skip


def _display(row: dict[str, Any]) -> list[str]:
    """Cells for the text and Markdown tables: the last change as "date commit author", the
    merge as "who date commit" (or "not shown")."""
    cells = _flat(row)[: len(FIELDS) + 1]
    change = row["last_change"]
    if not change:
        return [*cells, "", ""]
    summary = f"{change['date'][:10]} {change['commit'][:7]} {change['author']}"
    merged = change["merged"]
    by = f"{merged['by']} {merged['date'][:10]} {merged['commit'][:7]}" if merged else "not shown"
    return [*cells, summary, by]


def _note(rows: list[dict[str, Any]]) -> list[str]:
    """The sentence under a table with a change whose approver git cannot show."""
    hidden = any(row["last_change"] and not row["last_change"]["approver_shown"] for row in rows)
    return ["", NO_APPROVER_NOTE] if hidden else []


def render_markdown(rows: list[dict[str, Any]]) -> str:
    def line(cells: list[str] | tuple[str, ...]) -> str:
        return "| " + " | ".join(markdown(c) for c in cells) + " |"

    lines = [line(_HEADINGS), "|" + "---|" * len(_HEADINGS)]
    lines += [line(_display(row)) for row in rows]
    return "\n".join(lines + _note(rows)) + "\n"


_TITLE_WIDTH = 40


def render_text(rows: list[dict[str, Any]]) -> str:
    """An aligned table, one artifact a line; long titles are cut so the columns stay readable."""
    table = [[h.upper() for h in _HEADINGS]]
    for row in rows:
        cells = [terminal(c) or "-" for c in _display(row)]
        cells[0] = lead(cells[0])  # the id starts the line: it must not read as a CI command
        if len(cells[1]) > _TITLE_WIDTH:
            cells[1] = cells[1][: _TITLE_WIDTH - 1] + "…"
        table.append(cells)
    widths = [max(len(cells[i]) for cells in table) for i in range(len(_HEADINGS))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
        for cells in table
    ]
    return "\n".join(lines + _note(rows)) + "\n"


RENDERERS = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}
