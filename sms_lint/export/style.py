"""The pack's only stylesheet, inlined (no font, image or script is loaded).

On screen it reads as a long page; in print (any browser's "Print to PDF") each document starts
on a new page under a running header (its id, version and title: the head of the table it sits
in, which browsers repeat on every page), the page number sits in the page margin, and nothing
has a dark background. Status is said in words, never by colour alone.
"""

CSS = """
:root { --ink: #1b1f24; --muted: #4b5563; --line: #c9d1d9; --wash: #f6f8fa; --accent: #1f4e8c;
  --draft: #8a4b00; --draft-bg: #fff4e0; --gap: #8c1c13; --ok: #14632d; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 0 1.25rem 3rem; color: var(--ink);
  background: #fff; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
  "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
a { color: var(--accent); }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; }
h2 { font-size: 1.45rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1.05rem; } h5, h6 { font-size: 1rem; }
code, pre, .path { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
code { font-size: .875em; background: var(--wash); padding: 0 .2em; }
pre { background: var(--wash); border: 1px solid var(--line); padding: .5rem .75rem;
  white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
.path { font-size: .85em; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.eyebrow { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: .8rem;
  color: var(--muted); }
.badge { display: inline-block; padding: 0 .4em; border: 1px dashed var(--draft);
  color: var(--draft); background: var(--draft-bg); font-size: .8em; font-weight: 700;
  text-transform: uppercase; letter-spacing: .04em; }
table { border-collapse: collapse; }
.table-wrap { overflow-x: auto; }
.register, .clauses, .records, .history-table, .body table { width: 100%; font-size: .875rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
thead th { border-bottom: 2px solid var(--ink); }
caption { text-align: left; color: var(--muted); font-size: .875rem; padding: .25rem 0; }
.cover { padding: 3rem 0 1rem; border-bottom: 3px solid var(--ink); }
.cover h1 { font-size: 2.2rem; margin: .25rem 0 1.25rem; overflow-wrap: anywhere; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
  gap: .5rem 1.5rem; margin: 0 0 1rem; }
.facts dt { font-size: .8rem; color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.summary { border: 2px solid var(--ink); padding: .25rem 1rem; margin: 1.5rem 0; }
.summary h2 { margin-top: .75rem; font-size: 1.2rem; }
.note { border-left: 4px solid var(--draft); padding-left: .5rem; }
.contents ol { padding-left: 1.5rem; }
.s-gap { color: var(--gap); font-weight: 700; }
.s-gap::before { content: "\\2716  "; }
.s-covered { color: var(--ok); font-weight: 700; }
.s-covered::before { content: "\\2714  "; }
.doc { margin-top: 3rem; border-top: 3px solid var(--ink); }
.frame { width: 100%; table-layout: fixed; }
.frame > tbody > tr > td, .frame > thead > tr > td { padding: 0; border: 0; }
.frame > thead { display: none; }
.runhead { display: flex; gap: .75rem; align-items: baseline; font-size: .8rem;
  border-bottom: 1px solid var(--ink); padding: 0 0 .2rem; margin-bottom: .5rem; }
.rh-id { font-weight: 700; }
.rh-title { margin-left: auto; color: var(--muted); overflow: hidden; white-space: nowrap;
  text-overflow: ellipsis; }
.control h2 { margin-top: .5rem; overflow-wrap: anywhere; }
.control-table { width: 100%; font-size: .9rem; border: 1px solid var(--ink); }
.control-table th { width: 11rem; background: var(--wash); }
.is-draft .control-table { border-style: dashed; border-color: var(--draft); }
.fields { width: 100%; font-size: .9rem; }
.fields > tbody > tr > th { width: 11rem; }
.fields.nested { font-size: inherit; }
.fields ul { margin: 0; padding-left: 1.1rem; }
.unlinked { text-decoration: underline dotted; }
.pagenav { font-size: .875rem; padding: .75rem 0; }
@page { size: A4; margin: 16mm 14mm 16mm;
  @bottom-right { content: "page " counter(page) " of " counter(pages); font-size: 8pt;
    color: #4b5563; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  .doc-link { text-decoration: underline; }
  .cover { break-after: page; border: 0; }
  .contents, #register, #clause-map { break-before: page; }
  .doc { break-before: page; margin: 0; border: 0; }
  .frame > thead { display: table-header-group; }
  .register tr, .clauses tr, .records tr, .history-table tr, .body tr, .control-table {
    break-inside: avoid; }
  .register, .clauses, .history-table { font-size: 8.5pt; }
  h2, h3, h4, h5, h6 { break-after: avoid; }
  .table-wrap { overflow: visible; }
  .pagenav { display: none; }
}
"""
