"""Explicit tags, key types and positions: the loader refuses what it cannot build, never raises.

The reference for what a tag and text mean is PyYAML's own safe loader with the same parser
(``yaml.load(text, Loader=loader._Loader)``); the differential tests run every combination of
a grid of tags and texts, in three places (a mapping value, a list item, a key), under libyaml
and under the pure-Python parser.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from conftest import quiet_config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sms_lint.cache.store import fingerprint
from sms_lint.config.file import Config
from sms_lint.config.pack import load_framework
from sms_lint.facts import evidence_clauses
from sms_lint.model import Artifact
from sms_lint.parse import loader
from sms_lint.parse.documents import Document
from sms_lint.parse.loader import load_yaml
from sms_lint.pipeline.engine import build_setup

HEADER = "id: POL-1\nkind: procedure\ntitle: T\nowner: sms-manager\nstatus: draft\n"
LINE = 6  # the line after HEADER

# The values the issue names, each one a traceback before.
CRASHERS = [
    "!!bool maybe",
    "!!bool",
    "!!int ''",
    "!!int _",
    "!!float ''",
    "!!timestamp foo",
    "!!int 0x",
    "!!float .",
    "!!null foo",
    "!!str {a: 1}",
    "!!bool [1]",
    "!!map [x]",
    "!!seq {a: 1}",
    "!!timestamp 2026-01-01 10:00:00 +99999999999999999999",
]

TAGS = [
    "",
    "!",
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!timestamp",
    "!!map",
    "!!seq",
    "!!binary",
    "!!set",
    "!!omap",
    "!!value",
    "!!merge",
    "!foo",
    "!<tag:example.com,2000:x>",
]
TEXTS = [
    "",
    "''",
    '""',
    "_",
    "maybe",
    "yes",
    "Yes",
    "TRUE",
    "off",
    "~",
    "null",
    "NULL",
    "foo",
    "0",
    "-0",
    "+1",
    "017",
    "08",
    "0x",
    "0x1F",
    "0x_",
    "0b",
    "0b1_0",
    "0o7",
    "1_000",
    "1_",
    "_1",
    "1:2:3",
    "1:60",
    "-1:30",
    "190:20:30.15",
    ".",
    ".5",
    "1.",
    "1e5",
    "1.0e+5",
    "1e999",
    "1.0e+999",
    "-.inf",
    ".NaN",
    "nan",
    "infinity",
    "99999999999999999999999",
    "2026-02-28",
    "2026-02-30",
    "0000-01-01",
    "2026-1-1 1:00:00",
    "2026-01-01T10:00:00Z",
    "2026-01-01 10:00:00.123456789 -05:30",
    "2026-01-01 10:00:00 +99:00",
    "=",
    "<<",
    "[x]",
    "[]",
    "{a: 1}",
    "{}",
    "'x'",
    "aGk=",
    "'2026-01-01'",
]
PLACES = {
    "value": "x: {}\n",
    "item": "x: [{}]\n",
    "key": "? {}\n: v\n",
}

# Where we deliberately read what safe_load refuses: YAML 1.1's "value" (`=`) and "merge"
# (`<<`) types are not data; as a plain value `comparator: =` means the text "=".
READ_AS_TEXT = {
    PLACES[place].format(tag + text)
    for place in ("value", "item")
    for tag in ("", "! ")
    for text in ("=", "<<")
}

# Tags outside the six JSON-like scalar ones are refused whatever they hold, even where the
# safe loader builds something JSON-like (`!!omap []` is an empty list): a finding instead.
REFUSED_TAGS = {"!!binary", "!!set", "!!omap", "!!value", "!!merge", "!foo"} | {
    tag for tag in TAGS if tag.startswith("!<")
}

_FAILED = object()


def _reference(text: str, loader_class: type) -> Any:
    try:
        return yaml.load(text, Loader=loader_class)  # a safe loader class
    except Exception:  # the reference may raise anything; that it raised is what we compare
        return _FAILED


def _plain(value: Any) -> Any:
    """The reference's data as our loader gives it, or _FAILED if it is not JSON-like."""
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            return _FAILED
        items = {key: _plain(item) for key, item in value.items()}
        return _FAILED if _FAILED in items.values() else items
    if isinstance(value, list):
        items = [_plain(item) for item in value]
        return _FAILED if any(item is _FAILED for item in items) else items
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return "NaN"  # NaN is not equal to itself
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return _FAILED  # bytes, sets, tuples


