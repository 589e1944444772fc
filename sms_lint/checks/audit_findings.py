"""SMS047 audit-findings-agree (clause 9.2): an audit's ``findings`` and its nonconformities'
``source`` tell the same story.

A nonconformity whose ``source`` names an audit is listed in that audit's ``findings``; an id
in an audit's ``findings`` names a nonconformity whose ``source`` is that audit, or that gives
no source. One nonconformity attributed to two audits is one defect: it is reported at the
audit that lists it, and the nonconformity's own ``source`` is not reported again. An id that
names nothing (or something other than a nonconformity), and a ``source`` naming no audit, are
SMS018's findings; retired audits and nonconformities are withdrawn records and are not judged,
nor is a draft audit (its report may not list its findings yet). An id an audit's findings
list twice is reported once.
"""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.wording import named
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact


def _current(ctx: Context, ident: str | None, kind: str) -> Artifact | None:
    found = ctx.by_id.get(ident.strip()) if ident is not None else None
    if found is None or found.kind != kind or found.status == "retired":
        return None
    if kind == "audit" and not found.approved:
        return None  # a draft report may not list its findings yet
    return found


def _audits(ctx: Context) -> Iterator[Artifact]:
    """The approved audits: a draft report is still being written, a retired one withdrawn."""
    for audit in ctx.of_kind("audit"):
        if audit.approved and audit.id is not None:
            yield audit


def _listed_by(ctx: Context) -> dict[str, list[str]]:
    """Nonconformity id -> ids of the approved audits whose ``findings`` list it."""
    listed: dict[str, list[str]] = {}
    for audit in _audits(ctx):
        for _, ident in audit.strings("findings"):
            listed.setdefault(ident.strip(), []).append((audit.id or "").strip())
    return listed


def audit_findings_agree(ctx: Context, rule: Rule) -> Iterator[Hit]:
    yield from _findings_with_other_source(ctx)
    listed = _listed_by(ctx)
    for nc in ctx.of_kind("nonconformity"):
        if nc.status == "retired" or nc.id is None:
            continue
        audit = _current(ctx, nc.text("source"), "audit")
        if audit is None or audit.id is None or not isinstance(audit.data.get("findings"), list):
            continue  # no audit named, or its findings unusable: the schema's finding
        if listed.get(nc.id.strip()):
            continue  # listed by this audit, or by another: that audit's finding
        yield Hit(
            f"nonconformity {named(nc)} names audit {named(audit)} as its source, but the "
            f"findings of {named(audit)} do not list it: add '{nc.id.strip()}' to its findings, "
            "or correct source if another audit raised it",
            nc,
            at=("source",),
        )


def _findings_with_other_source(ctx: Context) -> Iterator[Hit]:
    for audit in _audits(ctx):
        own = (audit.id or "").strip()
        reported: set[str] = set()  # an entry written twice is one disagreement
        for index, ident in audit.strings("findings"):
            nc = _current(ctx, ident, "nonconformity")
            source = nc.text("source") if nc is not None else None
            if nc is None or source is None or source.strip() == own or ident.strip() in reported:
                continue
            named_source = ctx.by_id.get(source.strip())
            if named_source is None or named_source.kind != "audit":
                continue  # the source names no audit: SMS018's finding
            reported.add(ident.strip())
            yield Hit(
                f"audit {named(audit)} lists nonconformity '{ident.strip()}' among its "
                f"findings, but '{ident.strip()}' names audit '{source.strip()}' as its source: "
                "correct the nonconformity's source, or remove it from these findings if "
                f"'{source.strip()}' raised it",
                audit,
                at=("findings", index),
            )
