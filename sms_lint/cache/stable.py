"""A repr that is the same in every process: sets sorted, dataclasses and mappings walked.

``repr()`` of a set or frozenset of strings follows Python's per-process string hashing
(PYTHONHASHSEED), so a cache fingerprint built from it differed in every run and no cache
was ever reused across processes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any


def stable_repr(value: Any) -> str:
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(stable_repr(v) for v in value)) + "}"
    if isinstance(value, Mapping):
        items = ", ".join(f"{stable_repr(k)}: {stable_repr(v)}" for k, v in value.items())
        return f"{type(value).__name__}({{{items}}})"
    if isinstance(value, list | tuple):
        return f"{type(value).__name__}({', '.join(stable_repr(v) for v in value)})"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ", ".join(
            f"{f.name}={stable_repr(getattr(value, f.name))}" for f in dataclasses.fields(value)
        )
        return f"{type(value).__name__}({fields})"
    return repr(value)
