"""The data cache (issue 19, point 1): rule packs and schemas parsed once, then read back as
marshal while their files stay as they were; the same data as parsing, never a stale copy."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from sms_lint.config import datacache, pack
from sms_lint.config.datacache import DataStore
from sms_lint.config.pack import load_extra_rules, load_framework
from sms_lint.resources import builtin_pack_path, data_dir
from sms_lint.schema import validation
from sms_lint.schema.validation import load_schemas

ORG_PACK = """\
rules:
  - id: ORG001
    name: Services name an owner
    clause: "8.2"
    severity: minor
    check: org_schema
    description: Every service names its owner.
    params:
      kind: service
      schema: {required: [owner]}
"""


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled (else a just-written file is never kept)."""
    monkeypatch.setattr(datacache, "RACY_NS", 0)


def unparsable(*_args: object) -> None:
    raise AssertionError("parsed again, though the kept copy was good")


def root_of(tmp_path: Path) -> Path:
    root = tmp_path / "sms"
    root.mkdir(exist_ok=True)
    return root


def test_the_kept_pack_and_schemas_are_what_parsing_gives(
    tmp_path, settled, private_cache, monkeypatch
):
    store = DataStore(root_of(tmp_path))
    parsed, schemas = load_framework(), load_schemas(data_dir("schemas"))
    assert load_framework(store=store) == parsed  # parsed, and kept
    assert load_schemas(data_dir("schemas"), store) == schemas
    assert (private_cache / datacache.FILE_NAME).is_file()
    monkeypatch.setattr(pack, "_read", unparsable)
    monkeypatch.setattr(validation, "_parsed", unparsable)
    again = DataStore(root_of(tmp_path))  # the next run
    assert load_framework(store=again) == parsed
    assert load_schemas(data_dir("schemas"), again) == schemas


def test_an_edited_pack_is_parsed_again(tmp_path, settled, monkeypatch):
    org = tmp_path / "org-rules.yaml"
    org.write_text(ORG_PACK, encoding="utf-8")
    first = load_extra_rules(org, DataStore(root_of(tmp_path)))
    assert [rule.id for rule in first] == ["ORG001"]
    org.write_text(ORG_PACK.replace("ORG001", "ORG002"), encoding="utf-8")
    assert [rule.id for rule in load_extra_rules(org, DataStore(root_of(tmp_path)))] == ["ORG002"]
    # Same size, the old mtime restored (touch -r): the ctime still tells the write.
    stamp = org.stat()
    org.write_text(ORG_PACK.replace("ORG001", "ORG003"), encoding="utf-8")
    os.utime(org, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert [rule.id for rule in load_extra_rules(org, DataStore(root_of(tmp_path)))] == ["ORG003"]


def test_a_copy_of_the_built_in_pack_changed_is_read_anew(tmp_path, settled):
    copy = tmp_path / "pack.yaml"
    copy.write_text(builtin_pack_path().read_text(encoding="utf-8"), encoding="utf-8")
    before = load_framework(copy, DataStore(root_of(tmp_path)))
    copy.write_text(
        copy.read_text(encoding="utf-8").replace("framework:", "framework: Edited #", 1),
        encoding="utf-8",
    )
    after = load_framework(copy, DataStore(root_of(tmp_path)))
    assert after == load_framework(copy) and after.name != before.name


def test_a_file_written_just_now_is_not_kept(tmp_path, private_cache):
    org = tmp_path / "org-rules.yaml"
    org.write_text(ORG_PACK, encoding="utf-8")  # within the racy window of this run
    load_extra_rules(org, DataStore(root_of(tmp_path)))
    assert not (private_cache / datacache.FILE_NAME).exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:100] + bytes([data[100] ^ 0x20]) + data[101:],  # one bit flipped
        lambda data: b"\x00garbage" * 100,
        lambda data: b"",
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path, settled, private_cache, damage):
    parsed = load_framework()
    load_framework(store=DataStore(root_of(tmp_path)))
    kept = private_cache / datacache.FILE_NAME
    good = kept.read_bytes()
    kept.write_bytes(damage(good))
    assert load_framework(store=DataStore(root_of(tmp_path))) == parsed
    assert kept.read_bytes() == good


def test_a_cache_of_another_sms_lint_is_not_used(tmp_path, settled, private_cache, monkeypatch):
    load_framework(store=DataStore(root_of(tmp_path)))
    monkeypatch.setattr(datacache, "__version__", "99.0")
    calls = []
    real = pack._read
    monkeypatch.setattr(pack, "_read", lambda path: calls.append(path) or real(path))
    load_framework(store=DataStore(root_of(tmp_path)))
    assert calls == [builtin_pack_path()]


def test_nothing_is_written_inside_the_checked_root(tmp_path, settled, monkeypatch):
    root = root_of(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "cache-here"))
    before = sorted(root.rglob("*"))
    assert load_framework(store=DataStore(root)) == load_framework()
    assert load_schemas(data_dir("schemas"), DataStore(root))
    assert sorted(root.rglob("*")) == before


def test_an_unwritable_cache_folder_fails_nothing(tmp_path, settled, monkeypatch):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_framework(store=DataStore(root_of(tmp_path))) == load_framework()


def test_data_marshal_cannot_hold_is_parsed_every_time(tmp_path, settled, private_cache):
    source = tmp_path / "dated.txt"
    source.write_text("2026-12-01", encoding="utf-8")
    value = {"when": datetime.date(2026, 12, 1)}
    assert DataStore(root_of(tmp_path)).get("dated", [source], lambda: value) is value
    assert not (private_cache / datacache.FILE_NAME).exists()


def test_a_missing_source_is_left_to_the_parser(tmp_path):
    with pytest.raises(pack.PackError, match="cannot read rule pack"):
        load_extra_rules(tmp_path / "absent.yaml", DataStore(root_of(tmp_path)))


def test_a_folder_named_as_a_pack_is_refused_from_the_cache_too(tmp_path, settled):
    folder = tmp_path / "org-rules.yaml"
    folder.mkdir()
    for _ in range(2):  # the refusal is never kept as data
        with pytest.raises(pack.PackError, match="not a regular file"):
            load_extra_rules(folder, DataStore(root_of(tmp_path)))


def test_the_kept_fingerprint_is_the_worked_out_one_and_follows_the_packs(tmp_path, settled):
    from sms_lint.cache.store import fingerprint
    from sms_lint.run.check import build_check_setup

    root = root_of(tmp_path)
    org = root / "org-rules.yaml"
    org.write_text(
        ORG_PACK.replace("check: org_schema", "check: require-schema").replace(
            "kind: service\n", "select: {kind: service}\n"
        ),
        encoding="utf-8",
    )
    (root / ".sms-lint.yaml").write_text("policies: [org-rules.yaml]\n", encoding="utf-8")

    def kept_and_worked_out() -> tuple[bytes, bytes]:
        store = DataStore(root)
        setup = build_check_setup(root, None, True, store)
        return fingerprint(setup, store), fingerprint(setup)

    first = kept_and_worked_out()
    assert first[0] == first[1] and kept_and_worked_out() == first
    org.write_text(org.read_text(encoding="utf-8").replace("minor", "major"), encoding="utf-8")
    second = kept_and_worked_out()
    assert second[0] == second[1] != first[0]
    (root / ".sms-lint.yaml").write_text(
        "policies: [org-rules.yaml]\nrules: {ORG001: {enabled: false}}\n", encoding="utf-8"
    )
    third = kept_and_worked_out()
    assert third[0] == third[1] not in (first[0], second[0])
