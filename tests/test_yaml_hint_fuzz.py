"""The plain-words hints for YAML errors (yamlhints, yamllayout, yamlquotes) read the faulty
line to say what went wrong; no line they are shown may make them raise. Seeded random
fragments of YAML punctuation, as a YAML file and as Markdown front matter."""

from __future__ import annotations

import random

import pytest

from sms_lint.parse.documents import parse_document

PIECES = [
    "a", "b", ":", " ", "\n", "-", "'", '"', "#", "[", "]", "{", "}", ",", "?", "|", ">", "\t",
    "x: ", ": ", "- ", "&a ", "*a", "!", "%", "@", "`", "\\", "...", "---",
]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    ["a----}\t\na- : ...", ":?b\nb\n\n?-\n-x: \n]"],  # found by this fuzz: a key after the fault
)
def test_a_colon_fault_before_the_key_gets_a_hint(text: str) -> None:
    problems = parse_document("a.yaml", text.encode()).problems
    assert [p.code for p in problems] == ["SMS101"]
    assert "': ' (colon and space)" in problems[0].message


def test_random_fragments_never_raise() -> None:
    chance = random.Random(20261202)
    for _ in range(20000):
        text = "".join(chance.choice(PIECES) for _ in range(chance.randint(1, 16)))
        parse_document("a.yaml", text.encode())
        parse_document("a.md", f"---\n{text}\n---\n# Body\n".encode())
