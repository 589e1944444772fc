"""Hostile and malformed input: never a crash, a leak, code run or a broken report (issue 7)."""
