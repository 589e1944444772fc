"""Artifact texts the rule tests share: a roles artifact and an approved artifact's header."""

from __future__ import annotations

SMS_MANAGER = (
    "{id: sms-manager, title: SMS manager, holder: Ann Lee, responsibilities: [Runs the SMS]}"
)
MANAGING_DIRECTOR = (
    "{id: managing-director, title: MD, holder: Bo Chan, responsibilities: [Approves]}"
)


def roles_artifact(*roles: str, status: str = "draft") -> str:
    """A roles artifact (ROLES-1, owned by sms-manager) listing ``roles``, YAML flow mappings
    (by default the SMS manager and the managing director); the first role is on line 7."""
    listed = "".join(f"  - {role}\n" for role in roles or (SMS_MANAGER, MANAGING_DIRECTOR))
    return (
        f"id: ROLES-1\nkind: roles\ntitle: Roles\nowner: sms-manager\nstatus: {status}\n"
        f"roles:\n{listed}"
    )


# Nine header lines of an approved artifact: its own fields start on line 10.
APPROVED_HEADER = """\
id: {id}
kind: {kind}
title: {id} title
owner: sms-manager
status: {status}
version: "1.0"
approved_by: sms-manager
approved_on: 2026-01-10
last_reviewed: 2026-01-10
"""
