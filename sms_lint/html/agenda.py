"""The dated sections: review calendar (overdue now, due month by month) and audit programme."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from sms_lint.html.caps import LIMITS, REGISTER, Limits, more_note, more_words, shown
from sms_lint.html.markup import esc, icon, join, prose, row, table
from sms_lint.html.schedule import AuditRow, Calendar, Programme, ReviewItem, ReviewMonth

# Month names spelled here, not by strftime: the page must not change with the locale.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip


def month_name(day: datetime.date, short: bool = False) -> str:
    """``November 2026``, or ``Nov 2026`` when short."""
    name = MONTH_NAMES[day.month - 1]
    return f"{name[:3] if short else name} {day.year}"


def _review_rows(items: Iterable[ReviewItem], today: datetime.date) -> str:
    return "\n".join(
        row(
            [
                esc(item.label),
                f'{esc(item.title)}<br/><span class="path muted">{esc(item.path)}</span>',
                esc(item.owner),
                esc(item.due.isoformat()),
                str((today - item.due).days),
            ],
            header_first=True,
        )
        for item in items
    )


def _bars(months: tuple[ReviewMonth, ...]) -> str:
    """An inline SVG bar chart of reviews per month. The month cards below give the same
    numbers as text; the chart carries them in its label for screen readers."""
    peak = max([m.count for m in months] + [1])
    step, width, height = 80, 52, 90
    shapes = []
    for index, month in enumerate(months):
        count = month.count
        bar = max(round(height * count / peak), 2 if count else 0)
        x, middle = index * step + 14, index * step + 14 + width // 2
        shapes.append(
            f'<rect class="bar" x="{x}" y="{20 + height - bar}" width="{width}" height="{bar}" '
            f'rx="3"/><text class="bar-value" x="{middle}" y="{14 + height - bar}" '
            f'text-anchor="middle">{count}</text><text class="bar-label" x="{middle}" '
            f'y="{height + 38}" text-anchor="middle">{month_name(month.first_day, True)}</text>'
        )
    baseline = f'<path class="axis" d="M0 {height + 20.5}H{step * len(months)}"/>'
    summary = "; ".join(f"{month_name(m.first_day)}: {m.count}" for m in months)
    return (
        f'<svg class="bars" viewBox="0 0 {step * len(months)} {height + 46}" role="img" '
        f'aria-label="Reviews due per month. {esc(summary)}">{baseline}{"".join(shapes)}</svg>'
    )


def _month_body(month: ReviewMonth) -> str:
    """One month as a row group: its name and count, then one row per review (the nearest,
    and a last row saying how many more, when the month has too many to list)."""
    count = month.count
    words = "nothing due" if not count else f"{count} review{'' if count == 1 else 's'}"
    header = (
        f'<tr><th scope="rowgroup" colspan="4">{esc(month_name(month.first_day))} '
        f'<span class="muted">({words})</span></th></tr>'
    )
    rows = [
        row(
            [
                esc(item.due.isoformat()),
                esc(item.label),
                f'{esc(item.title)}<br/><span class="path muted">{esc(item.path)}</span>',
                esc(item.owner),
            ]
        )
        for item in month.reviews.items
    ]
    if month.reviews.left_out:
        what = f"due in {month_name(month.first_day)}"
        words = prose(more_words(month.reviews.left_out, REGISTER, what))
        rows.append(f'<tr><td class="more" colspan="4">{words}</td></tr>')
    return "<tbody>" + header + "\n".join(rows) + "</tbody>"


def calendar_section(calendar: Calendar, today: datetime.date) -> str:
    parts = [
        '<section aria-labelledby="reviews">',
        '<h2 id="reviews">Review calendar</h2>',
        "<p>When each approved document is next due for review: its <code>next_review</code>, "
        "else <code>last_reviewed</code> plus its <code>review_interval_months</code> "
        f"(default {calendar.interval_months} months).</p>",
        f'<h3 id="reviews-overdue">Overdue now ({calendar.overdue.total})</h3>',
    ]
    if calendar.overdue.total:
        headings = ("ID", "Title", "Owner", "Was due", "Days overdue")
        body = f"<tbody>{_review_rows(calendar.overdue.items, today)}</tbody>"
        caption = f"Reviews overdue on {esc(today.isoformat())}"
        parts.append(table(caption, headings, body, css="overdue", hide_caption=True))
        parts.append(more_note(calendar.overdue, REGISTER, "overdue"))
    else:
        parts.append(f'<p class="callout is-ok">{icon("covered")} No review is overdue.</p>')
    total = sum(m.count for m in calendar.months)
    parts += [
        f'<h3 id="reviews-due">Due in the next 12 months ({total})</h3>',
        _bars(calendar.months),
        table(
            "Reviews due in the next 12 months, by month",
            ("Due", "ID", "Title", "Owner"),
            "\n".join(_month_body(m) for m in calendar.months),
            css="months",
            hide_caption=True,
        ),
    ]
    if calendar.undated.total:
        names = ", ".join(esc(item.label) for item in calendar.undated.items)
        left_out = calendar.undated.left_out
        more = f"; {prose(more_words(left_out, REGISTER))}" if left_out else ""
        parts.append(f"<p>Approved without any review date (rule SMS004): {names}{more}.</p>")
    parts.append("</section>")
    return join(parts)


def _chips(rows: list[AuditRow], state: str) -> str:
    if not rows:
        return '<span class="muted">none</span>'
    return " ".join(f'<span class="chip s-{state}">{esc(r.clause)}</span>' for r in rows)


def _part_rows(programme: Programme, parts: dict[str, str], limits: Limits) -> str:
    """One row per top-level clause: which of its clauses were audited, which not, by whom."""
    out = []
    for part, title in parts.items():
        members = [r for r in programme.rows if r.clause.split(".")[0] == part]
        audited = [r for r in members if r.audits]
        missed = [r for r in members if not r.audits]
        by = shown(list({a.label: a for r in audited for a in r.audits}.values()), limits)
        auditors = "<br/>".join(f"{esc(a.label)} ({a.day.isoformat()})" for a in by.items)
        if by.left_out:
            auditors += f"<br/>{prose(more_words(by.left_out, REGISTER))}"
        cells = [
            f"{esc(part)} {esc(title)}",
            _chips(audited, "covered"),
            _chips(missed, "gap"),
            auditors or "-",
        ]
        out.append(row(cells, header_first=True))
    return "\n".join(out)


def audit_section(programme: Programme, parts: dict[str, str], limits: Limits = LIMITS) -> str:
    cycle = (
        f"the audit cycle from {esc(programme.since.isoformat())} to "
        f"{esc(programme.until.isoformat())} ({programme.window_months} months, "
        "<code>intervals.audit_cycle_months</code>)"
    )
    out = [
        '<section aria-labelledby="audits">',
        '<h2 id="audits">Audit programme</h2>',
        f"<p>Internal audits held and planned in {cycle}, and the clauses their "
        "<code>scope_clauses</code> cover. A planned audit (a draft dated after today) counts "
        "for the programme, not as an audit held.</p>",
    ]
    held = sum(1 for a in programme.audits if not a.planned)
    if programme.audits:
        audit_rows = "\n".join(
            row(
                [
                    esc(a.label),
                    esc(a.day.isoformat()) + (" (planned)" if a.planned else ""),
                    esc(a.title),
                    esc(", ".join(a.scope)),
                ],
                True,
            )
            for a in programme.listed.items
        )
        planned = len(programme.audits) - held
        caption = f"Internal audits in the cycle: {held} held, {planned} planned"
        body = f"<tbody>{audit_rows}</tbody>"
        out.append(table(caption, ("ID", "Date", "Title", "Scope"), body, css="audits"))
        out.append(more_note(programme.listed, REGISTER, "audits in the cycle"))
    else:
        none = f"{icon('gap')} No internal audit held or planned in the audit cycle."
        out.append(f'<p class="callout">{none}</p>')
    missed = len(programme.missed)
    caption = f"Clauses audited or planned in the cycle: {missed} not covered"
    headings = ("Clause", "Audited", "Not audited", "By")
    body = f"<tbody>{_part_rows(programme, parts, limits)}</tbody>"
    out += [table(caption, headings, body, css="coverage"), "</section>"]
    return join(out)
