"""YAML text composed into nodes (as written: nothing constructed, no tag run), for comparing
two versions of a file field by field (:mod:`.differences`).

``yaml.compose`` with PyYAML's own loader scans and parses in Python: for ``check --base``
with every file changed, composing both versions of each was most of the run. Here the events
come from libyaml's parser, as the loader's do (:mod:`sms_lint.parse.loader`), and the nodes
are built from them with an explicit stack: libyaml's own composer recurses in C and crashes
on deeply nested input. Tags are resolved as PyYAML's composer resolves them, a stream of more
than one document is refused as ``yaml.compose`` refuses it, and an alias stops the work
(:class:`AliasFound`; the loader refuses aliases too, and a shared node would make comparing
exponential). Without libyaml, PyYAML's composer does the work as before.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

_C_LOADER = getattr(yaml, "CSafeLoader", None)


class AliasFound(Exception):
    pass


class _NoAliasLoader(yaml.SafeLoader):
    """Composes as SafeLoader does, but stops at the first alias."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            raise AliasFound
        node: Node | None = super().compose_node(parent, index)
        return node


def compose(text: str) -> Node | None:
    """The single document's root node (None for an empty stream); yaml.YAMLError when the
    text is not YAML or holds more than one document, AliasFound at an alias."""
    if _C_LOADER is None:
        return yaml.compose(text, Loader=_NoAliasLoader)
    loader = _C_LOADER(text)
    try:
        return _single(loader)
    finally:
        loader.dispose()


def _single(loader: Any) -> Node | None:
    loader.get_event()  # the stream's start
    if loader.check_event(StreamEndEvent):
        return None
    loader.get_event()  # the document's start
    root = _document(loader)
    loader.get_event()  # the document's end
    if not loader.check_event(StreamEndEvent):
        raise yaml.composer.ComposerError(
            "expected a single document in the stream", None, "but found another document", None
        )
    return root


def _document(loader: Any) -> Node:
    """The nodes of one document, built from its events until the document ends."""
    open_nodes: list[CollectionNode] = []
    keys: list[Node | None] = []  # per open mapping: its key waiting for a value
    root: Node | None = None
    while not loader.check_event(DocumentEndEvent):
        event = loader.get_event()
        if isinstance(event, AliasEvent):
            raise AliasFound
        if isinstance(event, ScalarEvent | CollectionStartEvent):
            node = _node(loader, event)
            if not open_nodes:
                root = node
            elif isinstance(open_nodes[-1], SequenceNode):
                open_nodes[-1].value.append(node)
            elif keys[-1] is None:
                keys[-1] = node
            else:
                open_nodes[-1].value.append((keys[-1], node))
                keys[-1] = None
            if isinstance(node, CollectionNode):
                open_nodes.append(node)
                keys.append(None)
        else:  # the end of the innermost collection
            open_nodes.pop().end_mark = event.end_mark
            keys.pop()
    assert root is not None  # a document holds a node (an empty one holds a null scalar)
    return root


def _node(loader: Any, event: Any) -> Node:
    """A scalar node, or an empty collection node, with its tag resolved as PyYAML's composer
    resolves it (an explicit tag kept, else the implicit resolvers')."""
    tag = event.tag
    if isinstance(event, ScalarEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(ScalarNode, event.value, event.implicit)
        # libyaml says '' for a plain scalar's style, PyYAML None: PyYAML's word kept.
        style = event.style or None
        return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=style)
    kind = MappingNode if isinstance(event, MappingStartEvent) else SequenceNode
    if tag is None or tag == "!":
        tag = loader.resolve(kind, None, event.implicit)
    assert isinstance(event, MappingStartEvent | SequenceStartEvent)
    return kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
