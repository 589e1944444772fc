"""``--format text``: what to do first, findings grouped by file (one editor-clickable line
each), and a summary."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from sms_lint.neutralise import lead_path, terminal
from sms_lint.reporters.base import (
    Reporter,
    counts,
    mode_tallies,
    tally_word,
    verdict,
)
from sms_lint.reporters.first_step import first_step
from sms_lint.words import listing

if TYPE_CHECKING:
    from sms_lint.finding import Finding
    from sms_lint.pipeline.engine import Result

_COLORS = {"major": "\x1b[1;31m", "minor": "\x1b[33m", "observation": "\x1b[36m"}
_DIM, _BOLD, _RESET = "\x1b[2m", "\x1b[1m", "\x1b[0m"


class TextReporter(Reporter):
    name = "text"
    description = "human-readable, grouped by file"

    def paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def line(self, finding: Finding, result: Result) -> str:
        """One finding. Every field from data (pack rule names and clauses too) is neutralised:
        the path starts the line, so it must not read as a CI command."""
        rule = result.rulebook.rules[finding.rule]
        severity = finding.severity.value
        label = self.paint(severity, _DIM if finding.excused else _COLORS[severity])
        where = "(repository)"
        if finding.path is not None:
            where = f"{lead_path(finding.path)}:{finding.line or 1}:{finding.column or 1}"
        text = (
            f"{where}: {label} {terminal(finding.rule)} {terminal(rule.name)}: "
            f"{terminal(finding.message)}"
        )
        if finding.clause:
            text += f" [{terminal(finding.clause)}]"
        if finding.waived:
            text += self.paint(f" (waived: {terminal(finding.waived_reason or '')})", _DIM)
        elif finding.baselined is not None:
            since = f" since {terminal(finding.baselined)}" if finding.baselined else ""
            text += self.paint(f" (baselined{since})", _DIM)
        elif finding.pre_existing:
            text += self.paint(f" (pre-existing at {terminal(result.new_only or '')})", _DIM)
        return text

    def fixed_block(self, result: Result) -> list[str]:
        """Under ``--new-only``: what the change fixed, one short line each, after the findings."""
        if result.new_only is None or not result.fixed:
            return []
        lines = [self.paint(f"fixed since {terminal(result.new_only)}:", _BOLD)]
        for finding in result.fixed:
            where = lead_path(finding.path) if finding.path else "(repository)"
            lines.append(f"  {where}: {terminal(finding.rule)} {terminal(finding.message)}")
        return ["\n".join(lines)]

    def render(self, result: Result) -> str:
        blocks = []
        for path, group in groupby(result.findings, key=lambda f: f.path):
            header = self.paint(lead_path(path) if path else "(repository-wide)", _BOLD)
            blocks.append("\n".join([header, *(self.line(f, result) for f in group)]))
        # What to do first leads; the summary stays last (scripts read the last line).
        first = first_step(result)
        lead_line = [self.paint(first, _BOLD)] if first else []
        note = [not_read_note(result.not_read)] if result.not_read else []
        fixed = self.fixed_block(result)
        text = "\n\n".join([*lead_line, *blocks, *fixed, *note, self.summary(result)]) + "\n"
        return commit_line(result) + text

    def summary(self, result: Result) -> str:
        tally = counts(result)
        artifacts = f"{result.documents} artifact{'s' if result.documents != 1 else ''}"
        modes = mode_tallies(result)
        if not result.findings and not modes:
            return f"{artifacts} checked: {verdict(result)}."
        keys = ("major", "minor", "observation", "waived", "baselined", "pre_existing")
        # A baseline or --new-only run names its own counts even at zero: "0 baselined" says
        # the baseline was applied; a plain run's summary stays as it always was.
        parts = [f"{tally[k]} {tally_word(k)}" for k in keys if tally.get(k) or k in modes]
        if "fixed" in modes:
            parts.append(f"{tally['fixed']} fixed")
        total = len(result.findings)
        return (
            f"{artifacts} checked: {total} finding{'s' if total != 1 else ''} "
            f"({', '.join(parts)}): {verdict(result)}."
        )


def commit_line(result: Result) -> str:
    """``--as-of``: the first line names the commit described (nothing for the work tree)."""
    if result.commit is None:
        return ""
    return f"as of commit {result.commit} (committed {result.committed})\n"


# How many files the note names before it says "and N more" (a migration may leave hundreds).
_NAMED = 2


def not_read_note(paths: tuple[str, ...]) -> str:
    """One line naming the office, PDF and text files that were not read: not a finding (they
    may be evidence kept on purpose), but never a silent gap. The guide is named by its task's
    title: a path into sms-lint's own checkout means nothing in the user's repository."""
    count = len(paths)
    shown = [terminal(p) for p in paths[:_NAMED]]
    if count > _NAMED:
        shown.append(f"{count - _NAMED} more")
    files = f"{count} file is" if count == 1 else f"{count} files are"
    read = "was" if count == 1 else "were"
    return (
        f"note: {files} not YAML or Markdown and {read} not read: {listing(shown)}; keep "
        "documents as YAML or Markdown and link to other files from them (the guide's task "
        "'Migrate an existing document set')"
    )
