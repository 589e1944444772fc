"""Reading a file's bytes: the size cap, and a file that changes size while it is read."""

from __future__ import annotations

import os
from pathlib import Path

from sms_lint.parse.loader import Problem
from sms_lint.pipeline.filestage import _read_at_most, read_bytes


def test_small_file_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"kind: policy\n")
    assert read_bytes(tmp_path, "a.yaml", 1) == b"kind: policy\n"


def test_file_over_the_cap_is_a_problem_naming_its_size(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"x" * 3000)
    problem = read_bytes(tmp_path, "a.yaml", 1)
    assert isinstance(problem, Problem) and problem.code == "SMS100"
    assert "2 KiB, over the 1 KiB limit" in problem.message


def test_file_exactly_at_the_cap_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"x" * 1024)
    assert read_bytes(tmp_path, "a.yaml", 1) == b"x" * 1024


def test_missing_file_is_a_problem(tmp_path: Path) -> None:
    problem = read_bytes(tmp_path, "gone.yaml", 1)
    assert isinstance(problem, Problem) and "cannot read the file" in problem.message


def test_a_file_longer_than_its_recorded_size_is_read_on_up_to_the_cap(tmp_path: Path) -> None:
    """The size from fstat is only a hint: a file that grew is read on, never past the cap."""
    path = tmp_path / "grown.yaml"
    path.write_bytes(bytes(range(256)) * 1000)
    handle = os.open(path, os.O_RDONLY)
    try:
        assert _read_at_most(handle, 300_000, expected=10) == path.read_bytes()
    finally:
        os.close(handle)
    handle = os.open(path, os.O_RDONLY)
    try:
        assert _read_at_most(handle, 100_001, expected=10) == path.read_bytes()[:100_001]
    finally:
        os.close(handle)
