"""Real git repositories for the git tests (fixed authors and dates), and the -z parser's tests.

Other ``test_git_*`` modules import :class:`GitRepo` and the artifact texts from here.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from sms_lint.gitrepo.changes import is_candidate
from sms_lint.gitrepo.log import FileChange, parse_fields, parse_log

# git must not read the machine's configuration (signing, hooks, default branch...).
_QUIET_GIT = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
_OPTIONS = ("-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false")


# git's test switch: treat every repository as owned by someone else (no chown needed).
OTHER_OWNER = {"GIT_TEST_ASSUME_DIFFERENT_OWNER": "1"}


def trusting(folder: Path, env: dict[str, str] = OTHER_OWNER) -> dict[str, str]:
    """``env`` plus git's own ``safe.directory`` for ``folder``, set through the environment
    as a CI job would (``GIT_CONFIG_COUNT``/``KEY``/``VALUE``), so no config file is written."""
    return {
        **env,
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "safe.directory",
        "GIT_CONFIG_VALUE_0": str(folder.resolve()),
    }


def policy(version: str = "1.0", reviewed: str = "2026-01-10", body: str = "We deliver.") -> str:
    return textwrap.dedent(f"""\
        ---
        id: POL-001
        kind: policy
        title: Service management policy
        owner: sms-manager
        status: approved
        version: "{version}"
        approved_by: sms-manager
        approved_on: 2026-01-10
        last_reviewed: {reviewed}
        policy_type: service-management
        commitments: [Meet the agreed service requirements]
        ---
        # Service management policy

        {body}
        """)


def process(status: str = "approved", artifact_id: str = "PRC-DEMAND") -> str:
    return textwrap.dedent(f"""\
        id: {artifact_id}
        kind: process
        title: Demand management
        owner: sms-manager
        status: {status}
        version: "1.0"
        approved_by: sms-manager
        approved_on: 2026-01-10
        last_reviewed: 2026-01-10
        process: demand
        kpis:
          - name: Forecast accuracy
            target: 90
            unit: percent
        """)


class GitRepo:
    """A work tree in a temporary folder; every commit has a fixed author and date."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q")

    def git(self, *args: str, cwd: Path | None = None) -> str:
        env = {**os.environ, **_QUIET_GIT, **getattr(self, "_author", {})}
        done = subprocess.run(
            ["git", *_OPTIONS, *args],
            cwd=cwd or self.path,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def write(self, relative: str, text: str) -> Path:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def commit(self, message: str, date: str, author: str = "Alice Auditor") -> str:
        """Stage everything and commit; returns the commit id."""
        self._author = {
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": "author@example.com",
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": "author@example.com",
            "GIT_AUTHOR_DATE": f"{date}T10:00:00+00:00",
            "GIT_COMMITTER_DATE": f"{date}T10:00:00+00:00",
        }
        self.git("add", "-A", "--", ".")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def shallow_clone(self, target: Path) -> GitRepo:
        self.git("clone", "-q", "--depth", "1", self.path.as_uri(), str(target), cwd=target.parent)
        clone = GitRepo.__new__(GitRepo)
        clone.path = target
        return clone


def test_parse_log_reads_headers_entries_renames_and_empty_commits() -> None:
    output = (
        b"\x1eaaa\x1fAda\x1f2026-01-02T10:00:00+00:00\x1fsecond\x1fwith separators\0"
        b"\nM\0sub/--output=x\0R100\0old\nname.md\0new.md\0"
        b"\x1ebbb\x1fBo\x1f2026-01-01T10:00:00+00:00\x1fempty\0"
        b"\x1eccc\x1fBo\x1f2026-01-01T09:00:00+00:00\x1ffirst\0\nA\0\x1estrange.md\0"
    )
    commits = list(parse_log(output.split(b"\0")))
    assert [c.info.commit for c in commits] == ["aaa", "bbb", "ccc"]
    assert commits[0].info.message == "second\x1fwith separators"
    first = commits[0].changes
    assert [(c.status, c.old_path, c.path) for c in first] == [
        ("M", "sub/--output=x", "sub/--output=x"),
        ("R", "old\nname.md", "new.md"),
    ]
    assert commits[1].changes == []
    assert commits[2].changes[0].path == "\x1estrange.md"


def test_parse_changes_reads_raw_blob_ids() -> None:
    old, new = "1" * 40, "0" * 40
    output = f":100644 000000 {old} {new} D\0gone.yaml\0".encode()
    (change,) = parse_fields(output.split(b"\0"))
    assert isinstance(change, FileChange)
    assert (change.status, change.path, change.old_blob, change.new_blob) == (
        "D",
        "gone.yaml",
        old,
        None,
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("policies/pol.md", True),
        ("--output=x.yaml", True),
        (".github/workflow.yaml", False),
        ("notes.txt", False),
        ("drafts/pol.md", False),
    ],
)
def test_candidate_paths_follow_discovery(path: str, expected: bool) -> None:
    assert is_candidate(path, ("drafts",)) is expected
