"""Type substitutions over the example SMS: every field of every artifact gets values of every
JSON type (and absurd values of the right type), written back as a real repository.

Shared by tests/test_type_substitution.py; kept free of test functions so pytest collects
nothing here.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sms_lint.parse.documents import MARKDOWN_SUFFIXES, parse_document

# One of each JSON type, empty and blank forms, and values valid in type but absurd.
SUBSTITUTES: tuple[Any, ...] = (
    5,
    8.5,
    -1,
    0,
    10**21,
    1e308,
    True,
    None,
    "",
    " ",
    "x",
    "9999-06-01",
    "0001-01-01",
    [],
    [5],
    ["x"],
    {},
    {"a": 1},
    [{}],
    [[1]],
)

# A value of each type and each absurd form, for the normal suite's time budget.
SHORT_SUBSTITUTES: tuple[Any, ...] = (
    5,
    8.5,
    10**21,
    True,
    None,
    "",
    "x",
    "9999-06-01",
    [],
    [5],
    {"a": 1},
    [{}],
)

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Source:
    """One artifact of the example repository: where, its data and (Markdown) body."""

    path: str
    data: dict[str, Any]
    body: str | None  # the Markdown after the front matter; None for a YAML file


@dataclass(frozen=True)
class Mutation:
    path: str  # the artifact's file
    at: FieldPath
    value: Any

    def __str__(self) -> str:
        return f"{self.path} {'.'.join(map(str, self.at))} = {self.value!r}"


def sources(root: Path) -> list[Source]:
    """Every artifact (a file with data and a kind) under ``root``, in path order."""
    out = []
    for file in sorted(root.rglob("*")):
        relative = file.relative_to(root).as_posix()
        if not file.is_file() or relative.startswith(".") or "/." in relative:
            continue
        document = parse_document(relative, file.read_bytes())
        if not isinstance(document.data, dict) or "kind" not in document.data:
            continue
        body = None
        if relative.lower().endswith(MARKDOWN_SUFFIXES):
            text = file.read_text(encoding="utf-8")
            body = text.split("\n---", 1)[1].split("\n", 1)[1] if "\n---" in text else ""
        out.append(Source(relative, document.data, body))
    return out


def field_paths(data: Any, every_item: bool, prefix: FieldPath = ()) -> Iterator[FieldPath]:
    """Every key of every mapping and every item of every list, depth first. Without
    ``every_item`` only a list's first item is descended into (one per shape)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "kind" and not prefix:
                continue  # another kind is another artifact, not a wrong value
            yield (*prefix, key)
            yield from field_paths(value, every_item, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data if every_item else data[:1]):
            yield (*prefix, index)
            yield from field_paths(value, every_item, (*prefix, index))


def mutations(source: Source, every_item: bool, values: tuple[Any, ...]) -> list[Mutation]:
    return [
        Mutation(source.path, at, value)
        for at in field_paths(source.data, every_item)
        for value in values
    ]


def substituted(data: dict[str, Any], at: FieldPath, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    node: Any = out
    for part in at[:-1]:
        node = node[part]
    node[at[-1]] = copy.deepcopy(value)
    return out


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def render(source: Source, data: dict[str, Any]) -> str:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    return text if source.body is None else f"---\n{text}---\n{source.body}"


_UNCHANGED: dict[tuple[str, int], str] = {}  # (path, id of the data) -> its rendering
_WRITTEN: dict[Path, str] = {}  # what each file written here holds now


def write_repository(
    root: Path, example: Path, all_sources: list[Source], chosen: dict[str, Mutation]
) -> None:
    """The example repository under ``root`` with each chosen mutation applied in place
    (writing only the files whose text differs from what this module last wrote there)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".sms-lint.yaml").write_text((example / ".sms-lint.yaml").read_text())
    for source in all_sources:
        mutation = chosen.get(source.path)
        if mutation is None:
            key = (source.path, id(source.data))
            text = _UNCHANGED.get(key) or _UNCHANGED.setdefault(key, render(source, source.data))
        else:
            text = render(source, substituted(source.data, mutation.at, mutation.value))
        target = root / source.path
        if _WRITTEN.get(target) == text and target.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        _WRITTEN[target] = text


def rounds(
    all_sources: list[Source], every_item: bool, values: tuple[Any, ...] = SUBSTITUTES
) -> list[dict[str, Mutation]]:
    """Runs that together apply every mutation once: run r applies the r-th mutation of each
    artifact, so every artifact of a run carries at most one wrong value."""
    per_source = [mutations(s, every_item, values) for s in all_sources]
    longest = max(map(len, per_source))
    return [{m[r].path: m[r] for m in per_source if r < len(m)} for r in range(longest)]
