"""``sms-lint export``: the documented-information pack, read back with a real HTML parser."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLE, TODAY
from export_html import Parsed, parse, parse_file
from test_git_support import GitRepo, policy, process


def export(invoke, root: Path, output: Path, *extra: str) -> Path:
    result = invoke("export", str(root), "-o", str(output), "--today", TODAY, *extra)
    assert result.exit_code == 0, result.output
    return output


def register(invoke, root: Path) -> list[dict]:
    result = invoke("register", str(root), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_links_resolve(page: Parsed) -> None:
    internal = [href for href in page.hrefs if href.startswith("#")]
    assert internal, "the pack links its parts"
    missing = sorted({href for href in internal if href[1:] not in page.ids})
    assert not missing, missing
    assert len(page.ids) == len(set(page.ids)), "every id once"
    others = [href for href in page.hrefs if not href.startswith("#")]
    assert all(href.startswith(("https:", "http:", "mailto:")) for href in others), others


def assert_loads_nothing(markup: str, page: Parsed) -> None:
    assert "Content-Security-Policy" in markup and "default-src 'none'" in markup
    for tag in ("script", "img", "iframe", "object", "embed", "link", "base", "form", "video"):
        assert tag not in page.tags, tag
    assert not [a for a in page.attributes if a[1].startswith("on") or a[1] in ("src", "srcset")]
    sheet = markup[markup.index("<style>") : markup.index("</style>")]
    assert "url(" not in sheet and "@import" not in sheet
    assert markup.count("<style>") == 1


@pytest.fixture(scope="module")
def example_pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Parsed, list[dict]]:
    from click.testing import CliRunner

    from sms_lint.cli import cli

    folder = tmp_path_factory.mktemp("pack")
    os.environ.setdefault("XDG_CACHE_HOME", str(folder / "cache"))
    runner = CliRunner()
    out = folder / "pack.html"
    done = runner.invoke(cli, ["export", str(EXAMPLE), "-o", str(out), "--today", TODAY])
    assert done.exit_code == 0, done.output
    rows = json.loads(runner.invoke(cli, ["register", str(EXAMPLE), "--format", "json"]).stdout)
    markup = out.read_text(encoding="utf-8")
    return markup, parse(markup), rows


def test_every_approved_and_draft_document_once_with_its_version(example_pack) -> None:
    _markup, page, rows = example_pack
    wanted = [r for r in rows if r["status"] in ("approved", "draft")]
    assert len(page.articles) == len(wanted) == len(page.runheads)
    titles = {f"doc-{r['id']}" for r in wanted}
    assert set(page.articles) == titles
    for row in wanted:
        index = page.articles.index(f"doc-{row['id']}")
        header = page.runheads[index]
        version = f"version {row['version']}" if row["version"] else "no version"
        assert header.startswith(f"{row['id']} {version}"), header
        assert (row["status"] == "draft") == ("DRAFT" in header)
    retired = [r["id"] for r in rows if r["status"] == "retired"]
    assert retired and not any(f"doc-{i}" in page.articles for i in retired)


def test_example_pack_links_resolve_and_loads_nothing(example_pack) -> None:
    markup, page, _ = example_pack
    assert_links_resolve(page)
    assert_loads_nothing(markup, page)
    ET.fromstring(markup.split("\n", 1)[1])  # well-formed as XML too (every element closed)


def test_cover_register_and_clause_map(example_pack) -> None:
    markup, page, rows = example_pack
    text = " ".join(" ".join(page.text).split())
    assert "Northwind Managed Services Ltd" in text
    assert "Scope of the Northwind service management system" in text
    assert "No findings" in text and "44 of 44 clauses covered" in text
    assert {"cover", "contents", "register", "clause-map", "documents"} <= set(page.ids)
    # The register lists every artifact (retired ones too); its ids link to the documents.
    register_part = markup[markup.index('id="register"') : markup.index('id="clause-map"')]
    for row in rows:
        assert f">{row['id']}<" in register_part
    assert 'href="#doc-POL-002"' in register_part
    clause_part = markup[markup.index('id="clause-map"') : markup.index('id="documents"')]
    assert 'href="#doc-PRC-10"' in clause_part  # 8.5.1 change management, by its process


def test_control_header_and_body(example_pack) -> None:
    markup, _, _ = example_pack
    start = markup.index('<article class="doc" id="doc-POL-002"')
    article = markup[start : markup.index("</article>", start)]
    for shown in (
        "2.3",
        "change-manager",
        "operations-director",
        "2026-03-02",
        "2026-09-14",
        "2027-09-14",
        "5.2, 8.5.1.1",
        "governance/policy-change-management.md",
    ):
        assert shown in article, shown  # fmt: skip
    assert "<h3>Change management policy</h3>" in article  # the body's h1, two levels down
    assert "<table>" in article and "<th>Change category</th>" in article  # a GFM table
    assert 'href="#doc-PRC-10"' in article  # "PRC-10" in the text links the process
    assert "<h3>History</h3>" in article


def test_two_runs_are_byte_identical(invoke, tmp_path: Path) -> None:
    first = export(invoke, EXAMPLE, tmp_path / "one.html").read_bytes()
    second = export(invoke, EXAMPLE, tmp_path / "two.html").read_bytes()
    assert first == second


def test_filters(invoke, tmp_path: Path) -> None:
    page = parse_file(export(invoke, EXAMPLE, tmp_path / "a.html", "--status", "approved"))
    rows = register(invoke, EXAMPLE)
    assert len(page.articles) == sum(r["status"] == "approved" for r in rows)
    assert not any("DRAFT" in header for header in page.runheads)
    page = parse_file(export(invoke, EXAMPLE, tmp_path / "p.html", "--kind", "policy"))
    assert page.articles == ["doc-POL-001", "doc-POL-002", "doc-POL-003", "doc-POL-004"]
    assert_links_resolve(page)  # links to documents left out are text


def test_unknown_kind_is_a_usage_error(invoke, tmp_path: Path) -> None:
    result = invoke("export", str(EXAMPLE), "-o", str(tmp_path / "x.html"), "--kind", "polcy")
    assert result.exit_code == 2
    assert "unknown kind 'polcy'" in result.output
    assert not (tmp_path / "x.html").exists()


HOSTILE_BODY = """\
<script>alert('body')</script>
<img src=x onerror="alert(1)">
<div onclick="alert(2)">raw html</div>

