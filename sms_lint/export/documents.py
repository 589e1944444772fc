"""One document of the pack: a running header for print, the control header, the document's
fields as tables, its Markdown body and its git history."""

from __future__ import annotations

from sms_lint.export.bodies import BodyRenderer
from sms_lint.export.links import Linker
from sms_lint.export.model import DocView, Revision
from sms_lint.export.tables import fields_table
from sms_lint.html.markup import esc, join, row, table

_HISTORY_HEADINGS = ("Date", "Commit", "Version", "Status", "Author", "Merged by", "Message")


def document(doc: DocView, linker: Linker, bodies: BodyRenderer) -> str:
    """The document as an ``<article>``. Its content sits in the one cell of a table whose
    head is the running header: a browser repeats a table's head on every printed page the
    table spans, so each page says which document and version it belongs to."""
    draft = doc.status != "approved"
    klass = "doc is-draft" if draft else "doc"
    content = join(
        [
            _control(doc, linker),
            _fields(doc, linker),
            _body(doc, bodies),
            _history(doc),
        ]
    )
    return join(
        [
            f'<article class="{klass}" id="{doc.anchor}" aria-labelledby="{doc.anchor}-title">',
            '<table class="frame" role="presentation">',
            f'<thead><tr><td><div class="runhead">{running_header(doc)}</div></td></tr></thead>',
            f"<tbody><tr><td>\n{content}\n</td></tr></tbody>",
            "</table>",
            "</article>",
        ]
    )


def running_header(doc: DocView) -> str:
    version = f"version {doc.version}" if doc.version else "no version"
    status = f' <b class="badge">{esc(doc.status.upper())}</b>' if doc.status != "approved" else ""
    return (
        f'<span class="rh-id">{esc(doc.label)}</span> <span>{esc(version)}</span>{status} '
        f'<span class="rh-title">{esc(doc.title)}</span>'
    )


def _control(doc: DocView, linker: Linker) -> str:
    clauses = ", ".join(doc.clauses) or "none claimed"
    related = ", ".join(_id(label, linker) for label in doc.related)
    facts = [
        ("Id", esc(doc.label)),
        ("Version", esc(doc.version or "-")),
        ("Status", _status(doc)),
        ("Owner", esc(doc.owner or "-")),
        ("Approved by", esc(doc.approved_by or "-")),
        ("Approved on", esc(doc.approved_on or "-")),
        ("Last reviewed", esc(doc.last_reviewed or "-")),
        ("Next review", esc(doc.next_review or "-")),
        ("Clauses evidenced", esc(clauses)),
        ("Related", related or "-"),
        ("File", f'<span class="path">{esc(doc.path)}</span>'),
    ]
    cells = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{v}</td></tr>' for k, v in facts)
    return join(
        [
            '<header class="control">',
            f'<p class="eyebrow">{esc(doc.kind)}</p>',
            f'<h2 id="{doc.anchor}-title">{esc(doc.label)} {esc(doc.title)}</h2>',
            f'<table class="control-table"><caption class="sr-only">Control header of '
            f"{esc(doc.label)}</caption><tbody>{cells}</tbody></table>",
            "</header>",
        ]
    )


def _status(doc: DocView) -> str:
    if doc.status == "approved":
        return "approved"
    return f'<b class="badge">{esc(doc.status or "no status")}</b> not approved'


def _id(label: str, linker: Linker) -> str:
    href = linker.label(label)
    return esc(label) if href is None else f'<a class="doc-link" href="{href}">{esc(label)}</a>'


def _fields(doc: DocView, linker: Linker) -> str:
    markup = fields_table(doc.data, linker.label)
    if not markup:
        return ""
    return f'<section class="data"><h3>Content</h3>\n{markup}\n</section>'


def _body(doc: DocView, bodies: BodyRenderer) -> str:
    if doc.body is None or not doc.body.strip():
        return ""
    markup = bodies.render(doc.body, doc.path, doc.label)
    return f'<section class="body">\n{markup}</section>'


def _history(doc: DocView) -> str:
    if doc.history is None:
        return (
            '<section class="history"><h3>History</h3><p class="muted">Not available '
            "from git.</p></section>"
        )
    if not doc.history:
        return (
            '<section class="history"><h3>History</h3><p class="muted">Not committed '
            "yet.</p></section>"
        )
    body = "\n".join(_revision(r) for r in doc.history)
    return join(
        [
            '<section class="history">',
            "<h3>History</h3>",
            table(
                f"Every commit that changed {esc(doc.path)}, newest first",
                _HISTORY_HEADINGS,
                f"<tbody>{body}</tbody>",
                "history-table",
                hide_caption=True,
            ),
            "</section>",
        ]
    )


def _revision(rev: Revision) -> str:
    cells = [rev.date, rev.commit, rev.version, rev.status, rev.author, rev.merged_by]
    return row([esc(c or "-") for c in cells] + [esc(rev.message)])
