"""What counts as content, third round (issue 16): text a reader sees is never taken for an
HTML comment, the comment scans take linear time, a decoy copy cannot hide a rename plus a
rewrite, and a new review cycle is a revision. Real git repositories in tmp_path; today is
pinned."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from test_review_vs_revision import policy, process, sms, sms017

from sms_lint.gitrepo.differences import _body
from sms_lint.parse.placeholders import marker_pattern, summarise_body


def test_a_new_review_cycle_is_a_revision(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write("processes/demand.yaml", process(extra="review_interval_months: 120\n"))
    found = sms017(check_json, repo)
    assert len(found) == 1
    assert "changed since main (review_interval_months)" in found[0][-1]


# --- A decoy copy cannot hide a rename plus a rewrite -------------------------------------

CHANGE_POLICY = """\
---
id: {id}
kind: policy
title: Change management policy
owner: sms-manager
status: approved
version: "2.0"
approved_by: sms-manager
approved_on: 2026-03-02
last_reviewed: 2026-03-02
policy_type: service-management
commitments: [Meet the agreed service requirements]
---
# Change management policy

{body}
"""
CONTROLLED = "".join(
    f"Rule {n}: every change of class {n} is assessed, approved by the change advisory "
    f"board and recorded before it is deployed to the live service.\n\n"
    for n in range(1, 13)
)


def test_a_decoy_copy_does_not_hide_a_renamed_rewrite(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    old = "policies/policy-change-management.md"
    repo.write(old, CHANGE_POLICY.format(id="POL-002", body=CONTROLLED))
    repo.commit("Change management policy 2.0", "2026-03-02")
    repo.git("checkout", "-q", "-b", "tidy-up")
    (repo.path / old).unlink()
    decoy = CHANGE_POLICY.format(id="POL-009", body=CONTROLLED + "See also POL-002.\n")
    repo.write("policies/pol-009.md", decoy)
    rewritten = CHANGE_POLICY.format(id="POL-002", body="We now skip CAB review for all changes.")
    repo.write("policies/policy-change.md", rewritten)
    repo.commit("Tidy up the policies", "2026-09-14")
    renames = repo.git("diff", "-M", "--name-status", "--diff-filter=R", "main", "HEAD")
    assert renames.split()[1:] == [old, "policies/pol-009.md"]  # git is fooled
    found = sms017(check_json, repo)
    assert [(path, message.split(" but ")[0]) for path, _, _, _, _, message in found] == [
        ("policies/policy-change.md", "the content of 'POL-002' changed since main (the text)")
    ]


def test_a_rename_git_finds_with_the_same_id_is_still_compared(tmp_path: Path, check_json) -> None:
    repo = sms(tmp_path)
    repo.git("mv", "policies/pol-001.md", "policies/service-management-policy.md")
    assert sms017(check_json, repo) == []
    repo.write("policies/service-management-policy.md", policy(body="We deliver less."))
    assert [f[0] for f in sms017(check_json, repo)] == ["policies/service-management-policy.md"]


# --- Text a reader sees is content, however it sits beside a comment ----------------------

# A body on main ({} left empty), and what a change inserts at {}: "We deliver what we agreed."
# is the policy's body at the base.
AGREED = "We deliver what we agreed.{}"
SHOWN = {
    "an inline comment cannot span a blank line": (
        AGREED,
        " <!--\n\nWe now skip CAB review for all changes.\n\n-->",
    ),
    "a comment in indented code is code": (
        "We deliver what we agreed.\n\n    make deploy{}",
        "\n    <!-- We now skip CAB review. -->",
    ),
    "a fence indented four spaces does not close": (
        "We deliver what we agreed.\n\n```\nmake deploy\n    ```\n{}```",
        "<!-- We now skip CAB review. -->\n",
    ),
    "<!--> is a whole comment": (AGREED, "\n\n<!--> We now skip CAB review. <!-- x -->"),
    "<!---> is a whole comment": (AGREED, "\n\n<!---> We now skip CAB review."),
    "text after the end of a comment": (
        "We deliver what we agreed.\n\n<!-- a note\nover lines -->{}",
        " We now skip CAB review.",
    ),
    "a heading ends the paragraph": (AGREED, " <!-- a\n# We now skip CAB review\n-->"),
    "a comment in a code span": (AGREED, " `<!-- We now skip CAB review. -->`"),
}
HIDDEN = {
    "a comment on a line of its own": (AGREED, "\n\n<!-- We now skip CAB review -->"),
    "an HTML block spans blank lines": (AGREED, "\n\n<!--\nWe now skip\n\nCAB review.\n-->"),
    "an inline comment within its paragraph": (AGREED, "<!-- We now skip\nCAB review -->"),
    "a comment beside text": ("We deliver {}what we agreed.", "<!-- skip CAB review -->"),
}


def visible(markdown: str) -> str:
    """The words a reader sees, as markdown-it-py (CommonMark) renders them."""
    pytest.importorskip("markdown_it")
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(markdown)
    text = re.sub(r"<!--(?:>|->|[\s\S]*?-->)", " ", rendered)  # as a browser reads comments
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split())


def changed(tmp_path: Path, check_json, template: str, insertion: str) -> list[str]:
    """SMS017's findings, cut before "but", once the policy on main (``template`` with
    nothing inserted) has ``insertion`` inserted."""
    repo = sms(tmp_path)
    repo.write("policies/pol-001.md", policy(body=template.format("")))
    if repo.git("status", "--porcelain"):
        repo.commit("The policy's text", "2026-03-02")
    repo.write("policies/pol-001.md", policy(body=template.format(insertion)))
    return [f[-1].split(" but ")[0] for f in sms017(check_json, repo)]


@pytest.mark.parametrize(("template", "insertion"), SHOWN.values(), ids=SHOWN.keys())
def test_text_a_reader_sees_is_a_revision(
    tmp_path: Path, check_json, template: str, insertion: str
) -> None:
    assert "CAB review" in visible(template.format(insertion))
    assert "CAB review" not in visible(template.format(""))
    assert changed(tmp_path, check_json, template, insertion) == [
        "the content of 'POL-001' changed since main (the text)"
    ]


@pytest.mark.parametrize(("template", "insertion"), HIDDEN.values(), ids=HIDDEN.keys())
def test_a_hidden_comment_is_no_revision(
    tmp_path: Path, check_json, template: str, insertion: str
) -> None:
    assert visible(template.format(insertion)) == visible(template.format(""))
    assert changed(tmp_path, check_json, template, insertion) == []


def test_a_placeholder_a_reader_sees_is_found() -> None:
    template, insertion = SHOWN["an inline comment cannot span a blank line"]
    lines = template.format(insertion.replace("We now skip", "TODO skip")).split("\n")
    assert [p.text for p in summarise_body(lines, 1, marker_pattern()).placeholders] == ["TODO"]


# --- Linear time: the comment scans look for each --> once --------------------------------

OPENERS = {
    "on one line": "<!-- " * 200_000,
    "one per line": "<!--\n" * 200_000,
    "in a paragraph": "x <!--\n" * 150_000,
    "after backticks": "` " * 300_000 + "<!--",
    "indented": " <!--\nx\n" * 120_000,
    "fences": "~~~\n" * 250_000,
}


@pytest.mark.parametrize("body", OPENERS.values(), ids=OPENERS.keys())
def test_a_megabyte_of_openers_is_read_in_linear_time(body: str) -> None:
    """Eight times the text takes about eight times as long, not sixty-four (it took minutes
    when every opener rescanned the rest): a ratio within one run, not a time limit."""

    def seconds(text: str) -> float:
        raw = ("---\nid: POL-001\n---\n" + text).encode()
        best = float("inf")
        for _ in range(3):  # the fastest of three: the least disturbed by other processes
            # CPU time, not wall time: a machine busy with other jobs delays a run but does not
            # make it do more work (wall time failed this at a load of 13 on two cores).
            started = time.process_time()
            assert _body(raw) is not None
            summarise_body(text.split("\n"), 4, marker_pattern())
            best = min(best, time.process_time() - started)
        return best

    eighth = body[: len(body) // 8]
    whole = seconds(body)
    # Linear: about 8x the eighth's time; quadratic: 64x, and minutes. Either bound passing is
    # enough, so that a machine busy with other tests (which slows one run) cannot fail it.
    assert whole < 5 or whole < 24 * seconds(eighth) + 0.1
