"""Many gitignore-like globs matched against many paths without trying every pair.

A hostile config can hold thousands of ``exclude`` patterns or waiver paths; trying each on each
of thousands of files was quadratic (3,000 x 3,000 took 34 s). A :class:`PatternSet` is built
once: patterns are filed in a tree by their leading literal folders, and below that by something
every match must contain (a literal segment equal to one of the path's names, or failing that a
run of up to eight literal characters inside one name). A path looks up only the patterns whose
requirement it meets and verifies those; only patterns made of wildcards alone are tried on
every path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase

_MAGIC = frozenset("*?[")
_GRAM = 8  # longest literal piece indexed: long enough that generated patterns rarely share one


def segments(pattern: str) -> tuple[str, ...]:
    return tuple(pattern.strip().removeprefix("./").strip("/").split("/"))


def match_segments(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Whether ``parts`` (a path's folders and name) match ``pattern`` or begin with a match
    (a pattern naming a folder excludes everything below it).

    ``**`` matches any number of folders; other segments match one name with ``fnmatch``
    (``*``, ``?``, ``[...]``), whose regexes do not backtrack catastrophically. Memoised on
    positions, so the cost is at most pattern length x path depth however many ``**`` a
    (possibly hostile) config holds.
    """
    seen: dict[tuple[int, int], bool] = {}

    def match(p: int, s: int) -> bool:
        key = (p, s)
        if key not in seen:
            if p == len(pattern):
                seen[key] = True  # the rest of the path lies below a matched folder
            elif pattern[p] == "**":
                seen[key] = any(match(p + 1, k) for k in range(s, len(parts) + 1))
            else:
                seen[key] = (
                    s < len(parts) and fnmatchcase(parts[s], pattern[p]) and match(p + 1, s + 1)
                )
        return seen[key]

    return match(0, 0) and (len(pattern) > 0)


def _literal(segment: str) -> bool:
    return segment != "**" and not (_MAGIC & set(segment))


def _grams(segment: str) -> set[str]:
    """Texts every name this segment matches contains: pieces of its literal runs, up to
    eight characters long."""
    if segment == "**":
        return set()
    found = set()
    for run in _literal_runs(segment):
        for size in range(1, min(len(run), _GRAM) + 1):
            found.update(run[i : i + size] for i in range(len(run) - size + 1))
    return found


def _literal_runs(segment: str) -> list[str]:
    """The runs of characters ``fnmatch`` matches literally: outside ``*``, ``?`` and
    ``[...]`` classes (found as fnmatch.translate finds them; an unclosed ``[`` is literal)."""
    runs, current, i = [], "", 0
    while i < len(segment):
        char = segment[i]
        end = _class_end(segment, i) if char == "[" else None
        if char in "*?" or end is not None:
            runs.append(current)
            current = ""
            i = end + 1 if end is not None else i + 1
        else:
            current += char
            i += 1
    return [run for run in [*runs, current] if run]


def _class_end(segment: str, start: int) -> int | None:
    j = start + 1
    if j < len(segment) and segment[j] == "!":
        j += 1
    if j < len(segment) and segment[j] == "]":
        j += 1
    end = segment.find("]", j)
    return end if end >= 0 else None


def _name_grams(name: str) -> Iterator[str]:
    for size in range(1, _GRAM + 1):
        for i in range(len(name) - size + 1):
            yield name[i : i + size]


class _Node:
    """Patterns whose leading literal folders lead here, filed by what a match must contain."""

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.whole: list[int] = []  # patterns that end here: they match everything below
        self.by_name: dict[str, list[int]] = {}
        self.by_gram: dict[str, list[int]] = {}
        self.always: list[int] = []  # wildcards only: tried on every path that gets here


class PatternSet:
    """Compiled patterns; ``patterns`` keeps them in first-seen order (their indexes)."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(dict.fromkeys(p for p in patterns if p.strip()))
        self._segments = [segments(p) for p in self.patterns]
        self._depth = [0] * len(self.patterns)  # literal folders before the rest
        self._root = _Node()
        counts: dict[str, int] = {}
        for segs in self._segments:
            for gram in set().union(*map(_grams, segs)):
                counts[gram] = counts.get(gram, 0) + 1
        for index, segs in enumerate(self._segments):
            self._file(index, segs, counts)

    def _file(self, index: int, segs: tuple[str, ...], counts: dict[str, int]) -> None:
        node, depth = self._root, 0
        while depth < len(segs) and _literal(segs[depth]):
            node = node.children.setdefault(segs[depth], _Node())
            depth += 1
        self._depth[index] = depth
        rest = segs[depth:]
        if not rest:
            node.whole.append(index)
            return
        names = [s for s in rest if _literal(s)]
        if names:
            node.by_name.setdefault(names[0], []).append(index)
            return
        grams = set().union(*map(_grams, rest))
        if grams:  # the rarest, so that a path meets few patterns' requirement by chance
            rarest = min(grams, key=lambda g: (counts[g], -len(g), g))
            node.by_gram.setdefault(rarest, []).append(index)
        else:
            node.always.append(index)

    def matching(self, path: str) -> Iterator[int]:
        """Indexes of the patterns ``path`` matches, smallest first."""
        parts = tuple(path.split("/"))
        found: set[int] = set()
        candidates: set[int] = set()
        node: _Node | None = self._root
        depth = 0
        while node is not None:
            found.update(node.whole)
            candidates.update(self._candidates(node, parts[depth:]))
            node = node.children.get(parts[depth]) if depth < len(parts) else None
            depth += 1
        for index in sorted(found | candidates):
            if index in found or match_segments(
                self._segments[index][self._depth[index] :], parts[self._depth[index] :]
            ):
                yield index

    def _candidates(self, node: _Node, rest: tuple[str, ...]) -> Iterator[int]:
        yield from node.always
        if node.by_name:
            for name in set(rest):
                yield from node.by_name.get(name, ())
        if node.by_gram:
            for gram in {g for name in rest for g in _name_grams(name)}:
                yield from node.by_gram.get(gram, ())

    def first(self, path: str) -> int | None:
        """The smallest index of a pattern ``path`` matches, or None."""
        return next(self.matching(path), None)
