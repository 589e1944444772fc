"""The GitHub job summary is safe and complete enough: text from the repository renders as text
(no link, image or HTML) in real GFM renderers, the summary stays under GitHub's 1 MiB limit
however many findings, and it names files from the top of the git repository."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from conftest import EXAMPLE, TODAY
from markdown_it import MarkdownIt
from report_repos import failing_repo, result_for

from sms_lint.finding import Finding, Severity
from sms_lint.reporters.github import GithubReporter

MIB = 1024 * 1024

# Each renders as a link, an image, HTML or code in GFM when written as it is.
HOSTILE = (
    "[x](http://evil).md",
    "![i](http://evil/p.png)",
    "<img src=x onerror=alert(1)>",
    "<http://evil.example/a>",
    "www.evil.example",
    "WWW.evil.example/b",
    "https://evil.example/c",
    "//evil.example/d",
    "sam@evil.example",
    "mailto:sam@evil.example",
    "xmpp:sam@evil.example/x",
    "evil.com",
    "`code` a|b \\| c",
    "*bold* _em_ ~~gone~~ $x$",
    "&lt;b&gt; &amp; &#64;",
    "[ref]: http://evil.example",
    "[^1]",
    "# heading",
    "> quote",
    "1. item",
)


def gfm_html(markdown: str) -> str:
    """What GitHub's own renderer (cmark-gfm, its autolink and table extensions) makes of it;
    raw HTML kept, so that any that got through would show."""
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def markdown_it_html(markdown: str) -> str:
    """markdown-it's GFM-like preset with linkify (which links more than GFM: ``evil.com``)."""
    return MarkdownIt("gfm-like", {"linkify": True}).render(markdown)


class Tags(HTMLParser):
    """The tags and the text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


def hostile_findings(value: str) -> tuple[Finding, ...]:
    """``value`` in every field a finding row or a coverage gap shows."""
    return (
        Finding(value, 3, 1, "SMS001", "7.5", Severity.MINOR, f"owner {value} unknown"),
        Finding("a.yaml", 1, 1, "SMS005", "7.5.3", Severity.MINOR, value, waived_reason=value),
        Finding(None, None, None, "SMS016", "8.5.1", Severity.MAJOR, value),
    )


@pytest.mark.parametrize("render", [gfm_html, markdown_it_html])
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_render_as_text(render: Callable[[str], str], value: str) -> None:
    result = replace(result_for(EXAMPLE), findings=hostile_findings(value))
    page = render(GithubReporter().step_summary(result))
    tags = parsed(page)
    assert not {"a", "img", "code", "em", "del", "h1", "blockquote", "ol"} & set(tags.tags), page
    allowed = {"h2", "h3", "p", "strong", "table", "thead", "tbody", "tr", "th", "td", "ul", "li"}
    assert set(tags.tags) <= allowed, page
    text = "".join(tags.text)
    # Shown as written: the file name, the message, the waiver's reason, the coverage gap.
    assert text.count(value) >= 4, (value, text)
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    assert all(row.count("<td") in (0, 2, 5) for row in rows), page


def test_cells_of_any_length_stay_bounded() -> None:
    long = "word " * 100_000
    result = replace(result_for(EXAMPLE), findings=hostile_findings(long))
    assert len(GithubReporter().step_summary(result).encode("utf-8")) < 100_000


def many_findings(count: int) -> tuple[Finding, ...]:
    severities = (Severity.MAJOR, Severity.MINOR, Severity.OBSERVATION)
    return tuple(
        Finding(
            f"records/incidents/inc-{n:05}-{'x' * 40}.yaml",
            n % 90 + 1,
            1,
            "SMS001",
            "7.5",
            severities[n % 3],
            f"field 'owner' of INC-{n:05}: 'someone-{n}' is not a role in the organization "
            + "(the organization record lists every role) " * 2,
            waived_reason="kept" if n % 7 == 0 else None,
        )
        for n in range(count)
    )


def test_ten_thousand_findings_stay_under_one_mebibyte() -> None:
    result = replace(result_for(EXAMPLE), findings=many_findings(10_000))
    markdown = GithubReporter().step_summary(result)
    assert len(markdown.encode("utf-8")) < MIB
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and " SMS001 " in line]
    assert 100 < len(rows) < 10_000
    left_out = 10_000 - len(rows)
    assert f"{left_out:,} more findings are not listed here" in markdown
    assert "sms-lint check --format text" in markdown  # where to see every finding
    # Left out are the least serious: every major finding is listed before any is dropped.
    majors = sum(1 for f in result.findings if f.severity is Severity.MAJOR and not f.waived)
    assert sum(row.startswith("| major |") for row in rows) == majors
    assert markdown_it_html(markdown).count("<tr>") == len(rows) + 6  # 2 headers, 4 counts


def test_small_summaries_list_everything() -> None:
    result = replace(result_for(EXAMPLE), findings=many_findings(50))
    assert "not listed here" not in GithubReporter().step_summary(result)


def git_nested(tmp_path: Path) -> Path:
    """A git repository whose SMS (with findings) lives in ``docs/sms``."""
    top = tmp_path / "company"
    top.mkdir()
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    (top / "docs").mkdir()
    return failing_repo(top / "docs").rename(top / "docs" / "sms")


def test_summary_names_files_as_the_annotations_do(invoke: Callable, tmp_path: Path) -> None:
    root = git_nested(tmp_path)
    summary = tmp_path / "summary.md"
    run = invoke(
        "check", str(root), "--format", "github", "--today", TODAY,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert run.exit_code == 1, run.output
    annotated = {
        part.removeprefix("file=")
        for line in run.stdout.splitlines()
        if line.startswith("::")
        for part in line.split(" ", 1)[1].split(",")
        if part.startswith("file=")
    }
    assert "docs/sms/slas/sla-backup.yaml" in annotated
    text = "".join(parsed(gfm_html(summary.read_text(encoding="utf-8"))).text)
    shown = set(re.findall(r"(\S+):\d+:\d+", text))
    # Every annotated file with a line of its own is shown so, and only files that exist.
    assert annotated - {"docs/sms/.sms-lint.yaml"} <= shown, (shown, annotated)
    assert shown and all((root.parent.parent / name).is_file() for name in shown), shown


def test_a_cut_summary_names_the_full_reports_this_run_writes() -> None:
    result = replace(result_for(EXAMPLE), findings=many_findings(10_000))
    named = GithubReporter(reports=("reports/sms-lint.sarif", "reports/[x](http:e).json"))
    markdown = named.step_summary(result)
    assert len(markdown.encode("utf-8")) < MIB
    shown = markdown_it_html(markdown)
    assert "reports/sms-lint.sarif" in shown
    assert "reports/[x](http:e).json" in shown and "<a " not in shown  # a hostile path is text
    assert "wrote no other report" in GithubReporter().step_summary(result)
