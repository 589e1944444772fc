"""The register as an Excel workbook (``register --format xlsx -o FILE``, issue 23).

One sheet, one row per artifact, the columns of the CSV: the header row frozen and filtered,
dates as real dates (typed cells with a date format, so a spreadsheet sorts and filters them),
widths fitted to the text. Every text cell goes through ``neutralise.csv_cell`` as the CSV's
do: a title or commit message starting ``=`` must not run as a formula, and the cell is
typed as text as well, so openpyxl never writes it as one.

openpyxl is imported here only: no other command pays for it. The bytes are the same for the
same rows: the workbook's created and modified properties are a constant, and every zip
entry carries one fixed timestamp (openpyxl would stamp both with the time of writing).
"""

from __future__ import annotations

import datetime
import io
import sys
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

from sms_lint.commands.register_output import CHANGE_FIELDS, FIELDS, MERGE_FIELDS
from sms_lint.errors import UsageProblem
from sms_lint.neutralise import clean, csv_cell, visible_path
from sms_lint.output import write_report_data
from sms_lint.run.check import reason

# The workbook's document properties, fixed so that the same register gives the same bytes.
FIXED_TIME = datetime.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry
SHEET_TITLE = "Register"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_DATE_FIELDS = frozenset({"last_reviewed", "next_review"})
_DATETIME_FIELDS = frozenset({"last_date", "merged_date"})
_MAX_WIDTH = 60  # a long title wraps the sheet no wider than this many characters

HEADER = [
    *FIELDS,
    "path",
    *(f"last_{f}" for f in CHANGE_FIELDS),
    *(f"merged_{f}" for f in MERGE_FIELDS),
    "approver_shown",
]


def cells(row: dict[str, Any]) -> list[Any]:
    """The row's values under :data:`HEADER`: text, dates, datetimes or None."""
    change = row["last_change"] or {}
    merged = change.get("merged") or {}
    values = [row[f] for f in FIELDS] + [row["path"]]
    values += [change.get(f) for f in CHANGE_FIELDS] + [merged.get(f) for f in MERGE_FIELDS]
    shown = change.get("approver_shown")
    values.append(None if shown is None else bool(shown))
    return [_typed(name, value) for name, value in zip(HEADER, values, strict=True)]


def _typed(name: str, value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    text = str(value)
    if name in _DATE_FIELDS:
        return _date(text)
    if name in _DATETIME_FIELDS:
        return _datetime(text)
    return text


def _date(text: str) -> datetime.date | str:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return text


def _datetime(text: str) -> datetime.datetime | str:
    """A commit's time as its committer's clock showed it (a spreadsheet has no zones)."""
    try:
        return datetime.datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return text


def render_xlsx(rows: list[dict[str, Any]]) -> bytes:
    try:
        from openpyxl import Workbook
    except ImportError:  # a runtime dependency, but an installation may lack it
        raise UsageProblem("the xlsx format needs openpyxl: pip install openpyxl") from None

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADER)
    for row in rows:
        sheet.append([_cell_value(v) for v in cells(row)])
    _format(sheet, len(rows))
    return _fixed_bytes(book)


def _cell_value(value: Any) -> Any:
    # csv_cell: one line, no control character (openpyxl refuses those), no formula start.
    return clean(csv_cell(value)) if isinstance(value, str) else value


def _format(sheet: Any, count: int) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    last = get_column_letter(len(HEADER))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(sheet.iter_cols(min_row=1), start=1):
        width = 0
        for cell in column:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, whatever it starts with: never a formula
            elif isinstance(cell.value, datetime.datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
            width = max(width, _shown_width(cell.value))
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, _MAX_WIDTH)


def _shown_width(value: Any) -> int:
    if isinstance(value, datetime.datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return len(DATE_FORMAT)
    return len(str(value)) if value is not None else 0


def _fixed_bytes(book: Any) -> bytes:
    """The workbook's bytes with fixed properties and zip timestamps (see the module doc)."""
    from openpyxl.writer.excel import ExcelWriter

    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()  # save_workbook would stamp "modified" now
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(written.getvalue())) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry.filename))
    return fixed.getvalue()


def emit_xlsx(data: bytes, output: Path | None) -> None:
    """Write the workbook to ``output`` as reports are written (sms_lint.output), or to a
    standard output that is not a terminal (binary would only garble one)."""
    if output is None:
        stream = standard_output()
        if stream.isatty():
            raise UsageProblem("the xlsx format is binary: write it to a file with -o FILE")
        stream.write(data)
        stream.flush()
        return
    try:
        write_report_data(output, data)
    except OSError as error:
        raise UsageProblem(f"cannot write {visible_path(str(output))}: {reason(error)}") from None


def standard_output() -> BinaryIO:
    return sys.stdout.buffer
