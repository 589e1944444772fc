"""The pack as data, worked out before any markup is written (nothing here reads the clock, the
file system or git, so the same inputs give the same pack)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Revision:
    """One commit that changed a document, as its history shows it."""

    date: str  # YYYY-MM-DD
    commit: str  # short hash
    author: str
    message: str
    version: str
    status: str
    merged_by: str  # "" when the history shows no approver


@dataclass(frozen=True)
class DocView:
    """One exported artifact: its control header, its data and its Markdown body."""

    anchor: str  # unique fragment id (and, in a folder, the page's file name without .html)
    label: str  # the id (the path for an artifact without one)
    title: str
    kind: str
    path: str
    version: str
    status: str
    owner: str  # role id, with its holder when the roles artifact names one
    approved_by: str
    approved_on: str
    last_reviewed: str
    next_review: str
    clauses: tuple[str, ...]
    related: tuple[str, ...]  # ids as written
    data: tuple[tuple[str, Any], ...]  # the fields not in the control header, in file order
    body: str | None  # Markdown source below the front matter (None: a YAML artifact)
    history: tuple[Revision, ...] | None  # None: no git history to show


@dataclass(frozen=True)
class ClauseRow:
    clause: str
    title: str
    status: str  # "covered" or "gap"
    detail: str
    evidence: tuple[str, ...]  # labels (ids) of approved documents
    records: tuple[str, ...]


@dataclass(frozen=True)
class Cover:
    organization: str
    scope_title: str
    services: tuple[str, ...]
    locations: tuple[str, ...]
    today: datetime.date
    commit: str | None  # HEAD's full hash; None outside git
    framework: str
    version: str  # sms-lint's
    verdict: str
    counts: tuple[tuple[str, int], ...]  # finding counts by severity, then excused ones
    clauses_covered: int
    clauses_total: int
    selection: str  # which documents the pack holds ("approved and draft documents")
    notes: tuple[str, ...]  # what the pack could not show (no git, shallow clone)
    as_of: str = ""  # --as-of: which day and commit the pack shows ("" for the work tree)


@dataclass(frozen=True)
class RegisterRow:
    label: str
    title: str
    kind: str
    owner: str
    version: str
    status: str
    last_reviewed: str
    next_review: str
    last_change: str  # "YYYY-MM-DD abc1234" or ""


@dataclass(frozen=True)
class Pack:
    cover: Cover
    register: tuple[RegisterRow, ...]
    clauses: tuple[ClauseRow, ...]
    documents: tuple[DocView, ...]

    def anchors(self) -> dict[str, str]:
        """Label -> anchor of every exported document (the first one of a shared id)."""
        found: dict[str, str] = {}
        for doc in self.documents:
            found.setdefault(doc.label, doc.anchor)
        return found
