"""A file that could not be read as an artifact still says, in its raw lines, which kind and id
it declares, so that rules looking for roles or an id blame it only when it may hold them."""

from __future__ import annotations

import datetime
import shutil

import pytest
from conftest import EXAMPLE

from sms_lint.checks.base import Context
from sms_lint.config.file import Config
from sms_lint.parse.declared import NO_ARTIFACT, NO_ID
from sms_lint.pipeline.filestage import process
from sms_lint.pipeline.setup import build_setup

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
    assert broken.declared == (NO_ARTIFACT, NO_ID)  # no kind line: no artifact once read either
    utf16 = process("r.yaml", ROLES.encode("utf-16"), SETUP)
    assert utf16.kind is None and utf16.declared == ("roles", "ROLES-001")


def test_a_misspelled_kind_counts_as_the_kind_it_is_a_typo_of_else_as_no_artifact() -> None:
    assert process("x.yaml", b"id: X-1\nkind: rols\n", SETUP).declared == ("roles", "X-1")
    assert process("p.yaml", b"kind: polcy\n", SETUP).declared == ("policy", NO_ID)
    assert process("z.yaml", b"id: Z\nkind: zebra\n", SETUP).declared == (NO_ARTIFACT, "Z")
    assert process("c.yaml", b"name: settings\n", SETUP).declared == (NO_ARTIFACT, NO_ID)


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
            "d/no-id.yaml": ("procedure", NO_ID),
        }
    )
    assert ctx.unread_cause(kind="roles") == "a/roles.yaml and c/blank.yaml could not be read"
    assert ctx.unread_cause(ident="PROC-1") == "b/proc.md and c/blank.yaml could not be read"
    assert ctx.unread_cause(kind="scope", ident="SCOPE") == "c/blank.yaml could not be read"
    assert _context({"b/proc.md": ("procedure", "PROC-1")}).unread_cause(kind="roles") is None
    assert ctx.unread_cause(kind="procedure") == (
        "b/proc.md, c/blank.yaml and d/no-id.yaml could not be read"
    )
    assert ctx.unread_cause() == (
        "a/roles.yaml, b/proc.md, c/blank.yaml and 1 more file could not be read"
    )


def test_with_the_unread_file_s_own_rule_switched_off_the_cascade_is_reported(
    write, tmp_path, check_json
) -> None:
    # The note has no finding to go on: what could not be checked is said by the waiting rule.
    write("roles.yaml", ROLES.encode("cp1252"))
    write(".sms-lint.yaml", "rules:\n  SMS100: {enabled: false}\n")
    _, report = check_json(tmp_path)
    waiting = [f for f in report["findings"] if "roles.yaml could not be read" in f["message"]]
    assert {f["rule"] for f in waiting} >= {"SMS003"}
    assert not [f for f in report["findings"] if f["path"] == "roles.yaml"]


def test_a_file_over_the_size_limit_still_declares_what_it_is(write, tmp_path, check_json):
    write("roles.yaml", ROLES + "# padding\n" * 200)
    write("links.yaml", "kind: zebra\n")
    write(".sms-lint.yaml", "max_file_kb: 1\n")
    _, report = check_json(tmp_path)
    (big,) = [f for f in report["findings"] if f["path"] == "roles.yaml"]
    assert big["rule"] == "SMS100" and "over the 1 KiB limit" in big["message"]
    assert "until then SMS003" in big["message"]
    assert not [f for f in report["findings"] if "could not be read" in f["message"]]


@pytest.mark.parametrize("key", ["knd", "Kind", "kidn"])
def test_a_misspelt_kind_key_is_one_finding_at_it_and_no_cascade(tmp_path, check_json, key):
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    roles = root / "governance" / "roles.yaml"
    roles.write_text(roles.read_text().replace("kind: roles", f"{key}: roles"))
    _, report = check_json(root)
    (only,) = report["findings"]
    assert (only["path"], only["line"], only["rule"], only["severity"]) == (
        "governance/roles.yaml",
        2,
        "SMS107",
        "major",
    )
    assert only["message"].startswith(f"no 'kind', but '{key}: roles' looks meant as it: ")
    assert "until then SMS003" in only["message"]


def test_a_misspelt_kind_key_in_an_unparsable_file_still_declares_the_kind() -> None:
    outcome = process("r.yaml", b"id: ROLES-001\nKind: roles\nroles:\n\t- id: x\n", SETUP)
    assert outcome.declared == ("roles", "ROLES-001")


def _example(tmp_path):
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    return root


def _to_cp1252(path, old: str, new: str) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").replace(old, new, 1).encode("cp1252"))


def test_a_retired_unread_file_silences_no_clause_gap(tmp_path, check_json) -> None:
    root = _example(tmp_path)
    communication = root / "procedures" / "communication.md"
    text = communication.read_text()
    communication.write_text(text.replace('clauses: ["7.4"]', "clauses: []"))
    _to_cp1252(root / "procedures" / "tape-rotation.md", "title: Off", "title: Off\u2019")
    _, report = check_json(root)
    assert [(f["path"], f["rule"], f["clause"]) for f in report["findings"]] == [
        (None, "SMS016", "7.4"),
        ("procedures/tape-rotation.md", "SMS100", "7.5"),
    ]
    assert "until then" not in report["findings"][1]["message"]


def test_each_unread_file_names_only_the_rules_waiting_for_it(tmp_path, check_json) -> None:
    root = _example(tmp_path)
    _to_cp1252(root / "governance" / "roles.yaml", "title: ", "title: \u2019")
    carrier = root / "suppliers" / "sup-carrier.yaml"
    carrier.write_text(carrier.read_text().replace("targets:\n  - ", "targets:\n\t- ", 1))
    _, report = check_json(root)
    notes = {f["path"]: f["message"].partition("; until then ")[2] for f in report["findings"]}
    assert notes["governance/roles.yaml"].startswith("SMS003")
    assert "SMS003" not in notes["suppliers/sup-carrier.yaml"]
