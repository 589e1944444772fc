"""The one exception the command line turns into exit code 2."""


class UsageProblem(Exception):
    """Bad usage, config or environment: one sentence, exit code 2."""