[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=)
[vb](vbscript:msgbox) [file](file:///etc/passwd) [ok](https://example.com/?q=<x>)
![remote](https://tracker.example/pixel.png) ![inline](data:image/png;base64,AAAA)
[to nowhere](#no-such-anchor) [policy](POL-001) [by path](../policies/pol-001.md)

<iframe src="https://evil.example"></iframe>

    <script>in code</script>

::error title=ci::injected
"""


def hostile_repo(root: Path) -> GitRepo:
    sms = GitRepo(root)
    sms.write("policies/pol-001.md", policy())
    sms.write("processes/demand.yaml", process())
    front = (
        "---\nid: PRC-X\nkind: procedure\n"
        'title: \'<script>alert("title")</script> "><img src=x onerror=alert(4)>\'\n'
        "owner: '<b onmouseover=alert(5)>sms-manager</b>'\nstatus: draft\n"
        "related: [POL-001, 'javascript:alert(6)']\n"
        "x-note: '<style>body{background:url(https://evil.example/x)}</style>'\n---\n"
    )
    sms.write("procedures/<b>evil</b> \"name'.md", front + HOSTILE_BODY)
    sms.commit("<script>alert('commit')</script>", "2026-02-01", author="<i>Mallory</i>")
    return sms


def test_hostile_content_stays_text(invoke, tmp_path: Path) -> None:
    sms = hostile_repo(tmp_path / "sms")
    out = export(invoke, sms.path, tmp_path / "out" / "pack.html")
    markup = out.read_text(encoding="utf-8")
    page = parse(markup)
    assert_loads_nothing(markup, page)
    assert_links_resolve(page)
    for tag in ("div", "style", "b", "i"):
        assert page.tags.count(tag) == len(re.findall(f"<{tag}[\\s>]", markup)), tag  # ours
    assert "style" in page.tags and page.tags.count("style") == 1  # the stylesheet
    text = "".join(page.text)
    for shown in (
        "<script>alert('body')</script>",
        '<div onclick="alert(2)">raw html</div>',
        '<script>alert("title")</script>',
        "<b onmouseover=alert(5)>sms-manager</b>",
        "<script>in code</script>",
        "<script>alert('commit')</script>",
        "<b>evil</b>",
        "javascript:alert(6)",
    ):
        assert shown in text, shown  # fmt: skip
    assert not any("javascript" in h or "data:" in h or "script" in h for h in page.hrefs)
    assert "https://example.com/?q=%3Cx%3E" in page.hrefs
    assert "https://tracker.example/pixel.png" in page.hrefs  # an image is a link, not loaded
    assert page.hrefs.count("#doc-POL-001") >= 3  # [policy](POL-001), by path, related
    assert "\n::error" not in markup  # printed to a CI log (-o -), no line is a command


def test_history_and_commit_from_git(invoke, tmp_path: Path) -> None:
    sms = GitRepo(tmp_path / "sms")
    sms.write("policies/pol-001.md", policy())
    sms.commit("Approve", "2026-01-10", author="Alice Auditor")
    sms.write("policies/pol-001.md", policy("1.1", "2026-04-01"))
    head = sms.commit("Policy 1.1", "2026-04-01", author="Bob Builder")
    markup = export(invoke, sms.path, tmp_path / "pack.html").read_text(encoding="utf-8")
    assert head in markup
    start = markup.index('id="doc-POL-001"')
    history = markup[markup.index("<h3>History</h3>", start) :]
    history = history[: history.index("</section>")]
    rows = history.split("<tr>")[2:]
    assert len(rows) == 2
    assert "2026-04-01" in rows[0] and "1.1" in rows[0] and "Bob Builder" in rows[0]
    assert "2026-01-10" in rows[1] and "1.0" in rows[1] and "Approve" in rows[1]


def test_outside_git_the_pack_says_so(invoke, tmp_path: Path, write) -> None:
    write("sms/policies/pol-001.md", policy())
    markup = export(invoke, tmp_path / "sms", tmp_path / "pack.html").read_text(encoding="utf-8")
    assert "not in a git repository" in markup
    assert "Git commit</dt><dd>not available" in markup


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(root.rglob("*"))
    }


def test_folder_of_pages_and_nothing_written_in_the_repository(invoke, tmp_path: Path) -> None:
    sms = hostile_repo(tmp_path / "sms")
    before = _snapshot(sms.path)
    folder = export(invoke, sms.path, tmp_path / "pack")
    assert _snapshot(sms.path) == before
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["doc-POL-001.html", "doc-PRC-DEMAND.html", "doc-PRC-X.html", "index.html"]
    pages = {name: parse_file(folder / name) for name in names}
    for name, page in pages.items():
        assert_loads_nothing((folder / name).read_text(encoding="utf-8"), page)
        for href in page.hrefs:
            if href.startswith(("https:", "http:", "mailto:")):
                continue
            target, _, fragment = href.partition("#")
            assert target in pages, (name, href)
            assert not fragment or fragment in pages[target].ids, (name, href)
    assert pages["doc-PRC-X.html"].articles == ["doc-PRC-X"]


def test_standard_output(invoke) -> None:
    result = invoke("export", str(EXAMPLE), "--today", TODAY, "--kind", "scope")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert parse(result.stdout).articles == ["doc-SCOPE-001"]
