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

# Hostile configuration (a pull request can edit .sms-lint.yaml and add rule packs).
CONFIG: dict[str, str] = {
    "exclude-redos": (
        "discovery.glob_regex turns each '**/' into '(?:.*/)?' and each '*' into '[^/]*': a "
        "dozen of them make matching exponential in the path's depth (minutes per path)"
    ),
    "pack-device": (
        "a pack path from the root's config is read whole with no size cap: /dev/zero exhausts "
        "memory (MemoryError traceback under ulimit)"
    ),
    "pack-outside": (
        "a pack path from the root's config may lie outside the root; it is read and its "
        "rule id is quoted on stderr"
    ),
    "pack-remote-ref": (
        "a require-schema $ref to a schema that is not ours passes check_schema and raises "
        "Unresolvable (a traceback) while checking; never fetched, but not a usage error"
    ),
}

PURE_PYTHON_PARSER = (
    "with the pure-Python parser (no libyaml) a raw U+FFFE raises ReaderError from "
    "yaml.SafeLoader(text) in loader.load_yaml, outside its try block: a traceback"
)


def text_report_exempt(format_name: str, findings: list[dict]) -> bool:
    """Whether a generated report is spared the text-format check because of the known bug
    above (a line break or carriage return in a path or message); the strict xfails in
    ``test_cases`` keep the bug visible. Delete this once ``newline-injection`` is fixed."""
    if format_name != "text":
        return False
    return any(any(c in (f["path"] or "") + f["message"] for c in "\n\r") for f in findings)
