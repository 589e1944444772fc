"""Baselines (``sms-lint baseline``, ``check --baseline``) and ``check --new-only``: findings
recorded as known debt, or present before a change, do not fail the run.

:mod:`.keys` says which finding is "the same" across edits, :mod:`.file` reads and writes the
baseline file, :mod:`.apply` marks a result's findings.
"""
