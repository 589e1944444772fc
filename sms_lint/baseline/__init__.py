"""Baselines (``sms-lint baseline``, ``check --baseline``) and ``check --new-only``: findings
recorded as known debt, or present before a change, do not fail the run.

:mod:`.keys` says which finding is "the same" across edits, :mod:`.file` reads and writes the
baseline file, :mod:`.apply` marks a result's findings.
"""

BASELINE_STALE = "SMS037"
BASELINE_EXPIRED = "SMS038"
# Findings about the baseline itself are never recorded in it (they would excuse themselves).
OWN_RULES = frozenset({BASELINE_STALE, BASELINE_EXPIRED})


class BaselineError(Exception):
    """A baseline file that cannot be used: one sentence with the file and line."""
