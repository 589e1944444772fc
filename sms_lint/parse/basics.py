"""What the file stage needs of the parse stage, without YAML: which files are documents,
and the :class:`Problem` a file's text (or the reading of it) can have.

Apart from :mod:`sms_lint.parse.yamlevents` and :mod:`sms_lint.parse.documents` (which
re-export both) so that discovering and opening files imports no YAML parser: ``register``
starts its history walk before it parses anything.
"""

from __future__ import annotations

from dataclasses import dataclass

YAML_SUFFIXES = (".yaml", ".yml")
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file's text; ``code`` is the id of the rule it reports under."""

    code: str
    line: int
    column: int
    message: str
