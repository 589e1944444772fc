"""SMS017 and SMS025 with ``--base`` on what an adversarial reviewer tried (issue 16, point 1):
a rename git does not see (a small file edited much), quoting a version or a date, an HTML
comment in a Markdown body, a version lowered. Real git repositories in tmp_path; today is
pinned."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, located, quiet_config
from sms_texts import roles_artifact
from test_git_support import GitRepo
from test_review_vs_revision import minor, policy, process, unrevised

REVISED = {"version": "2.1", "approved": "2026-09-15", "reviewed": "2026-09-14"}
ADDED = "".join(f"\nThe service desk does step {n}, and records it.\n" for n in range(1, 7))
OLD = "policies/pol-001.md"
NEW = "policies/service-policy.md"


def sms(tmp_path: Path, **files: str) -> GitRepo:
    """The policy (Markdown) and process (YAML) of test_review_vs_revision, version 2.0
    approved on 2026-03-02, with SMS017 and SMS025 on; ``files`` replace or add files."""
    repo = GitRepo(tmp_path / "sms")
    repo.write("roles.yaml", roles_artifact())
    repo.write(".sms-lint.yaml", quiet_config("SMS017", "SMS025"))
    for path, text in {OLD: policy(), "processes/demand.yaml": process(), **files}.items():
        repo.write(path, text)
    repo.commit("Version 2.0", "2026-03-02")
    repo.git("checkout", "-q", "-b", "change")
    return repo


def findings(check_json, repo: GitRepo) -> list[tuple]:
    _, report = check_json(repo.path, "--base", "main", "--today", TODAY)
    return located(report, "SMS017", "SMS025")


def move(repo: GitRepo, old: str, new: str, text: str) -> None:
    """``git mv`` and an edit, committed; git's own rename detection must miss it (else the
    test would not test the pairing by id)."""
    repo.git("mv", old, new)
    repo.write(new, text)
    repo.commit("Move and revise", "2026-09-15")
    status = repo.git("diff", "-M", "--name-status", "main", "HEAD")
    assert f"D\t{old}" in status and f"A\t{new}" in status


# A rename git misses: paired by kind and id


def test_a_renamed_and_revised_document_is_compared_not_deleted(tmp_path, check_json) -> None:
    repo = sms(tmp_path)
    move(repo, OLD, NEW, policy("We deliver what we agreed." + ADDED, **REVISED))
    assert findings(check_json, repo) == []


def test_a_renamed_document_without_a_new_version_is_sms017(tmp_path, check_json) -> None:
    repo = sms(tmp_path)
    move(repo, OLD, NEW, policy("We deliver what we agreed." + ADDED * 2))
    unchanged = unrevised("POL-001", "the text", "2.0", "2026-03-02", "2026-03-02")
    assert findings(check_json, repo) == [(f"{NEW}:7", *minor(unchanged))]


def test_an_uncommitted_move_is_paired_too(tmp_path, check_json) -> None:
    repo = sms(tmp_path)
    repo.git("mv", OLD, NEW)
    repo.write(NEW, policy("We deliver what we agreed." + ADDED, **REVISED))
    assert findings(check_json, repo) == []


DELETED = minor(
    "POL-001 was deleted since main, but approved documented information is retired, not "
    "deleted: restore the file and set status: retired (a rename is fine)",
    rule="SMS025",
)


def test_two_new_files_with_the_id_leave_the_deletion(tmp_path, check_json) -> None:
    """Which of the two the old file became would be a guess."""
    repo = sms(tmp_path)
    repo.git("rm", "-q", OLD)
    for new in (NEW, "policies/copy.md"):
        repo.write(new, policy("We deliver what we agreed." + ADDED, **REVISED))
    repo.commit("Two copies", "2026-09-15")
    assert findings(check_json, repo) == [(f"{OLD}:6", *DELETED)]


def test_two_deleted_files_with_the_id_stay_deleted(tmp_path, check_json) -> None:
    twin = "policies/pol-001-copy.md"
    repo = sms(tmp_path, **{twin: policy("A copy.")})
    repo.git("rm", "-q", OLD, twin)
    repo.write(NEW, policy("We deliver what we agreed." + ADDED, **REVISED))
    repo.commit("One of two", "2026-09-15")
    assert findings(check_json, repo) == [(f"{twin}:6", *DELETED), (f"{OLD}:6", *DELETED)]


def test_another_kind_with_the_same_id_is_no_rename(tmp_path, check_json) -> None:
    repo = sms(tmp_path)
    repo.git("rm", "-q", OLD)
    other = process().replace("id: PRC-DEMAND", "id: POL-001").replace("demand", "supply")
    repo.write("processes/pol-001.yaml", other)
    repo.commit("Replaced", "2026-09-15")
    assert findings(check_json, repo) == [(f"{OLD}:6", *DELETED)]


# Quoting is how a value is written, not what it says


def unquoted(text: str, version: str) -> str:
    return text.replace('version: "2.0"', f"version: {version}")


def test_quoting_a_version_or_a_date_is_no_revision(tmp_path, check_json) -> None:
    repo = sms(
        tmp_path,
        **{OLD: unquoted(policy(), "2.0"), "processes/demand.yaml": unquoted(process(), "1.10")},
    )
    repo.write(OLD, policy().replace("approved_on: 2026-03-02", "approved_on: '2026-03-02'"))
    repo.write("processes/demand.yaml", process(version="1.10"))
    repo.commit("Quote the versions, as SMS106 says", "2026-09-15")
    assert findings(check_json, repo) == []


def test_a_quoted_version_with_a_revision_is_still_the_same(tmp_path, check_json) -> None:
    """1.10 unquoted (read as 1.1) quoted as "1.10" is the same version, not a new one."""
    repo = sms(tmp_path, **{"processes/demand.yaml": unquoted(process(), "1.10")})
    fields = {"approved": "2026-09-15", "reviewed": "2026-09-14", "version": "1.10"}
    repo.write("processes/demand.yaml", process("Demand and capacity", **fields))
    same = (
        "the content of 'PRC-DEMAND' changed since main (approved_on and title) but version "
        "is still '1.10': raise the version"
    )
    assert findings(check_json, repo) == [("processes/demand.yaml:6", *minor(same))]


# HTML comments in a Markdown body are not shown: not content; in code they are


def test_an_html_comment_in_the_body_is_no_revision(tmp_path, check_json) -> None:
    repo = sms(tmp_path)
    body = (
        "<!-- note for editors -->\nWe deliver what we agreed. <!-- checked\nby Sam -->\n\n"
        "<!-- next year: add the targets -->\n"
    )
    repo.write(OLD, policy(body))
    assert findings(check_json, repo) == []


def test_a_comment_shown_as_code_is_content(tmp_path, check_json) -> None:
    repo = sms(tmp_path)
    for shown in ("`<!-- x -->`", "```html\n<!-- x -->\n```"):
        repo.write(OLD, policy(f"We deliver what we agreed.\n\n{shown}"))
        [(where, rule, *_, message)] = findings(check_json, repo)
        assert (where, rule) == (f"{OLD}:7", "SMS017")
        assert message.startswith("the content of 'POL-001' changed since main (the text) but ")


def test_text_next_to_a_comment_is_still_content(tmp_path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write(OLD, policy("We deliver what we agreed. <!-- x --> And more."))
    [(where, *_)] = findings(check_json, repo)
    assert where == f"{OLD}:7"


# A new version is higher than the one it replaces


def lowered(version: str) -> str:
    return (
        "the content of 'POL-001' changed since main (the text, approved_on and version) but "
        f"version '{version}' is lower than '2.0' at main: raise the version"
    )


def test_a_lower_version_is_sms017(tmp_path, check_json) -> None:
    repo = sms(tmp_path)
    repo.write(OLD, policy("We deliver.", **{**REVISED, "version": "1.9"}))
    assert findings(check_json, repo) == [(f"{OLD}:7", *minor(lowered("1.9")))]


def test_versions_compare_as_numbers_not_as_text(tmp_path, check_json) -> None:
    repo = sms(tmp_path)
    for higher in ("10.0", "2.0.1", "3"):
        repo.write(OLD, policy("We deliver.", **{**REVISED, "version": higher}))
        assert findings(check_json, repo) == [], higher
    repo.write(OLD, policy("We deliver.", **{**REVISED, "version": "1.10.5"}))
    [(*_, message)] = findings(check_json, repo)
    assert message == lowered("1.10.5")
    repo.write(OLD, policy("We deliver.", **{**REVISED, "version": "2.0.0"}))
    [(*_, message)] = findings(check_json, repo)
    assert message.endswith(
        "but version '2.0.0' is the same number as '2.0' at main: raise the version"
    )


def test_other_version_schemes_compare_only_for_equality(tmp_path, check_json) -> None:
    repo = sms(tmp_path, **{OLD: policy(version="B")})
    repo.write(OLD, policy("We deliver.", **{**REVISED, "version": "A"}))
    assert findings(check_json, repo) == []
    repo.write(OLD, policy("We deliver.", **{**REVISED, "version": "B"}))
    [(*_, message)] = findings(check_json, repo)
    assert message.endswith("but version is still 'B': raise the version")
