"""The register's faster ways give the same answers: its JSON text is json.dumps's, the
history walk run aside (a forked child) answers, fails and falls back as a call here would,
and the files it waits for may be found once git has started."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_git_support import GitRepo

from sms_lint.commands.aside import Aside, Handover, _threaded
from sms_lint.commands.register_changes import read_last_changes
from sms_lint.commands.register_output import indented_json
from sms_lint.errors import UsageProblem
from sms_lint.neutralise import clean_tree

VALUES = [
    [],
    {},
    [{}, [], None, True, False, 0, -3, 1.5, float("nan")],
    {"id": "DOC-1", "nested": {"empty": {}, "list": [], "deep": {"x": [1, {"y": None}]}}},
    {"title": 'quotes " and \\ backslash', "tab": "a\tb\nc\r", "ctl": "\x00\x07\x1b[31m"},
    {"c1": "\x85\x9b", "del": "\x7f", "surrogate": "file-\udc80.md", "non": "\ufffe\uffff"},
    {"unicode": "café ✓ 日本 \u2028 \U0001f600", "": "empty key", "bad\udc80key": 1},
    {1: "an int key", "path": "a/b.yaml"},
    ("a", "tuple"),
]


@pytest.mark.parametrize("value", VALUES)
def test_the_same_text_as_json_dumps(value: object) -> None:
    expected = json.dumps(clean_tree(value), indent=2, ensure_ascii=False)
    assert indented_json(value) == expected


def _twice(number: int) -> int:
    return 2 * number


def _refuse(message: str) -> None:
    raise UsageProblem(message)


def _die() -> int:
    os._exit(3)


class _Unpicklable(Exception):
    def __reduce__(self) -> str:
        raise TypeError("cannot travel")


def _raise_unpicklable() -> None:
    raise _Unpicklable("stays here")


def test_aside_gives_the_result() -> None:
    with Aside(_twice, 21) as walk:
        assert walk.result() == 42


def test_aside_raises_what_the_function_raised() -> None:
    with Aside(_refuse, "one clear sentence") as walk, pytest.raises(UsageProblem) as raised:
        walk.result()
    assert str(raised.value) == "one clear sentence"


def test_a_child_dying_without_an_answer_falls_back_to_a_call_here() -> None:
    # os._exit in this process would end the test: here the fallback runs the function again
    # only after the child died; run the check with a function that is harmless here.
    with Aside(_die) as walk:
        walk.function = _twice
        walk.args = (5,)
        assert walk.result() == 10


def test_an_exception_that_cannot_travel_is_raised_here() -> None:
    with Aside(_raise_unpicklable) as walk, pytest.raises(_Unpicklable):
        walk.result()


def test_leaving_without_asking_leaves_no_child() -> None:
    with Aside(_twice, 1) as walk:
        pid = walk.pid
    assert walk.pid is None
    if pid is not None:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def _git_repo(tmp_path: Path) -> GitRepo:
    sms = GitRepo(tmp_path / "sms")
    sms.write("a.yaml", "id: A\n")
    sms.write("b.yaml", "id: B\n")
    sms.commit("Both", "2026-01-10")
    sms.write("a.yaml", "id: A\ntitle: T\n")
    sms.commit("A again", "2026-02-10")
    return sms


@pytest.mark.parametrize("paths", [["a.yaml"], ["a.yaml", "b.yaml", "untracked.yaml"], []])
def test_files_found_while_git_walks_give_the_same_changes(tmp_path: Path, paths) -> None:
    """register's child asks for its files once git has started: the same answer as when
    they are given first (none at all: no change)."""
    sms = _git_repo(tmp_path)
    (sms.path / "untracked.yaml").write_text("id: U\n")
    asked: list[bool] = []

    def later() -> list[str]:
        asked.append(True)
        return paths

    given, given_note = read_last_changes(sms.path, paths)
    found, found_note = read_last_changes(sms.path, later)
    assert found == given and found_note == given_note
    assert asked == [True]
    assert (given == {}) == (paths == [])


def _doubled(numbers: Handover[list[int]]) -> list[int]:
    return [2 * number for number in numbers()]


def test_a_handover_reaches_the_walk_after_it_started() -> None:
    numbers: Handover[list[int]] = Handover()
    with numbers, Aside(_doubled, numbers) as walk:
        numbers.give(list(range(20_000)))  # more than a pipe holds by default
        assert walk.result() == [2 * number for number in range(20_000)]


def test_a_handover_never_given_ends_with_the_block() -> None:
    with pytest.raises(ValueError, match="before giving"):
        numbers: Handover[list[int]] = Handover()
        with numbers, Aside(_doubled, numbers):
            raise ValueError("the caller fails before giving")


def test_a_handover_in_a_thread() -> None:
    numbers: Handover[list[int]] = Handover()
    with numbers:
        wait = _threaded(_doubled, (numbers,))
        numbers.give([1, 2])
        assert wait() == [2, 4]


def test_the_files_handed_over_give_the_same_changes(tmp_path: Path) -> None:
    sms = _git_repo(tmp_path)
    files: Handover[list[str]] = Handover()
    with files, Aside(read_last_changes, sms.path, files) as walk:
        files.give(["a.yaml", "b.yaml"])
        found, note = walk.result()
    assert note is None
    assert found == read_last_changes(sms.path, ["a.yaml", "b.yaml"])[0]
    assert found["a.yaml"].message == "A again"
    assert found["b.yaml"].message == "Both"


def _refuse_first(numbers: Handover[list[int]]) -> None:
    raise UsageProblem("refused before reading")


def test_a_handover_the_walk_never_read_is_no_error() -> None:
    numbers: Handover[list[int]] = Handover()
    with numbers, Aside(_refuse_first, numbers) as walk:
        with pytest.raises(UsageProblem, match="refused"):
            walk.result()  # the child has answered without reading, and ended
        numbers.give([1])  # nobody reads: the answer above is what counts


def test_a_handover_a_thread_never_read_is_no_error() -> None:
    numbers: Handover[list[int]] = Handover()
    with numbers:
        wait = _threaded(_refuse_first, (numbers,))
        with pytest.raises(UsageProblem, match="refused"):
            wait()
        numbers.give(list(range(50_000)))  # more than a pipe holds: no reader, no wait
