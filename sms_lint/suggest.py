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

import difflib
from collections.abc import Iterable

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
        # difflib's ratio is 2*M/(a+b) with M <= min(a, b): at the 0.6 cutoff the shorter
        # string is at least 3/7 of the longer, so other lengths can never be the answer.
        low, high = (3 * length + 6) // 7, (7 * length) // 3
        return [n for n in range(low, high + 1) if n in self._by_length]

    def _closest(self, text: str, pool: list[str]) -> str | None:
        close = difflib.get_close_matches(text, pool, n=1)
        return close[0] if close else None


def did_you_mean(hint: str | None, before: str = " (", after: str = ")") -> str:
    """`` (did you mean 'x'?)`` for a hint, nothing without one."""
    return f"{before}did you mean '{hint}'?{after}" if hint is not None else ""
