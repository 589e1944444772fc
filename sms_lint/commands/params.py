"""Parameter types and helpers shared by the commands."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import click

from sms_lint.reporters import REPORTERS


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"'{value}' is not a date written YYYY-MM-DD", param, ctx)


class ReportSpec(click.ParamType):
    """``FORMAT:PATH`` for ``--report``."""

    name = "FORMAT:PATH"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[str, Path]:
        if isinstance(value, tuple):
            return value
        fmt, sep, path = str(value).partition(":")
        if not sep or not path or fmt not in REPORTERS:
            self.fail(
                f"'{value}' is not FORMAT:PATH with FORMAT one of {', '.join(sorted(REPORTERS))}",
                param,
                ctx,
            )
        return fmt, Path(path)


def use_color(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())
