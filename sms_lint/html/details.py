"""Clause details: for each clause its state, evidence documents (with their last change from
git) and findings with what to do. The clause map links here."""

from __future__ import annotations

from sms_lint.html.caps import COVERAGE_JSON, more_note, more_words
from sms_lint.html.findings import finding_item
from sms_lint.html.markup import anchor_id, esc, icon, join, prose, row, table
from sms_lint.html.model import COVERED, FINDINGS, GAP, ClauseView, EvidenceDoc

STATE_WORDS = {
    COVERED: "Covered",
    FINDINGS: "Covered, with findings",
    GAP: "Gap: not documented, or no records",
}


def gap_words(clause: ClauseView) -> str:
    """A gap in words: documents missing, or documents without the records expected."""
    return "Gap: no records" if clause.documented else "Gap: not documented"


def _operation(clause: ClauseView) -> str:
    """What the clause's documents and records show, in words, with the records named."""
    text = esc(clause.detail[:1].upper() + clause.detail[1:]) + "."
    records = clause.records
    if records.total:
        more = f", {prose(more_words(records.left_out, COVERAGE_JSON))}" if records.left_out else ""
        text += f" Records: {esc(', '.join(records.items))}{more}."
    return f'<p class="operation">{text}</p>'


def _change(doc: EvidenceDoc) -> str:
    if doc.change is None:
        return '<span class="muted">no git record</span>'
    return (
        f'{esc(doc.change.date)} <span class="path">{esc(doc.change.commit)}</span><br/>'
        f"{esc(doc.change.author)}"
    )


def _evidence_table(clause: ClauseView) -> str:
    if not clause.evidence.total:
        return (
            f'<p class="callout">{icon(GAP)} No approved document with content describes this '
            "clause: add or approve one, or list the clause under <code>clauses</code> in the "
            "document that covers it.</p>"
        )
    rows = [
        row(
            [
                esc(doc.label),
                f'{esc(doc.title)}<br/><span class="path muted">{esc(doc.path)}</span>',
                esc(doc.owner),
                esc(doc.version),
                _change(doc),
            ],
            header_first=True,
        )
        for doc in clause.evidence.items
    ]
    caption = f"Evidence for {esc(clause.number)} ({clause.evidence.total})"
    headings = ("ID", "Title", "Owner", "Version", "Last change")
    body = "<tbody>" + "\n".join(rows) + "</tbody>"
    return join(
        [
            table(caption, headings, body, css="evidence", hide_caption=True),
            more_note(clause.evidence, COVERAGE_JSON, "evidence documents"),
        ]
    )


def _detail(clause: ClauseView) -> str:
    target = anchor_id("clause", clause.number)
    words = gap_words(clause) if clause.state == GAP else STATE_WORDS[clause.state]
    badge = f'<span class="badge state s-{clause.state}">{icon(clause.state)} {esc(words)}</span>'
    findings = ""
    if clause.findings.total:
        items = "".join(finding_item(f) for f in clause.findings.items)
        findings = f'<ul class="findings-list" aria-label="Findings">{items}</ul>'
        findings += _more_findings(clause)
    count = clause.evidence.total
    summary = f"{count} evidence document{'' if count == 1 else 's'}" if count else ""
    if not clause.findings.total:
        summary += ("; " if summary else "") + "no findings"
    return join(
        [
            f'<section class="detail" aria-labelledby="{target}">',
            f'<h3 id="{target}">{esc(clause.number)} {esc(clause.title)} {badge}</h3>',
            _operation(clause),
            _evidence_table(clause),
            findings,
            f'<p class="detail-foot"><span class="muted">{esc(summary.capitalize())}</span>'
            ' <a href="#clause-map">Back to the clause map</a></p>',
            "</section>",
        ]
    )


def _more_findings(clause: ClauseView) -> str:
    """Where the findings a long clause leaves out are: every one is in the Findings section,
    under its severity, in this clause's row group."""
    if not clause.findings.left_out:
        return ""
    return (
        f'<p class="more">and {clause.findings.left_out:,} more findings of this clause or a '
        'finer one: see the <a href="#findings">Findings</a> section, under each severity, '
        "by clause</p>"
    )


def details_section(clauses: tuple[ClauseView, ...]) -> str:
    return join(
        [
            '<section aria-labelledby="details">',
            '<h2 id="details">Clause details</h2>',
            *(_detail(c) for c in clauses),
            "</section>",
        ]
    )
