"""SMS032's reading of a root cause: whether it only says that someone erred.

A root cause is vague when, lower-cased with punctuation as spaces, every word is a cause word
("error", "oversight"), a word for whoever erred ("operator", "staff") or a filler word ("by",
"the", "night", "shift"), and at least one is a cause word: "Operator error on the night
shift" names who and when, not why. One word beyond the lists ("Human error caused by an
unclear runbook step") is taken as the cause an auditor asks for, since telling a thin cause
from a real one needs a reader; the rule only catches what names nothing at all.

It is also vague when it names who erred with words beyond the lists: a vague lead (as above),
then an agent link ("by", "of"; not "from": "Error from a stale cache" names a cause) and an
agent of at most five words that explains nothing: "Human error by the commercial team",
"Carelessness of the account manager". The agent explains when it holds an explanation word
(because, when, who, without, no, unclear) or the text after the link holds punctuation that
opens an explanation (":", ";", ",", "(", a spaced dash, a second sentence); a link right after
an explanation word ("caused by an outdated runbook") names a cause, not an agent. "Lack" is a
filler, so "lack of attention" is vague while "lack of training" names a cause.

The lists and the agent's length are the rule's parameters (the pack's values; these are the
defaults for an organization's rule that gives none) and are checked when the pack is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any, NamedTuple

from sms_lint.config.pack import PackError, Rule

# What went wrong, said of a person: the words that make a root cause a verdict, not a cause.
CAUSE_WORDS = (
    "error", "mistake", "oversight", "carelessness", "careless", "negligence", "negligent",
    "slip", "lapse", "forgot", "forgetfulness", "forgetting", "inattention", "misjudgement",
    "misjudgment", "blunder", "fault", "attention", "care", "concentration", "focus",
    "unknown", "unidentified",
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
    "night", "day", "shift", "weekend", "call", "duty", "late", "cause", "root", "lack",
    "loss", "poor", "insufficient", "inadequate",
)  # fmt: skip
# The words that join a vague lead to whoever erred: "error by the account manager".
AGENT_LINKS = ("by", "of")  # not "from": "Error from a stale cache" names a cause
# Words that make what follows a link an explanation, not merely who: a cause or circumstance
# ("because", "when", "who") or a deficiency ("without", "no", "unclear", "untrained").
EXPLANATION_WORDS = (
    "because", "due", "caused", "causing", "since", "as", "when", "whenever", "while",
    "whilst", "who", "whom", "whose", "which", "that", "where", "so", "therefore", "hence",
    "after", "before", "during", "until", "unless", "if", "although", "though", "despite",
    "with", "without", "through", "via", "using", "following", "not", "no", "never", "nor",
    "lack", "lacking", "missing", "absent", "unclear", "undocumented", "untrained",
    "unaware", "outdated", "wrong", "incorrect", "insufficient", "inadequate", "poor",
    "overloaded", "rushed", "fatigue", "fatigued", "inexperienced",
)  # fmt: skip
AGENT_MAX_WORDS = 5

_LISTS = {
    "cause_words": CAUSE_WORDS,
    "person_words": PERSON_WORDS,
    "filler_words": FILLER_WORDS,
    "agent_links": AGENT_LINKS,
    "explanation_words": EXPLANATION_WORDS,
}


# Compiled at first use: this module loads for its parameter checks; only the rule reads words.
@cache
def _word() -> re.Pattern[str]:
    return re.compile(r"[^\W_]+")


@cache
def _explaining() -> re.Pattern[str]:
    """After the link, these open an explanation: "by the engineer: the runbook ...", "(no
    handover)", "- no handover", "; ...", ", who ...", or a second sentence. Compiled at
    first use: only a cause that names an agent is searched."""
    return re.compile(r"[:;,(\[]|\s[-\u2013\u2014]+\s|[\u2013\u2014]|[.!?]\W*[^\W_]")


def words(text: str) -> list[str]:
    """Lower case, punctuation (hyphens, apostrophes) as spaces: "Operator's human-error!"
    is operator, s, human, error."""
    return re.sub(r"[\W_]+", " ", text.lower()).split()


class VagueCauses(NamedTuple):  # immutable, and cheaper to define than a frozen dataclass
    cause: frozenset[str]
    person: frozenset[str]
    filler: frozenset[str]
    links: frozenset[str] = frozenset(AGENT_LINKS)
    explaining: frozenset[str] = frozenset(EXPLANATION_WORDS)
    agent_max: int = AGENT_MAX_WORDS

    @classmethod
    def of(cls, params: Mapping[str, Any]) -> VagueCauses:
        found = {name: _word_set(params.get(name), default) for name, default in _LISTS.items()}
        agent_max = params.get("agent_max_words", AGENT_MAX_WORDS)
        return cls(
            found["cause_words"],
            found["person_words"],
            found["filler_words"],
            found["agent_links"],
            found["explanation_words"],
            agent_max if isinstance(agent_max, int) else AGENT_MAX_WORDS,
        )

    def vague(self, text: str) -> bool:
        """Whether ``text`` is nothing but who erred, how and when."""
        return self._only_listed(words(text)) or self._blames_an_agent(text)

    def _only_listed(self, found: list[str]) -> bool:
        if not any(_among(word, self.cause) for word in found):
            return False
        known = self.cause | self.person | self.filler
        return all(_among(word, known) for word in found)

    def _blames_an_agent(self, text: str) -> bool:
        # "<vague lead> by|of|from <agent>": any link whose lead and agent both qualify.
        tokens = list(_word().finditer(text.lower()))
        found = [token.group() for token in tokens]
        for at, word in enumerate(found):
            if word not in self.links or at == 0 or _among(found[at - 1], self.explaining):
                continue
            agent = found[at + 1 :]
            if (
                0 < len(agent) <= self.agent_max
                and self._only_listed(found[:at])
                and not any(_among(each, self.explaining) for each in agent)
                and not _explaining().search(text.lower(), tokens[at].end())
            ):
                return True
        return False


def _among(word: str, known: frozenset[str]) -> bool:
    # A plural is its singular ("errors", "operators"); "-ss" words ("carelessness") are whole.
    return word in known or (len(word) > 3 and word.endswith("s") and word[:-1] in known)


def _word_set(value: Any, default: tuple[str, ...]) -> frozenset[str]:
    entries = value if isinstance(value, list) else default
    return frozenset(word for entry in entries for word in words(str(entry)))


def validate_params(rule: Rule) -> None:
    """Refuse parameters that could not work when the pack is loaded (exit 2, one sentence)."""
    where = f"rule {rule.id} ({rule.pack})"
    unknown = sorted(set(rule.params) - set(_LISTS) - {"agent_max_words"})
    if unknown:
        raise PackError(
            f"{where}: unknown parameter '{unknown[0]}' (root-cause-named takes "
            "cause_words, person_words, filler_words, agent_links and explanation_words, "
            "each a list of single words, and agent_max_words, a whole number)"
        )
    for name, value in rule.params.items():
        if name == "agent_max_words":
            _check_agent_max(where, value)
        else:
            _check_list(where, name, value)
    if rule.params.get("cause_words") == []:
        raise PackError(f"{where}: 'cause_words' is empty, so no root cause could be vague")


def _check_list(where: str, name: str, value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(e, str) for e in value):
        raise PackError(f"{where}: '{name}' must be a list of words")
    for entry in value:
        if len(words(entry)) != 1:
            raise PackError(
                f"{where}: '{name}' holds '{entry}', which is not one word; list each "
                "word on its own (a root cause is judged word by word)"
            )


def _check_agent_max(where: str, value: Any) -> None:
    # bool is an int in Python: "agent_max_words: yes" is a mistake, not 1.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PackError(
            f"{where}: 'agent_max_words' must be a whole number of words, 0 or more "
            "(0 leaves out the form that names who erred)"
        )
