"""Deterministic prose for the generated Markdown procedures (benchmarks/generate.py).

Sentences are drawn from a pool made once per seed, so a 100k corpus is written in seconds; each
body is 2-5 KB with headings, a paragraph or two per section, a bulleted and a numbered list, a
table and links by id. Nothing in it is a placeholder or a marker sms-lint reports.
"""

from __future__ import annotations

import random

SUBJECTS = (
    "The service desk",
    "The change manager",
    "The on-call engineer",
    "Each team lead",
    "The incident manager",
    "The supplier manager",
    "The release coordinator",
    "The problem analyst",
    "The duty manager",
    "The platform team",
)
VERBS = (
    "records",
    "reviews",
    "confirms",
    "escalates",
    "approves",
    "schedules",
    "checks",
    "updates",
    "closes",
    "reports",
)
OBJECTS = (
    "the change record",
    "the affected configuration items",
    "the customer notification",
    "the backout plan",
    "the monitoring alerts",
    "the knowledge article",
    "the supplier ticket",
    "the capacity forecast",
    "the test evidence",
    "the service report",
)
QUALIFIERS = (
    "before the maintenance window opens",
    "within one working day",
    "at the weekly review",
    "when the priority changes",
    "once the customer has confirmed the fix",
    "after every major incident",
    "for each standard change",
    "as soon as the alert clears",
    "at the end of each month",
    "before the record is closed",
)
TOPICS = (
    "Handover between shifts",
    "Out-of-hours cover",
    "Evidence kept",
    "Exceptions",
    "Measuring the outcome",
    "Working with suppliers",
    "Communication",
    "Continual improvement",
)
TITLES = (
    "Preparing a {p} review",
    "Recording {p} work in the service tool",
    "Escalating {p} cases",
    "Closing {p} records",
    "Reporting on {p} performance",
)
ROLES = (("Service desk", "Logs and routes"), ("Team lead", "Assigns and reviews"))
ROLES += (("Duty manager", "Escalates and informs"), ("Supplier manager", "Engages suppliers"))


class Prose:
    """A pool of sentences for one seed; ``body`` draws from it with the caller's generator."""

    def __init__(self, seed: int, size: int = 600) -> None:
        rng = random.Random(seed)
        self.sentences = [self._sentence(rng) for _ in range(size)]

    @staticmethod
    def _sentence(rng: random.Random) -> str:
        subject, verb, obj = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)
        return f"{subject} {verb} {obj} {rng.choice(QUALIFIERS)}."

    def title(self, rng: random.Random, process: str) -> str:
        return rng.choice(TITLES).format(p=process)

    def paragraph(self, rng: random.Random, budget: int) -> str:
        """Three to six sentences, fewer when the budget (characters) runs out."""
        words: list[str] = []
        used = 0
        for _ in range(rng.randint(3, 6)):
            sentence = rng.choice(self.sentences)
            if words and used + len(sentence) + 1 > budget:
                break
            words.append(sentence)
            used += len(sentence) + 1
        return " ".join(words)

    def body(self, rng: random.Random, title: str, n: int, refs: dict[str, str]) -> str:
        """A 2-5 KB body; ``refs`` maps each linked id to its path from the document."""
        target = rng.randint(2200, 5000)
        links = [f"[{ident}]({path})" for ident, path in refs.items()]
        parts = [f"# {title}\n", f"This procedure applies to {links[0]}.", ""]
        parts += ["## Purpose\n", self.paragraph(rng, 600), ""]
        parts += ["## Scope\n", self.paragraph(rng, 400), ""]
        parts += [f"- {rng.choice(self.sentences)}" for _ in range(3)] + [""]
        parts += ["## Responsibilities\n", "| Role | Responsibility |", "|---|---|"]
        parts += [f"| {role} | {duty} |" for role, duty in ROLES] + [""]
        parts += ["## Steps\n"]
        parts += [f"{i}. {rng.choice(self.sentences)}" for i in range(1, rng.randint(4, 8))]
        parts.append("")
        tail = ["## Related documents\n", *(f"- {link}" for link in links), ""]
        size = sum(len(p) + 1 for p in parts + tail)
        topics = list(TOPICS)
        rng.shuffle(topics)
        # Sections until the target: each paragraph stops short of it, so a body ends within a
        # sentence of the target and never above 5 KB.
        for topic in topics * 2:
            if size >= target - 80:
                break
            text = self.paragraph(rng, max(80, target - size - len(topic) - 6))
            parts += [f"## {topic}\n", text, ""]
            size += len(topic) + len(text) + 6
        return "\n".join(parts + tail)
