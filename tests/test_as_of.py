"""``--as-of DATE``: the SMS as it stood at the end of DATE, read from git's objects alone.

Every repository is real, built here with fixed committer dates; each "as it stood" answer
is compared with ``check`` run on a checkout of the commit (a clone inside tmp_path).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE
from test_git_support import GitRepo

DEMAND = "processes/prc-08-demand.md"
CAPACITY = "processes/prc-09-capacity.md"
QUIET = "rules:\n  SMS014: {enabled: false}\n"


def commit_at(repo: GitRepo, message: str, stamp: str) -> str:
    """Stage everything and commit with this committer date (ISO 8601 with its offset)."""
    repo._author = {  # what GitRepo.git puts in git's environment
        "GIT_AUTHOR_NAME": "Alice Auditor",
        "GIT_AUTHOR_EMAIL": "author@example.com",
        "GIT_COMMITTER_NAME": "Alice Auditor",
        "GIT_COMMITTER_EMAIL": "author@example.com",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    repo.git("add", "-A", "--", ".")
    repo.git("commit", "-q", "--allow-empty", "-m", message)
    return repo.git("rev-parse", "HEAD").strip()


@pytest.fixture
def history(tmp_path: Path) -> tuple[GitRepo, list[str]]:
    """Three commits: the example (one rule off); a defect, a rename and a deletion with the
    rule back on; then a work tree changed again (never committed)."""
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(EXAMPLE, repo.path, dirs_exist_ok=True)
    config = (repo.path / ".sms-lint.yaml").read_text(encoding="utf-8")
    (repo.path / ".sms-lint.yaml").write_text(config + QUIET, encoding="utf-8")
    first = commit_at(repo, "first", "2026-03-01T10:00:00+00:00")
    demand = (repo.path / DEMAND).read_text(encoding="utf-8")
    (repo.path / DEMAND).write_text(demand.replace("owner: capacity", "ownr: capacity"), "utf-8")
    (repo.path / CAPACITY).unlink()
    os.rename(repo.path / "slas/sla-backup.yaml", repo.path / "slas/sla-bkp.yaml")
    (repo.path / ".sms-lint.yaml").write_text(config, encoding="utf-8")
    second = commit_at(repo, "second", "2026-04-01T10:00:00+00:00")
    (repo.path / "services/svc-new.yaml").write_text("kind: service\n", encoding="utf-8")
    return repo, [first, second]


def checkout(repo: GitRepo, commit: str, target: Path) -> Path:
    """A clone of ``repo`` at ``commit``, made inside tmp_path, for the comparison only."""
    repo.git("clone", "-q", repo.path.as_uri(), str(target), cwd=target.parent)
    repo.git("checkout", "-q", commit, cwd=target)
    return target


def without_commit(report: str) -> str:
    """A text report less its first line, the one naming the commit."""
    first, _, rest = report.partition("\n")
    assert first.startswith("as of commit ")
    return rest


def comparable(report: dict) -> dict:
    """A JSON report less what names the commit or where the files were."""
    return {k: v for k, v in report.items() if k not in ("commit", "committed", "root")}


def test_a_date_between_commits_is_the_earlier_commit_byte_for_byte(
    history, tmp_path: Path, invoke
) -> None:
    repo, (first, _) = history
    shown = invoke("check", str(repo.path), "--as-of", "2026-03-20")
    assert shown.stdout.startswith(f"as of commit {first} (committed 2026-03-01T10:00:00+00:00)\n")
    clone = checkout(repo, first, tmp_path / "clone")
    plain = invoke("check", str(clone), "--today", "2026-03-20")
    assert without_commit(shown.stdout) == plain.stdout
    assert shown.exit_code == plain.exit_code


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "gitlab"])
def test_every_format_matches_the_checkout(history, tmp_path: Path, invoke, fmt: str) -> None:
    repo, (_, second) = history
    clone = checkout(repo, second, tmp_path / "clone")
    shown = invoke("check", str(repo.path), "--as-of", "2026-04-05", "--format", fmt).stdout
    plain = invoke("check", str(clone), "--today", "2026-04-05", "--format", fmt).stdout
    if fmt == "json":
        report = json.loads(shown)
        assert report["commit"] == second
        assert comparable(report) == comparable(json.loads(plain))
    elif fmt == "sarif":
        assert f'"commit": "{second}"' in shown
        assert shown.replace(f',\n        "commit": "{second}"', "") == plain
    elif fmt == "junit":
        assert second in shown
    else:
        assert shown == plain


def test_today_given_too_judges_on_that_day(history, tmp_path: Path, invoke) -> None:
    repo, (first, _) = history
    clone = checkout(repo, first, tmp_path / "clone")
    shown = invoke("check", str(repo.path), "--as-of", "2026-03-20", "--today", "2027-06-01")
    plain = invoke("check", str(clone), "--today", "2027-06-01")
    assert without_commit(shown.stdout) == plain.stdout


def test_config_and_renames_are_those_of_the_commit(history, invoke) -> None:
    repo, _ = history
    before = json.loads(invoke("check", str(repo.path), "--as-of", "2026-03-02", "-o", "-",
                               "--format", "json").stdout)  # fmt: skip
    after = json.loads(invoke("check", str(repo.path), "--as-of", "2026-04-02",
                              "--format", "json").stdout)  # fmt: skip
    assert not [f for f in before["findings"] if f["rule"] == "SMS014"]  # off in that config
    assert [f for f in after["findings"] if f["rule"] == "SMS014"]
    assert before["summary"]["artifacts"] == after["summary"]["artifacts"] + 1


def test_two_commits_on_one_day_the_later_wins(tmp_path: Path, invoke) -> None:
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(EXAMPLE, repo.path, dirs_exist_ok=True)
    commit_at(repo, "morning", "2026-05-01T09:00:00+00:00")
    evening = commit_at(repo, "evening", "2026-05-01T18:00:00+00:00")
    commit_at(repo, "next day", "2026-05-02T08:00:00+00:00")
    report = json.loads(invoke("check", str(repo.path), "--as-of", "2026-05-01",
                               "--format", "json").stdout)  # fmt: skip
    assert report["commit"] == evening


def test_the_day_is_read_in_the_commits_own_time_zone(tmp_path: Path, invoke) -> None:
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(EXAMPLE, repo.path, dirs_exist_ok=True)
    late = commit_at(repo, "late evening in Chicago", "2026-06-01T23:30:00-05:00")  # 2 June UTC
    early = commit_at(repo, "early morning in Tokyo", "2026-06-03T01:00:00+09:00")  # 2 June UTC
    for day, expected in (("2026-06-01", late), ("2026-06-02", late), ("2026-06-03", early)):
        out = invoke("check", str(repo.path), "--as-of", day, "--format", "json").stdout
        assert json.loads(out)["commit"] == expected, day


def test_merges_count_on_the_first_parent_line(tmp_path: Path, invoke) -> None:
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(EXAMPLE, repo.path, dirs_exist_ok=True)
    base = commit_at(repo, "base", "2026-02-01T10:00:00+00:00")
    main = repo.git("rev-parse", "--abbrev-ref", "HEAD").strip()
    repo.git("checkout", "-q", "-b", "topic")
    (repo.path / CAPACITY).unlink()
    commit_at(repo, "topic work", "2026-02-15T10:00:00+00:00")
    repo.git("checkout", "-q", main)
    repo._author["GIT_COMMITTER_DATE"] = "2026-04-10T10:00:00+00:00"
    repo.git("merge", "-q", "--no-ff", "-m", "merge topic", "topic")
    merge = repo.git("rev-parse", "HEAD").strip()

    def described(day: str) -> str:
        out = invoke("check", str(repo.path), "--as-of", day, "--format", "json").stdout
        return json.loads(out)["commit"]

    assert described("2026-03-01") == base  # the topic's commit was not on the line yet
    assert described("2026-04-10") == merge


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ("2026-02-28", "--as-of 2026-02-28 is before the first commit (on 2026-03-01)"),
        ("2999-01-01", "--as-of 2999-01-01 is in the future"),
        ("2026-13-01", "'2026-13-01' is not a date written YYYY-MM-DD"),
    ],
)
def test_dates_that_name_no_commit_are_exit_2(history, invoke, day: str, says: str) -> None:
    repo, _ = history
    for command in ("check", "coverage", "register"):
        result = invoke(command, str(repo.path), "--as-of", day)
        assert result.exit_code == 2, command
        assert says in result.stderr
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.output


def test_a_shallow_clone_that_does_not_reach_the_date_is_exit_2(
    history, tmp_path: Path, invoke
) -> None:
    repo, _ = history
    clone = repo.shallow_clone(tmp_path / "shallow")
    result = invoke("check", str(clone.path), "--as-of", "2026-03-20")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "shallow clone" in result.stderr and "fetch the full history" in result.stderr
    reached = invoke("check", str(clone.path), "--as-of", "2026-04-20")
    assert reached.exit_code in (0, 1)


def test_outside_git_and_before_any_commit_are_exit_2(tmp_path: Path, invoke) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(EXAMPLE, plain)
    outside = invoke("check", str(plain), "--as-of", "2026-03-20")
    assert outside.exit_code == 2 and "not inside a git repository" in outside.stderr
    empty = GitRepo(tmp_path / "empty")
    shutil.copytree(EXAMPLE, empty.path, dirs_exist_ok=True)
    none = invoke("check", str(empty.path), "--as-of", "2026-03-20")
    assert none.exit_code == 2 and "no commits yet" in none.stderr


def test_base_and_as_of_are_refused_together(history, invoke) -> None:
    repo, _ = history
    result = invoke("check", str(repo.path), "--as-of", "2026-03-20", "--base", "HEAD")
    assert result.exit_code == 2
    assert "--as-of cannot be combined with --base" in result.stderr


def _snapshot(folder: Path) -> dict[str, tuple[str, float]]:
    seen = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            seen[str(path)] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime)
    return seen


def test_nothing_is_written_in_the_repository(history, invoke) -> None:
    repo, _ = history
    status = repo.git("--no-optional-locks", "status", "--porcelain", "--ignored")
    before = _snapshot(repo.path)
    git_mtime = (repo.path / ".git").stat().st_mtime
    for command in ("check", "coverage", "register"):
        invoke(command, str(repo.path), "--as-of", "2026-03-20")
    invoke("coverage", str(repo.path), "--as-of", "2026-03-20", "--format", "html")
    assert _snapshot(repo.path) == before
    assert (repo.path / ".git").stat().st_mtime == git_mtime
    assert repo.git("--no-optional-locks", "status", "--porcelain", "--ignored") == status


def test_the_cache_is_used_and_a_later_plain_check_stays_right(history, invoke) -> None:
    repo, _ = history
    args = ("check", str(repo.path), "--today", "2026-04-20", "--format", "json")
    uncached = invoke(*args, "--no-cache").stdout
    for _ in range(2):  # the second run reads the cache the first one kept
        first = invoke("check", str(repo.path), "--as-of", "2026-03-20").stdout
        assert invoke(*args).stdout == uncached
    assert first == invoke("check", str(repo.path), "--as-of", "2026-03-20", "--no-cache").stdout


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_coverage_as_of_matches_the_checkout(history, tmp_path: Path, invoke, fmt: str) -> None:
    repo, (first, _) = history
    clone = checkout(repo, first, tmp_path / "clone")
    shown = invoke("coverage", str(repo.path), "--as-of", "2026-03-20", "--format", fmt)
    plain = invoke("coverage", str(clone), "--today", "2026-03-20", "--format", fmt)
    assert shown.exit_code == plain.exit_code
    if fmt == "json":
        report = json.loads(shown.stdout)
        assert report["commit"] == first
        assert comparable(report) == comparable(json.loads(plain.stdout))
    elif fmt == "html":
        assert f"at commit {first[:7]}" in shown.stdout
    else:
        assert f"(as of commit {first})" in shown.stdout
        ours = shown.stdout.replace(f" (as of commit {first})", "").replace(str(repo.path), "R")
        assert ours == plain.stdout.replace(str(clone), "R")


def test_register_as_of_lists_the_version_then_in_force(tmp_path: Path, invoke) -> None:
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(EXAMPLE, repo.path, dirs_exist_ok=True)
    first = commit_at(repo, "first", "2026-03-01T10:00:00+00:00")
    demand = (repo.path / DEMAND).read_text(encoding="utf-8")
    assert 'version: "1.4"' in demand
    (repo.path / DEMAND).write_text(demand.replace('version: "1.4"', 'version: "2.0"'), "utf-8")
    second = commit_at(repo, "revised", "2026-04-01T10:00:00+00:00")

    def row(*extra: str) -> dict:
        out = invoke("register", str(repo.path), "--format", "json", *extra)
        return next(r for r in json.loads(out.stdout) if r["path"] == DEMAND)

    then = row("--as-of", "2026-03-15")
    assert then["version"] == "1.4" and then["last_change"]["commit"] == first
    assert then["commit"] == first  # the commit the register describes
    now = row()
    assert now["version"] == "2.0" and now["last_change"]["commit"] == second
    assert "commit" not in now
    named = invoke("register", str(repo.path), "--as-of", "2026-03-15")
    assert f"the register as of commit {first}" in named.stderr


def test_a_shared_id_is_placed_by_the_history_up_to_the_commit(tmp_path: Path, invoke) -> None:
    from test_auditor_duplicate_ids import markdown, new_repo, sms002

    repo = new_repo(tmp_path / "sms")
    repo.write("z/policy.md", markdown())
    repo.commit("Approve the policy", "2025-03-02")
    repo.write("a/copy.md", markdown())
    then = repo.commit("Start a copy", "2025-06-10")
    (repo.path / "z/policy.md").unlink()
    repo.commit("Withdraw the policy", "2025-08-01")
    repo.write("z/policy.md", markdown())
    repo.commit("Bring the policy back", "2025-09-01")  # now the newest of the two

    def flagged(*args: str) -> list[str]:
        out = invoke("check", *args, "--format", "json").stdout
        return [path for path, *_ in sms002(json.loads(out))]

    assert flagged(str(repo.path), "--today", "2025-10-01") == ["z/policy.md"]
    assert flagged(str(repo.path), "--as-of", "2025-07-01") == ["a/copy.md"]
    clone = checkout(repo, then, tmp_path / "clone")
    shown = invoke("check", str(repo.path), "--as-of", "2025-07-01").stdout
    assert without_commit(shown) == invoke("check", str(clone), "--today", "2025-07-01").stdout


def test_a_pack_changed_since_the_commit_is_named(history, invoke) -> None:
    repo, _ = history
    pack = "rules:\n  - id: ORG001\n    name: org\n    clause: '8.3.3'\n    severity: minor\n"
    pack += "    check: require-schema\n    description: d\n    params:\n"
    pack += "      select: {kind: sla}\n      schema: {properties: {targets: {minItems: 1}}}\n"
    repo.write("org/rules.yaml", pack)
    config = (repo.path / ".sms-lint.yaml").read_text(encoding="utf-8")
    config = config.replace("exclude: []", "exclude: [org]")
    repo.write(".sms-lint.yaml", config + "policies: [org/rules.yaml]\n")
    repo.commit("an organization pack", "2026-05-01")
    same = invoke("check", str(repo.path), "--as-of", "2026-05-02")
    assert same.exit_code in (0, 1) and "differs from its version" not in same.stderr
    repo.write("org/rules.yaml", pack.replace("severity: minor", "severity: major"))
    changed = invoke("check", str(repo.path), "--as-of", "2026-05-02")
    assert changed.exit_code in (0, 1)
    assert "org/rules.yaml is read from the work tree and differs" in changed.stderr


def test_a_fifo_where_the_commits_pack_was_is_never_opened(history, tmp_path: Path) -> None:
    """Comparing the work tree's pack with the commit's reads regular files only: a FIFO in
    its place would block a plain read for ever."""
    import subprocess
    import sys

    repo, _ = history
    repo.write("org/rules.yaml", "rules: []\n")
    config = (repo.path / ".sms-lint.yaml").read_text(encoding="utf-8")
    config = config.replace("exclude: []", "exclude: [org]")
    repo.write(".sms-lint.yaml", config + "policies: [org/rules.yaml]\n")
    repo.commit("an organization pack", "2026-05-01")
    (repo.path / "org/rules.yaml").unlink()
    os.mkfifo(repo.path / "org/rules.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "sms_lint", "check", str(repo.path), "--as-of", "2026-05-02"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )  # fmt: skip
    assert "org/rules.yaml is read from the work tree and differs" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_root_below_the_top_reads_its_own_config_at_the_commit(tmp_path: Path, invoke) -> None:
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(EXAMPLE, repo.path / "sms")
    config = (repo.path / "sms/.sms-lint.yaml").read_text(encoding="utf-8")
    (repo.path / "sms/.sms-lint.yaml").write_text(config + QUIET, encoding="utf-8")
    first = commit_at(repo, "first", "2026-03-01T10:00:00+00:00")
    (repo.path / "sms/.sms-lint.yaml").write_text(config, encoding="utf-8")  # work tree only
    clone = checkout(repo, first, tmp_path / "clone")
    shown = invoke("check", str(repo.path / "sms"), "--as-of", "2026-03-02").stdout
    plain = invoke("check", str(clone / "sms"), "--today", "2026-03-02").stdout
    assert without_commit(shown) == plain
    assert "SMS014" not in shown
