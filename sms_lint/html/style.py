"""The page's only stylesheet, inlined: no web fonts, no external resource, no script.

Sizes are in rem and the grids are fluid (auto-fill with a minimum), so the page reflows at
200 % zoom instead of scrolling sideways. Status is carried by text and an icon, and also by
border style (solid = covered, dashed = findings, double = gap; the same for severities) and a
hatched gap, so a grey-scale printout loses nothing.
"""

CSS = """
:root {
  --ink: #1b1f24; --muted: #4b5563; --line: #d0d7de; --paper: #ffffff; --wash: #f6f8fa;
  --accent: #1f4e8c; --night: #12263f; --night-ink: #c9d6e8;
  --ok: #14632d; --ok-bg: #e3f4e8; --ok-line: #2f8a4c;
  --warn: #6b4500; --warn-bg: #fff3cd; --warn-line: #b7791f;
  --bad: #8c1c13; --bad-bg: #fde8e6; --bad-line: #c0392b; --bad-stripe: #f9d0cb;
  --obs: #1f4e8c; --obs-bg: #e6eef9;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: var(--paper);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
    "Liberation Sans", Arial, sans-serif;
}
main, .masthead-inner, footer { max-width: 75rem; margin: 0 auto; padding: 0 1.25rem; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
h1, h2, h3, h4 { line-height: 1.25; }
h2 {
  font-size: 1.5rem; margin: 2.75rem 0 1rem; padding-bottom: .35rem;
  border-bottom: 2px solid var(--ink);
}
h3 { font-size: 1.125rem; margin: 1.5rem 0 .5rem; }
code, .path { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
code { font-size: .875em; background: var(--wash); padding: 0 .2em; border-radius: .2em; }
.path { font-size: .8125rem; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.sprite { position: absolute; width: 0; height: 0; overflow: hidden; }
.icon { width: 1em; height: 1em; vertical-align: -.125em; fill: currentColor; flex: none; }
.sr-only {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap;
}
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: .5rem; z-index: 1; }

.masthead { background: var(--night); color: #fff; padding: 1.75rem 0 1.5rem; }
.eyebrow {
  margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: .8125rem;
  color: var(--night-ink);
}
.masthead h1 { margin: .25rem 0 1rem; font-size: 2rem; overflow-wrap: anywhere; }
.facts { display: flex; flex-wrap: wrap; gap: .5rem 2.25rem; margin: 0; }
.facts dt { font-size: .8125rem; color: var(--night-ink); }
.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }

.verdict {
  display: flex; gap: .75rem; align-items: flex-start; margin: 1.5rem 0 1rem;
  padding: 1rem 1.25rem; border: 2px solid; border-radius: .5rem;
}
.verdict .icon { width: 1.75rem; height: 1.75rem; }
.verdict p { margin: 0; }
.verdict strong { display: block; font-size: 1.25rem; }
.tiles {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr)); gap: .75rem;
  margin: 0; padding: 0; list-style: none;
}
.tile {
  border: 1px solid var(--line); border-left: .4rem solid; border-radius: .5rem;
  padding: .6rem .8rem;
}
.tile b { display: block; font-size: 1.75rem; line-height: 1.2; }
.tile span { color: var(--muted); font-size: .875rem; line-height: 1.3; display: block; }
.tile.is-bad { border-left-color: var(--bad-line); }
.tile.is-warn { border-left-color: var(--warn-line); }
.tile.is-ok { border-left-color: var(--ok-line); }
.toc { margin: 1.25rem 0 0; padding: .6rem 1rem; background: var(--wash); border-radius: .5rem; }
.toc ol {
  margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem;
}

.legend {
  display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 0 0 1rem; list-style: none;
}
.key { padding: .2rem .6rem; border-radius: .35rem; border-width: 2px; border-style: solid; }
.part { margin-bottom: .25rem; }
.part h3 { margin: 1.1rem 0 .45rem; font-size: 1rem; }
.map {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .5rem;
  margin: 0; padding: 0; list-style: none;
}
.cell {
  display: flex; flex-direction: column; height: 100%; min-height: 5.75rem;
  padding: .45rem .6rem; border-radius: .4rem; text-decoration: none; color: var(--ink);
  border-width: 2px; border-style: solid;
}
.cell:hover { box-shadow: 0 0 0 2px var(--accent); }
.cell .num { font-weight: 700; }
.cell .title { font-size: .8125rem; line-height: 1.3; flex: 1; margin: .1rem 0 .35rem; }
.state {
  display: inline-flex; align-items: center; gap: .35rem; font-weight: 700; font-size: .875rem;
}
.s-covered { background: var(--ok-bg); border-color: var(--ok-line); }
.s-covered .state, .state.s-covered { color: var(--ok); }
.s-findings { background: var(--warn-bg); border-color: var(--warn-line); border-style: dashed; }
.s-findings .state, .state.s-findings { color: var(--warn); }
.s-gap {
  border-color: var(--bad-line); border-style: double; border-width: 4px;
  background: repeating-linear-gradient(
    135deg, var(--bad-bg) 0 .5rem, var(--bad-stripe) .5rem .7rem);
}
.s-gap .state, .state.s-gap { color: var(--bad); }
.badge {
  display: inline-flex; align-items: center; gap: .3rem; padding: .05rem .55rem;
  border-radius: 1rem; border: 1.5px solid; font-size: .8125rem; font-weight: 700;
  white-space: nowrap; vertical-align: .1em;
}
.badge.s-gap { border-width: 3px; }
.sev-major { color: var(--bad); background: var(--bad-bg); border: 3px double; }
.sev-minor { color: var(--warn); background: var(--warn-bg); border-style: dashed; }
.sev-observation { color: var(--obs); background: var(--obs-bg); }
.sev-waived, .sev-baselined, .sev-pre_existing {
  color: var(--muted); background: var(--wash); border-style: dotted;
}
.chip {
  display: inline-block; margin: .1rem 0; padding: 0 .4rem; border: 1.5px solid;
  border-radius: .3rem; font-size: .8125rem; font-weight: 600; white-space: nowrap;
}
.chip.s-gap { border-width: 3px; }

.table-wrap { overflow-x: auto; margin: .5rem 0 1.25rem; }
table { border-collapse: collapse; width: 100%; font-size: .9375rem; }
caption { text-align: left; font-weight: 700; padding: .35rem 0; }
th, td {
  text-align: left; vertical-align: top; padding: .4rem .6rem;
  border-bottom: 1px solid var(--line); overflow-wrap: break-word;
}
thead th { background: var(--wash); border-bottom: 2px solid var(--ink); font-size: .875rem; }
tbody th[scope="rowgroup"] { background: #eaf0f7; }
tfoot th, tfoot td { border-top: 2px solid var(--ink); font-weight: 700; }
.counts { width: auto; min-width: min(100%, 42rem); }
.counts td { text-align: right; font-variant-numeric: tabular-nums; }
.grouped, .evidence, .overdue, .coverage { table-layout: fixed; }
.grouped th:nth-child(1) { width: 17%; }
.grouped th:nth-child(2) { width: 21%; }
.grouped th:nth-child(3) { width: 32%; }
.evidence th:nth-child(1), .overdue th:nth-child(1) { width: 19%; }
.evidence th:nth-child(2), .overdue th:nth-child(2) { width: 36%; }
.evidence th:nth-child(4) { width: 11%; }
.overdue th:nth-child(4) { width: 15%; }
.coverage th:nth-child(1) { width: 22%; }
.coverage th:nth-child(3) { width: 16%; }
.coverage th:nth-child(4) { width: 22%; }

.bars { display: block; width: 100%; max-width: 60rem; height: auto; margin: .5rem 0 1rem; }
.bars .bar { fill: var(--accent); }
.bars .axis { stroke: var(--muted); stroke-width: 1; }
.bars text { font-size: 15px; fill: var(--ink); font-family: inherit; }
.bars .bar-value { font-weight: 700; }
.months { table-layout: fixed; }
.months th:nth-child(1) { width: 16%; }
.months td:first-child { white-space: nowrap; }
.months th:nth-child(2) { width: 22%; }
.months th:nth-child(4) { width: 20%; }
.callout {
  border: 2px solid var(--bad-line); background: var(--bad-bg); border-radius: .5rem;
  padding: .6rem 1rem;
}
.callout .icon { margin-right: .35rem; }
.callout.is-ok { border-color: var(--ok-line); background: var(--ok-bg); color: var(--ok); }
.more { color: var(--muted); font-style: italic; }
.rule-head td { background: var(--wash); }

.chip.s-none { color: var(--muted); background: var(--wash); border-style: dotted; }
.performance { table-layout: fixed; }
.performance th:nth-child(1) { width: 30%; }
.performance th:nth-child(5) { width: 16%; }
.unmeasured { table-layout: fixed; }
.unmeasured th:nth-child(1) { width: 45%; }
.values th[scope="row"], .performance .period { white-space: nowrap; }
.chart-legend {
  display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: 1rem 0; padding: 0;
  list-style: none;
}
.chart-legend .icon { width: 1.25em; height: 1.25em; }
.charts {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr));
  gap: 1rem;
}
.chart-card { border: 1px solid var(--line); border-radius: .5rem; padding: .25rem .9rem .6rem; }
.chart-card h3 { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .75rem; }
.chart-card h3, .metric { overflow-wrap: anywhere; }
.metric { margin: 0 0 .25rem; font-size: .875rem; }
.trend { display: block; width: 100%; max-width: 30rem; height: auto; }
.trend text { font-family: inherit; }
.chart-summary { margin: .25rem 0; font-size: .9375rem; }
details summary { cursor: pointer; color: var(--accent); }
details .table-wrap { margin-bottom: .25rem; }

.detail { border-top: 1px solid var(--line); margin-top: 1.25rem; }
.detail h3 { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .9rem; }
.detail .table-wrap { margin-bottom: .5rem; }
.findings-list { margin: .25rem 0 .75rem; padding: 0; list-style: none; }
.findings-list li {
  border-left: 4px solid var(--line); padding: .35rem .75rem; margin: .5rem 0;
  background: var(--wash);
}
.findings-list li.g-major { border-left: 6px double var(--bad-line); }
.findings-list li.g-minor { border-left: 4px dashed var(--warn-line); }
.findings-list p { margin: .2rem 0; }
.detail-foot {
  display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem;
  font-size: .875rem; margin: .25rem 0 0;
}
footer {
  margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid var(--line);
  color: var(--muted); font-size: .875rem;
}

@media print {
  @page { margin: 1.5cm; }
  body { font-size: 10pt; }
  .masthead { background: none; color: var(--ink); border-bottom: 3px solid var(--ink); }
  .masthead { padding: 0 0 .5rem; }
  .eyebrow, .facts dt { color: var(--ink); }
  .toc, .skip, .detail-foot a { display: none; }
  main, .masthead-inner, footer { max-width: none; padding: 0; }
  .cell, .badge, .chip, .key, .verdict, .tile, .callout, .bars, tbody th {
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }
  .map { grid-template-columns: repeat(4, 1fr); }
  .cell { min-height: 0; break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  tr, .findings-list li, .tile, .chart-card { break-inside: avoid; }
  .charts { grid-template-columns: repeat(2, 1fr); }
  .table-wrap { overflow: visible; }
  tfoot { display: table-row-group; }  /* a total once, at the end, not on every page */
  .counts { break-inside: avoid; }
  h2#details { break-before: page; }
}
"""
