"""RUN: each command's work wired from the stages (``build_*`` assembles, ``run_*`` returns an
exit code; :class:`~sms_lint.errors.UsageProblem` is exit 2). The stages themselves live in
``pipeline/``; the CLI (``cli.py``, ``commands/``) only parses options into requests."""
