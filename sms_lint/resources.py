"""Where the shipped data lives (``schemas/`` and ``policies/``), and the user's cache folder.

In an installed wheel they sit inside the package (``sms_lint/schemas``); in a source checkout
they are the top-level folders next to the package. Both layouts are the same files.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``name`` (``schemas`` or ``policies``) shipped with this sms-lint."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"sms-lint is installed without its {name}/ folder")


def builtin_pack_path() -> Path:
    return data_dir("policies") / "iso20000-1-2018.yaml"


def cache_home() -> Path:
    """The user's cache folder (``$XDG_CACHE_HOME/sms-lint``): the result cache and the data
    cache live there, never in the checked repository."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sms-lint"
