"""The pack's front part: the cover, the contents, the master register and the clause map."""

from __future__ import annotations

from sms_lint.export.links import Linker
from sms_lint.export.model import ClauseRow, Cover, DocView, Pack, RegisterRow
from sms_lint.html.markup import esc, join, row, table

# What the pack can and cannot say, on its cover.
LIMITS = (
    "sms-lint reads the documents and records in the repository; it cannot observe practice. "
    "The summary says what it found, not that the SMS conforms: an auditor samples practice."
)
_COUNT_WORDS = {
    "major": "major", "minor": "minor", "observation": "observations", "waived": "waived",
    "baselined": "in the baseline", "pre_existing": "present before the change",
    "fixed": "fixed",
}  # fmt: skip


def cover(pack: Pack) -> str:
    head = pack.cover
    facts = [
        ("Organization", head.organization),
        ("Scope", head.scope_title or "no scope document"),
        ("Date", head.today.isoformat()),
        ("Git commit", head.commit or "not available"),
        ("Framework", head.framework),
        ("Contents", f"{len(pack.documents)} {head.selection}"),
        ("Made by", f"sms-lint {head.version}"),
    ]
    if head.as_of:
        facts.insert(3, ("As of", head.as_of))
    items = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in facts)
    return join(
        [
            '<section class="cover" id="cover" aria-labelledby="cover-title">',
            '<p class="eyebrow">Documented information</p>',
            f'<h1 id="cover-title">{esc(head.organization)}</h1>',
            f'<dl class="facts">{items}</dl>',
            _scope_lists(head),
            _conformance(head),
            "</section>",
        ]
    )


def _scope_lists(head: Cover) -> str:
    parts = []
    for title, values in (("Services in scope", head.services), ("Locations", head.locations)):
        if values:
            entries = "".join(f"<li>{esc(v)}</li>" for v in values)
            parts.append(f"<h2>{esc(title)}</h2><ul>{entries}</ul>")
    return join(parts)


def _conformance(head: Cover) -> str:
    tally = ", ".join(
        f"{value} {_COUNT_WORDS.get(key, key)}"
        for key, value in head.counts
        if value or key in ("major", "minor", "observation")
    )
    notes = "".join(f'<p class="note">{esc(note)}</p>' for note in head.notes)
    return join(
        [
            '<div class="summary">',
            "<h2>Conformance summary</h2>",
            f"<p><strong>{esc(head.verdict.capitalize())}</strong>. Findings of "
            f"<code>sms-lint check</code> on {esc(head.today.isoformat())}: {esc(tally)}; "
            f"{head.clauses_covered} of {head.clauses_total} clauses covered.</p>",
            f'<p class="muted">{esc(LIMITS)}</p>',
            notes,
            "</div>",
        ]
    )


def contents(pack: Pack, linker: Linker) -> str:
    docs = "".join(
        f'<li><a href="{linker.document(d.anchor)}">{esc(d.label)}</a> '
        f"{esc(d.title)}{_draft_mark(d)}</li>"
        for d in pack.documents
    )
    return join(
        [
            '<nav class="contents" id="contents" aria-label="Contents">',
            "<h2>Contents</h2>",
            f'<ol><li><a href="{linker.section("register")}">Master register</a></li>'
            f'<li><a href="{linker.section("clause-map")}">Clause map</a></li>'
            f"<li>{_documents_entry(linker)}<ol>{docs}</ol></li></ol>",
            "</nav>",
        ]
    )


def _documents_entry(linker: Linker) -> str:
    """In one file the documents follow; in a folder each is its own page (listed below)."""
    return (
        "Documents" if linker.folder else f'<a href="{linker.section("documents")}">Documents</a>'
    )


def _draft_mark(doc: DocView) -> str:
    return "" if doc.status == "approved" else f' <span class="badge">{esc(doc.status)}</span>'


def _linked(label: str, linker: Linker) -> str:
    href = linker.label(label)
    return esc(label) if href is None else f'<a class="doc-link" href="{href}">{esc(label)}</a>'


_REGISTER_HEADINGS = (
    "Id", "Title", "Kind", "Owner", "Version", "Status", "Last reviewed", "Next review",
    "Last change",
)  # fmt: skip


def register(rows: tuple[RegisterRow, ...], linker: Linker) -> str:
    body = "\n".join(
        row(
            [
                _linked(r.label, linker), esc(r.title), esc(r.kind), esc(r.owner),
                esc(r.version), esc(r.status), esc(r.last_reviewed), esc(r.next_review),
                esc(r.last_change),
            ],
            header_first=True,
        )
        for r in rows
    )  # fmt: skip
    caption = f"Every artifact of the repository ({len(rows)}); ids link to the documents here"
    return join(
        [
            '<section class="part" id="register" aria-labelledby="register-title">',
            '<h2 id="register-title">Master register</h2>',
            table(esc(caption), _REGISTER_HEADINGS, f"<tbody>{body}</tbody>", "register"),
            "</section>",
        ]
    )


def clause_map(rows: tuple[ClauseRow, ...], linker: Linker) -> str:
    body = "\n".join(
        row(
            [
                esc(c.clause),
                esc(c.title),
                f'<span class="status s-{esc(c.status)}">{esc(c.status)}</span> '
                f'<span class="muted">{esc(c.detail)}</span>',
                ", ".join(_linked(label, linker) for label in c.evidence) or "-",
                ", ".join(_linked(label, linker) for label in c.records) or "-",
            ],
            header_first=True,
        )
        for c in rows
    )
    headings = ("Clause", "Title", "Status", "Documented by", "Records")
    return join(
        [
            '<section class="part" id="clause-map" aria-labelledby="clause-map-title">',
            '<h2 id="clause-map-title">Clause map</h2>',
            table(
                "Each clause, the approved documents that describe it and the records that show "
                "it operating",
                headings,
                f"<tbody>{body}</tbody>",
                "clauses",
            ),
            "</section>",
        ]
    )
