"""sms-lint's own words (issue 15, points 2 and 7): "no findings", never "conformant"; findings
are findings, never "nonconformities"; severities described as sms-lint's; and the text
report's first line says what to do first."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLE, FILE_RULES, TODAY, quiet_config
from sms_texts import APPROVED_HEADER

# An unknown top-level field: one minor SMS001 finding at line 10 of an approved procedure.
STRAY = "x: 1\n"


def approved(art_id: str, kind: str, body: str) -> str:
    return APPROVED_HEADER.format(id=art_id, kind=kind, status="approved") + body


def text_check(invoke: Callable, root: Path, *extra: str) -> tuple[int, list[str]]:
    run = invoke("check", str(root), "--today", TODAY, *extra)
    assert run.exit_code in (0, 1), run.output
    return run.exit_code, run.stdout.splitlines()


def drafts_only(tmp_path: Path) -> Path:
    """The example SMS with every approved artifact turned back into a draft."""
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    for path in [*root.rglob("*.yaml"), *root.rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\nstatus: approved\n", "\nstatus: draft\n"), "utf-8")
    return root


# -- the summary line ---------------------------------------------------------------------


def test_a_clean_run_says_no_findings_and_nothing_more(invoke) -> None:
    code, lines = text_check(invoke, EXAMPLE)
    assert code == 0
    [line] = lines
    assert re.fullmatch(r"\d+ artifacts checked: no findings\.", line), line


def test_findings_are_counted_and_never_called_nonconformities(invoke, write, tmp_path) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    write("proc.yaml", approved("PROC-1", "procedure", STRAY))
    code, lines = text_check(invoke, tmp_path)
    assert code == 1
    assert lines[-1] == "1 artifact checked: 1 finding (1 minor): major or minor findings to fix."
    words = "\n".join([lines[0], lines[-1]]).casefold()  # the tool's own lines, not messages
    assert "conformant" not in words and "nonconformit" not in words


def test_observations_and_waivers_only_say_no_unwaived_major_or_minor(
    invoke, write, tmp_path
) -> None:
    waiver = (
        "waivers:\n  - {rule: SMS001, artifact: PROC-1, reason: Legacy field,"
        " approved_by: sms-manager, expires: 2027-03-31}\n"
    )
    write(".sms-lint.yaml", quiet_config(*FILE_RULES, "SMS020", "SMS021", extra=waiver))
    write("proc.yaml", approved("PROC-1", "procedure", STRAY))
    code, lines = text_check(invoke, tmp_path)
    assert code == 0
    assert lines[-1] == (
        "1 artifact checked: 1 finding (1 waived): no unwaived major or minor finding."
    )
    # A waived finding is not work to do: the report starts with its file, not "Start with".
    assert lines[0] == "proc.yaml"


def test_json_keeps_conformant_for_scripts(write, tmp_path, check_json) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    write("proc.yaml", approved("PROC-1", "procedure", STRAY))
    _, report = check_json(tmp_path)
    assert report["summary"]["conformant"] is False
    _, clean = check_json(EXAMPLE)
    assert clean["summary"]["conformant"] is True and clean["summary"]["findings"] == 0


def test_github_summary_uses_the_same_words(invoke, write, tmp_path) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    write("proc.yaml", approved("PROC-1", "procedure", STRAY))
    summary = tmp_path / "summary.md"
    run = invoke(
        "check", str(tmp_path), "--format", "github", "--today", TODAY,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert run.stdout.splitlines()[-1] == (
        "sms-lint: 1 artifact checked: 0 major, 1 minor, 0 observation, 0 waived; "
        "major or minor findings to fix."
    )
    assert ": **major or minor findings to fix** (fails on minor)." in summary.read_text()


# -- the first line: what to do first ------------------------------------------------------


def test_the_first_line_names_the_most_serious_finding(invoke, write, tmp_path) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    write("a.yaml", approved("PROC-1", "procedure", STRAY))
    write("m.yaml", approved("PROC-2", "procedure", "x-run: !!python/object foo\n"))
    _, lines = text_check(invoke, tmp_path)
    assert lines[0].startswith("Start with: m.yaml:10 SMS104 yaml-tag (major, 7.5): tag !!python")
    assert lines[1] == ""
    message = lines[0].split("(major, 7.5): ", 1)[1]
    assert f"m.yaml:10:8: major SMS104 yaml-tag: {message} [7.5]" in lines[2:]
    # Not shaped like a finding line, so problem matchers do not count the finding twice.
    assert not re.match(r".*:\d+:\d+: (major|minor|observation) ", lines[0])


def test_a_file_that_cannot_be_read_comes_first_among_equals(invoke, write, tmp_path) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    write("m.yaml", approved("PROC-2", "procedure", "x-run: !!python/object foo\n"))
    write("n.yaml", approved("PROC-3", "procedure", "").encode() + b"x-note: caf\xe9\n")
    _, lines = text_check(invoke, tmp_path)
    # Both are major; the unread file comes first: the rules waiting for it may find more.
    assert lines[0].startswith("Start with: n.yaml:10 SMS100 file-unreadable (major, 7.5):")


@pytest.mark.parametrize("suffix", ["yaml", "md"])
def test_the_scope_comes_before_the_rest_of_the_clause_order(
    invoke, write, tmp_path, suffix: str
) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    write("a-context.yaml", approved("CTX-1", "context", "issues: 3\ninterested_parties: []\n"))
    scope = approved("SCOPE-1", "scope", "services: 3\nlocations: [Leeds]\n")
    if suffix == "md":  # front matter from line 2: the scope's services on line 11
        scope = f"---\n{scope}---\n\n# Scope\n\nWhat the SMS covers.\n"
    write(f"z-scope.{suffix}", scope)
    _, lines = text_check(invoke, tmp_path)
    line = 11 if suffix == "md" else 10
    # Both minor; 4.3 before 4.1 although a-context comes first by path.
    assert lines[0] == (
        f"Start with: z-scope.{suffix}:{line} SMS001 schema (minor, 4.3): services must be a list "
        "(got 3)"
    )
    assert "a-context.yaml:10:1: minor SMS001 schema: issues must be a list (got 3) [4.1]" in lines


def test_one_rule_behind_most_findings_is_named_as_a_pattern(invoke, write, tmp_path) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS004"))
    for number in range(1, 7):  # six approved procedures without a version
        text = approved(f"PROC-{number}", "procedure", "").replace('version: "1.0"\n', "")
        write(f"procedures/p{number}.yaml", text)
    write("zz.yaml", approved("PROC-9", "procedure", STRAY))
    _, lines = text_check(invoke, tmp_path)
    assert lines[0] == (
        "Start with SMS004 approval-fields (6 of the 7 minor findings, in 6 files): Add the "
        "missing approval fields, or set `status: draft` until it is approved; the first is "
        "at procedures/p1.yaml:5."
    )


def test_a_defect_in_the_scope_document_comes_before_a_pattern(invoke, write, tmp_path) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS004"))
    for number in range(1, 7):
        text = approved(f"PROC-{number}", "procedure", "").replace('version: "1.0"\n', "")
        write(f"procedures/p{number}.yaml", text)
    scope = approved("SCOPE-1", "scope", "services: [SVC-1]\nlocations: [Leeds]\n")
    write("z/scope.yaml", scope.replace("approved_on: 2026-01-10\n", ""))
    _, lines = text_check(invoke, tmp_path)
    # Filed under 7.5.2 (document control), but it is the scope that lacks its approval date.
    assert lines[0].startswith("Start with: z/scope.yaml:5 SMS004 approval-fields (minor, 7.5.2):")
    assert "approved_on" in lines[0]


def test_a_few_of_one_rule_are_not_a_pattern(invoke, write, tmp_path) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS004"))
    for number in range(1, 5):
        text = approved(f"PROC-{number}", "procedure", "").replace('version: "1.0"\n', "")
        write(f"procedures/p{number}.yaml", text)
    _, lines = text_check(invoke, tmp_path)
    assert lines[0].startswith("Start with: procedures/p1.yaml:5 SMS004 approval-fields (minor")


def test_a_pattern_of_minor_findings_waits_for_a_major_one(invoke, write, tmp_path) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES, "SMS004"))
    for number in range(1, 7):
        text = approved(f"PROC-{number}", "procedure", "").replace('version: "1.0"\n', "")
        write(f"procedures/p{number}.yaml", text)
    write("zz.yaml", approved("PROC-9", "procedure", "x-run: !!python/object foo\n"))
    _, lines = text_check(invoke, tmp_path)
    assert lines[0].startswith("Start with: zz.yaml:10 SMS104 yaml-tag (major, 7.5):")


def test_nothing_approved_says_to_approve_the_scope_first(invoke, tmp_path) -> None:
    root = drafts_only(tmp_path)
    texts = [p.read_text(encoding="utf-8") for p in [*root.rglob("*.yaml"), *root.rglob("*.md")]]
    # Draft audits and reviews are plans, approved once held, and a closed nonconformity is a
    # record: none is among the documents to approve.
    records = (
        "\nkind: audit\n", "\nkind: management-review\n", "\nkind: measurements\n",
        "\nnc_status: closed\n",
    )  # fmt: skip
    drafts = sum("\nstatus: draft\n" in t and not any(r in t for r in records) for t in texts)
    code, lines = text_check(invoke, root)
    assert code == 1
    # The example's roles name their holders already: the advice starts with the scope.
    assert lines[0] == (
        "Nothing is approved yet: fill in and approve governance/scope.yaml (4.3 Scope of the "
        f"SMS), then the other {drafts - 1} draft documents in clause order."
    )
    assert re.fullmatch(r"\d+ artifacts checked: \d+ findings \(.*\): major or minor .*", lines[-1])


def test_holders_still_to_write_come_first(invoke, tmp_path) -> None:
    """In the starter the holders are placeholders: writing them is the first step."""
    root = tmp_path / "sms"
    invoke("init", str(root), "--today", "2026-11-22")
    _, lines = text_check(invoke, root)
    assert lines[0].startswith(
        "Nothing is approved yet: fill in who holds each role in governance/roles.yaml, then "
        "fill in and approve governance/scope.yaml (4.3 Scope of the SMS)"
    )


def test_one_approved_document_is_not_nothing_approved(invoke, tmp_path) -> None:
    root = drafts_only(tmp_path)
    roles = root / "governance" / "roles.yaml"
    roles.write_text(roles.read_text().replace("status: draft", "status: approved"), "utf-8")
    _, lines = text_check(invoke, root)
    assert lines[0].startswith("Start with")


def test_a_draft_only_repository_with_only_minor_findings_starts_with_one(
    invoke, write, tmp_path
) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    write("proc.yaml", APPROVED_HEADER.format(id="P-1", kind="procedure", status="draft") + STRAY)
    _, lines = text_check(invoke, tmp_path)
    assert lines[0] == "Start with: proc.yaml:10 SMS001 schema (minor, 7.5.2): unknown field x"


def test_the_first_line_is_deterministic_and_neutralised(invoke, write, tmp_path) -> None:
    write(".sms-lint.yaml", quiet_config(*FILE_RULES))
    write("::bad.yaml", approved("PROC-1", "procedure", STRAY))
    runs = {invoke("check", str(tmp_path), "--today", TODAY).stdout for _ in range(3)}
    [out] = runs
    first = out.splitlines()[0]
    assert first.startswith("Start with: ::bad.yaml:10 SMS001 schema (minor")


# -- severities described as sms-lint's ----------------------------------------------------


def test_explain_says_the_severity_is_sms_lints_and_what_an_auditor_would_grade(invoke) -> None:
    text = " ".join(invoke("explain", "SMS013").stdout.split())
    assert (
        "Severity: Severities are sms-lint's grades of what it reads; this rule's default, "
        "major, is what an auditor would likely grade a major nonconformity." in text
    )
    observation = " ".join(invoke("explain", "SMS021").stdout.split())
    assert "default, observation, is not a nonconformity" in observation


def test_the_rule_reference_relates_severities_to_an_auditors_grades(invoke) -> None:
    page = invoke("rules", "--format", "markdown").stdout
    intro = " ".join(page.split("| Rule |")[0].split())
    assert "severities are sms-lint's own grades of the documents and records it reads" in intro
    assert "**minor**: what an auditor would likely grade a minor nonconformity." in intro
    assert "a run without findings is not a certificate" in intro


def test_help_texts_never_call_findings_nonconformities(invoke) -> None:
    commands = ("check", "coverage", "rules", "explain", "init", "register", "history")
    texts = [invoke("--help").stdout, *(invoke(c, "--help").stdout for c in commands)]
    for text in texts:
        assert "nonconformit" not in text.casefold() and "conformant" not in text.casefold()


# -- the docs quote what the tool prints ---------------------------------------------------

GUIDE = EXAMPLE.parent / "docs" / "guide.md"
README = EXAMPLE.parent / "README.md"


def test_the_guide_quotes_the_real_first_and_last_lines(invoke) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    block = guide.split("$ sms-lint check example-sms-repo --today 2027-06-01\n", 1)[1]
    quoted = block.split("```", 1)[0].splitlines()
    run = invoke("check", str(EXAMPLE), "--today", "2027-06-01").stdout.splitlines()
    assert (quoted[0], quoted[2], quoted[-1]) == (run[0], run[2], run[-1])
    later = invoke("check", str(EXAMPLE), "--today", "2027-10-01").stdout.splitlines()[0]
    flat = " ".join(guide.split())
    assert f'four months later the example says "{later[:105]}' in flat
    assert f'A clean run is one line: "{text_check(invoke, EXAMPLE)[1][0]}"' in flat


def test_the_readme_quotes_the_example_s_clean_line(invoke) -> None:
    [line] = text_check(invoke, EXAMPLE)[1]
    assert f'the first command ends with "{line}"' in " ".join(README.read_text().split())
