"""A file that could not be read as an artifact still says, in its raw lines, which kind and id
it declares, so that rules looking for roles or an id blame it only when it may hold them."""

from __future__ import annotations

import datetime

from sms_lint.checks.base import Context
from sms_lint.config import Config
from sms_lint.engine_setup import build_setup
from sms_lint.filestage import NO_ARTIFACT, process

SETUP = build_setup(Config())
ROLES = "id: ROLES-001\nkind: roles\ntitle: Roles \u2019n\nroles: []\n"


def test_a_cp1252_roles_file_declares_its_kind_and_id() -> None:
    outcome = process("roles.yaml", ROLES.encode("cp1252"), SETUP)
    assert outcome.kind is None and outcome.declared == ("roles", "ROLES-001")


def test_a_tab_a_front_matter_below_a_blank_line_and_an_unknown_kind() -> None:
    tabbed = process("r.yaml", b"id: 'ROLES-001'\nkind: roles\nroles:\n\t- id: x\n", SETUP)
    assert tabbed.declared == ("roles", "ROLES-001")
    late = process("p.md", b"\n---\nid: PROC-1\nkind: procedure\n---\n# x\n", SETUP)
    assert late.declared == ("procedure", "PROC-1")
    broken = process("y.yaml", b"title: [unclosed\n", SETUP)
    assert broken.declared == (None, None)  # too broken to tell: it may hold anything


def test_a_misspelled_kind_counts_as_the_kind_it_is_a_typo_of_else_as_no_artifact() -> None:
    assert process("x.yaml", b"id: X-1\nkind: rols\n", SETUP).declared == ("roles", "X-1")
    assert process("p.yaml", b"kind: polcy\n", SETUP).declared == ("policy", None)
    assert process("z.yaml", b"id: Z\nkind: zebra\n", SETUP).declared == (NO_ARTIFACT, "Z")
    assert process("c.yaml", b"name: settings\n", SETUP).declared == (NO_ARTIFACT, None)


def test_files_that_hold_no_artifact_are_never_blamed(write, tmp_path, check_json) -> None:
    # A YAML file that is no artifact (its own SMS107 finding) must not turn "no internal
    # audit" into "could not be checked".
    write("notes.yaml", "kind: zebra\nid: NOTES\n")
    write("tools/config.yaml", "name: settings\n")
    _, report = check_json(tmp_path)
    assert not [f for f in report["findings"] if "could not be" in f["message"]]
    assert any(f["rule"] == "SMS013" for f in report["findings"])


def _context(declared: dict) -> Context:
    return Context(
        (),
        SETUP.framework,
        datetime.date(2026, 11, 22),
        Config(),
        unread=tuple(declared),
        declared=declared,
    )


def test_only_files_that_may_hold_what_is_looked_for_are_named() -> None:
    ctx = _context(
        {
            "a/roles.yaml": ("roles", "ROLES-001"),
            "b/proc.md": ("procedure", "PROC-1"),
            "c/blank.yaml": (None, None),
        }
    )
    assert ctx.unread_cause(kind="roles") == "a/roles.yaml and c/blank.yaml could not be read"
    assert ctx.unread_cause(ident="PROC-1") == "b/proc.md and c/blank.yaml could not be read"
    assert ctx.unread_cause(kind="scope", ident="SCOPE") == "c/blank.yaml could not be read"
    assert _context({"b/proc.md": ("procedure", "PROC-1")}).unread_cause(kind="roles") is None
    assert ctx.unread_cause() == ("a/roles.yaml, b/proc.md and c/blank.yaml could not be read")
