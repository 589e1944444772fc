"""SMS028 empty-document: a Markdown document with nothing beyond headings, or a process that
says nothing of how it runs, is a finding at the front matter's closing fence (or, for a YAML
process, at its ``process`` field), graded by what is missing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from auditor_repos import KPI, TARGET, header, only
from conftest import located
from sms_texts import roles_artifact


def page(kind: str, body: str, status: str = "approved", extra: str = "") -> str:
    """A Markdown artifact: nine header lines (2-10), ``extra`` fields, then the fence."""
    return f"---\n{header(kind.upper(), kind, status)}{extra}---\n{body}"


HEADINGS_ONLY = "\n# Title\n\n## Purpose\n\n---\n\n<!-- to write -->\n\n## Steps\n"
SCOPE = "services: [SVC-1]\nlocations: [Leeds]\n"
POLICY = "policy_type: service-management\ncommitments: [Meet agreed service levels]\n"
PROCESS = f"process: incident\nkpis:\n{KPI}"
AUDIT = (
    "audit_type: internal\ndate: 2026-06-01\nauditor: sms-manager\n"
    "auditee_roles: [sms-manager]\nscope_clauses: ['4']\nfindings: []\n"
)


@pytest.mark.parametrize(
    ("kind", "extra", "status", "severity"),
    [
        ("scope", SCOPE, "approved", "major"),
        ("policy", POLICY, "approved", "major"),
        ("process", PROCESS, "approved", "major"),
        ("procedure", "", "approved", "minor"),
        ("procedure", "", "draft", "observation"),
        ("audit", AUDIT, "approved", "observation"),
    ],
)
def test_headings_only_graded_by_kind_and_status(
    write: Callable,
    check_json: Callable,
    tmp_path: Path,
    kind: str,
    extra: str,
    status: str,
    severity: str,
) -> None:
    only(write, "SMS028")
    write("doc.md", page(kind, HEADINGS_ONLY, status, extra))
    fence = 11 + extra.count("\n")
    _, report = check_json(tmp_path)
    [(place, rule, clause, graded, message)] = located(report, "SMS028")
    assert (place, rule, clause, graded) == (f"doc.md:{fence}", "SMS028", "7.5.2", severity)
    assert message.startswith(f"'{kind.upper()}' has no text beyond headings after its front ")


def test_empty_body_message_and_retired(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS028")
    write("empty.md", page("procedure", ""))
    write("old.md", page("procedure", "", status="retired").replace("PROCEDURE", "OLD"))
    _, report = check_json(tmp_path)
    assert located(report, "SMS028") == [
        (
            "empty.md:11",
            "SMS028",
            "7.5.2",
            "minor",
            "'PROCEDURE' has no text beyond headings after its front matter: write the "
            "procedure (who does what, when, and the records kept)",
        )
    ]


def test_text_code_or_a_table_is_content(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS028")
    write("a.md", page("procedure", "\n# T\n\nCall the duty manager.\n"))
    write("b.md", page("procedure", "# T\n```\nrestore --latest\n```\n").replace("PROCEDURE", "B"))
    write("c.md", page("procedure", "# T\n| step | who |\n|---|---|\n").replace("PROCEDURE", "C"))
    _, report = check_json(tmp_path)
    assert located(report, "SMS028") == []


def test_yaml_process_needs_activities_or_description(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS028")
    write("bare.yaml", header("PRC-A", "process") + PROCESS)
    write("steps.yaml", header("PRC-B", "process") + PROCESS + "activities: [Log, Resolve]\n")
    write("prose.yaml", header("PRC-C", "process") + PROCESS + "description: Logged, fixed.\n")
    write("draft.yaml", header("PRC-D", "process", "draft") + PROCESS + "activities: []\n")
    _, report = check_json(tmp_path)
    assert located(report, "SMS028") == [
        (
            "bare.yaml:10",
            "SMS028",
            "7.5.2",
            "major",
            "process 'PRC-A' says nothing of how it runs: add its activities (the steps, in "
            "order) or a description, or write it as a Markdown document with the text",
        ),
        (
            "draft.yaml:10",
            "SMS028",
            "7.5.2",
            "observation",
            "process 'PRC-D' says nothing of how it runs: add its activities (the steps, in "
            "order) or a description, or write it as a Markdown document with the text",
        ),
    ]


def test_markdown_process_described_in_front_matter_is_not_empty(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS028")
    write("p.md", page("process", "# Incident\n", extra=PROCESS + "activities: [Log it]\n"))
    _, report = check_json(tmp_path)
    assert located(report, "SMS028") == []


def test_invalid_description_is_one_finding(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS028")
    write("p.yaml", header("PRC-A", "process") + PROCESS + "description: [not, text]\n")
    _, report = check_json(tmp_path)
    assert [(f["line"], f["rule"]) for f in report["findings"]] == [(13, "SMS028")]


def test_kinds_whose_front_matter_is_the_document_are_not_examined(
    write: Callable, check_json: Callable, tmp_path: Path
) -> None:
    only(write, "SMS028")
    sla = "service: SVC-1\ncustomer: Kestrel\ntargets:\n" + TARGET
    write("sla.md", page("sla", "# SLA\n", extra=sla))
    write("roles.md", "---\n" + roles_artifact() + "---\n")
    _, report = check_json(tmp_path)
    assert located(report, "SMS028") == []