def _disagreement(text: str, loader_class: type, tag: str) -> str | None:
    """Why our loader disagrees with the reference on ``text`` (written with ``tag``), or
    None."""
    try:
        ours = load_yaml(text)
    except Exception as error:  # the bug this file is about
        return f"raised {error!r}"
    expected = _reference(text, loader_class)
    if expected is not _FAILED:
        expected = _plain(expected)
    if expected is _FAILED or tag in REFUSED_TAGS:
        if not ours.problems and text not in READ_AS_TEXT:
            return f"no finding, data {ours.data!r}"
        return None
    if _plain(ours.data) != expected:
        return f"data {ours.data!r}, safe loader {expected!r}"
    return None


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Run the test with libyaml's parser and with PyYAML's pure-Python fallback."""
    if request.param == "python":
        monkeypatch.setattr(loader, "_Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    return loader._Loader


def _grid(place: str) -> Iterator[tuple[str, str]]:
    for tag in TAGS:
        for text in TEXTS:
            yield tag, PLACES[place].format(f"{tag} {text}".strip())


@pytest.mark.parametrize("place", sorted(PLACES))
def test_every_tag_and_text_reads_as_the_safe_loader_reads_it_or_is_a_finding(
    place: str, parser: type
) -> None:
    wrong = {}
    for tag, text in _grid(place):
        reason = _disagreement(text, parser, tag)
        if reason is not None:
            wrong[text] = reason
    assert wrong == {}


_SCALAR_CHARS = st.sampled_from(list("0123456789_:.+-eExXoObB TtZz~nNaulsyfi'\"[]{},!"))


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    tag=st.sampled_from(TAGS),
    text=st.text(_SCALAR_CHARS, max_size=12),
    place=st.sampled_from(sorted(PLACES)),
)
def test_random_tagged_text_agrees_with_the_safe_loader(
    tag: str, text: str, place: str, parser: type
) -> None:
    document = PLACES[place].format(f"{tag} {text}".strip())
    assert _disagreement(document, parser, tag) is None


# Through the command line: a finding at the value, never a traceback.


@pytest.mark.parametrize("value", CRASHERS)
@pytest.mark.parametrize("form", ["yaml", "markdown"])
def test_a_tag_that_cannot_hold_its_value_is_a_finding_at_the_value(
    value: str, form: str, write, tmp_path: Path, check_json, file_rules_only
) -> None:
    body = HEADER + f"x-a: {value}\n"
    if form == "yaml":
        write("a.yaml", body)
    else:
        write("a.md", f"---\n{body}---\n# Body\n")
    line = LINE + (form == "markdown")
    code, report = check_json(tmp_path)
    assert code == 1
    assert [(f["rule"], f["line"], f["column"]) for f in report["findings"]] == [
        ("SMS104", line, 6)
    ], report["findings"]


@pytest.mark.parametrize("value", CRASHERS)
def test_a_bad_tag_in_the_config_is_a_usage_error(
    value: str, write, tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    write(".sms-lint.yaml", f"fail_on: {value}\n")
    result = invoke("check", str(tmp_path), "--today", "2026-11-22")
    assert result.exit_code == 2
    assert "line 1" in result.output and "SMS104" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


@pytest.mark.parametrize("value", CRASHERS)
def test_a_bad_tag_in_a_rule_pack_is_a_usage_error(
    value: str, write, tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    write(".sms-lint.yaml", "policies: [org.yaml]\n")
    write("org.yaml", f"rules:\n  - id: ORG-1\n    name: {value}\n")
    result = invoke("check", str(tmp_path), "--today", "2026-11-22")
    assert result.exit_code == 2
    assert "org.yaml line 3" in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


def test_values_that_tags_cannot_hold_are_dropped() -> None:
    loaded = load_yaml("a: !!bool maybe\nb: !!map [x]\nc: !!seq {k: 1}\nd: [1, !!set {z}, 3]\n")
    assert loaded.data == {"a": None, "b": None, "c": None, "d": [1, None, 3]}
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [
        ("SMS104", 1, 4),
        ("SMS104", 2, 4),
        ("SMS104", 3, 4),
        ("SMS104", 4, 8),
    ]


def test_a_refused_top_node_is_one_finding() -> None:
    loaded = load_yaml("!!seq {a: 1}\n")
    assert loaded.data is None
    assert [p.code for p in loaded.problems] == ["SMS104"]


def test_tags_keep_what_pyyaml_reads() -> None:
    loaded = load_yaml(
        "a: !!int 1_000\nb: !!int 99999999999999999999999\nc: !!float 1e999\n"
        "d: !!bool YES\ne: !!timestamp 2026-01-01 10:00:00\nf: !!str 2\n"
    )
    assert loaded.problems == []
    assert loaded.data == {
        "a": 1000,
        "b": 99999999999999999999999,
        "c": math.inf,  # as `.inf`: a float YAML can write anyway
        "d": True,
        "e": "2026-01-01T10:00:00",
        "f": "2",
    }


def test_an_impossible_date_under_a_tag_is_an_invalid_date() -> None:
    loaded = load_yaml("a: !!timestamp 2026-02-30\n")
    assert loaded.data == {"a": "2026-02-30"}
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("SMS105", 1, 4)]


def test_a_huge_base_60_integer_is_a_finding_not_a_quadratic_conversion() -> None:
    text = "1" + ":1" * 200_000
    loaded = load_yaml(f"a: {text}\n")
    assert loaded.data == {"a": text}
    assert [p.code for p in loaded.problems] == ["SMS106"]


# Comparators and keys


@pytest.mark.parametrize("written", ["=", "'>='", "<=", '"="'])
def test_a_comparator_reads_as_the_text_written(written: str) -> None:
    loaded = load_yaml(f"comparator: {written}\n")
    assert loaded.problems == []
    assert loaded.data == {"comparator": written.strip("'\"")}


def test_an_sla_with_a_plain_equals_comparator_passes_its_schema(
    write, tmp_path: Path, check_json
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS104", "SMS101"))
    write(
        "sla.yaml",
        "id: SLA-1\nkind: sla\ntitle: T\nowner: sms-manager\nstatus: draft\nservice: SVC-1\n"
        "customer: C\ntargets:\n  - metric: m\n    target: 1\n    unit: u\n    comparator: =\n",
    )
    _, report = check_json(tmp_path)
    assert not [f for f in report["findings"] if "comparator" in f["message"]], report


@pytest.mark.parametrize(
    ("key", "read_as"),
    [
        ("2026-01-01", "a date"),
        ("2026-01-01 10:00:00", "a date"),
        ("on", "the boolean true"),
        ("1", "the number 1"),
        ("<<", "a merge key"),
    ],
)
def test_a_key_yaml_reads_as_non_text_is_kept_as_written_and_reported(
    key: str, read_as: str
) -> None:
    loaded = load_yaml(f"a: 1\n{key}: x\n")
    assert loaded.data == {"a": 1, key: "x"}
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("SMS106", 2, 1)]
    assert read_as in loaded.problems[0].message


def test_an_equals_key_is_text() -> None:
    assert load_yaml("=: 1\n").data == {"=": 1}


def test_a_key_whose_tag_cannot_hold_it_is_one_finding() -> None:
    loaded = load_yaml("!!bool maybe: 1\n")
    assert loaded.data == {"maybe": 1}
    assert [p.code for p in loaded.problems] == ["SMS104"]


# Positions: lines as an editor counts them (LF only), columns in characters.

BREAKS = {"NEL": "\x85", "LS": "\u2028", "PS": "\u2029", "lone CR": "\r"}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_breaks_only_yaml_counts_do_not_shift_later_lines(name: str, parser: type) -> None:
    text = f'a: "x{BREAKS[name]}y"\nb: 1\nc:\n  - d\n  - e: f\n'
    loaded = load_yaml(text)
    assert loaded.problems == []
    assert loaded.positions[("b",)] == (2, 1)
    assert loaded.positions[("c", 1)] == (5, 5)
    assert loaded.positions[("c", 1, "e")] == (5, 5)


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_problems_after_such_a_break_are_at_the_editor_line(name: str, parser: type) -> None:
    text = f'a: "x{BREAKS[name]}y"\nb: 1\nb: 2\nc: !!int z\nd: [\n'
    problems = [(p.code, p.line, p.column) for p in load_yaml(text).problems]
    assert problems == [("SMS102", 3, 1), ("SMS104", 4, 4), ("SMS101", 6, 1)]
    message = load_yaml(text).problems[0].message
    assert "first at line 2" in message


def test_a_break_yaml_counts_on_a_line_counts_only_as_a_column() -> None:
    loaded = load_yaml('a: "x\x85y" \rb: [1, 2]\n')
    assert loaded.positions[("b",)] == (1, 11)
    assert loaded.positions[("b", 1)] == (1, 18)


@pytest.mark.parametrize(("wide", "name"), [("中", "CJK"), ("😀", "emoji")])
def test_a_control_character_after_wide_text_is_at_its_line_and_column(
    wide: str, name: str, parser: type
) -> None:
    loaded = load_yaml("a: " + wide * 3000 + "\x07\nb: 1\n")
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("SMS100", 1, 3004)]
    loaded = load_yaml("a: " + wide * 3000 + "\nb: x\x07\n")
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("SMS100", 2, 5)]


def test_positions_after_wide_text_count_characters(parser: type) -> None:
    loaded = load_yaml('a: "中文\u2028中文"\nb: [中文, x]\n')
    assert loaded.positions[("b", 1)] == (2, 9)


def test_front_matter_lines_after_a_line_separator(
    write, tmp_path: Path, check_json, file_rules_only
) -> None:
    write("a.md", f'---\n{HEADER}x-note: "one\u2028two"\ntitle: again\n---\n# Body\n')
    _, report = check_json(tmp_path)
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("SMS102", 8)]


def test_reader_error_after_a_line_separator_in_a_file(
    write, tmp_path: Path, check_json, file_rules_only
) -> None:
    write("a.yaml", HEADER + 'x-note: "one\u2028two"\nx-b: \x07\n')
    _, report = check_json(tmp_path)
    assert [(f["rule"], f["line"], f["column"]) for f in report["findings"]] == [
        ("SMS100", LINE + 1, 6)
    ]


# The cache key and clause evidence


def test_the_cache_key_names_the_yaml_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    setup = build_setup(Config())
    with_libyaml = fingerprint(setup)
    monkeypatch.setattr(loader, "_Loader", yaml.SafeLoader)
    assert fingerprint(setup) != with_libyaml
    assert "SafeLoader" in loader.parser_name()


def test_clauses_written_as_one_string_are_not_evidence_character_by_character() -> None:
    framework = load_framework()
    data = {"id": "P-1", "kind": "procedure", "title": "T", "clauses": "8.1"}
    as_string = evidence_clauses(Artifact(Document("p.yaml", data), "procedure"), framework)
    bare = evidence_clauses(
        Artifact(Document("p.yaml", {**data, "clauses": []}), "procedure"), framework
    )
    assert as_string == bare  # a string is not a list: absent (the schema reports it)
    assert "8" not in as_string and "." not in as_string
