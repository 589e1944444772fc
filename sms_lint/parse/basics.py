"""What the file stage needs of the parse stage, without YAML: which files are documents,
the :class:`Problem` a file's text (or the reading of it) can have, and what a loader gives
(:class:`Loaded`).

Apart from :mod:`sms_lint.parse.yamlevents`, :mod:`sms_lint.parse.loader` and
:mod:`sms_lint.parse.documents` (which re-export them) so that discovering and opening files
imports no YAML parser (``register`` starts its history walk before it parses anything), and
``register`` imports none at all when every file is simple (:mod:`sms_lint.parse.flatyaml`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path = tuple  # a path into the data: keys (str) and list indices (int)

YAML_SUFFIXES = (".yaml", ".yml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file's text; ``code`` is the id of the rule it reports under."""

    code: str
    line: int
    column: int
    message: str


@dataclass
class Loaded:
    """The data of one document, where each part of it stands, and what went wrong.

    ``positions`` maps a path to (line, column), both 1-based: for a mapping entry the position
    of its key, for a list item the item's start, for ``()`` the start of the document's top
    node. ``data`` is ``None`` when the text could not be read as one mapping.
    """

    data: dict[str, Any] | None
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
