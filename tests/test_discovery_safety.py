"""Discovery and reading leave no silent gap and read nothing but what discovery saw.

An unreadable folder or one whose path is over the OS limit is an SMS100 finding on the folder;
a FIFO, device or socket is a finding and is never opened; a file swapped for a link (or for
another file) between discovery and reading is a finding and its replacement is never read;
the root's ``.sms-lint.yaml`` is read under the same rules.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FILE_RULES, TODAY, quiet_config

from sms_lint.files.discovery import discover
from sms_lint.parse.loader import Problem
from sms_lint.pipeline.filestage import read_bytes

MARKER = "SECRETMARKER7Q"
POLICY = b"id: POL-1\nkind: policy\ntitle: Policy\nowner: sms-manager\nstatus: draft\n"
OPEN_MAJOR = (
    b"id: NC-1\nkind: nonconformity\ntitle: Open\nowner: sms-manager\nstatus: draft\n"
    b"severity: major\nraised_on: 2026-01-10\nclauses: ['8.1']\n"
)
CHECK = (sys.executable, "-m", "sms_lint", "check", "--format", "json", "--no-cache")
FORMATS = ("text", "json", "sarif", "junit", "github")


@pytest.fixture
def sms(tmp_path: Path) -> Path:
    """A root with one policy and a folder holding an open major nonconformity; an outside
    file whose first key and kind are the secret marker."""
    root = tmp_path / "sms"
    (root / "findings").mkdir(parents=True)
    (root / "a.yaml").write_bytes(POLICY)
    (root / "findings" / "nc.yaml").write_bytes(OPEN_MAJOR)
    (root / ".sms-lint.yaml").write_text(quiet_config(*FILE_RULES))
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "a.yaml").write_text(f"{MARKER}: 1\nkind: {MARKER}\n")
    return root


def check(invoke: Callable, root: Path, *extra: str) -> tuple[int, dict]:
    result = invoke("check", str(root), "--format", "json", "--today", TODAY, *extra)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def sms100(report: dict) -> dict[str, str]:
    return {f["path"]: f["message"] for f in report["findings"] if f["rule"] == "SMS100"}


def deny_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``os.scandir`` of ``folder`` (by path or descriptor) fails as for a mode-000 folder
    read by a normal user (the tests run as root, who may read anything)."""
    real, denied = os.scandir, folder.stat().st_ino

    def scandir(target: object = ".") -> object:
        status = os.fstat(target) if isinstance(target, int) else os.stat(target)  # type: ignore[arg-type]
        if status.st_ino == denied:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(target)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)


# --- folders that cannot be read ------------------------------------------------------------


