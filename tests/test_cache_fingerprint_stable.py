"""The cache fingerprint is the same in every process, whatever PYTHONHASHSEED: otherwise no
run ever reuses the cache of the one before (a set's repr follows string hashing)."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import EXAMPLE

from sms_lint.cache.stable import stable_repr

PRINT = (
    "import sys; from pathlib import Path; from sms_lint.run.check import build_check_setup; "
    "from sms_lint.cache.store import fingerprint; "
    "print(fingerprint(build_check_setup(Path(sys.argv[1]), None)).hex())"
)


def fingerprint_with_seed(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", PRINT, str(EXAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.strip()


def test_fingerprint_does_not_depend_on_string_hashing() -> None:
    prints = {fingerprint_with_seed(seed) for seed in ("1", "2", "3", "4")}
    assert len(prints) == 1


def test_stable_repr_sorts_sets_at_any_depth() -> None:
    assert stable_repr(frozenset({"b", "a", "c"})) == "{'a', 'b', 'c'}"
    assert stable_repr({"k": (frozenset({"y", "x"}),)}) == "dict({'k': tuple({'x', 'y'})})"
