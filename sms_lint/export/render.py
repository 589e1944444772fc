"""The pack as HTML: one self-contained file, or (:func:`render_folder`) an index page and one
page per document. No script and no external resource: the Content-Security-Policy forbids
loading anything but the inline stylesheet, in case a reader's browser would."""

from __future__ import annotations

from sms_lint.export.bodies import BodyRenderer
from sms_lint.export.documents import document
from sms_lint.export.links import INDEX, Linker
from sms_lint.export.model import Pack
from sms_lint.export.sections import clause_map, contents, cover, register
from sms_lint.export.style import CSS
from sms_lint.html.markup import esc, join

_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def linker_for(pack: Pack, folder: bool = False) -> Linker:
    by_path = {doc.path: doc.anchor for doc in pack.documents}
    return Linker(pack.anchors(), by_path, folder)


def render_pack(pack: Pack) -> str:
    """The whole pack as one HTML file."""
    linker = linker_for(pack)
    bodies = BodyRenderer(linker)
    docs = [document(doc, linker, bodies) for doc in pack.documents]
    return _page(
        f"Documented information: {pack.cover.organization} ({pack.cover.today.isoformat()})",
        join([_front(pack, linker), _documents(docs), _footer(pack)]),
    )


def render_folder(pack: Pack) -> dict[str, str]:
    """File name -> page: ``index.html`` (cover, contents, register, clause map) and one page
    per document, named after its anchor."""
    linker = linker_for(pack, folder=True)
    bodies = BodyRenderer(linker)
    org, day = pack.cover.organization, pack.cover.today.isoformat()
    pages = {INDEX: _page(f"Documented information: {org} ({day})", _front(pack, linker))}
    back = f'<nav class="pagenav"><a href="{INDEX}">Documented information of {esc(org)}</a></nav>'
    for doc in pack.documents:
        pages[f"{doc.anchor}.html"] = _page(
            f"{doc.label} {doc.title} ({org})",
            join([back, document(doc, linker, bodies), _footer(pack)]),
        )
    return pages


def _front(pack: Pack, linker: Linker) -> str:
    return join(
        [
            cover(pack),
            contents(pack, linker),
            register(pack.register, linker),
            clause_map(pack.clauses, linker),
        ]
    )


def _documents(docs: list[str]) -> str:
    return join(['<section id="documents" aria-label="Documents">', *docs, "</section>"])


def _footer(pack: Pack) -> str:
    head = pack.cover
    commit = f" at commit {esc(head.commit)}" if head.commit else ""
    return (
        f'<footer class="muted"><p>Made by sms-lint {esc(head.version)}{commit}, on '
        f"{esc(head.today.isoformat())}.</p></footer>"
    )


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}"/>\n'
        '<meta name="referrer" content="no-referrer"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        '<meta name="generator" content="sms-lint"/>\n'
        f"<title>{esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
