"""A damaged result cache never crashes a run nor changes its report: every entry is checked
when decoded, a bad one is recomputed (and rewritten), an unreadable file is ignored."""

from __future__ import annotations

import marshal
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, TODAY

from sms_lint.cache import entries as cache_entries
from sms_lint.cache.entries import payload_check

BROKEN = "slas/sla-hosting.yaml"  # given findings of its own, so its entry holds some


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "sms"
    shutil.copytree(EXAMPLE, target)
    sla = target / BROKEN
    sla.write_text(sla.read_text().replace("customer:", "customer: [5]\nx-old-customer:", 1))
    return target


def report(invoke: Callable[..., Any], root: Path, *extra: str) -> tuple[int, str]:
    result = invoke("check", str(root), "--format", "json", "--today", TODAY, *extra)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


def cache_file(private_cache: Path) -> Path:
    (found,) = private_cache.glob("*.cache")
    return found


def test_the_broken_file_has_findings_to_cache(invoke, repo: Path) -> None:
    code, text = report(invoke, repo, "--no-cache")
    assert code == 1 and f'"path": "{BROKEN}"' in text


def _corruptions(blob: bytes) -> list[bytes]:
    half, third = len(blob) // 2, len(blob) // 3
    flipped = [blob[:i] + bytes([blob[i] ^ 0xFF]) + blob[i + 1 :] for i in (third, half, -20)]
    return [b"", blob[:1], blob[:third], blob[:half], blob[:-1], b"not marshal", *flipped]


def test_corrupt_bytes_or_a_truncated_file_are_ignored(invoke, repo, private_cache) -> None:
    expected = report(invoke, repo, "--no-cache")
    assert report(invoke, repo) == expected
    target = cache_file(private_cache)
    for damaged in _corruptions(target.read_bytes()):
        target.write_bytes(damaged)
        assert report(invoke, repo) == expected
        assert report(invoke, repo) == expected  # and the rewritten cache serves the next run


def _document_payload(data: Any) -> bytes:
    return marshal.dumps((marshal.dumps(data), marshal.dumps(({}, []))))


def _bad_entries(entry: tuple) -> dict[str, Any]:
    digest, payload, check, is_artifact, kind, findings, said = entry
    good_finding = findings[0]

    def with_data(data: Any) -> tuple:
        new = _document_payload(data)
        return (digest, new, payload_check(new), is_artifact, kind, findings, said)

    def with_finding(position: int, value: Any) -> tuple:
        bad = (*good_finding[:position], value, *good_finding[position + 1 :])
        return (digest, payload, check, is_artifact, kind, (bad, *findings[1:]), said)

    return {
        "a number": 5,
        "an empty tuple": (),
        "a short tuple": entry[:5],
        "payload not bytes": (digest, 5, check, is_artifact, kind, findings, said),
        "payload changed": (
            digest,
            payload[:-3] + b"zzz",
            check,
            is_artifact,
            kind,
            findings,
            said,
        ),
        "payload truncated": (digest, payload[:10], check, is_artifact, kind, findings, said),
        "data a list": with_data([1, 2]),
        "data of another kind": with_data({"kind": "policy"}),
        "data holding a set": with_data({"kind": kind, "title": {1, 2}}),
        "data holding bytes": with_data({"kind": kind, "title": b"x"}),
        "is_artifact text": (digest, payload, check, "yes", kind, findings, said),
        "kind a list": (digest, payload, check, is_artifact, [kind], findings, said),
        "findings text": (digest, payload, check, is_artifact, kind, "x"),
        "finding too short": (digest, payload, check, is_artifact, kind, (("a",),), said),
        "finding line text": with_finding(1, "3"),
        "finding line true": with_finding(1, True),
        "finding rule none": with_finding(3, None),
        "finding severity unknown": with_finding(5, "fatal"),
        "finding message a list": with_finding(6, ["x"]),
        "finding about not paths": with_finding(9, ("owner",)),
        "finding written text": with_finding(10, "yes"),
        "declared a list": (digest, payload, check, is_artifact, kind, findings, ["roles", None]),
        "declared a number": (digest, payload, check, is_artifact, kind, findings, (5, None)),
    }


def _rewrite(target: Path, change: Callable[[dict], None]) -> None:
    stored = marshal.loads(target.read_bytes())
    change(stored)
    target.write_bytes(marshal.dumps(stored))


def test_entries_of_the_wrong_shape_are_recomputed(invoke, repo, private_cache) -> None:
    expected = report(invoke, repo, "--no-cache")
    report(invoke, repo)
    target = cache_file(private_cache)
    original = marshal.loads(target.read_bytes())
    entry = original["entries"][BROKEN]
    assert entry[5], "the entry holds findings to spoil"
    for name, bad in _bad_entries(entry).items():

        def spoil(stored: dict, bad: Any = bad) -> None:
            stored["entries"][BROKEN] = bad
            stored["result"] = None  # so the run reads the file entries

        _rewrite(target, spoil)
        assert report(invoke, repo) == expected, name
        repaired = marshal.loads(target.read_bytes())["entries"][BROKEN]
        assert cache_entries.outcome(BROKEN, entry[0], repaired) is not None, name


def test_a_cached_result_of_the_wrong_shape_is_recomputed(invoke, repo, private_cache) -> None:
    expected = report(invoke, repo, "--no-cache")
    report(invoke, repo)
    target = cache_file(private_cache)
    key = marshal.loads(target.read_bytes())["result"][0]
    for bad in (5, (key,), (key, 5), (key, (("x",),)), (key, ((None,) * 9,))):
        _rewrite(target, lambda stored, bad=bad: stored.update(result=bad))
        assert report(invoke, repo) == expected, bad


def test_a_cache_file_of_the_wrong_shape_is_ignored(invoke, repo, private_cache) -> None:
    expected = report(invoke, repo, "--no-cache")
    report(invoke, repo)
    target = cache_file(private_cache)
    stored = marshal.loads(target.read_bytes())
    for bad in (5, [], {"format": stored["format"]}, {**stored, "entries": [1]}):
        target.write_bytes(marshal.dumps(bad))
        assert report(invoke, repo) == expected, bad
