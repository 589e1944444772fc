"""Hints ("did you mean ...?") at a bounded cost, however many misses a file or repository holds.

difflib compares a word with every candidate, so a hint per miss costs misses x candidates, and
both grow with a hostile input (10,000 dangling ids among 10,000 real ones took minutes). A
:class:`Suggester` is built once from the candidates (sorted once, grouped by length) and spends
from a fixed budget of work: once the budget is spent, later misses get no hint. Which misses
get one depends only on the order they are asked in, so output stays deterministic. The hint
itself is difflib's best match above its 0.6 cutoff, as before; candidates whose length rules
that out are never compared.

The one place to make hints stricter (same prefix, small edit distance) is
:meth:`Suggester._closest`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

# Work units: one unit is about one short comparison (13 us); a comparison of a word of
# length a with a candidate of length b costs 1 + a*b/100 (difflib's ratio is O(a*b) worst).
RUN_BUDGET = 100_000  # per check of a repository: at most about 1.5 s of hints
FILE_BUDGET = 10_000  # per file (schema explanations): at most about 0.15 s
MAX_LENGTH = 100  # longer words and candidates are never compared: no one mistypes those


class Budget:
    """Work units hints may still spend; shared by the suggesters of one file or run."""

    def __init__(self, units: int) -> None:
        self.left = units

    def spend(self, units: int) -> bool:
        """Take ``units`` if they are left; once one request does not fit, nothing is left (so
        the misses that get hints are simply the first ones)."""
        if units > self.left:
            self.left = 0
            return False
        self.left -= units
        return True


class Suggester:
    """The closest candidate to a word, from candidates fixed when it is built."""

    def __init__(self, candidates: Iterable[object], budget: Budget) -> None:
        self._by_length: dict[int, list[str]] = {}
        for text in sorted({str(c) for c in candidates}):
            if len(text) <= MAX_LENGTH:
                self._by_length.setdefault(len(text), []).append(text)
        self._budget = budget
        self._memo: dict[str, str | None] = {}

    def hint(self, word: object) -> str | None:
        """The best candidate for ``word``, or None (no close one, or no budget left). The same
        word always gets the same answer within one suggester."""
        text = str(word)
        if text in self._memo:
            return self._memo[text]
        if not text or len(text) > MAX_LENGTH or self._budget.left <= 0:
            return None
        lengths = self._lengths(len(text))
        # priced per length bucket, before any candidate is touched: a miss the budget cannot
        # pay for costs O(MAX_LENGTH), whatever the number of candidates
        cost = sum(len(self._by_length[n]) * (1 + len(text) * n // 100) for n in lengths)
        if not self._budget.spend(cost):
            return None
        found = self._closest(text, [c for n in lengths for c in self._by_length[n]])
        self._memo[text] = found
        return found

    def _lengths(self, length: int) -> list[int]:
        # Each edit changes the length by at most one: other lengths can never be the answer.
        edits = allowed_edits(length)
        return [n for n in range(length - edits, length + edits + 1) if n in self._by_length]

    def _closest(self, text: str, pool: list[str]) -> str | None:
        """The candidate a typo most plausibly came from, or None: the fewest edits (case
        aside) within :func:`allowed_edits`, of the same shape (:func:`_same_shape`); among
        equals, difflib's most similar (then the first in sorted order)."""
        best, word = allowed_edits(len(text)), text.casefold()
        nearest: list[str] = []
        for candidate in pool:
            if _same_shape(text, candidate):
                distance = _edits(word, candidate.casefold(), best)
                if distance < best or (distance == best and not nearest):
                    best, nearest = distance, [candidate]
                elif distance == best:
                    nearest.append(candidate)
        if len(nearest) > 1:  # the pool is sorted: among equally similar, the first
            import difflib  # here: most runs ask for no hint, and fewer still tie

            nearest.sort(key=lambda c: -difflib.SequenceMatcher(None, text, c).ratio())
        return nearest[0] if nearest else None


def allowed_edits(length: int) -> int:
    """How many edits a typo of a word this long may plausibly hold: one per five
    characters, at least one (none for one- or two-character words)."""
    return max(1, length // 5) if length > 2 else 0


@cache
def _shapes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Letters, numbers and what makes a word id-like (POL-001, SVC-ON, obj-1: a kind prefix
    and a name); compiled at first use, as most runs ask for no hint."""
    return re.compile(r"[A-Za-z]*"), re.compile(r"\d+"), re.compile(r"\d|^[A-Z]+[-_.]")


def _same_shape(word: str, candidate: str) -> bool:
    """For an id-like word: the same leading letters (its kind: POL, SVC) and the same numbers
    (SVC-01 may be SVC-1; NC-2026-004 is not NC-2026-005, a different record)."""
    letters, numbers, id_like = _shapes()
    if not id_like.search(word):
        return True
    prefix = letters.match(word)
    other = letters.match(candidate)
    if prefix is None or other is None or prefix[0].casefold() != other[0].casefold():
        return False
    return [int(n) for n in numbers.findall(word)] == [int(n) for n in numbers.findall(candidate)]


def _edits(a: str, b: str, limit: int) -> int:
    """Edit distance (insert, delete, substitute, swap two neighbours) of ``a`` and ``b``, or
    ``limit + 1`` as soon as it must exceed ``limit`` (rows are cut off early)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


def did_you_mean(hint: str | None, before: str = " (", after: str = ")") -> str:
    """`` (did you mean 'x'?)`` for a hint, nothing without one."""
    return f"{before}did you mean '{hint}'?{after}" if hint is not None else ""
