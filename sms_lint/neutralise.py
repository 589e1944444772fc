"""Neutralise text from the checked repository (or a rule pack) before a report quotes it.

Every report field that came from data passes through one of these, chosen by where it lands:

- :func:`clean` for structured formats (JSON, SARIF, XML, HTML): C0 controls other than tab,
  newline and CR, DEL, the C1 controls (U+009B starts a terminal escape as ESC [ does), lone
  surrogates (an undecodable file name, or a YAML ``"\\udc80"``) and U+FFFE/U+FFFF become U+FFFD.
  That is also everything XML 1.0 cannot carry.
- :func:`terminal` for a field inside a line of a line-oriented report (text, CSV, CI logs):
  cleaned, on one line, and with Azure's ``##vso[`` (read anywhere in a log line) broken.
- :func:`lead` / :func:`lead_path` for a field that starts a line: GitHub reads ``::`` and Azure
  ``##`` at the start of a line (after blanks) as commands, so such a field gets a visible prefix.
- :func:`markdown` for Markdown text: raw HTML, table pipes and inline syntax escaped.
- :func:`csv_cell` for CSV: one line, and a leading apostrophe on what a spreadsheet would run
  as a formula.
"""

from __future__ import annotations

import re
from functools import cache

# The patterns are compiled at first use: a run without findings never needs them, and
# compiling them at import cost every pre-commit run a millisecond.


@cache
def _unsafe() -> re.Pattern[str]:
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@cache
def _azure_command() -> re.Pattern[str]:
    """Azure Pipelines runs ``##vso[...]`` wherever it appears in a log line (in any case)."""
    return re.compile(r"##(vso\[)", re.IGNORECASE)


@cache
def _command_start() -> re.Pattern[str]:
    """What makes a line a command: ``::`` (GitHub) or ``##`` (Azure ``##vso[``/``##[error]``),
    read after leading blanks (both runners trim them)."""
    return re.compile(r"\s*(::|##)")


@cache
def _markdown_special() -> re.Pattern[str]:
    """Backslash-escaped in Markdown: the table's column break, a backslash (or data could
    escape ours), and the ``[`` of an image (``![x](https://tracker)`` would load a remote
    image)."""
    return re.compile(r"([\\|]|(?<=!)\[)")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str) -> str:
    """``text`` with every character unsafe in any report replaced by U+FFFD."""
    return _unsafe().sub("\ufffd", text)


def one_line(text: str) -> str:
    """``clean`` text with every run of whitespace (line breaks included) made one space."""
    return " ".join(clean(text).split())


def visible_path(path: str) -> str:
    """A file name as one printable line: unsafe characters replaced, line breaks escaped
    (a file name may contain a newline; it must not split a report line)."""
    return clean(path).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def no_commands(text: str) -> str:
    """``##vso[`` broken to ``## vso[`` so that no CI runner reads it as a command."""
    return _azure_command().sub(r"## \1", text)


def terminal(text: str) -> str:
    """A data field inside one line of a line-oriented report."""
    return no_commands(one_line(text))


def starts_command(text: str) -> bool:
    return _command_start().match(text) is not None


def lead(text: str) -> str:
    """A field that starts a line: a backslash in front if the line would read as a command."""
    return "\\" + text if starts_command(text) else text


def lead_path(path: str) -> str:
    """A relative path that starts a line: ``./`` in front if it would read as a command (the
    same file, named so that it cannot)."""
    shown = no_commands(visible_path(path))
    return "./" + shown if starts_command(shown) else shown


def markdown(text: str) -> str:
    """Text for a Markdown table cell or list item: one line, HTML as text, ``|`` and an
    image's ``[`` backslash-escaped (a backslash of the data itself too, so none escapes ours)."""
    text = terminal(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return lead(_markdown_special().sub(r"\\\1", text))


def csv_cell(text: str) -> str:
    """A CSV cell: one line, and an apostrophe in front of what a spreadsheet would run as a
    formula (``=``, ``+``, ``-``, ``@``): titles and commit messages are written by anyone with
    push access."""
    text = terminal(text)
    return "'" + text if text.startswith(_FORMULA_START) else lead(text)


def xml_safe_lines(document: str) -> str:
    """A serialized XML document whose text lines cannot read as CI commands: a ``:`` or ``#``
    starting a line (only element text can) becomes a character reference, the same text."""
    return re.sub(
        r"(?m)^([ \t]*)([:#])", lambda m: m[1] + f"&#{ord(m[2])};", no_commands_xml(document)
    )


def no_commands_xml(document: str) -> str:
    return _azure_command().sub(r"&#35;&#35;\1", document)


_LINE_BREAK_REFS = str.maketrans({"\n": "&#10;", "\r": "&#13;"})


def log_safe_markup(escaped: str) -> str:
    """Escaped HTML/XML text that stays safe if the page is printed to a job log (``-o -``):
    line breaks as references (data never starts a line), ``##vso[`` broken, and a leading
    ``:`` or ``#`` as a reference. The same text once parsed."""
    escaped = no_commands_xml(escaped.translate(_LINE_BREAK_REFS))
    stripped = escaped.lstrip(" \t")
    if stripped[:1] in (":", "#"):
        cut = len(escaped) - len(stripped)
        escaped = escaped[:cut] + f"&#{ord(stripped[0])};" + stripped[1:]
    return escaped


def no_commands_json(document: str) -> str:
    """A serialized JSON document with ``##vso[`` written ``##vso\\u005b``: the same value,
    but no runner reads a command in it (it can only occur inside strings)."""
    return _azure_command().sub(lambda m: "##" + m[1][:-1] + "\\u005b", document)


def clean_tree(value: object) -> object:
    """``value`` (JSON-like: dicts, lists, strings) with every string :func:`clean`."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(str(key)): clean_tree(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_tree(item) for item in value]
    return value
