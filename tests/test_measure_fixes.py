"""``sms-lint measure``, the reviewer's defects (issue 22): parallel runs, read-only records,
where the new entry goes, each line's own ending, ASCII digits only and a blank note."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import TODAY
from test_measure_command import MARKDOWN_RECORD, YAML_RECORD, added_lines, measure, sms

__all__ = ["sms"]  # the fixture, shared with the command's tests

HEAD = YAML_RECORD.split("results:\n")[0] + "results:\n  - {period: 2026-08, value: 94.1}\n"


def run_measure(root: Path, period: str) -> subprocess.CompletedProcess:
    """One ``sms-lint measure`` in its own process, as a pipeline job runs it."""
    env = {**os.environ, "SMS_LINT_TODAY": TODAY}
    command = [sys.executable, "-m", "sms_lint", "measure", "OBJ-01", "--root", str(root)]
    return subprocess.run(
        [*command, "--period", period, "--value", "90"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def parallel(root: Path, periods: list[str]) -> list[subprocess.CompletedProcess]:
    with ThreadPoolExecutor(len(periods)) as pool:
        return list(pool.map(lambda p: run_measure(root, p), periods))


def test_parallel_runs_keep_every_entry(write, sms) -> None:
    path = write("measurements/obj-01.yaml", YAML_RECORD)
    periods = [f"2027-0{month}" for month in range(1, 7)]
    runs = parallel(sms, periods)
    assert [r.returncode for r in runs] == [0] * 6, [r.stderr for r in runs]
    after = path.read_text(encoding="utf-8")
    assert sorted(p for p in periods if f"period: {p}," in after) == periods
    assert [p.name for p in path.parent.iterdir()] == ["obj-01.yaml"]  # no temporary left


def test_parallel_runs_of_one_period_write_it_once(write, sms) -> None:
    path = write("measurements/obj-01.yaml", YAML_RECORD)
    runs = parallel(sms, ["2027-01"] * 4)
    assert sorted(r.returncode for r in runs) == [0, 2, 2, 2], [r.stderr for r in runs]
    assert path.read_text(encoding="utf-8").count("period: 2027-01") == 1
    refused = [r.stderr for r in runs if r.returncode == 2]
    assert all("already has a result for 2027-01" in e for e in refused), refused


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_a_run_reads_nothing_before_it_holds_the_lock(write, sms) -> None:
    """The lock covers the read too: a run that read the record while another run renamed a
    new version over it would find no record, lock nothing and lose that run's entry."""
    import fcntl
    import time

    path = write("measurements/obj-01.yaml", YAML_RECORD)
    before = path.read_bytes()
    env = {**os.environ, "SMS_LINT_TODAY": TODAY}
    command = [sys.executable, "-m", "sms_lint", "measure", "OBJ-01", "--root", str(sms)]
    held = os.open(sms, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        run = subprocess.Popen(
            [*command, "--period", "2027-01", "--value", "90"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )  # fmt: skip
        time.sleep(1.5)  # a run that did not wait for the lock has written by now
        assert run.poll() is None
        assert path.read_bytes() == before
    finally:
        os.close(held)
    assert run.wait(timeout=120) == 0, run.stderr.read() if run.stderr else ""
    assert "period: 2027-01," in path.read_text(encoding="utf-8")


def test_a_read_only_record_is_refused(invoke, write, sms) -> None:
    path = write("measurements/obj-01.yaml", YAML_RECORD)
    os.chmod(path, 0o444)
    result = measure(invoke, sms, "OBJ-01", "--period", "2026-10", "--value", "96")
    assert result.exit_code == 2
    assert result.stderr == (
        "sms-lint: error: cannot write measurements/obj-01.yaml: permission denied\n"
    )
    assert path.read_text(encoding="utf-8") == YAML_RECORD
    assert os.stat(path).st_mode & 0o777 == 0o444


@pytest.mark.parametrize(
    "rest",
    [
        "# where the figures come from\nx-source: desk export\n",  # the next key's comment
        "# end of the record\n# (kept by the service desk)\n",  # the file's closing comments
        "\n# --- extensions ---\nx-source: desk export\n",  # a blank line and a section comment
    ],
)
def test_the_entry_goes_right_after_the_last_one(invoke, write, sms, rest: str) -> None:
    path = write("measurements/obj-01.yaml", HEAD + rest)
    assert measure(invoke, sms, "OBJ-01", "--period", "2026-10", "--value", "96").exit_code == 0
    entry = "  - {period: 2026-10, value: 96}\n"
    assert path.read_text(encoding="utf-8") == HEAD + entry + rest


def test_each_line_keeps_its_own_ending(invoke, write, sms) -> None:
    """One CRLF line (a paste from Windows) leaves the LF lines LF; the added lines end as
    the line before them."""
    text = YAML_RECORD.replace("owner: 'sms-manager'\n", "owner: 'sms-manager'\r\n")
    path = write("measurements/obj-01.yaml", text.encode())
    assert measure(invoke, sms, "OBJ-01", "--period", "2026-10", "--value", "96").exit_code == 0
    after = path.read_bytes()
    assert after.count(b"\r\n") == 1
    assert added_lines(text, after.decode()) == ["  - {period: 2026-10, value: 96}"]


def test_a_crlf_last_entry_gives_its_ending_and_the_body_stays_byte_identical(
    invoke, write, sms
) -> None:
    head, body = MARKDOWN_RECORD.split("---\n", 2)[1:]
    front = head.replace("  value: 94.1\n", "  value: 94.1\r\n")
    body = body.replace("# OBJ-01", "# OBJ-01\r")  # a body with mixed endings
    text = f"---\n{front}---\n{body}"
    path = write("measurements/obj-01.md", text.encode())
    assert measure(invoke, sms, "OBJ-01", "--period", "2026-09", "--value", "95").exit_code == 0
    after = path.read_bytes().decode()
    assert after.endswith(f"---\n{body}")
    assert "  value: 94.1\r\n- period: 2026-09\r\n  value: 95\r\n---\n" in after


@pytest.mark.parametrize(
    ("option", "written", "message"),
    [
        (
            "--period", "\uff12\uff10\uff12\uff16-10",
            "--period must be a month YYYY-MM, a quarter YYYY-Qn or a date YYYY-MM-DD (got "
            "'\uff12\uff10\uff12\uff16-10')",
        ),
        ("--period", "٢٠٢٦-10-01", "--period must be a month YYYY-MM"),
        ("--value", "٩٦", "--value must be a number such as 97.5 (got '٩٦')"),
        ("--note", " ", "--note must say something: leave it out when there is nothing to add"),
        ("--note", "", "--note must say something"),
    ],
)  # fmt: skip
def test_other_digits_and_a_blank_note_are_refused(
    invoke, write, sms, option: str, written: str, message: str
) -> None:
    path = write("measurements/obj-01.yaml", YAML_RECORD)
    args = {"--period": "2026-10", "--value": "96", option: written}
    result = measure(invoke, sms, "OBJ-01", *[x for pair in args.items() for x in pair])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"sms-lint: error: {message}")
    assert path.read_text(encoding="utf-8") == YAML_RECORD
