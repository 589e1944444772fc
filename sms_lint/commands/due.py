"""``sms-lint due``: what falls due in the coming days, overdue first (see :mod:`sms_lint.due`).

It runs the same check as ``check`` (same config and cache), so its dates are the ones the rules
judged: a value the schema rejects is no date here either. A file that cannot be read holds
dates nobody is reminded of, so a note on stderr counts them (``check`` names them).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import click

from sms_lint.commands.params import as_of_option, config_option, output_option, today_option
from sms_lint.due.collect import due_items
from sms_lint.due.formats import RENDERERS
from sms_lint.due.items import Window
from sms_lint.run.as_of import checked_config
from sms_lint.run.check import check_result, emit
from sms_lint.run.parts import reading_request

DEFAULT_WITHIN = "60d"
_SPAN = re.compile(r"([0-9]{1,5})([dwmy]?)")
_UNIT_DAYS = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}


class Span(click.ParamType):
    """A number of days: ``60d``, ``8w``, ``2m`` (30 days each), ``1y`` (365) or ``60``."""

    name = "span"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        match = _SPAN.fullmatch(str(value).strip().lower())
        if match is None:
            self.fail(f"{value!r} is not a span of days: write it as 60d, 8w, 2m or 1y", param, ctx)
        return int(match.group(1)) * _UNIT_DAYS[match.group(2)]


@click.command("due")
@click.argument("root", default=".", type=click.Path(path_type=Path))
@click.option(
    "--within",
    "days",
    type=Span(),
    default=DEFAULT_WITHIN,
    show_default=True,
    help="How far ahead to look: 60d, 8w, 2m (a month is 30 days) or 1y; overdue items always "
    "show.",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(list(RENDERERS)),
    default="text",
    show_default=True,
    help="text; json: a list of {due, what, id, path, owner, overdue}; markdown: a table; "
    "ics: an iCalendar feed (one all-day event per item, stable UIDs).",
)
@click.option(
    "--fail-overdue",
    is_flag=True,
    help="Exit 1 when anything is overdue (by default due always exits 0).",
)
@output_option
@today_option
@config_option
@as_of_option
def due_command(
    root: Path,
    days: int,
    format_name: str,
    fail_overdue: bool,
    output: Path | None,
    today: datetime.date | None,
    config_path: Path | None,
    as_of: datetime.date | None,
) -> int:
    """What falls due under ROOT within --within days, overdue first, then the soonest:
    document reviews, risk reviews, nonconformities, management-review actions, supplier
    contracts and performance reviews, the next internal audit and management review, and
    waivers; each with its owner role (and holder), what to do and the file."""
    request = reading_request(root, today or as_of or datetime.date.today(), config_path, as_of)
    # The check's own reading (cached): the values its rules judged, schema-invalid ones pruned,
    # its config, and which rules are on.
    result = check_result(request)
    config = checked_config(root, config_path, result.commit)
    window = Window(result.today, days)
    items = due_items(result.artifacts, config, window, result.rulebook)
    emit(RENDERERS[format_name](items, window), output)
    unread = sum(f.rule == "SMS100" for f in result.findings)
    if unread:
        click.echo(
            f"sms-lint: note: {unread} file(s) or folder(s) could not be read, so what falls "
            "due in them is not listed; sms-lint check names them",
            err=True,
        )
    return 1 if fail_overdue and any(item.overdue(window.today) for item in items) else 0
