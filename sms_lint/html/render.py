"""The readiness page as one self-contained HTML document: masthead, summary, clause map and
the other sections come from ``findings``, ``agenda`` (reviews, audits) and ``details``."""

from __future__ import annotations

from sms_lint.html.agenda import audit_section, calendar_section
from sms_lint.html.details import STATE_WORDS, details_section, gap_words
from sms_lint.html.findings import findings_section, group_counts
from sms_lint.html.markup import anchor_id, esc, icon, join, sprite
from sms_lint.html.model import COVERED, FINDINGS, GAP, ClauseView, Header, Page
from sms_lint.html.performance import performance_section
from sms_lint.html.style import CSS
from sms_lint.words import listing

SECTIONS = (
    ("summary", "Summary"),
    ("clause-map", "Clause map"),
    ("performance", "Performance"),
    ("findings", "Findings"),
    ("reviews", "Review calendar"),
    ("audits", "Audit programme"),
    ("details", "Clause details"),
)


def render_page(page: Page) -> str:
    head = page.header
    title = f"SMS readiness: {head.organization} ({head.today.isoformat()})"
    body = join(
        [
            '<a class="skip" href="#summary">Skip to the summary</a>',
            sprite(),
            _masthead(head),
            '<main id="main">',
            _summary(page),
            _clause_map(page),
            performance_section(page.performance, head.today.isoformat(), page.limits),
            findings_section(page.findings, page.limits),
            calendar_section(page.calendar, head.today),
            audit_section(page.programme, dict(page.parts), page.limits),
            details_section(page.clauses),
            "</main>",
            _footer(head),
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        '<meta name="generator" content="sms-lint"/>\n'
        f"<title>{esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def state_label(clause: ClauseView) -> str:
    """What the clause-map cell says: the words carry the status, the icon repeats it."""
    if clause.state == FINDINGS:
        noun = "finding" if clause.open_findings == 1 else "findings"
        words = f"{clause.open_findings} {noun}"
    elif clause.state == GAP:
        words = gap_words(clause)
    else:
        words = "Covered"
    return f'<span class="state">{icon(clause.state)} {esc(words)}</span>'


def _masthead(head: Header) -> str:
    facts = [
        ("Framework", head.framework),
        ("Date judged", head.today.isoformat()),
        ("Repository", head.root),
        ("Git commit", head.commit or "not available"),
        ("sms-lint", head.version),
    ]
    items = "".join(f"<div><dt>{esc(k)}</dt> <dd>{esc(v)}</dd></div>" for k, v in facts)
    return (
        '<header class="masthead"><div class="masthead-inner">\n'
        '<p class="eyebrow">SMS readiness report</p>\n'
        f"<h1>{esc(head.organization)}</h1>\n"
        f'<dl class="facts">{items}</dl>\n</div></header>'
    )


def _verdict(page: Page) -> str:
    gaps = [c for c in page.clauses if c.state == GAP]
    undocumented = sum(1 for c in gaps if not c.documented)
    counts = group_counts(page.findings)
    open_findings = counts["major"] + counts["minor"]
    if gaps:
        state = GAP
        parts = []
        if undocumented:
            parts.append(f"{undocumented} not documented")
        if len(gaps) > undocumented:
            parts.append(f"{len(gaps) - undocumented} documented without the records expected")
        headline = (
            f"Not ready: {len(gaps)} clause{'' if len(gaps) == 1 else 's'} with gaps "
            f"({' and '.join(parts)})"
        )
    elif open_findings:
        state, plural = FINDINGS, "finding is" if open_findings == 1 else "findings are"
        headline = f"Every clause is covered, but {open_findings} major or minor {plural} open"
    else:
        state = COVERED
        headline = (
            "Every clause is documented and, where records are expected, shown operating; "
            "no major or minor finding is open"
        )
    detail = (
        f"{counts['major']} major, {counts['minor']} minor, "
        f"{counts['observation']} observation{'' if counts['observation'] == 1 else 's'}"
        f" and {counts['waived']} waived finding{'' if counts['waived'] == 1 else 's'}"
        f"{_not_open(counts)}."
    )
    return (
        f'<div class="verdict s-{state}">{icon(state)}'
        f"<p><strong>{esc(headline)}</strong>{esc(detail)}</p></div>"
    )


def _not_open(counts: dict[str, int]) -> str:
    """``; 3 in the baseline, 2 present before this change`` when there are such findings:
    recorded debt, not open findings."""
    parts = [f"{counts['baselined']} in the baseline"] if counts["baselined"] else []
    if counts["pre_existing"]:
        parts.append(f"{counts['pre_existing']} present before this change")
    return f"; {', '.join(parts)}" if parts else ""


def limits(page: Page) -> str:
    """What the page can and cannot judge, said where every reader starts. The records named
    are the pack's (its ``evidence:`` section), clause by clause, so the page says what it
    actually looked for."""
    expected = [f"{c.expects} for {c.number}" for c in page.clauses if c.expects]
    records = (
        " and, where the standard expects records, records show it operating within its "
        f"interval: {listing(expected)}"
        if expected
        else ""
    )
    return (
        "sms-lint reads the documents and records in the repository; it cannot observe "
        f"practice. A clause is covered when an approved document with content describes it"
        f"{records}. A record shows a clause operating; it never documents it. Records kept in "
        "other systems (training, tickets, project files) are not judged. Covered is not a "
        "certificate: an auditor will sample practice and may still raise findings."
    )


def _tile(value: int | str, label: str, tone: str) -> str:
    return f'<li class="tile is-{tone}"><b>{esc(value)}</b><span>{esc(label)}</span></li>'


def _summary(page: Page) -> str:
    covered = sum(1 for c in page.clauses if c.state != GAP)
    gaps = len(page.clauses) - covered
    only = sum(1 for c in page.clauses if c.state == GAP and c.documented)
    counts = group_counts(page.findings)
    overdue = page.calendar.overdue.total
    due = sum(m.count for m in page.calendar.months)
    missed = len(page.programme.missed)
    tiles = [
        _tile(f"{covered}/{len(page.clauses)}", "clauses covered", "bad" if gaps else "ok"),
        _tile(gaps, "gaps", "bad" if gaps else "ok"),
        _tile(only, "documented, no records", "warn" if only else "ok"),
        _tile(counts["major"], "major findings", "bad" if counts["major"] else "ok"),
        _tile(counts["minor"], "minor findings", "warn" if counts["minor"] else "ok"),
        _tile(counts["observation"], "observations", "warn" if counts["observation"] else "ok"),
        _tile(overdue, "reviews overdue", "bad" if overdue else "ok"),
        _tile(due, "reviews due in 12 months", "ok"),
        _tile(missed, "clauses not in the audit cycle's audits", "warn" if missed else "ok"),
    ]  # fmt: skip
    links = "".join(f'<li><a href="#{key}">{esc(name)}</a></li>' for key, name in SECTIONS)
    return join(
        [
            '<section aria-labelledby="summary">',
            '<h2 id="summary">Summary</h2>',
            _verdict(page),
            f'<p class="limits">{esc(limits(page))}</p>',
            f'<ul class="tiles">{"".join(tiles)}</ul>',
            f'<nav class="toc" aria-label="Sections"><ol>{links}</ol></nav>',
            "</section>",
        ]
    )


def _legend() -> str:
    entries = "".join(
        f'<li class="key s-{state}"><span class="state">{icon(state)} {esc(words)}</span></li>'
        for state, words in STATE_WORDS.items()
    )
    return f'<ul class="legend" aria-label="Legend">{entries}</ul>'


def _cell(clause: ClauseView) -> str:
    target = anchor_id("clause", clause.number)
    return (
        f'<li><a class="cell s-{clause.state}" href="#{target}">'
        f'<span class="num">{esc(clause.number)}</span>'
        f'<span class="title">{esc(clause.title)}</span>{state_label(clause)}</a></li>'
    )


def _clause_map(page: Page) -> str:
    groups = []
    for part, title in page.parts.items():
        cells = "".join(_cell(c) for c in page.clauses if c.part == part)
        heading = f"<h3>{esc(part)} {esc(title)}</h3>"
        groups.append(f'<div class="part">{heading}\n<ul class="map">{cells}</ul></div>')
    return join(
        [
            '<section aria-labelledby="clause-map">',
            '<h2 id="clause-map">Clause map</h2>',
            "<p>Every clause of the readiness list; select a clause for its evidence and findings."
            "</p>",
            _legend(),
            *groups,
            "</section>",
        ]
    )


def _footer(head: Header) -> str:
    commit = f" at commit {esc(head.commit)}" if head.commit else ""
    return (
        f"<footer><p>Made by sms-lint {esc(head.version)} from {esc(head.root)}{commit}, "
        f"judged on {esc(head.today.isoformat())}.</p></footer>"
    )
