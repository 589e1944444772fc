"""The pack as data (:mod:`.model`) from what :mod:`.sources` read and the check's result."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, NamedTuple

from sms_lint import __version__
from sms_lint.config.file import Config
from sms_lint.coverage import ClauseStatus, describe, summary
from sms_lint.export.model import ClauseRow, Cover, DocView, Pack, RegisterRow, Revision
from sms_lint.export.sources import GitSide, SourceFile
from sms_lint.facts import claimed_clauses, holder_of, next_review, roles_index
from sms_lint.html.markup import anchor_id
from sms_lint.model import Artifact
from sms_lint.pipeline.engine import Result
from sms_lint.reporters.base import counts, verdict

# The fields the control header shows; every other field is the document's own data.
HEADER_FIELDS = frozenset(
    ["id", "kind", "title", "owner", "status", "version", "approved_by", "approved_on",
     "last_reviewed", "next_review", "review_interval_months", "clauses", "related"]
)  # fmt: skip
# The order documents follow in the pack (the artifact model's), then any other kind by name.
KIND_ORDER = (
    "scope", "context", "policy", "roles", "objectives", "risk-register", "plan", "process",
    "service", "sla", "supplier", "procedure", "audit", "management-review", "nonconformity",
    "improvement", "measurements",
)  # fmt: skip


class Selection(NamedTuple):
    """Which artifacts the pack holds: these statuses and (when any) these kinds."""

    statuses: tuple[str, ...] = ("approved", "draft")
    kinds: tuple[str, ...] = ()

    def keeps(self, artifact: Artifact) -> bool:
        if artifact.status not in self.statuses:
            return False
        return not self.kinds or artifact.kind in self.kinds

    def words(self) -> str:
        statuses = " and ".join(self.statuses)
        kinds = f" of kind {', '.join(self.kinds)}" if self.kinds else ""
        return f"{statuses} documents{kinds}"


def selected(artifacts: list[Artifact], selection: Selection) -> list[Artifact]:
    """The artifacts the pack holds, in pack order: by kind, then id (then path)."""
    kept = [a for a in artifacts if selection.keeps(a)]
    return sorted(kept, key=lambda a: (_kind_rank(a.kind), a.id or "", a.path))


def _kind_rank(kind: str) -> tuple[int, str]:
    return (KIND_ORDER.index(kind), "") if kind in KIND_ORDER else (len(KIND_ORDER), kind)


def anchors_for(artifacts: list[Artifact]) -> dict[str, str]:
    """Path -> a fragment id unique in the pack, even ignoring case (the folder's file names
    must not collide on a case-insensitive disk): ``doc-POL-002``, then ``doc-POL-002-2``."""
    taken: set[str] = {"doc-index"}
    found = {}
    for artifact in artifacts:
        base = anchor_id("doc", artifact.id or artifact.path)
        anchor, n = base, 1
        while anchor.lower() in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor.lower())
        found[artifact.path] = anchor
    return found


class Inputs(NamedTuple):
    result: Result
    statuses: tuple[ClauseStatus, ...]
    config: Config
    sources: list[SourceFile]
    artifacts: list[Artifact]  # every source with a known kind
    git: GitSide
    selection: Selection
    as_of: datetime.date | None = None  # --as-of: the day the pack shows the SMS as of


def build_pack(inputs: Inputs) -> Pack:
    chosen = selected(inputs.artifacts, inputs.selection)
    anchors = anchors_for(chosen)
    bodies = {s.document.path: s.body for s in inputs.sources}
    roles = roles_index(tuple(inputs.artifacts))
    docs = tuple(_doc_view(a, anchors[a.path], bodies.get(a.path), roles, inputs) for a in chosen)
    return Pack(
        cover=_cover(inputs),
        register=_register(inputs),
        clauses=tuple(_clause_row(s) for s in inputs.statuses),
        documents=docs,
    )


def _doc_view(
    artifact: Artifact,
    anchor: str,
    body: str | None,
    roles: Mapping[str, dict[str, Any]],
    inputs: Inputs,
) -> DocView:
    data = artifact.data
    histories = inputs.git.histories
    history = None if histories is None else histories.get(artifact.path)
    due = None
    if artifact.status != "retired":  # a retired document is no longer reviewed
        due = next_review(artifact, inputs.config.review_interval_months)[0]
    return DocView(
        anchor=anchor,
        label=artifact.id or artifact.path,
        title=artifact.text("title") or "",
        kind=artifact.kind,
        path=artifact.path,
        version=text_of(data.get("version")),
        status=artifact.status or "",
        owner=_role(data.get("owner"), roles),
        approved_by=_role(data.get("approved_by"), roles),
        approved_on=text_of(data.get("approved_on")),
        last_reviewed=text_of(data.get("last_reviewed")),
        next_review=due.isoformat() if due else "",
        clauses=claimed_clauses(artifact, inputs.result.framework),
        related=tuple(text for _, text in artifact.strings("related")),
        data=tuple((str(k), v) for k, v in data.items() if k not in HEADER_FIELDS),
        body=body,
        history=None if history is None else tuple(_revision(r) for r in history),
    )


def text_of(value: Any) -> str:
    """A header value as text ("" when missing or not a scalar)."""
    if value is None or isinstance(value, bool | dict | list):
        return ""
    return str(value).strip()


def _role(value: Any, roles: Mapping[str, dict[str, Any]]) -> str:
    role = text_of(value)
    holder = holder_of(roles.get(role)) if role else None
    return f"{role} ({holder})" if holder else role


def _revision(revision: Mapping[str, Any]) -> Revision:
    merged = revision.get("merged")
    by = f"{merged.get('by', '')} {str(merged.get('date', ''))[:10]}" if merged else ""
    return Revision(
        date=str(revision.get("date") or "")[:10],
        commit=str(revision.get("commit") or "")[:12],
        author=str(revision.get("author") or ""),
        message=str(revision.get("message") or ""),
        version=text_of(revision.get("version")),
        status=text_of(revision.get("status")),
        merged_by=by.strip(),
    )


def _cover(inputs: Inputs) -> Cover:
    from sms_lint.html.model import organization

    result = inputs.result
    scopes = [a for a in inputs.artifacts if a.kind == "scope" and a.status != "retired"]
    scopes.sort(key=lambda a: (not a.approved, a.path))
    scope = scopes[0] if scopes else None
    tally = summary(inputs.statuses)
    return Cover(
        organization=organization(tuple(inputs.artifacts)),
        scope_title=(scope.text("title") or "") if scope else "",
        services=tuple(t for _, t in scope.strings("services")) if scope else (),
        locations=tuple(t for _, t in scope.strings("locations")) if scope else (),
        today=result.today,
        commit=inputs.git.head,
        framework=result.framework.name,
        version=__version__,
        verdict=verdict(result),
        counts=tuple(counts(result).items()),
        clauses_covered=tally["covered"],
        clauses_total=tally["clauses"],
        selection=inputs.selection.words(),
        notes=inputs.git.notes,
        as_of=_as_of(inputs),
    )


def _as_of(inputs: Inputs) -> str:
    """The cover's "As of" line: the day asked for and the commit then in force."""
    if inputs.as_of is None:
        return ""
    committed = (inputs.result.committed or "")[:10]
    return (
        f"{inputs.as_of.isoformat()}: the SMS as it stood in git at the end of that day "
        f"(the commit below, made on {committed})"
    )


def _register(inputs: Inputs) -> tuple[RegisterRow, ...]:
    from sms_lint.commands.register_data import register_rows

    rows = register_rows(inputs.artifacts, inputs.config, inputs.git.changes)
    return tuple(
        RegisterRow(
            label=row["id"] or row["path"],
            title=row["title"] or "",
            kind=row["kind"],
            owner=row["owner"] or "",
            version=row["version"] or "",
            status=row["status"] or "",
            last_reviewed=row["last_reviewed"] or "",
            next_review=row["next_review"] or "",
            last_change=_change(row["last_change"]),
        )
        for row in rows
    )


def _change(change: Mapping[str, Any] | None) -> str:
    if not change:
        return ""
    return f"{str(change.get('date', ''))[:10]} {str(change.get('commit', ''))[:7]}"


def _clause_row(status: ClauseStatus) -> ClauseRow:
    return ClauseRow(
        clause=status.clause,
        title=status.title,
        status=status.status,
        detail=describe(status),
        evidence=status.evidence,
        records=status.records,
    )
