"""``sms-lint export --as-of DATE`` (issue 23, point 1): the pack as the SMS stood in git at the
end of DATE: documents read from that commit, its history only, the cover naming the day and
the commit. Real git repositories in tmp_path, fixed commit dates."""

from __future__ import annotations

from pathlib import Path

from export_html import parse
from test_export import _snapshot
from test_git_support import GitRepo, policy, process


def two_commits(tmp_path: Path) -> tuple[GitRepo, str, str]:
    """POL-001 1.0 on 2026-01-10; on 2026-04-01 POL-001 1.1 with a new text and PRC-DEMAND."""
    sms = GitRepo(tmp_path / "sms")
    sms.write("policies/pol-001.md", policy(body="We deliver the first way."))
    first = sms.commit("Policy 1.0", "2026-01-10", author="Alice Auditor")
    sms.write("policies/pol-001.md", policy("1.1", "2026-04-01", "We deliver the new way."))
    sms.write("processes/demand.yaml", process())
    second = sms.commit("Policy 1.1 and demand", "2026-04-01", author="Bob Builder")
    return sms, first, second


def exported(invoke, root: Path, output: Path, *extra: str) -> str:
    result = invoke("export", str(root), "-o", str(output), *extra)
    assert result.exit_code == 0, result.output
    return output.read_text(encoding="utf-8")


def test_the_pack_as_of_the_first_date_shows_the_old_version(invoke, tmp_path: Path) -> None:
    sms, first, second = two_commits(tmp_path)
    sms.write("policies/pol-001.md", policy("9.9", body="Not committed."))  # work tree only
    before = _snapshot(sms.path)
    markup = exported(invoke, sms.path, tmp_path / "pack.html", "--as-of", "2026-02-15")
    assert _snapshot(sms.path) == before  # nothing checked out or written
    page = parse(markup)
    assert page.articles == ["doc-POL-001"]  # PRC-DEMAND came later
    assert "We deliver the first way." in markup
    assert "new way" not in markup and "Not committed" not in markup
    assert second not in markup and second[:12] not in markup
    assert first in markup
    assert "Date</dt><dd>2026-02-15</dd>" in markup  # judged on that day
    assert (
        "As of</dt><dd>2026-02-15: the SMS as it stood in git at the end of that day (the "
        "commit below, made on 2026-01-10)</dd>"
    ) in markup
    assert f"Git commit</dt><dd>{first}</dd>" in markup
    runhead = page.runheads[0]
    assert "POL-001" in runhead and "1.0" in runhead
    start = markup.index('id="doc-POL-001"')
    history = markup[markup.index("<h3>History</h3>", start) :]
    rows = history[: history.index("</section>")].split("<tr>")[2:]
    assert len(rows) == 1 and "Policy 1.0" in rows[0]


def test_as_of_the_second_date_is_the_current_pack(invoke, tmp_path: Path) -> None:
    sms, _, second = two_commits(tmp_path)
    markup = exported(
        invoke, sms.path, tmp_path / "pack.html", "--as-of", "2026-05-01", "--today", "2026-06-01"
    )
    assert parse(markup).articles == ["doc-POL-001", "doc-PRC-DEMAND"]
    assert "We deliver the new way." in markup and f"Git commit</dt><dd>{second}" in markup
    assert "Date</dt><dd>2026-06-01</dd>" in markup  # --today still decides the date judged
    plain = exported(invoke, sms.path, tmp_path / "now.html", "--today", "2026-06-01")
    assert "As of</dt>" not in plain


def test_a_date_before_the_first_commit_is_one_sentence(invoke, tmp_path: Path) -> None:
    sms, _, _ = two_commits(tmp_path)
    result = invoke(
        "export", str(sms.path), "-o", str(tmp_path / "p.html"), "--as-of", "2025-12-31"
    )
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "sms-lint: error: --as-of 2025-12-31 is before the first commit (on 2026-01-10)"
    ]
    assert not (tmp_path / "p.html").exists()
