"""The command line: parse options, call the core, return its exit code.

Nothing here checks or reports; the click layer only turns arguments into typed values and
every usage, config or environment problem into one sentence on stderr and exit code 2.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from sms_lint import __version__
from sms_lint.commands import COMMANDS, load_command, summary_stand_in
from sms_lint.errors import UsageProblem
from sms_lint.run import collecting

# The commands whose check resumes collecting when its stages start (run.plain_result).
_RESUMED_BY_THE_RUN = frozenset({"check", "coverage", "baseline"})


class SmsLintGroup(click.Group):
    """Exit 2 with a single ``sms-lint: error: ...`` line for every usage problem; commands
    are imported only when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        command = load_command(name)
        if name not in _RESUMED_BY_THE_RUN:
            collecting.resume()
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands as click writes it, from their summaries: ``--help`` imports
        no command module (each pulls in the core it runs)."""
        # Same layout as click.Group.format_commands (room for 3x the default spacing).
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, summary_stand_in(name).get_short_help_str(limit)) for name in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        collecting.pause()  # start-up only (see sms_lint.run.collecting)
        try:
            self._main(*args, **kwargs)
        finally:
            collecting.resume()

    def _main(self, *args: Any, **kwargs: Any) -> None:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:
            # Bare ``sms-lint``: the help as click shows it for a group without a command
            # (stderr, exit 2), not flattened into an "error:" line.
            error.show()
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"sms-lint: error: {_terminal(error.format_message())}", err=True)
            sys.exit(2)
        except click.Abort:
            click.echo("sms-lint: aborted", err=True)
            sys.exit(130)
        except UsageProblem as error:
            # The sentence may quote a config or pack the repository supplied: one line, no
            # escape sequence and no CI command (stderr lands in the job log too).
            click.echo(f"sms-lint: error: {_terminal(str(error))}", err=True)
            sys.exit(2)
        sys.exit(code if isinstance(code, int) else 0)


def _terminal(text: str) -> str:
    # Imported on the error path only: --version and --help need none of its patterns.
    from sms_lint.neutralise import terminal

    return terminal(text)


@click.group(
    cls=SmsLintGroup,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="sms-lint")
def cli() -> None:
    """Check an ISO/IEC 20000-1 service management system kept as files in git."""
