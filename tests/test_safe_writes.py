"""Safe writes: -o/--report and the job summary never clobber what the path is.

A regular file is replaced atomically (its mode kept, a new one gets the umask's mode), a FIFO
or device is written straight into, a link's target is written, '-' is standard output, and a
path that cannot be written is exit 2 with one sentence.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TODAY

REPORTING_COMMANDS = [
    ("check", "--today", TODAY, "--format", "json"),
    ("coverage", "--today", TODAY, "--format", "json"),
    ("register", "--format", "json"),
]


@pytest.fixture
def root(write, tmp_path: Path) -> Path:
    write("sms/policy.yaml", "kind: policy\nid: POL-1\n")
    return tmp_path / "sms"


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def check(invoke, root: Path, *args: str, env: dict[str, str] | None = None):
    return invoke("check", str(root), "--today", TODAY, "--format", "json", *args, env=env)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_report_gets_the_umask_mode(invoke, root, tmp_path, umask_022):
    out = tmp_path / "out" / "report.json"
    assert check(invoke, root, "-o", str(out)).exit_code == 1
    assert mode(out) == 0o644
    assert mode(out.parent) == 0o755  # the missing folder too (CI writes reports/x.xml)
    assert json.loads(out.read_text())["summary"]["artifacts"] == 1


def test_a_replaced_report_keeps_its_mode_and_leaves_no_temp_file(invoke, root, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old")
    out.chmod(0o640)
    check(invoke, root, "-o", str(out), "--report", f"json:{out}")
    assert mode(out) == 0o640
    assert json.loads(out.read_text())["summary"]["artifacts"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "sms"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_character_device_stays_a_device(invoke, root, tmp_path):
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    for option in (["-o", str(null)], ["--report", f"junit:{null}"]):
        assert check(invoke, root, *option).exit_code == 1
        info = null.lstat()
        assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "sms"]


def read_fifo(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as stream:
            received.append(stream.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread, received


@pytest.mark.parametrize("command", REPORTING_COMMANDS, ids=lambda c: c[0])
def test_a_fifo_reader_gets_the_report(invoke, root, tmp_path, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, received = read_fifo(fifo)
    result = invoke(command[0], str(root), *command[1:], "-o", str(fifo))
    thread.join(10)
    assert result.exit_code in (0, 1), result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0].decode("utf-8"))


def test_a_link_is_followed_and_stays_a_link(invoke, root, tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    target.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(target.name)
    assert check(invoke, root, "-o", str(link)).exit_code == 1
    assert link.is_symlink() and os.readlink(link) == "real.json"
    assert json.loads(target.read_text())["summary"]["artifacts"] == 1
    assert mode(target) == 0o600


def test_a_dangling_link_creates_its_target(invoke, root, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to("made.json")
    assert check(invoke, root, "-o", str(link)).exit_code == 1
    assert link.is_symlink() and json.loads((tmp_path / "made.json").read_text())


def test_a_dangling_link_into_a_missing_folder_creates_no_folder(invoke, root, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "nowhere" / "made.json")
    result = check(invoke, root, "-o", str(link))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("command", REPORTING_COMMANDS, ids=lambda c: c[0])
def test_dash_is_standard_output(invoke, root, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = invoke(command[0], str(root), *command[1:], "-o", "-")
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)
    assert not (tmp_path / "-").exists()


def test_dash_in_report_is_standard_output(invoke, root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "main.txt"
    result = check(invoke, root, "-o", str(out), "--report", "sarif:-")
    assert json.loads(result.stdout)["version"] == "2.1.0"
    assert out.exists() and not (tmp_path / "-").exists()


def test_a_file_named_dash_is_still_reachable(invoke, root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check(invoke, root, "-o", "./-")
    assert result.stdout == "" and json.loads((tmp_path / "-").read_text())


@pytest.mark.parametrize(
    "where",
    ["file/report.json", "folder"],
    ids=["parent-is-a-file", "path-is-a-folder"],
)
def test_an_unwritable_path_is_one_sentence(invoke, root, tmp_path, where):
    (tmp_path / "file").write_text("x")
    (tmp_path / "folder").mkdir()
    for option in (["-o", str(tmp_path / where)], ["--report", f"json:{tmp_path / where}"]):
        result = check(invoke, root, *option)
        assert result.exit_code == 2
        assert result.stderr.startswith("sms-lint: error: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.output


def test_the_job_summary_is_appended_safely(invoke, root, tmp_path, umask_022):
    summary = tmp_path / "summary.md"
    link = tmp_path / "summary-link.md"
    link.symlink_to(summary.name)
    result = check(invoke, root, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(link)})
    assert result.exit_code == 1
    assert link.is_symlink() and mode(summary) == 0o644
    assert summary.read_text(encoding="utf-8").startswith("## sms-lint")


def test_the_job_summary_reaches_a_fifo(invoke, root, tmp_path):
    fifo = tmp_path / "summary"
    os.mkfifo(fifo)
    thread, received = read_fifo(fifo)
    result = check(invoke, root, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(fifo)})
    thread.join(10)
    assert result.exit_code == 1 and stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received[0].decode("utf-8").startswith("## sms-lint")


def test_a_job_summary_that_is_a_folder_is_one_sentence(invoke, root, tmp_path):
    result = check(invoke, root, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(tmp_path)})
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "GITHUB_STEP_SUMMARY" in result.stderr
