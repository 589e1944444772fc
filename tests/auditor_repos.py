"""Builders the auditor and rule tests share: artifact headers, Markdown wrappers, the
"only these rules" config, and templates of objectives, risks, audits, reviews and
procedures. The finding extractors (``found``, ``graded``, ``located``) are in conftest."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from conftest import quiet_config
from sms_texts import APPROVED_HEADER, SMS_MANAGER

from sms_lint.checks.management_review import review_inputs

# A KPI and an SLA target that can be measured.
KPI = "  - {name: Share on time, target: 90, unit: percent}\n"
TARGET = '  - {metric: availability, target: 99.9, unit: percent, comparator: ">="}\n'
ALL_CLAUSES = ("4", "5", "6", "7", "8", "9", "10")

# The roles an audit and a management review name (for roles_artifact), in this order.
AUDIT_ROLES = (
    "{id: managing-director, title: MD, holder: Bo Chan, top_management: true,\n"
    "     responsibilities: [Leads]}",
    SMS_MANAGER,
    "{id: change-manager, title: Change manager, holder: Marcus Bell, responsibilities: [CAB]}",
    "{id: internal-auditor, title: Auditor, holder: Gareth Llewellyn, responsibilities: [Audits]}",
)


def header(art_id: str, kind: str, status: str = "approved") -> str:
    """The nine lines of APPROVED_HEADER: the artifact's own fields start on line 10."""
    return APPROVED_HEADER.format(id=art_id, kind=kind, status=status)


def markdown(front: str) -> str:
    """A Markdown artifact: ``front`` as front matter (starting on line 2), then prose."""
    return f"---\n{front}---\n\n# Title\n\nSome prose.\n"


def only(write: Callable, *rules: str) -> None:
    """Keep the schema rule (whose findings fold) and ``rules``."""
    write(".sms-lint.yaml", quiet_config("SMS001", *rules))


OBJECTIVE = """\
  - id: {id}
    statement: {statement}
    metric: p2_resolved_in_8h
    target: 95
    unit: percent
    comparator: ">="
    due: 2027-06-30
    owner: sms-manager
    frequency: monthly
"""


def objective(
    obj_id: str, statement: str = "Resolve 95 percent of P2 incidents within 8 hours"
) -> str:
    """A measurable objective: nine lines, ``id`` on the first, ``target`` on the fourth."""
    return OBJECTIVE.format(id=obj_id, statement=statement)


RISK = """\
  - id: {id}
    description: Loss of the primary data centre link
    likelihood: 3
    impact: 4
    owner: sms-manager
    treatment: {treatment}
    review_by: {review_by}
"""


def risk(
    risk_id: str, treatment: str = "accept", review_by: str = "2027-03-31", actions: str = ""
) -> str:
    """A risk: seven lines, then ``actions`` as given."""
    return RISK.format(id=risk_id, treatment=treatment, review_by=review_by) + actions


def audit(
    audit_id: str,
    date: str,
    *,
    audit_type: str = "internal",
    auditor: str = "internal-auditor",
    auditees: Sequence[str] = ("change-manager",),
    scope: Sequence[object] = ALL_CLAUSES,
    status: str = "draft",
) -> str:
    """An audit; audit_type on line 6, date 7, auditor 8, auditee_roles 9, scope_clauses 10."""
    return (
        f"id: {audit_id}\nkind: audit\ntitle: Audit {audit_id}\nowner: sms-manager\n"
        f"status: {status}\naudit_type: {audit_type}\ndate: {date}\nauditor: {auditor}\n"
        f"auditee_roles: {json.dumps(list(auditees))}\n"
        f"scope_clauses: {json.dumps(list(scope))}\nfindings: []\n"
    )


def review(
    review_id: str,
    date: str,
    *,
    attendees: Sequence[str] = ("managing-director", "sms-manager"),
    inputs: Sequence[str] | None = None,
    status: str = "draft",
    actions: str = "actions: []\n",
) -> str:
    """A management review; date on line 6, attendees 7, inputs_covered 8, actions 9."""
    covered = list(review_inputs()) if inputs is None else list(inputs)
    return (
        f"id: {review_id}\nkind: management-review\ntitle: Review {review_id}\n"
        f"owner: sms-manager\nstatus: {status}\ndate: {date}\n"
        f"attendees: {json.dumps(list(attendees))}\ninputs_covered: {json.dumps(covered)}\n"
        + actions
    )


def procedure(proc_id: str, clauses: Sequence[str], status: str = "approved") -> str:
    """An approved procedure covering ``clauses``; lines (YAML): status 5, clauses 10."""
    return (
        f"id: {proc_id}\nkind: procedure\ntitle: Procedure {proc_id}\nowner: sms-manager\n"
        f'status: {status}\nversion: "1.0"\napproved_by: sms-manager\n'
        "approved_on: 2026-01-10\nlast_reviewed: 2026-06-01\n"
        f"clauses: {json.dumps(list(clauses))}\n"
    )


def not_utf8(byte: str = "0xe9", line: int = 3, char: str = "\u00e9") -> str:
    """What SMS100 says about a file whose ``byte`` at ``line`` is not UTF-8."""
    return (
        f"the file is not UTF-8 (byte {byte} at line {line}, probably '{char}' saved in "
        "Windows-1252 or Latin-1): save it as UTF-8"
    )


# A Windows-1252 0xE9 (é) at line 3: b"...title: Caf\xe9\n" after two header lines.
NOT_UTF8 = not_utf8()


def waits(rules: str) -> str:
    """The note the unread file's own finding gets while ``rules`` (as listed) wait for it."""
    return f"; until then {rules} cannot check what may depend on it"
