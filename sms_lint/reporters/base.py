"""The reporter interface and helpers every format shares."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from sms_lint.facts import clause_covers, evidence_clauses
from sms_lint.neutralise import clean, one_line, visible_path

if TYPE_CHECKING:
    from sms_lint.finding import Finding
    from sms_lint.pipeline.engine import Result

# The neutralisers live in sms_lint.neutralise (register, history and coverage use them too);
# reporters import them from here as before.
__all__ = ["Reporter", "clean", "one_line", "visible_path"]


class Reporter:
    """Renders a whole result as one string. ``color`` is only honoured by terminal formats."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, color: bool = False, reports: tuple[str, ...] = ()) -> None:
        self.color = color
        # The files the run's other reports go to (as named): a summary can point at them.
        self.reports = reports

    def render(self, result: Result) -> str:
        raise NotImplementedError

    def step_summary(self, result: Result) -> str | None:
        """Markdown to append to ``$GITHUB_STEP_SUMMARY`` when it is set (None: nothing)."""
        return None


def counts(result: Result) -> dict[str, int]:
    """Findings that count, by severity, then the excused ones: waived, baselined and (under
    ``--new-only``) pre-existing, each counted once (a waiver wins over the baseline)."""
    out = {"major": 0, "minor": 0, "observation": 0, "waived": 0, "baselined": 0}
    if result.new_only is not None:
        out["pre_existing"] = 0
        out["fixed"] = len(result.fixed)
    for finding in result.findings:
        out[excuse(finding) or finding.severity.value] += 1
    return out


def excuse(finding: Finding) -> str | None:
    """Why a finding does not fail the run (the counts' key), or None when it counts."""
    if finding.waived:
        return "waived"
    if finding.baselined is not None:
        return "baselined"
    if finding.pre_existing:
        return "pre_existing"
    return None


def conformant(result: Result) -> bool:
    """No unwaived major or minor finding: the JSON summary's ``conformant``. It says only that
    sms-lint found nothing it grades above an observation, never that the SMS conforms (a
    linter reads documents and records; it cannot certify)."""
    graded = ("major", "minor")
    return not any(not f.excused and f.severity.value in graded for f in result.findings)


def verdict(result: Result) -> str:
    """The summary's verdict in sms-lint's own words: findings are "findings" (a nonconformity
    is a kind of record in the SMS), and a clean run is "no findings", never "conformant"."""
    if not result.findings:
        return "no findings"
    if conformant(result):
        # A baseline or --new-only run says what it left aside, not just the waivers.
        if result.new_only is not None:
            return f"no unwaived major or minor finding new since {one_line(result.new_only)}"
        if result.baseline is not None:
            return "no unwaived major or minor finding outside the baseline"
        return "no unwaived major or minor finding"
    return "major or minor findings to fix"


def location(finding: Finding) -> str:
    if finding.path is None:
        return "(repository)"
    return f"{visible_path(finding.path)}:{finding.line or 1}:{finding.column or 1}"


def clause_key(clause: str) -> tuple[int, ...]:
    """Numeric sort key for a clause number: 8.10 after 8.9, 10.1 after 9.4."""
    return tuple(int(part) if part.isdigit() else 0 for part in clause.split("."))


def clause_label(result: Result, clause: str) -> str:
    """``7.5.3 Control of documented information`` (the number alone if the title is unknown)."""
    title = result.framework.title(clause)
    return one_line(f"{clause} {title}" if title else clause)


def rule_label(result: Result, rule_id: str) -> str:
    """``SMS005 review-current``: the rule id and its name."""
    return one_line(f"{rule_id} {result.rulebook.rules[rule_id].name}")


def config_file(result: Result) -> str | None:
    """The run's config file (relative to the root) when it lies inside the root."""
    return result.config_path


def repository_anchor(result: Result, clause: str, artifact_id: str | None = None) -> str | None:
    """The existing file a repository-wide finding is shown on, for consumers that need a file
    (relative to the SMS root).

    In order: the root's config file (one stable place for every repo-wide verdict); the
    artifact the finding names; the first artifact giving evidence for its clause; the SMS's
    first document; any file at the top of the SMS root. None only when the root holds no file.
    """
    found = config_file(result)
    if found is not None:
        return found
    named = next((a.path for a in result.artifacts if artifact_id and a.id == artifact_id), None)
    if named is not None:
        return named
    for artifact in result.artifacts:
        if any(clause_covers(c, clause) for c in evidence_clauses(artifact, result.framework)):
            return artifact.path
    return result.paths[0] if result.paths else _first_file_in_root(result.root)


def _first_file_in_root(root: str) -> str | None:
    try:
        files = sorted(p.name for p in Path(root).iterdir() if p.is_file())
    except OSError:
        return None
    return files[0] if files else None


def place(finding: Finding, result: Result) -> tuple[str, int, int | None] | None:
    """Where a file-naming consumer shows the finding: the path from the top of the git
    repository (as annotations name files), line and column; a repository-wide finding on line
    1 of :func:`repository_anchor`, with no column; None when there is no file to name."""
    if finding.path is not None:
        return result.repository_folder + finding.path, finding.line or 1, finding.column or 1
    found = repository_anchor(result, finding.clause, finding.artifact)
    return None if found is None else (result.repository_folder + found, 1, None)


# What the last line of a CI log counts, in this order.
TALLIES = ("major", "minor", "observation", "waived")


def mode_tallies(result: Result) -> tuple[str, ...]:
    """The counts a baseline or ``--new-only`` run adds, once that mode is on (zero or not)."""
    keys = ("baselined",) if result.baseline is not None else ()
    if result.new_only is not None:
        keys += ("pre_existing", "fixed")
    return keys


def tally_word(key: str) -> str:
    """A counts key as a report writes it: ``pre_existing`` is "pre-existing"."""
    return key.replace("_", "-")


def baseline_note(finding: Finding) -> str:
    """``in the baseline since 2026-11-30`` (no date when the baseline file gives none)."""
    return f"in the baseline since {finding.baselined}" if finding.baselined else "in the baseline"


def pre_existing_note(result: Result) -> str:
    """``present at main before this change`` (the ``--new-only`` base, made safe)."""
    return f"present at {one_line(result.new_only or 'the base')} before this change"


def excuse_note(finding: Finding, result: Result) -> str | None:
    """Why the finding does not fail, in a line: ``waived: REASON``, ``in the baseline since
    DATE`` or ``present at REF before this change``; None when it counts."""
    why = excuse(finding)
    if why == "waived":
        return f"waived: {one_line(finding.waived_reason or '')}"
    if why == "baselined":
        return baseline_note(finding)
    return pre_existing_note(result) if why == "pre_existing" else None


def totals_line(result: Result) -> str:
    """``sms-lint: 73 artifacts checked: 0 major, ...; <verdict>.``: the last line a CI log
    shows (GitHub annotations, Azure logging commands)."""
    tally = counts(result)
    keys = (*TALLIES, *mode_tallies(result))
    parts = ", ".join(f"{tally[key]} {tally_word(key)}" for key in keys)
    artifacts = f"{result.documents} artifact{'s' if result.documents != 1 else ''}"
    return f"sms-lint: {artifacts} checked: {parts}; {verdict(result)}."
