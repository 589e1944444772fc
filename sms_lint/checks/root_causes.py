"""SMS032's reading of a root cause: whether it only says that someone erred.

A root cause is vague when, lower-cased with punctuation as spaces, every word is a cause word
("error", "oversight"), a word for whoever erred ("operator", "staff") or a filler word ("by",
"the", "night", "shift"), and at least one is a cause word: "Operator error on the night
shift" names who and when, not why. One word beyond the lists ("Human error caused by an
unclear runbook step") is taken as the cause an auditor asks for, since telling a thin cause
from a real one needs a reader; the rule only catches what names nothing at all.

The three lists are the rule's parameters (the pack's values; these are the defaults for an
organization's rule that gives none) and are checked when the pack is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sms_lint.pack import PackError, Rule

# What went wrong, said of a person: the words that make a root cause a verdict, not a cause.
CAUSE_WORDS = (
    "error", "mistake", "oversight", "carelessness", "careless", "negligence", "negligent",
    "slip", "lapse", "forgot", "forgetfulness", "forgetting", "inattention", "misjudgement",
    "misjudgment", "blunder", "fault",
)  # fmt: skip
# Who erred: naming the person (or their role) adds no cause.
PERSON_WORDS = (
    "human", "staff", "operator", "user", "employee", "engineer", "technician", "person",
    "individual", "team", "people", "personnel", "member", "colleague", "admin",
    "administrator", "analyst", "developer", "agent", "contractor", "worker", "manager",
    "someone", "somebody",
)  # fmt: skip
# Grammar, emphasis and circumstance (when, on which shift): none of them says why.
FILLER_WORDS = (
    "a", "an", "the", "by", "of", "on", "from", "in", "during", "at", "for", "with", "while",
    "made", "was", "were", "is", "has", "had", "been", "our", "their", "his", "her", "its",
    "my", "s", "this", "that", "one", "some", "and", "or", "to", "due", "caused", "because",
    "simple", "just", "only", "pure", "purely", "plain", "honest", "genuine", "minor",
    "night", "day", "shift", "weekend", "call", "duty", "late",
)  # fmt: skip

_LISTS = {"cause_words": CAUSE_WORDS, "person_words": PERSON_WORDS, "filler_words": FILLER_WORDS}


def words(text: str) -> list[str]:
    """Lower case, punctuation (hyphens, apostrophes) as spaces: "Operator's human-error!"
    is operator, s, human, error."""
    return re.sub(r"[\W_]+", " ", text.lower()).split()


@dataclass(frozen=True)
class VagueCauses:
    cause: frozenset[str]
    person: frozenset[str]
    filler: frozenset[str]

    @classmethod
    def of(cls, params: Mapping[str, Any]) -> VagueCauses:
        found = {name: _word_set(params.get(name), default) for name, default in _LISTS.items()}
        return cls(found["cause_words"], found["person_words"], found["filler_words"])

    def vague(self, text: str) -> bool:
        """Whether ``text`` is nothing but who erred, how and when."""
        found = words(text)
        if not any(_among(word, self.cause) for word in found):
            return False
        known = self.cause | self.person | self.filler
        return all(_among(word, known) for word in found)


def _among(word: str, known: frozenset[str]) -> bool:
    # A plural is its singular ("errors", "operators"); "-ss" words ("carelessness") are whole.
    return word in known or (len(word) > 3 and word.endswith("s") and word[:-1] in known)


def _word_set(value: Any, default: tuple[str, ...]) -> frozenset[str]:
    entries = value if isinstance(value, list) else default
    return frozenset(word for entry in entries for word in words(str(entry)))


def validate_params(rule: Rule) -> None:
    """Refuse lists that could not work when the pack is loaded (exit 2, one sentence)."""
    where = f"rule {rule.id} ({rule.pack})"
    unknown = sorted(set(rule.params) - set(_LISTS))
    if unknown:
        raise PackError(
            f"{where}: unknown parameter '{unknown[0]}' (root-cause-named takes "
            "cause_words, person_words and filler_words, each a list of single words)"
        )
    for name, value in rule.params.items():
        if not isinstance(value, list) or not all(isinstance(e, str) for e in value):
            raise PackError(f"{where}: '{name}' must be a list of words")
        for entry in value:
            if len(words(entry)) != 1:
                raise PackError(
                    f"{where}: '{name}' holds '{entry}', which is not one word; list each "
                    "word on its own (a root cause is judged word by word)"
                )
    if rule.params.get("cause_words") == []:
        raise PackError(f"{where}: 'cause_words' is empty, so no root cause could be vague")