def test_an_unreadable_folder_is_a_finding_on_the_folder(
    sms: Path, invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    deny_listing(monkeypatch, sms / "findings")
    code, report = check(invoke, sms)
    assert code == 1
    message = sms100(report)["findings"]
    assert "could not be read (permission denied)" in message
    assert "read access" in message and "exclude it in .sms-lint.yaml" in message
    finding = next(f for f in report["findings"] if f["path"] == "findings")
    assert (finding["line"], finding["severity"]) == (1, "major")


@pytest.mark.parametrize("format_name", FORMATS)
def test_the_folder_finding_is_in_every_format(
    sms: Path, invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, format_name: str
) -> None:
    deny_listing(monkeypatch, sms / "findings")
    report = tmp_path / f"report.{format_name}"
    args = ("check", str(sms), "--format", format_name, "--today", TODAY, "-o", str(report))
    result = invoke(*args)
    assert result.exit_code == 1, result.output
    text = report.read_text(encoding="utf-8")
    assert "findings" in text and "could not be read" in text


def test_an_excluded_unreadable_folder_is_not_a_finding(
    sms: Path, invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    (sms / ".sms-lint.yaml").write_text(quiet_config(*FILE_RULES, extra="exclude: [findings]\n"))
    deny_listing(monkeypatch, sms / "findings")
    assert sms100(check(invoke, sms)[1]) == {}


def test_an_unreadable_root_is_a_finding_not_a_clean_run(
    sms: Path, invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    deny_listing(monkeypatch, sms)
    code, report = check(invoke, sms)
    assert code == 1 and "could not be read" in sms100(report)["."]


@pytest.mark.parametrize("command", ["register", "coverage"])
def test_other_commands_survive_an_unreadable_folder(
    sms: Path, invoke, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    deny_listing(monkeypatch, sms / "findings")
    for format_name in ("text", "json", "markdown"):
        result = invoke(command, str(sms), "--format", format_name)
        assert result.exit_code in (0, 1), result.output


def _unprivileged() -> list[str] | None:
    """A command prefix that runs a program without the power to read a mode-000 folder:
    nothing as a normal user; as root, setpriv dropping every capability."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--inh-caps=-all", "--bounding-set=-all"] if setpriv else None


def test_a_mode_000_folder_read_by_a_process_without_access_is_a_finding(sms: Path) -> None:
    prefix = _unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: cannot drop the power to read")
    (sms / "findings").chmod(0)
    try:
        done = subprocess.run(
            [*prefix, *CHECK, str(sms), "--today", TODAY],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        (sms / "findings").chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert "permission denied" in sms100(json.loads(done.stdout))["findings"]


# --- paths over the OS limit ----------------------------------------------------------------


def _deep_tree(root: Path, levels: int) -> list[str]:
    """Folders of 200-character names ``levels`` deep (built from descriptors, as a path
    would soon be too long to name), a policy in each; their relative paths."""
    name = "d" * 200
    handle = os.open(root, os.O_RDONLY)
    folders = []
    try:
        for depth in range(levels):
            os.mkdir(name, dir_fd=handle)
            below = os.open(name, os.O_RDONLY, dir_fd=handle)
            os.close(handle)
            handle = below
            file = os.open("p.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=handle)
            os.write(file, POLICY.replace(b"POL-1", f"POL-{depth}".encode()))
            os.close(file)
            folders.append("/".join([name] * (depth + 1)))
    finally:
        os.close(handle)
    return folders


def test_an_artifact_over_the_path_limit_is_a_finding(tmp_path: Path, invoke) -> None:
    root = tmp_path / "sms"
    root.mkdir()
    folders = _deep_tree(root, 25)  # 25 x 201 characters: past PATH_MAX (4096) on the way
    limit = os.pathconf(root, "PC_PATH_MAX")
    too_long = [f for f in folders if len(str(root / f)) >= limit]
    assert too_long, "the tree must reach past the limit"
    code, report = check(invoke, root)
    found = sms100(report)
    assert code == 1
    first = too_long[0]  # the first folder that cannot be named: a finding on it
    assert "longer than the system allows" in found[first]
    file_paths = [f"{folder}/p.yaml" for folder in folders]
    for path in file_paths:  # every policy is either checked or a finding, none skipped
        if len(str(root / path)) >= limit and len(str(root / path.rsplit("/", 1)[0])) < limit:
            assert "longer than the system allows" in found[path]
    shallow = [f"{folder}/p.yaml" for folder in folders if folder not in too_long][:3]
    assert all(path not in found for path in shallow)  # what can be read still is


# --- files that are not regular files --------------------------------------------------------


def _check_in_a_process(root: Path) -> dict:
    """check in a child process with a timeout: a FIFO opened for reading would hang it."""
    done = subprocess.run(
        [*CHECK, str(root), "--today", TODAY],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_a_fifo_a_socket_and_links_to_them_are_findings_and_never_opened(
    sms: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo(sms / "x.yaml")
    os.symlink("x.yaml", sms / "to-fifo.md")
    monkeypatch.chdir(sms)  # a socket's path is limited to about 100 bytes
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind("s.yml")
        found = sms100(_check_in_a_process(sms))
    finally:
        listener.close()
    for path in ("x.yaml", "to-fifo.md", "s.yml"):
        assert found[path] == "not a regular file (a FIFO, device or socket): not read"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node")
def test_a_device_is_a_finding_and_never_opened(sms: Path) -> None:
    os.mknod(sms / "dev.yaml", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
    assert "not a regular file" in sms100(_check_in_a_process(sms))["dev.yaml"]


def test_register_history_and_coverage_do_not_hang_on_a_fifo(sms: Path) -> None:
    os.mkfifo(sms / "x.yaml")
    subprocess.run(["git", "init", "-q"], cwd=sms, check=True)
    commands = (
        ["register", str(sms)],
        ["coverage", str(sms), "--today", TODAY],
        ["history", "POL-1", "--root", str(sms)],  # no commit yet: exit 2, not a hang
    )
    for command in commands:
        done = subprocess.run(
            [sys.executable, "-m", "sms_lint", *command],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode in (0, 1, 2) and "Traceback" not in done.stderr, done.stderr


# --- a file that changes between discovery and reading --------------------------------------


def _swap_for_link(path: Path, target: Path) -> None:
    """Replace ``path`` by a symbolic link to ``target`` in one rename (no moment without it)."""
    temporary = path.with_name(".swap-link")
    os.symlink(target, temporary)
    os.replace(temporary, path)


def test_a_file_swapped_for_a_link_after_discovery_is_not_read(sms: Path) -> None:
    found = discover(sms)
    _swap_for_link(sms / "a.yaml", sms.parent / "outside" / "a.yaml")
    problem = read_bytes(sms, "a.yaml", 1024, found.identity("a.yaml"))
    assert problem == Problem(
        "SMS100", 1, 1, "the file changed while it was being checked: not read"
    )


@pytest.mark.parametrize("swap", ["other-file", "fifo", "folder-link"])
def test_a_file_replaced_after_discovery_is_not_read(sms: Path, swap: str) -> None:
    """Another file under the same name, a FIFO (which must not hang the read), or the
    file's folder swapped for a link to an outside folder holding a file of that name."""
    found = discover(sms)
    if swap == "other-file":
        (sms / ".new").write_bytes(b"kind: " + MARKER.encode() + b"\n")
        os.replace(sms / ".new", sms / "a.yaml")  # written first: a new inode
    elif swap == "fifo":
        (sms / "a.yaml").unlink()
        os.mkfifo(sms / "a.yaml")
    path = "a.yaml"
    if swap == "folder-link":
        path = "findings/nc.yaml"
        shutil.copy(sms.parent / "outside" / "a.yaml", sms.parent / "outside" / "nc.yaml")
        shutil.rmtree(sms / "findings")
        os.symlink(sms.parent / "outside", sms / "findings")
    problem = read_bytes(sms, path, 1024, found.identity(path))
    assert isinstance(problem, Problem) and "changed while it was being checked" in problem.message


def test_a_link_inside_the_root_is_read_as_its_target_as_discovery_saw_it(sms: Path) -> None:
    os.symlink("a.yaml", sms / "b.yaml")
    found = discover(sms)
    assert read_bytes(sms, "b.yaml", 1024, found.identity("b.yaml")) == POLICY
    # the link now leads outside: the file discovery saw is what is opened, not the link
    _swap_for_link(sms / "b.yaml", sms.parent / "outside" / "a.yaml")
    assert read_bytes(sms, "b.yaml", 1024, found.identity("b.yaml")) == POLICY
    # its target swapped for a link out: refused
    _swap_for_link(sms / "a.yaml", sms.parent / "outside" / "a.yaml")
    problem = read_bytes(sms, "b.yaml", 1024, found.identity("b.yaml"))
    assert isinstance(problem, Problem) and "changed" in problem.message


def test_check_reports_a_swap_between_discovery_and_reading(
    sms: Path, invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sms_lint.pipeline import engine

    def discover_then_swap(root: Path, exclude: tuple[str, ...] = (), ignored: object = None):
        found = discover(root, exclude)
        _swap_for_link(sms / "a.yaml", sms.parent / "outside" / "a.yaml")
        return found

    monkeypatch.setattr(engine, "candidates", discover_then_swap)
    result = invoke("check", str(sms), "--format", "json", "--today", TODAY)
    assert MARKER not in result.output
    assert "changed while it was being checked" in sms100(json.loads(result.stdout))["a.yaml"]


def test_racing_swaps_never_leak_an_outside_file(sms: Path, invoke) -> None:
    """A thread keeps swapping a.yaml for a link to an outside file and back while check runs
    (80 runs or 10 s): the outside file's content never reaches a report."""
    import threading
    import time

    stop = threading.Event()
    outside = sms.parent / "outside" / "a.yaml"

    def swap() -> None:
        while not stop.is_set():
            _swap_for_link(sms / "a.yaml", outside)
            temporary = sms / ".swap-file"
            temporary.write_bytes(POLICY)
            os.replace(temporary, sms / "a.yaml")

    swapper = threading.Thread(target=swap, daemon=True)
    swapper.start()
    deadline = time.monotonic() + 10
    try:
        for run in range(80):
            result = invoke("check", str(sms), "--format", "json", "--today", TODAY, "--no-cache")
            assert MARKER not in result.output, f"run {run} leaked the outside file"
            if time.monotonic() > deadline:
                break
    finally:
        stop.set()
        swapper.join()


# --- the root's .sms-lint.yaml ---------------------------------------------------------------


def test_a_root_config_linking_out_of_the_root_is_not_read(sms: Path, invoke) -> None:
    (sms / ".sms-lint.yaml").unlink()
    (sms.parent / "outside" / "config.yaml").write_text(f"{MARKER}: [1]\n")
    os.symlink(sms.parent / "outside" / "config.yaml", sms / ".sms-lint.yaml")
    result = invoke("check", str(sms), "--today", TODAY)
    assert result.exit_code == 2 and MARKER not in result.output
    assert result.stderr.count("\n") == 1 and "outside the repository" in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "folder", "dangling"])
def test_a_root_config_that_is_no_regular_file_is_exit_2_not_a_hang(sms: Path, kind: str) -> None:
    (sms / ".sms-lint.yaml").unlink()
    if kind == "fifo":
        os.mkfifo(sms / ".sms-lint.yaml")
    elif kind == "folder":
        (sms / ".sms-lint.yaml").mkdir()
    else:
        os.symlink("nowhere.yaml", sms / ".sms-lint.yaml")
    done = subprocess.run(
        [*CHECK, str(sms), "--today", TODAY], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert ".sms-lint.yaml" in done.stderr and "not read" in done.stderr


def test_a_root_config_linking_inside_the_root_is_read(sms: Path, check_json) -> None:
    (sms / ".sms-lint.yaml").rename(sms / "config.txt")
    os.symlink("config.txt", sms / ".sms-lint.yaml")
    _, report = check_json(sms)
    assert {f["rule"] for f in report["findings"]} <= set(FILE_RULES)  # its settings applied


def test_an_explicit_config_may_be_anywhere(sms: Path, check_json) -> None:
    outside = sms.parent / "outside" / "config.yaml"
    outside.write_text(quiet_config(*FILE_RULES))
    (sms / ".sms-lint.yaml").unlink()
    os.symlink(outside, sms / "given.yaml")
    _, report = check_json(sms, "--config", str(sms / "given.yaml"))
    assert {f["rule"] for f in report["findings"]} <= set(FILE_RULES)


def test_register_says_when_files_or_folders_could_not_be_read(
    sms: Path, invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    deny_listing(monkeypatch, sms / "findings")
    os.mkfifo(sms / "x.yaml")
    result = invoke("register", str(sms), "--format", "json")
    assert result.exit_code == 0
    assert "2 file(s) or folder(s) could not be read" in result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == ["POL-1"]
