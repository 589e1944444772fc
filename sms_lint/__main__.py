"""The ``sms-lint`` console script and ``python -m sms_lint``: the CLI in a process of its own."""

from sms_lint.run import collecting


def main() -> None:
    """Run the CLI; the process ends with it (see :mod:`sms_lint.run.collecting`)."""
    # Paused before click and the CLI are imported: the objects they make all live on.
    collecting.pause()
    collecting.own_process()
    from sms_lint.cli import cli

    cli(prog_name="sms-lint")


if __name__ == "__main__":
    main()
