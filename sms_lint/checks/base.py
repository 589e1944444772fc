"""What a check function receives and returns."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from sms_lint.config.file import Config
from sms_lint.config.pack import Framework
from sms_lint.model import Artifact
from sms_lint.parse.declared import RETIRED
from sms_lint.words import listing

if TYPE_CHECKING:
    from sms_lint.gitrepo.changes import ChangeSet


@dataclass(frozen=True)
class Hit:
    """A rule's verdict on one place: ``artifact`` None means repository-wide; ``at`` is the
    path into the artifact's data the finding points at; ``clause`` overrides the rule's.

    ``about`` names the fields or items the defect concerns (default: ``at`` alone), so that
    the schema's finding about one of them folds into this one. ``grade`` picks one of the
    rule's named grades in the pack (``grades: {isolated: minor}``) when the grade depends on
    what is affected; the severity itself stays in the pack and the config.

    ``position`` is the (line, column) of the file itself, for what has no data path: the
    text of a Markdown body (a placeholder on line 31) or its front matter's closing fence.
    It wins over ``at`` for the finding's place; give it with an empty ``at`` and ``about``
    (nothing in the data is concerned, so no schema finding folds in).
    """

    message: str
    artifact: Artifact | None = None
    at: tuple = ()
    clause: str | None = None
    about: tuple[tuple, ...] = ()
    grade: str | None = None
    position: tuple[int, int] | None = None

    @property
    def subjects(self) -> tuple[tuple, ...]:
        if self.about:
            return self.about
        return (self.at,) if self.at else ()


@dataclass(frozen=True)
class Context:
    """Everything a check may look at. Artifacts are in path order."""

    artifacts: tuple[Artifact, ...]
    framework: Framework
    today: datetime.date
    config: Config
    changes: ChangeSet | None = None  # with --base: what changed since that revision
    # Candidate files that could not be read or parsed into an artifact: a rule that finds
    # something missing names them as the likely cause instead of advising to add it.
    unread: tuple[str, ...] = ()
    # Path -> rank in the order the files entered git history (0 first); files git does not
    # know rank last. Filled only for files that share an id (the duplicate-id rule).
    added: Mapping[str, int] = field(default_factory=dict)
    # Unread path -> the (kind, id) its text declares, None where it cannot be told.
    declared: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # Path -> the day (YYYY-MM-DD) a committed file among those entered git, for messages.
    added_on: Mapping[str, str] = field(default_factory=dict)

    def of_kind(self, *kinds: str) -> list[Artifact]:
        return [a for a in self.artifacts if a.kind in kinds]

    @cached_property
    def review_dates(self) -> Mapping[str, tuple[datetime.date | None, str, tuple]]:
        """Path -> (next review date, how it was worked out, the field a finding points at)
        for every approved artifact; several rules and reports need it, worked out once."""
        from sms_lint.facts import is_record, next_review

        dates = {}
        interval = self.config.review_interval_months
        for artifact in self.artifacts:
            if artifact.approved and not is_record(artifact):  # records are not reviewed
                due, how = next_review(artifact, interval)
                # The field the date was worked out from (a next_review superseded by a later
                # review is not it).
                field = "next_review" if how.startswith("next_review") else "last_reviewed"
                dates[artifact.path] = (due, how, (field,))
        return dates

    @cached_property
    def by_id(self) -> Mapping[str, Artifact]:
        """The artifact each id names: of several sharing one (their own finding, SMS002),
        the one that entered git first, else the first in path order."""
        index: dict[str, Artifact] = {}
        last = len(self.added)
        for artifact in self.artifacts:
            if artifact.id is None:
                continue
            held = index.setdefault(artifact.id, artifact)
            if self.added.get(artifact.path, last) < self.added.get(held.path, last):
                index[artifact.id] = artifact
        return index

    def unread_cause(self, kind: str | None = None, ident: str | None = None) -> str | None:
        """ "sms/roles.yaml could not be read" (or "a.yaml and b.yaml could not be read", at
        most three named) when some candidate file could not be read; None when all were.

        With ``kind`` or ``ident``, only the unread files that may hold an artifact of that
        kind or with that id count: those whose text declares that kind or id, or none."""
        unread = [path for path in self.unread if self._may_hold(path, kind, ident)]
        if not unread:
            return None
        named = unread[:3]
        more = len(unread) - len(named)
        listed = listing(named)
        if more:
            listed = ", ".join(named) + f" and {more} more file{'s' if more > 1 else ''}"
        return f"{listed} could not be read"

    def _may_hold(self, path: str, kind: str | None, ident: str | None) -> bool:
        said_kind, said_id = self.declared.get(path, (None, None))
        if said_kind == RETIRED:  # gives no evidence, satisfies nothing: only its id is sought
            return ident is not None and said_id in (None, ident)
        if kind is not None and said_kind is not None and said_kind != kind:
            return False
        return ident is None or said_id is None or said_id == ident  # "": it declares no id
