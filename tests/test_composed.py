"""The nodes ``check --base`` compares, built from libyaml's events, are PyYAML composer's."""

from __future__ import annotations

import pytest
import yaml

from sms_lint.gitrepo.composed import AliasFound, _NoAliasLoader, compose

TEXTS = [
    "",
    "# only a comment\n",
    "plain",
    "id: PRC-1\nkind: procedure\nowners: [a, b]\n"
    "steps:\n  - name: x\n    results: [{at: 2026-01-01}]\n",
    "a: !!str 1\nb: !custom x\nc: ! y\nd: !!binary aGk=\n",
    "a: 2026-01-01\nb: 1.0\nc: yes\nd: ~\ne: 'q'\nf: \"x\\ty\"\n"
    "g: |\n  literal\n  block\nh: >\n  folded\n",
    "k: {a: 1, b: [1, {c: [2, 3]}], e: {}, f: []}\n",
    "? [a, b]\n: c\n? {x: 1}\n: d\n",
    "---\na: 1\n...\n",
    "%YAML 1.1\n---\na: 1\n",
    "- 1\n- - 2\n  - 3\n- {}\n",
]
BROKEN = ["a: 1\n---\nb: 2\n", "a: [1, 2\n", "a: b: c\n", "\tkey: tab\n"]


def _shape(node: yaml.Node | None) -> object:
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, node.flow_style, [_shape(item) for item in node.value])
    pairs = [(_shape(key), _shape(value)) for key, value in node.value]
    return ("map", node.tag, node.flow_style, pairs)


@pytest.mark.parametrize("text", TEXTS)
def test_the_same_nodes_as_pyyaml(text: str) -> None:
    assert _shape(compose(text)) == _shape(yaml.compose(text, Loader=_NoAliasLoader))


@pytest.mark.parametrize("text", BROKEN)
def test_the_same_refusals(text: str) -> None:
    with pytest.raises(yaml.YAMLError):
        yaml.compose(text, Loader=_NoAliasLoader)
    with pytest.raises(yaml.YAMLError):
        compose(text)


def test_an_alias_stops_the_work() -> None:
    with pytest.raises(AliasFound):
        compose("a: &x [1]\nb: *x\n")


def test_deep_nesting_is_no_crash() -> None:
    # libyaml's own composer recurses in C; the stack here is a list.
    deep = "[" * 100_000 + "]" * 100_000
    try:
        node = compose(deep)
    except yaml.YAMLError:
        return  # libyaml may refuse the depth: a refusal, not a crash
    assert isinstance(node, yaml.SequenceNode)
