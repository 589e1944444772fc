"""The quick reader of simple YAML (register's) gives exactly the data of the full one.

Compared on every example file, every hostile input and thousands of generated texts made of
the lines that trip YAML readers; where the quick reader answers by itself, the full one must
also find nothing wrong (a finding is the full reader's to make)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import EXAMPLE
from hostile.cases import HEADER, build_cases

from sms_lint.parse.documents import parse_document
from sms_lint.parse.flatyaml import _flat, load_flat
from sms_lint.parse.loader import load_yaml


def _same(text: str) -> bool:
    """Whether both readers agree on ``text``; True when the quick one answered itself."""
    full = load_yaml(text)
    quick = _flat(text)
    # repr tells True from 1 and "1" from 1, which == does not.
    assert repr(load_flat(text).data) == repr(full.data), text
    if quick is not None:
        assert full.problems == [], text
        assert repr(quick) == repr(full.data), text
    return quick is not None


def _documents_agree(path: str, raw: bytes) -> None:
    full = parse_document(path, raw)
    quick = parse_document(path, raw, load=load_flat)
    assert repr(quick.data) == repr(full.data), path
    assert quick.is_artifact == full.is_artifact
    if quick.data is None:  # not read quickly: the same findings
        assert quick.problems == full.problems


def test_every_example_file() -> None:
    files = [p for p in sorted(EXAMPLE.rglob("*")) if p.suffix in (".yaml", ".yml", ".md")]
    assert files
    for file in files:
        _documents_agree(file.relative_to(EXAMPLE).as_posix(), file.read_bytes())


def test_every_hostile_input(tmp_path: Path) -> None:
    for case in build_cases(tmp_path).values():
        for path, raw in case.files.items():
            _documents_agree(path, raw)


def test_simple_artifacts_are_read_quickly() -> None:
    text = HEADER + 'version: "1.2"\nlast_reviewed: 2026-01-10\nreview_interval_months: 12\n'
    assert _same(text)
    assert _same("# a comment\n\nid: A\ntitle: 'Quoted: text'\nnotes:\n")


def test_the_resolver_has_no_pattern_for_every_text() -> None:
    from yaml.resolver import Resolver

    assert None not in Resolver.yaml_implicit_resolvers  # else no text may skip the resolver


KEYS = ["id", "title", "x-a", "a_b", "Key", "on", "yes", "null", "No", "y", "_", "k" * 120]
SEPARATORS = [": ", ":", ":  ", " : ", ":\t", ": \t", "::", ":  # c"]
VALUES = [
    "", "text", "two  words", "trailing ", '"q"', "'s'", '"a\\"b"', "'it''s'", '"a" x',
    '"unclosed', "'", '""', "''", "12", "0", "012", "0x1F", "1_000", "-1", "+1", "1.5", "1e3",
    ".inf", ".NaN", "~", "null", "NULL", "yes", "No", "true", "FALSE", "on", "2026-01-10",
    "2026-02-30", "2026-1-1", "2026-01-10T10:00:00", "2026-01-10 10:00", "1:20", "190:20:30",
    "a: b", "a #c", "a#b", "#c", "[a]", "{a: 1}", "a, b", "a]", "&x a", "*x", "!!str a", "!x",
    "|", ">", "- a", "-a", "?x", "? x", ":x", "=", "<<", "é", "café ✓ 日本", "a\u00a0b",
    "a\u2028b", "a\x85b", "a\x7fb", "a\ufeffb", "a:", "a:b", "%x", "@x", "`x", "x\r", "a\tb",
    "9" * 30, "\U0001f600", "a\\b", "'a' #c", '"a"#c',
]  # fmt: skip
LINES = ["", "# comment", "#", "  indented: x", "- item", "---", "...", "  ", "\t", "key",
         "%YAML 1.1", " # indented comment", "\ufeffid: x", "  continued", "id: x\r"]  # fmt: skip


def _generated(chooser: random.Random) -> str:
    lines = []
    for _ in range(chooser.randint(1, 6)):
        if chooser.random() < 0.15:
            lines.append(chooser.choice(LINES))
        else:  # mostly simple keys and separators, so that the quick way is tried often
            key = chooser.choice(KEYS[:5] if chooser.random() < 0.8 else KEYS)
            separator = ": " if chooser.random() < 0.8 else chooser.choice(SEPARATORS)
            lines.append(key + separator + chooser.choice(VALUES))
    return "\n".join(lines) + chooser.choice(["\n", "", "\n\n"])


@pytest.mark.parametrize("seed", range(4))
def test_generated_texts(seed: int) -> None:
    chooser = random.Random(seed)
    quick = sum(_same(_generated(chooser)) for _ in range(2000))
    assert quick > 50  # the quick way is taken, not only the fallback


def test_every_single_line() -> None:
    """Each key, separator and value on its own line, below a valid header."""
    for key in KEYS:
        for separator in SEPARATORS:
            for value in VALUES:
                _same(HEADER + key + separator + value + "\n")
