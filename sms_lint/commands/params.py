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
            message = f"'{value}' is not a date written YYYY-MM-DD"
            variable = _from_environment(param, ctx)
            if variable:  # the user never typed --today: name what they did set
                raise click.BadParameter(
                    message, ctx, param, param_hint=f"the environment variable {variable}"
                ) from None
            self.fail(message, param, ctx)


def _from_environment(param: Any, ctx: Any) -> str | None:
    """The environment variable that gave ``param`` its value, or None (click records the
    source before converting the value)."""
    from click.core import ParameterSource

    if param is None or ctx is None or not param.name:
        return None
    if ctx.get_parameter_source(param.name) is not ParameterSource.ENVIRONMENT:
        return None
    envvar = param.envvar
    return envvar if isinstance(envvar, str) else ", ".join(envvar or ()) or None


STDOUT = "-"  # ``-o -``/``--report FORMAT:-``: standard output, never a file named "-"


class OutputPath(click.Path):
    """A report's path; ``-`` is standard output (None, as when ``-o`` is not given)."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if value == STDOUT:
            return None
        return super().convert(value, param, ctx)


class ReportSpec(click.ParamType):
    """``FORMAT:PATH`` for ``--report`` (PATH ``-``: standard output)."""

    name = "FORMAT:PATH"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[str, Path | None]:
        if isinstance(value, tuple):
            return value
        fmt, sep, path = str(value).partition(":")
        if not sep or not path or fmt not in REPORTERS:
            self.fail(
                f"'{value}' is not FORMAT:PATH with FORMAT one of {', '.join(sorted(REPORTERS))}",
                param,
                ctx,
            )
        return fmt, None if path == STDOUT else Path(path)


def use_color(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


# Options several commands share, declared once so that they read and behave the same.
output_option = click.option(
    "-o",
    "--output",
    type=OutputPath(),
    help="Write the report to this file (atomically; '-': stdout) instead of stdout.",
)
today_option = click.option(
    "--today",
    type=DateType(),
    envvar="SMS_LINT_TODAY",
    help="Judge 'current' and 'overdue' against this date (default: today; also SMS_LINT_TODAY).",
)
config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: ROOT/.sms-lint.yaml).",
)
as_of_option = click.option(
    "--as-of",
    type=DateType(),
    help="The SMS as it stood in git at the end of this day: the last first-parent commit on "
    "or before it (check and coverage judge it on that day unless --today).",
)
