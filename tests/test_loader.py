"""Every problem a file's text can have is a finding at its line, exit 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from sms_lint.parse.loader import load_yaml

HEADER = "id: POL-1\nkind: procedure\ntitle: T\nowner: sms-manager\nstatus: draft\n"

CASES = [
    # (name, file name, content, rule, line)
    ("syntax error", "a.yaml", HEADER + "related: [POL-2\n", "SMS101", 6),  # at the open [
    ("duplicate key", "a.yaml", HEADER + "title: Again\n", "SMS102", 6),
    ("invalid date", "a.yaml", HEADER + "x-checked: 2026-02-30\n", "SMS105", 6),
    # in a field the schema reads as a date, the schema's finding says it (SMS105 gives way)
    ("invalid date field", "a.yaml", HEADER + "last_reviewed: 2026-02-30\n", "SMS001", 6),
    ("non-UTF-8", "a.yaml", HEADER.encode() + b"title2: caf\xe9\n", "SMS100", 6),
    ("multi-document", "a.yaml", HEADER + "---\nid: POL-2\n", "SMS101", 6),
    ("empty file", "a.yaml", "", "SMS101", 1),
    ("only comments", "a.yaml", "# nothing here\n", "SMS101", 1),
    ("top level is a list", "a.yaml", "- id: POL-1\n- id: POL-2\n", "SMS101", 1),
    ("top level is a scalar", "a.yaml", "just text\n", "SMS101", 1),
    ("unclosed front matter", "a.md", "---\n" + HEADER + "# Body\n", "SMS101", 1),
    ("alias", "a.yaml", HEADER + "related: &r [POL-2]\nclauses: *r\n", "SMS103", 7),
    ("python tag", "a.yaml", HEADER + "x-cmd: !!python/object/apply:os.system [id]\n", "SMS104", 6),
    ("float version", "a.yaml", HEADER + "version: 1.10\n", "SMS106", 6),
    ("boolean key", "a.yaml", HEADER + "on: push\n", "SMS106", 6),
    ("no kind", "a.yaml", "id: X\ntitle: T\n", "SMS107", 1),
    ("unknown kind", "a.yaml", "id: X\nkind: polcy\n", "SMS107", 2),
    ("NUL byte", "a.yaml", HEADER.encode() + b"title2: a\x00b\n", "SMS100", 6),
    ("control character", "a.yaml", HEADER + "x-t: a\x07b\n", "SMS100", 6),
    (
        "front matter in markdown",
        "a.md",
        "---\n" + HEADER + "title: dup\n---\n# Body\n",
        "SMS102",
        7,
    ),
]


@pytest.mark.parametrize(
    ("name", "filename", "content", "rule", "line"), CASES, ids=[c[0] for c in CASES]
)
def test_loader_problem_is_a_finding_at_its_line(
    name: str,
    filename: str,
    content: str | bytes,
    rule: str,
    line: int,
    write,
    tmp_path,
    check_json,
) -> None:
    write(filename, content)
    code, report = check_json(tmp_path)
    assert code == 1
    assert any(f["rule"] == rule and f["line"] == line for f in report["findings"]), report[
        "findings"
    ]


def test_bom_and_crlf_are_accepted(write, tmp_path: Path, check_json, file_rules_only) -> None:
    text = "\ufeff" + HEADER.replace("\n", "\r\n")
    write("a.yaml", text.encode("utf-8"))
    write("b.md", ("\ufeff---\r\n" + HEADER.replace("POL-1", "POL-2") + "---\r\n# Hi\r\n").encode())
    code, report = check_json(tmp_path)
    assert report["findings"] == [] and code == 0
    assert report["summary"]["artifacts"] == 2


def test_markdown_without_front_matter_is_ignored(
    write, tmp_path: Path, check_json, file_rules_only
) -> None:
    write("README.md", "# Our SMS\n\nNotes.\n")
    write("x.yaml", "x-note: not an artifact\nkind: nope\n")  # an empty root is exit 2
    code, report = check_json(tmp_path)
    assert (code, report["summary"]["artifacts"]) == (1, 1)
    assert [f["path"] for f in report["findings"]] == ["x.yaml"]


def test_unquoted_dates_become_iso_text() -> None:
    loaded = load_yaml("a: 2026-03-01\nb: '2026-03-01'\n")
    assert loaded.data == {"a": "2026-03-01", "b": "2026-03-01"}


def test_positions_of_keys_and_items() -> None:
    loaded = load_yaml("a: 1\nlist:\n  - x\n  - k: v\n")
    assert loaded.positions[("a",)] == (1, 1)
    assert loaded.positions[("list", 1)] == (4, 5)
    assert loaded.positions[("list", 1, "k")] == (4, 5)


def test_alias_bomb_is_rejected_without_expanding() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    loaded = load_yaml("\n".join(levels) + "\n")
    assert {p.code for p in loaded.problems} == {"SMS103"}


def test_very_deep_nesting_is_a_problem_not_a_crash() -> None:
    loaded = load_yaml("a: " + "[" * 30000 + "]" * 30000 + "\n")
    assert loaded.data is None
    assert loaded.problems[0].code == "SMS101"
    assert "nested more than 100 levels deep" in loaded.problems[0].message


def test_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    loaded = load_yaml(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()
    assert loaded.problems[0].code == "SMS104"


def test_other_files_are_still_checked_after_a_broken_one(
    write, tmp_path: Path, check_json, file_rules_only
) -> None:
    write("a.yaml", "a: [\n")
    write("b.yaml", "id: X\nkind: policy\n")
    _, report = check_json(tmp_path)
    assert {f["path"] for f in report["findings"]} == {"a.yaml", "b.yaml"}
