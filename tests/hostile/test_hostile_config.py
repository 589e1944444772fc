"""A pull request can change ``.sms-lint.yaml`` and add rule packs too: hostile configuration is a
usage error (exit 2, one sentence on stderr), never a traceback, a hang, code run or a leak."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.cases import MARKER_NAME, SECRET, build_cases
from hostile.harness import make_outside, run_cli
from hostile.known_bugs import CONFIG

LIMIT_KB = 2_000_000


def _root(tmp_path: Path, config: str | bytes) -> Path:
    root = tmp_path / "root"
    root.mkdir()
    make_outside(tmp_path / "outside")
    raw = config.encode("utf-8") if isinstance(config, str) else config
    (root / ".sms-lint.yaml").write_bytes(raw)
    (root / "a.yaml").write_text("id: A\n", encoding="utf-8")
    return root


def _assert_usage_error(root: Path, timeout: float = 60) -> None:
    run = run_cli(root, "--format", "json", limit_kb=LIMIT_KB, timeout=timeout)
    assert run.code == 2, (run.code, run.stderr[-2000:])
    lines = run.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("sms-lint: error: "), lines[-5:]
    assert run.stdout == b""
    assert SECRET.encode() not in run.stderr


def _config_texts(marker: Path) -> dict[str, str | bytes]:
    cases = build_cases(marker.parent)
    pick = ("alias-bomb", "flow-seq-30000", "python-apply", "latin-1-byte", "several-documents")
    texts: dict[str, str | bytes] = {
        name: cases[name].files[next(iter(cases[name].files))] for name in pick
    }
    texts["on-as-key"] = "on: push\n"
    texts["top-level-list"] = "- exclude\n"
    texts["bad-waiver-date"] = (
        "waivers:\n  - {rule: SMS001, path: a.yaml, reason: r, approved_by: x, "
        "expires: 2026-02-30}\n"
    )
    return texts


@pytest.mark.parametrize("name", sorted(_config_texts(Path("/nonexistent/m"))))
def test_hostile_config_is_a_usage_error(name: str, tmp_path: Path) -> None:
    marker = tmp_path / "outside" / MARKER_NAME
    root = _root(tmp_path, _config_texts(marker)[name])
    _assert_usage_error(root)
    assert not marker.exists()


def _xfail(key: str) -> list:
    return [pytest.mark.xfail(strict=True, reason=CONFIG[key])] if key in CONFIG else []


@pytest.mark.parametrize("key", [pytest.param("exclude-redos", marks=_xfail("exclude-redos"))])
def test_exclude_globs_cannot_stall_the_run(key: str, tmp_path: Path) -> None:
    """Consecutive ``**`` or ``*`` must not make matching exponential in the path's depth."""
    stars = "/".join(["**"] * 12)
    root = _root(tmp_path, f'exclude: ["{stars}/x", "*a*a*a*a*a*a*a*a*a*a*a*a*a*b"]\n')
    deep = root.joinpath(*["a"] * 40)
    deep.mkdir(parents=True)
    (deep / ("a" * 60 + ".yaml")).write_text("id: B\n", encoding="utf-8")
    run = run_cli(root, "--format", "json", timeout=10)
    assert run.code == 1, run.stderr[-2000:]


@pytest.mark.parametrize(
    ("key", "pack"),
    [
        pytest.param("pack-device", "/dev/zero", marks=_xfail("pack-device")),
        pytest.param("pack-outside", "../outside/pack.yaml", marks=_xfail("pack-outside")),
    ],
)
def test_rule_pack_paths_are_confined(key: str, pack: str, tmp_path: Path) -> None:
    """A pack named by the root's config is read like an artifact: inside the root, capped."""
    root = _root(tmp_path, f"policies: [{pack}]\n")
    (tmp_path / "outside" / "pack.yaml").write_text(
        f"rules:\n  - id: {SECRET}\n    name: {SECRET}\n", encoding="utf-8"
    )
    _assert_usage_error(root, timeout=30)


_PACK = """rules:
  - id: ORG001
    name: remote-ref
    clause: "8.3.3"
    severity: major
    check: require-schema
    description: refers to a schema that is not ours
    params:
      select: {{kind: procedure}}
      schema: {{$ref: "{ref}"}}
"""


@pytest.mark.parametrize(
    "ref",
    [
        pytest.param(ref, marks=_xfail("pack-remote-ref"))
        for ref in ("https://example.invalid/evil.json", "file:///etc/passwd")
    ],
)
def test_pack_schema_refs_are_never_fetched(ref: str, tmp_path: Path) -> None:
    root = _root(tmp_path, "policies: [pack.yaml]\n")
    (root / "pack.yaml").write_text(_PACK.format(ref=ref), encoding="utf-8")
    (root / "a.yaml").write_text(
        "id: A\nkind: procedure\ntitle: T\nowner: o\nstatus: draft\n", encoding="utf-8"
    )
    _assert_usage_error(root)
