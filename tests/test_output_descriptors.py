"""``-o /dev/stdout`` (and ``/dev/fd/N``) write into the open descriptor, as a shell's ``>``
would: into a pipe, and appending to a file opened for appending, never replacing it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE, TODAY

COMMAND = [sys.executable, "-m", "sms_lint", "check", str(EXAMPLE), "--today", TODAY]


def test_dev_stdout_into_a_pipe() -> None:
    done = subprocess.run(
        [*COMMAND, "--format", "json", "-o", "/dev/stdout"],
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"{")


def test_dev_stdout_appending_to_a_log_keeps_what_was_there(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.write_bytes(b"OLD LINE\n")
    with log.open("ab") as stream:
        done = subprocess.run(
            [*COMMAND, "--format", "json", "-o", "/dev/stdout"],
            stdout=stream,
            stderr=subprocess.PIPE,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr
    text = log.read_bytes()
    assert text.startswith(b"OLD LINE\n{")
