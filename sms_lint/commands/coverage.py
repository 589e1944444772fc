"""``sms-lint coverage``: clause-by-clause readiness.

Runs the same check as ``check`` (same config, rules and waivers) and lists every clause of the
readiness list: documented or not, operating or not where the pack expects records, its
approved evidence and its open findings. Exit code 1 when any clause is a gap (not documented,
or documented with no record within its interval), so a pipeline can gate a certification
audit on it; 0 otherwise; 2 on usage errors.

``--format html`` writes one self-contained readiness page (``sms_lint.html``); it also reads
the config's review interval and, when the root is in git, HEAD and each document's last change.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sms_lint.commands.params import as_of_option, config_option, output_option, today_option
from sms_lint.coverage import ClauseStatus, compute_coverage, describe, summary
from sms_lint.errors import UsageProblem
from sms_lint.neutralise import clean_tree, lead, markdown, no_commands_json, terminal
from sms_lint.performance import MeasuredItem, items_of
from sms_lint.performance import report as performance
from sms_lint.pipeline.engine import Result
from sms_lint.run.as_of import checked_config
from sms_lint.run.check import check_result, emit
from sms_lint.run.parts import reading_request

if TYPE_CHECKING:
    from sms_lint.config.file import Config
    from sms_lint.gitrepo.log import CommitInfo


@click.command("coverage")
@click.argument("root", default=".", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["html", "json", "markdown", "text"]),
    default="text",
    show_default=True,
    help="Output format (html: one self-contained readiness page, best with -o).",
)
@output_option
@today_option
@config_option
@as_of_option
def coverage_command(
    root: Path,
    format_name: str,
    output: Path | None,
    today: datetime.date | None,
    config_path: Path | None,
    as_of: datetime.date | None,
) -> int:
    """Clause-by-clause readiness of the SMS repository at ROOT: each clause 4.1-10.2 (clause 8
    by sub-clause), whether approved documents describe it and, where records are expected,
    whether records show it operating; the open findings, and the gaps. Exits 1 on a gap."""
    request = reading_request(root, today or as_of or datetime.date.today(), config_path, as_of)
    result = check_result(request)
    config = checked_config(root, config_path, result.commit)  # already read (and validated)
    statuses = compute_coverage(
        result.artifacts, result.framework, result.findings, result.today, config.intervals
    )
    if format_name == "html":
        text = render_html(result, statuses, root, config)
    else:
        text = _RENDERERS[format_name](result, statuses)
    emit(text, output)
    unread = sum(f.rule == "SMS100" for f in result.findings)
    if unread:  # coverage without them would look complete
        click.echo(
            f"sms-lint: note: {unread} file(s) or folder(s) could not be read, so what they "
            "hold is not counted here; sms-lint check names them",
            err=True,
        )
    return 1 if any(s.is_gap for s in statuses) else 0


def _as_of(result: Result) -> str:
    """``--as-of``: the words naming the commit described (nothing for the work tree)."""
    return "" if result.commit is None else f" (as of commit {result.commit})"


def render_json(result: Result, statuses: tuple[ClauseStatus, ...]) -> str:
    report = {
        "framework": result.framework.name,
        "clauses": [s.as_dict() for s in statuses],
        "root": result.root,
        "today": result.today.isoformat(),
        "summary": summary(statuses),
        "performance": performance.as_dict(_measured(result)),
    }
    if result.commit is not None:  # --as-of: the commit described
        report["commit"] = result.commit
        report["committed"] = result.committed
    return no_commands_json(json.dumps(clean_tree(report), indent=2, ensure_ascii=True)) + "\n"


def _tally_line(statuses: tuple[ClauseStatus, ...]) -> str:
    counts = summary(statuses)
    gaps, only = counts["gaps"], counts["documented_only"]
    tally = (
        f"{counts['clauses']} clauses: {counts['covered']} covered, "
        f"{gaps} gap{'' if gaps == 1 else 's'}"
    )
    if only:  # a gap with documents but no record is a different task from a missing document
        tally += f" ({only} documented only: no records within their interval)"
    return tally


def render_text(result: Result, statuses: tuple[ClauseStatus, ...]) -> str:
    header = ("clause", "title", "status", "findings", "detail", "evidence")
    # Every cell from data (clauses and titles can come from a pack, evidence from files) on
    # one line, with nothing a terminal or CI runner would act on.
    rows = [
        (
            lead(terminal(s.clause)),
            terminal(s.title),
            s.status,
            str(s.findings),
            terminal(describe(s)),
            terminal(", ".join(s.evidence)) or "-",
        )
        for s in statuses
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    title = f"{terminal(result.framework.name)} clause coverage of {terminal(result.root)}"
    lines = [f"{lead(title)} on {result.today}{_as_of(result)}", ""]
    for row in [header, *rows]:
        cells = [
            row[0].ljust(widths[0]),
            row[1].ljust(widths[1]),
            row[2].ljust(widths[2]),
            row[3].rjust(widths[3]),
            row[4].ljust(widths[4]),
            row[5],
        ]
        lines.append("  ".join(cells).rstrip())
    lines += ["", _tally_line(statuses), "", *LIMITS]
    return "\n".join(lines) + "\n"


# What the report can and cannot say, under every human-readable format.
LIMITS = (
    "sms-lint reads documents and records; it cannot observe practice.",
    "'covered' means documented and, where records are expected, shown operating: "
    "not a certificate.",
)


def render_markdown(result: Result, statuses: tuple[ClauseStatus, ...]) -> str:
    lines = [
        f"# {markdown(result.framework.name)} clause coverage",
        "",
        f"Repository {markdown(result.root)} on {result.today}{_as_of(result)}: "
        f"{_tally_line(statuses)}.",
        "",
        "| Clause | Title | Status | Detail | Findings | Evidence | Records |",
        "|---|---|---|---|---:|---|---|",
    ]
    for s in statuses:
        status = "covered" if not s.is_gap else "**gap**"
        evidence = ", ".join(markdown(e) for e in s.evidence) or "-"
        records = ", ".join(markdown(e) for e in s.records) or "-"
        clause, title, detail = markdown(s.clause), markdown(s.title), markdown(describe(s))
        lines.append(
            f"| {clause} | {title} | {status} | {detail} | {s.findings} | {evidence} | {records} |"
        )
    lines += [*performance.markdown_section(_measured(result)), "", " ".join(LIMITS)]
    return "\n".join(lines) + "\n"


def _measured(result: Result) -> list[MeasuredItem]:
    """The objectives, KPIs and SLA targets measured, as the readiness page shows them."""
    return items_of(result.artifacts, result.today)


def render_html(
    result: Result, statuses: tuple[ClauseStatus, ...], root: Path, config: Config
) -> str:
    """The readiness page, with the config's review interval and audit cycle."""
    from sms_lint.html import build_page, render_page

    changes, commit = git_facts(root, list(result.paths), result.commit)
    return render_page(build_page(result, statuses, config, changes, commit))


def git_facts(
    root: Path, paths: list[str], as_of: str | None = None
) -> tuple[Mapping[str, CommitInfo], str | None]:
    """Each document's last change (register's one history walk) and the commit HEAD names
    (or, ``as_of``, that commit and the history up to it).

    Outside git, without git, or when git fails, the page simply shows no git data: a
    readiness page is still worth having without it.
    """
    from sms_lint.commands.register_data import read_last_changes
    from sms_lint.gitrepo.repo import GitProblem, UntrustedRepository, open_repository

    try:
        repo = open_repository(root)
        if repo is None:
            return {}, None
        with repo:
            head = as_of or repo.head_state().head
        changes, _ = read_last_changes(root, paths, as_of)
        return changes, head
    except UntrustedRepository as error:  # read only once the user says it is trusted
        raise UsageProblem(str(error)) from None
    except (GitProblem, UsageProblem):
        return {}, None


_RENDERERS: dict[str, Callable[[Result, tuple[ClauseStatus, ...]], str]] = {
    "json": render_json,
    "markdown": render_markdown,
    "text": render_text,
}
