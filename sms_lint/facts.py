"""Facts derived from artifacts that rules, reports and commands share: month arithmetic, the
role index, review dates, clause evidence. Outside the checks package so that importing them
does not load every check."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from sms_lint.model import Artifact, clause_text
from sms_lint.parse.date_readings import month_days

if TYPE_CHECKING:  # the pack module imports YAML: register reads simple files without it
    from sms_lint.config.pack import Framework


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day (Jan 31 + 1 =
    Feb 28), and to the calendar's ends: 9999-06-01 + 12 months is 9999-12-31 (never due;
    a last_reviewed in the future is SMS006's finding), not an overflow."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > datetime.MAXYEAR:
        return datetime.date.max
    if year < datetime.MINYEAR:
        return datetime.date.min
    return day.replace(year=year, month=month, day=min(day.day, month_days(year, month)))


def add_days(day: datetime.date, days: int) -> datetime.date:
    """``day`` plus ``days`` days, clamped to the calendar's ends instead of overflowing."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.max if days > 0 else datetime.date.min


def roles_index(artifacts: tuple[Artifact, ...]) -> Mapping[str, dict[str, Any]]:
    """Role id -> role entry, from every ``roles`` artifact that is not retired."""
    index: dict[str, dict[str, Any]] = {}
    for artifact in artifacts:
        if artifact.kind == "roles" and artifact.status != "retired":
            for _, role in artifact.items("roles"):
                role_id = role.get("id")
                if isinstance(role_id, str):
                    index.setdefault(role_id, role)
    return index


# Holders that name nobody: the role is honestly vacant (not a placeholder, a gap to write).
NOBODY = frozenset(
    ["n/a", "na", "-", "?", "none", "vacant", "unassigned", "unfilled", "open", "tba"]
)


# ... and how honest prose says so: "Vacant (recruiting)", "to be appointed in May".
# Compiled at first use: only the rules ask who holds a role.
@cache
def _nobody_words() -> re.Pattern[str]:
    return re.compile(r"(?:vacant|unfilled|to be (?:appointed|recruited|named))\b")


def holder_of(role: Any) -> str | None:
    """The person a role entry names as its holder, or None: no holder, a blank one, or one
    that names nobody (``Vacant``, ``N/A``, ``to be appointed``)."""
    holder = role.get("holder") if isinstance(role, dict) else None
    if not isinstance(holder, str):
        return None
    words = " ".join(holder.split()).lower()
    if words in NOBODY or _nobody_words().match(words):
        return None
    return holder.strip() or None


def same_person(first: str, second: str) -> bool:
    """Whether two names are one person's, ignoring case and spacing ("Marcus  bell")."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def review_interval(artifact: Artifact, default_months: int) -> int:
    """The artifact's own interval when it is one the schema allows (1 to 120), else the
    default (the schema finding reports the bad value)."""
    months = artifact.data.get("review_interval_months")
    if isinstance(months, int) and not isinstance(months, bool) and 1 <= months <= 120:
        return months
    return default_months


RECORD_KINDS = ("audit", "management-review", "measurements")


def is_record(artifact: Artifact) -> bool:
    """Whether the artifact is a record (retained as evidence of what happened, never
    re-reviewed): an audit report, management-review minutes, a measurements record, a
    nonconformity once closed.
    Everything else is a document, reviewed on its cycle."""
    if artifact.kind in RECORD_KINDS:
        return True
    return artifact.kind == "nonconformity" and artifact.text("nc_status") == "closed"


def next_review(artifact: Artifact, default_months: int) -> tuple[datetime.date | None, str]:
    """When the artifact is next due for review, and how that was worked out (for messages).

    ``last_reviewed`` plus the interval, or ``next_review`` when it comes sooner: it may bring
    a review forward, never put it off beyond the interval (a longer cycle is
    ``review_interval_months``). A ``next_review`` on or before ``last_reviewed`` was held, if
    late, and is spent. A record (:func:`is_record`) has none.
    """
    if is_record(artifact):
        return None, "a record: retained, not reviewed"
    explicit = artifact.date("next_review")
    last = artifact.date("last_reviewed")
    if last is None:
        return (explicit, f"next_review {explicit}") if explicit else (None, "")
    months = review_interval(artifact, default_months)
    interval_due = add_months(last, months)
    if explicit is not None and last < explicit <= interval_due:
        return explicit, f"next_review {explicit}"
    return interval_due, f"last_reviewed {last} + {months} months"


def evidence_clauses(artifact: Artifact, framework: Framework) -> tuple[str, ...]:
    """Every clause the artifact documents once approved: its kind's, its typed value's, its
    own; none when it has no content (a Markdown body of headings only) or it is a record (an
    audit report, minutes: they show a clause operating, never document it): the pack's
    ``evidence:`` section says which kinds are records."""
    rules = framework.evidence
    if not rules.has_content(artifact) or not rules.may_document(artifact):
        return ()
    return claimed_clauses(artifact, framework)


def claimed_clauses(artifact: Artifact, framework: Framework) -> tuple[str, ...]:
    """Every clause the artifact claims, whatever its content: its kind's, its typed
    value's, what it is called (the pack's ``named_documents``), its own ``clauses`` list."""
    found: list[str] = list(framework.kind_clauses.get(artifact.kind, ()))
    found.extend(framework.evidence.named_clauses(artifact))
    for field, table in framework.value_clauses.items():
        value = artifact.data.get(field)
        if field in _VALUE_FIELDS.get(artifact.kind, ()) and isinstance(value, str):
            found.extend(table.get(value, ()))
    claimed = artifact.data.get("clauses")
    for value in claimed if isinstance(claimed, list) else ():
        text = clause_text(value)
        if text:
            found.append(text)
    return tuple(dict.fromkeys(found))


# Which value table applies to which kind (a `process` field on a service means nothing).
_VALUE_FIELDS = {"policy": ("policy_type",), "plan": ("plan_type",), "process": ("process",)}


def clause_covers(evidence: str, clause: str) -> bool:
    """Whether evidence for ``evidence`` counts for ``clause``: the same clause, a finer one
    (8.5.1.1 counts for 8.5.1), or a whole clause ("8" counts for 8.5.1)."""
    return (
        evidence == clause or evidence.startswith(clause + ".") or clause.startswith(evidence + ".")
    )
