"""The quick reader of simple YAML (register's) gives exactly the data of the full one.

Compared on every example file, every hostile input and thousands of generated texts made of
the lines that trip YAML readers; where the quick reader answers by itself, the full one must
also find nothing wrong (a finding is the full reader's to make)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE
from hostile.cases import HEADER, build_cases

from sms_lint.parse import flatyaml
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


def test_the_resolver_as_the_quick_reader_knows_it() -> None:
    """flatyaml tells text from other types without importing YAML: the first characters
    PyYAML has patterns for, and for a letter only the boolean and null words."""
    import re

    from yaml.resolver import Resolver

    from sms_lint.parse import yamlevents, yamlscalars

    resolvers = Resolver.yaml_implicit_resolvers
    assert None not in resolvers  # else no text may skip the resolver
    assert set(resolvers) | {""} == flatyaml.MAY_RESOLVE
    words: dict[str, set[str]] = {}
    for first in (key for key in resolvers if key.isalpha()):
        for tag, pattern in resolvers[first]:
            assert pattern.flags & re.VERBOSE
            text = re.sub(r"\s", "", pattern.pattern)
            assert text.startswith("^(?:") and text.endswith(")$"), text
            words.setdefault(tag, set()).update(text[4:-2].split("|"))
    assert words == {
        "tag:yaml.org,2002:bool": set(flatyaml.BOOLEANS),
        "tag:yaml.org,2002:null": {*flatyaml.NULLS, "~", ""},
    }
    assert flatyaml.STR_TAG == yamlscalars.STR_TAG
    assert flatyaml.TIMESTAMP_TAG == yamlscalars.TIMESTAMP_TAG
    assert flatyaml.TEXT_WHEN_PLAIN == yamlscalars.TEXT_WHEN_PLAIN
    assert flatyaml.SHARED_AT_MOST == yamlevents.SHARED_AT_MOST


def test_simple_files_import_no_yaml() -> None:
    """register reads simple files without the YAML parser (in a fresh interpreter)."""
    script = (
        "import sys; from sms_lint.parse.documents import parse_document;"
        "from sms_lint.parse.flatyaml import load_flat;"
        "d = parse_document('a.yaml', b'id: A\\ntitle: T\\nowner: o\\n', load=load_flat);"
        "assert d.data == {'id': 'A', 'title': 'T', 'owner': 'o'}, d.data;"
        "print('yaml' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


KEYS = ["id", "title", "x-a", "a_b", "Key", "on", "yes", "null", "No", "y", "_", "k" * 120,
        "ON", "Null", "é", "True1", "n", "offset", "nulls"]  # fmt: skip
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
