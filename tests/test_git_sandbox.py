"""Git without side effects: a hostile repository's configuration runs nothing, writes nothing.

The repository below points every setting git may execute at a marker-writing script (filters
selected by ``.gitattributes``, textconv, external diff, fsmonitor, pagers, hooks in
``core.hooksPath`` and in ``.git/hooks``, alternateRefsCommand, ssh, gpg, credential helper,
askpass, editors, an ``ext::`` remote), then makes the work tree stat-dirty. Every command that
touches git runs in-process (CliRunner) and as ``python -m sms_lint``: no marker may appear and
nothing under ``.git`` may change (not the index's bytes, not its mtime, no new file).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TODAY
from test_git_support import GitRepo, policy, process, trusting

SCRIPT = """#!/bin/sh
# Whatever git ran us as: leave a mark, read nothing, print nothing.
echo "$0 $*" >> "{markers}/ran"
exit 0
"""
HOOKS = (
    "post-index-change", "post-checkout", "reference-transaction", "pre-commit",
    "post-commit", "post-merge", "post-rewrite", "pre-auto-gc", "fsmonitor-watchman",
    "pre-push", "push-to-checkout", "post-update", "sendemail-validate",
)  # fmt: skip


def _install_script(path: Path, markers: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SCRIPT.format(markers=markers), encoding="utf-8")
    path.chmod(0o755)
    return path


def hostile_settings(script: Path) -> dict[str, str]:
    """Every executable git setting we know of, each naming the script (with its own name)."""
    run = {name: f"{script} {name}" for name in ("clean", "smudge", "process", "textconv")}
    return {
        "filter.evil.clean": run["clean"],
        "filter.evil.smudge": run["smudge"],
        "filter.proc.process": run["process"],
        "diff.evil.textconv": run["textconv"],
        "diff.evil.command": f"{script} diff-command",
        "diff.proc.textconv": run["textconv"],
        "diff.external": f"{script} diff-external",
        "merge.evil.driver": f"{script} merge-driver",
        "core.fsmonitor": f"{script}",
        "core.pager": f"{script} core-pager",
        "pager.log": f"{script} pager-log",
        "pager.diff": f"{script} pager-diff",
        "pager.show": f"{script} pager-show",
        "pager.ls-files": f"{script} pager-ls-files",
        "core.alternateRefsCommand": f"{script} alternate-refs",
        "core.sshCommand": f"{script} ssh",
        "core.gitProxy": f"{script} git-proxy",
        "core.askPass": f"{script} askpass",
        "core.editor": f"{script} editor",
        "sequence.editor": f"{script} sequence-editor",
        "gpg.program": f"{script}",
        "gpg.ssh.program": f"{script}",
        "gpg.x509.program": f"{script}",
        "log.showSignature": "true",
        "credential.helper": f"!{script} credential",
        "uploadpack.packObjectsHook": f"{script} pack-objects-hook",
        "protocol.ext.allow": "always",
        "remote.origin.url": f"ext::{script} remote %S",
        "remote.origin.promisor": "true",
        "remote.origin.uploadpack": f"{script} uploadpack",
        "diff.renames": "copies",
    }


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[GitRepo]:
    """Two commits, then the hostile configuration and a stat-dirty, edited work tree."""
    markers = tmp_path / "markers"
    markers.mkdir()
    sms = GitRepo(tmp_path / "sms")
    sms.write("policies/pol-001.md", policy())
    sms.write("processes/demand.yaml", process())
    sms.write("processes/keep.yaml", process(artifact_id="PRC-KEEP"))
    sms.write(".gitattributes", "*.md filter=evil diff=evil\n*.yaml filter=proc diff=proc\n")
    sms.commit("Approve the policy and the processes", "2026-01-10")
    sms.write("README.md", "# Our SMS\n")
    sms.commit("Add a readme", "2026-02-01")
    script = _install_script(tmp_path / "bin" / "mark", markers)
    for hook in HOOKS:
        _install_script(sms.path / ".git" / "hooks" / hook, markers)
        _install_script(tmp_path / "hooks" / hook, markers)
    settings = {**hostile_settings(script), "core.hooksPath": str(tmp_path / "hooks")}
    for key, value in settings.items():
        sms.git("config", key, value)
    make_stat_dirty(sms)
    yield sms
    assert list(markers.iterdir()) == [], (markers / "ran").read_text()


def make_stat_dirty(sms: GitRepo) -> None:
    """Every tracked file looks touched; the policy's content changed (not committed)."""
    for path in ("README.md", "processes/demand.yaml", "processes/keep.yaml", ".gitattributes"):
        os.utime(sms.path / path, ns=(2_000_000_000 * 10**9, 2_000_000_000 * 10**9))
    sms.write("policies/pol-001.md", policy(body="Edited, not committed."))


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under ``folder``: its size, mtime and (for the index) its bytes."""
    taken = {}
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        content = path.read_bytes() if path.name == "index" else b""
        taken[path.relative_to(folder).as_posix()] = (stat.st_size, stat.st_mtime_ns, content)
    return taken


def commands(root: Path, out: Path) -> list[list[str]]:
    """Every command line that touches git, in every format."""
    lines = []
    for base in ("HEAD~1", "HEAD"):
        for fmt in ("text", "json", "sarif", "github", "junit"):
            lines.append(["check", str(root), "--today", TODAY, "--base", base, "--format", fmt])
        reports = [f"--report={fmt}:{out}/r.{fmt}" for fmt in ("junit", "sarif", "json", "github")]
        lines.append(
            ["check", str(root), "--today", TODAY, "--base", base, "-o", f"{out}/r", *reports]
        )
    for fmt in ("text", "json", "csv", "markdown"):
        lines.append(["register", str(root), "--format", fmt])
        lines.append(["register", str(root), "--format", fmt, "-o", str(out / f"reg.{fmt}")])
    for fmt in ("text", "json"):
        lines.append(["history", "POL-001", "--root", str(root), "--format", fmt])
        lines.append(["history", "processes/demand.yaml", "--root", str(root), "--format", fmt])
    for fmt in ("html", "json", "markdown", "text"):
        lines.append(["coverage", str(root), "--today", TODAY, "--format", fmt])
    lines.append(["coverage", str(root), "--today", TODAY, "--format", "html", "-o", f"{out}/c"])
    return lines


def one_of_each(lines: list[list[str]]) -> list[list[str]]:
    """The first line of each command that writes files, and of each that prints (a process
    costs some 0.4 s: the in-process test runs every line)."""
    picked: dict[tuple[str, str, bool], list[str]] = {}
    for line in lines:
        base = line[line.index("--base") + 1] if "--base" in line else ""
        picked.setdefault((line[0], base, "-o" in line), line)
    return list(picked.values())


def test_the_repository_really_is_hostile(hostile: GitRepo, tmp_path: Path) -> None:
    """Control: plain git on a copy runs the filter, fsmonitor and the post-index-change hook."""
    copy = tmp_path / "copy"
    shutil.copytree(hostile.path, copy, symlinks=True)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    # (a process filter that does not speak the protocol makes `git status` give up early)
    for line in (["diff", "HEAD"], ["-c", "filter.proc.process=", "status"]):
        subprocess.run(["git", *line], cwd=copy, env=env, capture_output=True, check=False)
    ran = (tmp_path / "markers" / "ran").read_text()
    (tmp_path / "markers" / "ran").unlink()  # the fixture checks no marker is left
    assert "clean" in ran
    assert "process" in ran
    assert "mark 2 " in ran  # fsmonitor, protocol version 2
    assert "post-index-change" in ran


def test_no_command_runs_a_program_or_writes_in_git_in_process(
    hostile: GitRepo, tmp_path: Path, invoke
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(hostile.path)
    for line in commands(hostile.path, out):
        result = invoke(*line)
        assert result.exit_code in (0, 1), (line, result.output)
        assert snapshot(hostile.path) == before, line


def test_no_command_runs_a_program_or_writes_in_git_in_a_subprocess(
    hostile: GitRepo, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(hostile.path)
    for line in one_of_each(commands(hostile.path, out)):
        done = subprocess.run(
            [sys.executable, "-m", "sms_lint", *line], capture_output=True, text=True,
            cwd=hostile.path, check=False,
        )  # fmt: skip
        assert done.returncode in (0, 1), (line, done.stderr)
        assert "Traceback" not in done.stderr
        assert snapshot(hostile.path) == before, line


def test_change_rules_still_see_the_edit_in_the_hostile_repository(
    hostile: GitRepo, check_json
) -> None:
    _, report = check_json(hostile.path, "--base", "HEAD")
    changed = sorted({(f["rule"], f["path"]) for f in report["findings"] if f["rule"] == "SMS017"})
    assert changed == [("SMS017", "policies/pol-001.md")]


def test_hooks_in_dot_git_hooks_do_not_run(hostile: GitRepo, invoke) -> None:
    """Without core.hooksPath, git would look in .git/hooks."""
    hostile.git("config", "--unset", "core.hooksPath")
    make_stat_dirty(hostile)
    before = snapshot(hostile.path)
    result = invoke("check", str(hostile.path), "--today", TODAY, "--base", "HEAD")
    assert result.exit_code in (0, 1), result.output
    result = invoke("register", str(hostile.path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["last_change"] is not None
    assert snapshot(hostile.path) == before


def _chown_tree(folder: Path, uid: int) -> None:
    for path in (folder, *folder.rglob("*")):
        os.chown(path, uid, uid, follow_symlinks=False)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_repository_of_another_owner_is_refused_even_for_root(
    hostile: GitRepo, tmp_path: Path
) -> None:
    """git's protection applies to root too; sms-lint no longer switches it off."""
    _chown_tree(hostile.path, 12345)
    out = tmp_path / "out"
    out.mkdir()
    # No machine-wide config can trust the folder behind the test's back.
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    before = snapshot(hostile.path)
    for line in one_of_each(commands(hostile.path, out)):
        if line[0] == "coverage" and "html" not in line:
            continue  # only the readiness page reads git
        done = subprocess.run(
            [sys.executable, "-m", "sms_lint", *line], capture_output=True, text=True, env=env,
            check=False,
        )  # fmt: skip
        assert done.returncode == 2, (line, done.stdout, done.stderr)
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert f"git config --global --add safe.directory {hostile.path}" in done.stderr
    assert snapshot(hostile.path) == before
    trusted = subprocess.run(
        [sys.executable, "-m", "sms_lint", "check", str(hostile.path), "--today", TODAY,
         "--base", "HEAD", "--format", "json"],
        capture_output=True, text=True, env=trusting(hostile.path, env), check=False,
    )  # fmt: skip
    assert trusted.returncode in (0, 1), trusted.stderr
    rules = {f["rule"] for f in json.loads(trusted.stdout)["findings"]}
    assert "SMS017" in rules  # read, and the uncommitted edit seen
    assert snapshot(hostile.path) == before
