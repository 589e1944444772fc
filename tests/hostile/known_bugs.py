"""Known bugs outside the test suite, each with the behaviour seen; every mark is strict, so a
fix makes its test XPASS and fail until the entry is deleted here.

Keys are case names of :mod:`hostile.cases` (and report format names where only one format is
affected). Cases in :data:`RUN_BREAKERS` corrupt or crash a whole run today, so the mixed runs
leave them out (to keep testing everything else) and a strict-xfail test runs them together.
"""

from __future__ import annotations

_NON_UTF8_NAME = (
    "a file name that is not UTF-8 reaches the text report as a lone surrogate: writing it "
    "raises UnicodeEncodeError (a traceback and no report, with -o or a strict UTF-8 stdout)"
)
_NEWLINE_IN_NAME = "a newline in a file name splits a text finding over two lines"
_NEWLINE_IN_MESSAGE = "a newline in a quoted value splits a text finding over several lines"

# (case, format) -> reason.
CASE_FORMAT: dict[tuple[str, str], str] = {
    ("non-utf8-name", "text"): _NON_UTF8_NAME,
    ("newline-in-name", "text"): _NEWLINE_IN_NAME,
    ("newline-injection", "text"): _NEWLINE_IN_MESSAGE,
}

RUN_BREAKERS: dict[str, str] = {
    "non-utf8-name": _NON_UTF8_NAME,
    "newline-in-name": _NEWLINE_IN_NAME,
    "newline-injection": _NEWLINE_IN_MESSAGE,
}

PURE_PYTHON_PARSER = (
    "with the pure-Python parser (no libyaml) a raw U+FFFE raises ReaderError from "
    "yaml.SafeLoader(text) in loader.load_yaml, outside its try block: a traceback"
)
