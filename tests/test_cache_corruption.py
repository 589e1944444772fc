"""A damaged result cache never crashes a run nor changes its report: every entry is checked
when used and every payload when decoded, a bad one is recomputed (and rewritten), an
unreadable file is ignored."""

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
from sms_lint.cache.image import joined, split

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
    """Truncations and flipped bytes, in the index and in the payload region."""
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
    return marshal.dumps((marshal.dumps(data), marshal.dumps(({}, [])), None))


def _read(target: Path) -> tuple[dict, bytes]:
    return split(target.read_bytes())


def _write(target: Path, stored: Any, region: bytes) -> None:
    target.write_bytes(joined(marshal.dumps(stored), region))


def _bad_entries(entry: tuple) -> dict[str, Any]:
    """Index entries of the wrong shape or types, by what is wrong."""
    kind, findings = entry[5], entry[6]
    good_finding = findings[0]

    def changed(position: int, value: Any) -> tuple:
        return (*entry[:position], value, *entry[position + 1 :])

    def with_finding(position: int, value: Any) -> tuple:
        bad = (*good_finding[:position], value, *good_finding[position + 1 :])
        return changed(6, (bad, *findings[1:]))

    return {
        "a number": 5,
        "an empty tuple": (),
        "a short tuple": entry[:5],
        "signature text": changed(0, "x"),
        "signature short": changed(0, (1, 2)),
        "digest text": changed(1, "x"),
        "offset text": changed(2, "0"),
        "length past the region": changed(3, 10**9),
        "is_artifact text": changed(4, "yes"),
        "kind a list": changed(5, [kind]),
        "findings text": changed(6, "x"),
        "finding too short": changed(6, (("a",),)),
        "finding line text": with_finding(1, "3"),
        "finding line true": with_finding(1, True),
        "finding rule none": with_finding(3, None),
        "finding severity unknown": with_finding(5, "fatal"),
        "finding message a list": with_finding(6, ["x"]),
        "finding about not paths": with_finding(9, ("owner",)),
        "finding written text": with_finding(10, "yes"),
        "declared a list": changed(7, ["roles", None]),
        "declared a number": changed(7, (5, None)),
        "ident a number": changed(8, 5),
    }


_BAD_DATA = {
    "data a list": [1, 2],
    "data of another kind": {"kind": "policy"},
    "data holding a set": {"kind": "sla", "title": {1, 2}},
    "data holding bytes": {"kind": "sla", "title": b"x"},
}


def _spoiled(target: Path, bad: Any) -> None:
    stored, region = _read(target)
    stored["entries"][BROKEN] = bad
    stored["slots"] = {}  # so the run reads the file entries
    _write(target, stored, region)


def _repaired(target: Path, digest: bytes) -> bool:
    stored, region = _read(target)
    entry = stored["entries"][BROKEN]
    payload = region[entry[2] : entry[2] + entry[3]]
    return (
        cache_entries.sound(entry)
        and entry[1] == digest
        and cache_entries.data_sound(payload, entry[5])
    )


def test_entries_of_the_wrong_shape_are_recomputed(invoke, repo, private_cache) -> None:
    expected = report(invoke, repo, "--no-cache")
    report(invoke, repo)
    target = cache_file(private_cache)
    original, _ = _read(target)
    entry = original["entries"][BROKEN]
    assert entry[6], "the entry holds findings to spoil"
    for name, bad in _bad_entries(entry).items():
        _spoiled(target, bad)
        assert report(invoke, repo) == expected, name
        assert _repaired(target, entry[1]), name


def test_payloads_of_the_wrong_shape_are_parsed_again(invoke, repo, private_cache) -> None:
    expected = report(invoke, repo, "--no-cache")
    report(invoke, repo)
    target = cache_file(private_cache)
    entry = _read(target)[0]["entries"][BROKEN]
    assert entry[5] == "sla"
    for name, data in _BAD_DATA.items():
        stored, region = _read(target)
        payload = _document_payload(data)
        stored["entries"][BROKEN] = (*entry[:2], len(region), len(payload), *entry[4:])
        region += payload
        stored["region"] = (len(region), payload_check(region))
        stored["slots"] = {}
        _write(target, stored, region)
        assert report(invoke, repo) == expected, name
        assert _repaired(target, entry[1]), name


def test_a_damaged_payload_region_is_parsed_again(invoke, repo, private_cache) -> None:
    expected = report(invoke, repo, "--no-cache")
    report(invoke, repo)
    target = cache_file(private_cache)
    stored, region = _read(target)
    stored["slots"] = {}
    _write(target, stored, region[:-3] + b"zzz")  # the digest no longer matches
    assert report(invoke, repo) == expected
    assert _repaired(target, stored["entries"][BROKEN][1])


def test_a_cached_result_of_the_wrong_shape_is_recomputed(invoke, repo, private_cache) -> None:
    expected = report(invoke, repo, "--no-cache")
    report(invoke, repo)
    target = cache_file(private_cache)
    key = _read(target)[0]["slots"]["result"][0]
    for bad in (5, (key,), (key, 5), (key, (("x",),)), (key, ((None,) * 9,))):
        stored, region = _read(target)
        stored["slots"]["result"] = bad
        _write(target, stored, region)
        assert report(invoke, repo) == expected, bad


def test_a_cache_file_of_the_wrong_shape_is_ignored(invoke, repo, private_cache) -> None:
    expected = report(invoke, repo, "--no-cache")
    report(invoke, repo)
    target = cache_file(private_cache)
    stored, region = _read(target)
    for bad in (
        5,
        [],
        {"format": stored["format"]},
        {**stored, "entries": [1]},
        {**stored, "slots": 5},
        {**stored, "stamp": "now"},
        {**stored, "region": 5},
    ):
        _write(target, bad, region)
        assert report(invoke, repo) == expected, bad
