"""Syntax errors about quotes, brackets and what follows them (see :mod:`sms_lint.parse.yamlhints`).

An unclosed quote or bracket is reported by the parser where it gave up (the end of the file,
a later line); the cause is the opening quote or bracket, so that is where the hint points.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.tokens import FlowMappingEndToken, FlowSequenceEndToken, ScalarToken

from sms_lint.parse.yamlscalars import shorten
from sms_lint.parse.yamlsource import Hint, Source, key_of, quoted

_NOUNS = {"[": ("list", "]"), "{": ("mapping", "}")}
# A '#' that starts a comment: at the start of the text or after a space.
_COMMENT = re.compile(r"(?:^|(?<=\s))#")


def _quote_name(char: str) -> str:
    return 'double quote (")' if char == '"' else "single quote (')"


def quote_problem(source: Source, problem: str, at: int, start: int) -> Hint | None:
    """An unclosed quote (at its opening) or a bad escape (at its backslash)."""
    char = source.char(start)
    if "end of stream" in problem or "document" in problem:
        line, column = source.at(start)
        key = key_of(source.line(line)[: column - 1] + " ")
        of = f" that opens the value of '{shorten(key, 40)}'" if key else ""
        inside = 'write \\" for a quote inside it' if char == '"' else "write '' for one inside it"
        return Hint(
            start,
            f"the {_quote_name(char)}{of} is never closed: end the value with {char} ({inside})",
        )
    if "escape" in problem or "hex" in problem:
        backslash = source.text.rfind("\\", start, at + 1)
        if backslash < 0:
            return None
        line, column = source.at(start)
        text = source.line(line)
        end = text.rfind('"')
        inner = text[column : end if end >= column else len(text)]
        pair = source.text[backslash : backslash + 2]
        return Hint(
            backslash,
            f"'{pair}' in a double-quoted value starts an escape sequence: write '\\\\' for a "
            f"backslash, or put the value in single quotes ('{shorten(inner, 50)}')",
        )
    return None


def flow_problem(source: Source, at: int, start: int) -> Hint | None:
    """A ``[...]`` or ``{...}`` that cannot be read: a '#' that made the rest of the line a
    comment, a bracket never closed, or an item that needs quotes."""
    opening = source.char(start)
    noun, closer = _NOUNS.get(opening, ("list", "]"))
    start_line, start_column = source.at(start)
    text = source.line(start_line)
    comment = _COMMENT.search(text, start_column)
    if comment is not None:
        item = re.split(r"[,\]}]", text[comment.start() :])[0].strip()
        return Hint(
            source.index(start_line, comment.start() + 1),
            f"'#' after a space starts a comment, so YAML ignores the rest of this line and the "
            f"{noun} opened with '{opening}' is never closed: put the item in quotes "
            f"({quoted(shorten(item, 40))})",
        )
    if source.at(at)[0] > start_line:
        return Hint(
            start,
            f"the {noun} opened with '{opening}' is never closed: add '{closer}' after its last "
            "item (an item that contains ',', ':', '[', ']', '{', '}' or '#' goes in quotes)",
        )
    return Hint(
        at,
        f"an item of the {noun} opened with '{opening}' at column {start_column} cannot be "
        "read here: put an item that contains ',', ':', '[', ']', '{', '}' or '#' in quotes",
    )


def after_token(source: Source, at: int, loader: type) -> Hint | None:
    """Text after a value that has already ended: a closing quote or bracket too early."""
    if source.char(at) in ("]", "}"):
        return Hint(at, f"this '{source.char(at)}' closes nothing: remove it or add its opening")
    token = _token_before(source.text, at, loader)
    rest = source.line(source.at(at)[0])[source.at(at)[1] - 1 :].strip()
    if isinstance(token, ScalarToken) and token.style in ("'", '"'):
        opening, closing = token.start_mark.index, token.end_mark.index - 1
        if source.at(opening)[0] != source.at(closing)[0]:
            return Hint(
                opening,
                f"the {_quote_name(token.style)} opened here is not closed on this line, so "
                f"the value runs on to line {source.number(source.at(closing)[0])}: close it "
                "on this line",
            )
        return Hint(closing, _early_quote(token.style, token.value, rest))
    if isinstance(token, FlowSequenceEndToken | FlowMappingEndToken):
        closer = source.char(token.start_mark.index)
        return Hint(
            at,
            f"text ('{shorten(rest, 40)}') follows the closing '{closer}': put the whole value "
            "in quotes if it is text, or move the text inside the brackets",
        )
    return None


def _early_quote(style: str, value: str, rest: str) -> str:
    whole = value + style + rest.removesuffix(style)
    if style == "'":
        fix = (
            "write an apostrophe inside single quotes as two ('') "
            f"({shorten(chr(39) + whole.replace(chr(39), chr(39) * 2) + chr(39), 50)})"
        )
    else:
        fix = f'write a quote inside double quotes as \\" (or use {shorten(quoted(whole), 50)})'
    return (
        f"the {_quote_name(style)} here ends the value, but more text follows it "
        f"('{shorten(rest, 30)}'): {fix}"
    )


def _token_before(text: str, at: int, loader: type) -> Any:
    """The last token that ends at or before ``at`` (scanned again: error paths only)."""
    scanner = loader(text)
    last = None
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if token.end_mark.index > at:
                break
            last = token
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    return last
