"""The findings section: counts by clause and severity, then one table per severity grouped by
clause (the page's "sorting": most serious first, no script needed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import groupby

from sms_lint.html.caps import LIMITS, Limits, cut_note
from sms_lint.html.markup import anchor_id, esc, icon, join, prose, row, table
from sms_lint.html.model import GROUPS, FindingView
from sms_lint.reporters.base import clause_key

GROUP_WORDS = {
    "major": "Major",
    "minor": "Minor",
    "observation": "Observation",
    "waived": "Waived",
    "baselined": "Baselined",
    "pre_existing": "Pre-existing",
}
GROUP_TITLES = {
    "major": "Major nonconformities",
    "minor": "Minor nonconformities",
    "observation": "Observations",
    "waived": "Waived findings",
    "baselined": "Findings in the baseline",
    "pre_existing": "Findings present before this change",
}
COLLAPSED = (
    "Many findings: within each clause they are listed rule by rule, and each rule's name "
    "and what to do are said once, above its findings."
)
# The by-clause table always has these columns; the baseline's and --new-only's groups only
# when a finding is in them (a plain run's page stays as it was).
ALWAYS = ("major", "minor", "observation", "waived")


def group_counts(findings: Iterable[FindingView]) -> dict[str, int]:
    counted = Counter(f.group for f in findings)
    return {group: counted[group] for group in GROUPS}


def badge(group: str) -> str:
    return f'<span class="badge sev-{group}">{esc(GROUP_WORDS[group])}</span>'


def _clause_name(finding: FindingView) -> str:
    return esc(f"{finding.clause} {finding.clause_title}".strip() or "no clause")


def _waived(finding: FindingView) -> str:
    if finding.note:
        return f'<p class="muted">Not open: {esc(finding.note)}</p>'
    if not finding.waived_reason:
        return ""
    return f'<p class="muted">Waived: {esc(finding.waived_reason)}</p>'


def finding_item(finding: FindingView) -> str:
    """One finding in a clause's detail: grade, rule, place, message, what to do."""
    todo = f"<p><b>What to do:</b> {prose(finding.remediation)}</p>" if finding.remediation else ""
    return (
        f'<li class="g-{finding.group}">{badge(finding.group)} '
        f"<b>{esc(finding.rule)} {esc(finding.rule_name)}</b> "
        f'<span class="path">{esc(finding.where)}</span>'
        f"<p>{esc(finding.message)}{cut_note(finding.message_left_out)}</p>"
        f"{todo}{_waived(finding)}</li>"
    )


def _by_clause_table(findings: tuple[FindingView, ...]) -> str:
    tally: dict[str, Counter[str]] = {}
    names: dict[str, str] = {}
    for finding in findings:
        tally.setdefault(finding.clause, Counter())[finding.group] += 1
        names.setdefault(finding.clause, _clause_name(finding))
    totals = group_counts(findings)
    shown = [g for g in GROUPS if g in ALWAYS or totals[g]]
    body = [
        row([names[c], *(str(tally[c][g]) for g in shown), str(sum(tally[c].values()))], True)
        for c in sorted(tally, key=clause_key)
    ]
    foot = row(["Total", *(str(totals[g]) for g in shown), str(len(findings))], True)
    return table(
        "Findings by clause and severity",
        ("Clause", *(GROUP_WORDS[g] for g in shown), "Total"),
        "<tbody>" + "\n".join(body) + f"</tbody>\n<tfoot>{foot}</tfoot>",
        css="counts",
    )


def _finding_text(finding: FindingView) -> str:
    return esc(finding.message) + cut_note(finding.message_left_out) + _waived(finding)


def _rows(listed: list[FindingView]) -> list[str]:
    return [
        row(
            [
                f"{esc(f.rule)}<br/>{esc(f.rule_name)}",
                f'<span class="path">{esc(f.where)}</span>',
                _finding_text(f),
                prose(f.remediation),
            ]
        )
        for f in listed
    ]


def _collapsed_rows(listed: list[FindingView]) -> list[str]:
    """A clause's findings rule by rule: the rule's name and what to do once, in a row above
    its findings, which then name only the rule, the place and the message. Every finding
    keeps its row; only the repeated words go (they were most of a long page)."""
    out = []
    by_rule = sorted(listed, key=lambda f: f.rule)  # stable: the check's order within a rule
    for _, same in groupby(by_rule, key=lambda f: f.rule):
        members = list(same)
        first = members[0]
        todo = f" <b>What to do:</b> {prose(first.remediation)}" if first.remediation else ""
        out.append(
            f'<tr class="rule-head"><td colspan="4"><b>{esc(first.rule)} '
            f'{esc(first.rule_name)}</b> <span class="muted">({len(members):,})</span>{todo}'
            "</td></tr>"
        )
        out += [
            f'<tr><td>{esc(f.rule)}</td><td><span class="path">{esc(f.where)}</span></td>'
            f'<td colspan="2">{_finding_text(f)}</td></tr>'
            for f in members
        ]
    return out


def _group_table(group: str, findings: list[FindingView], collapse: bool = False) -> str:
    """One severity: a tbody per clause, its header row naming the clause."""
    bodies = []
    for _, members in groupby(findings, key=lambda f: f.clause):
        listed = list(members)
        header = (
            f'<tr><th scope="rowgroup" colspan="4">{_clause_name(listed[0])} '
            f'<span class="muted">({len(listed)})</span></th></tr>'
        )
        rows = _collapsed_rows(listed) if collapse else _rows(listed)
        bodies.append("<tbody>" + header + "\n" + "\n".join(rows) + "</tbody>")
    caption = f"{esc(GROUP_TITLES[group])} by clause"
    headings = ("Rule", "Where", "Finding", "What to do")
    return table(caption, headings, "\n".join(bodies), css="grouped", hide_caption=True)


def findings_section(findings: tuple[FindingView, ...], limits: Limits = LIMITS) -> str:
    parts = ['<section aria-labelledby="findings">', '<h2 id="findings">Findings</h2>']
    if not findings:
        ok = f"{icon('covered')} No findings: every rule passes."
        parts.append(f'<p class="callout is-ok">{ok}</p>')
    else:
        parts.append("<p>Grouped by severity, then by clause: the most serious come first.</p>")
        parts.append(_by_clause_table(findings))
        for group in GROUPS:
            members = [f for f in findings if f.group == group]
            if members:
                heading = f"{badge(group)} {esc(GROUP_TITLES[group])} ({len(members)})"
                parts.append(f'<h3 id="{anchor_id("findings", group)}">{heading}</h3>')
                collapse = len(members) > limits.findings_up_to
                if collapse:
                    parts.append(f'<p class="more">{COLLAPSED}</p>')
                parts.append(_group_table(group, members, collapse))
    parts.append("</section>")
    return join(parts)
