"""Turn the text of one YAML document into plain data with a line and column for every key.

Why not ``yaml.safe_load``: it forgets where things are, silently keeps the last of two
duplicate keys, expands aliases (an alias bomb is cheap to load but exponential to walk), raises
a bare ``ValueError`` for ``2026-02-30`` and, in libyaml's composer, recurses until it crashes on
deeply nested input. So we read the parser's *event* stream (iterative, in C when libyaml is
present) and build the data ourselves with an explicit stack (:mod:`sms_lint.parse.yamlevents`).
Every problem becomes a :class:`Problem` with a position instead of an exception.

The result is JSON-compatible: mappings, lists, str, int, float, bool, None. Timestamps become
ISO strings (``date`` or ``datetime`` ``isoformat()``), which is what the JSON Schemas check.
"""

from __future__ import annotations

from typing import Any

import yaml

from sms_lint.parse.basics import Loaded
from sms_lint.parse.textlines import TextLines, char_index, lines_if_needed
from sms_lint.parse.yamlevents import Abort, EventBuilder, Path, Problem
from sms_lint.parse.yamlscalars import shorten

__all__ = ["Loaded", "Path", "Problem", "load_yaml", "parser_name"]

# The C parser is several times faster; fall back to the pure-Python one where libyaml is absent.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parser_name() -> str:
    """Which YAML parser reads files: part of the result cache's key, because the two accept
    slightly different text (lone surrogates in escapes) and report different positions."""
    name = f"{_Loader.__name__} PyYAML {yaml.__version__}"
    if _reads_bytes():
        name += f" libyaml {yaml._yaml.get_version_string()}"  # type: ignore[attr-defined]
    return name


def _reads_bytes() -> bool:
    """libyaml parses the UTF-8 bytes of the text: its reader errors give byte offsets."""
    c_parser = getattr(getattr(yaml, "cyaml", None), "CParser", None)
    return c_parser is not None and issubclass(_Loader, c_parser)


def _reader_problem(error: yaml.reader.ReaderError, text: str, line_offset: int) -> Problem:
    index = char_index(text, error.position) if _reads_bytes() else error.position
    line, column = TextLines(text).at(index)
    code = error.character if isinstance(error.character, int) else 0
    message = (
        f"the text holds a control character (U+{code:04X}) that YAML does not allow, often "
        "pasted in from another program: delete it"
    )
    return Problem("SMS100", line + line_offset, column, message)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, line_offset: int) -> Problem:
    """The error in plain words, at the place of its likely cause (see yamlhints)."""
    # Only a file with a syntax error pays for the hints (a clean pre-commit run does not).
    from sms_lint.parse.yamlhints import explain
    from sms_lint.parse.yamlsource import Failure, Source

    mark = error.problem_mark or error.context_mark
    start = error.context_mark.index if error.context_mark else None
    failure = Failure(
        (error.problem or "").lower(),
        (error.context or "").lower(),
        mark.index if mark else 0,
        start,
    )
    source = Source(text, line_offset)
    hint = explain(source, failure, _Loader)
    line, column = source.at(hint.index)
    return Problem("SMS101", line + line_offset, column, hint.message)


def load_yaml(text: str, line_offset: int = 0) -> Loaded:
    """Build one document's data from YAML ``text``; ``line_offset`` shifts reported lines
    (front matter starts below the opening ``---``)."""
    try:
        loader = _Loader(text)  # the pure-Python reader checks every character right here
    except yaml.reader.ReaderError as error:
        return Loaded(None, {}, [_reader_problem(error, text, line_offset)])
    builder = EventBuilder(loader, line_offset, lines_if_needed(text), text)
    try:
        root = builder.run()
    except Abort:
        return Loaded(None, builder.positions, builder.problems)
    except yaml.MarkedYAMLError as error:
        builder.problems.append(_syntax_problem(error, text, line_offset))
        return Loaded(None, builder.positions, builder.problems)
    except yaml.reader.ReaderError as error:  # a control character; has an offset, not a mark
        builder.problems.append(_reader_problem(error, text, line_offset))
        return Loaded(None, builder.positions, builder.problems)
    except yaml.YAMLError as error:  # any other parser complaint without a position
        message = f"unreadable YAML ({error}): check the file's quotes, brackets and indentation"
        builder.problems.append(Problem("SMS101", 1 + line_offset, 1, message))
        return Loaded(None, builder.positions, builder.problems)
    finally:
        loader.dispose()
    if builder.documents == 0:
        builder.problems.append(Problem("SMS101", 1 + line_offset, 1, _empty(line_offset)))
        return Loaded(None, builder.positions, builder.problems)
    if root is None and builder.problems:  # the top node was refused (a tag, an alias)
        return Loaded(None, builder.positions, builder.problems)
    if not isinstance(root, dict):
        line, column = builder.positions.get((), (1 + line_offset, 1))
        builder.problems.append(
            Problem(
                "SMS101",
                line,
                column,
                _not_fields(root),
            )
        )
        return Loaded(None, builder.positions, builder.problems)
    return Loaded(root, builder.positions, builder.problems)


def _empty(line_offset: int) -> str:
    where = "the front matter" if line_offset else "the file"
    return (
        f"{where} holds no fields (it is empty or only comments): write the artifact's fields "
        "(id, kind, title, owner, status), one 'key: value' per line"
    )


def _not_fields(root: Any) -> str:
    """The top level is not a mapping: what it is instead, and how to make it fields."""
    if isinstance(root, list):
        return (
            "the top level is a list ('- ...'), but an artifact is a set of fields: write them "
            "as 'key: value' at the start of the line, without '- ' in front"
        )
    if root is None:
        return "the top level is an empty value: write the artifact's fields as 'key: value'"
    shown = f" ('{shorten(str(root), 40)}')" if isinstance(root, str) else ""
    return (
        f"the top level is a single value{shown}, not fields: write the artifact's fields, "
        "one 'key: value' per line (a key needs ': ' after it)"
    )
