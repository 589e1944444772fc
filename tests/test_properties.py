"""Property-based tests (hypothesis): no input of any shape makes the checker raise, and every
report format parses back; valid artifacts with arbitrary text round-trip through the report.

Bounded to 60 examples a property so the suite stays fast. The long run (5000 examples each):

    HYPOTHESIS_PROFILE=long pytest tests/test_properties.py

The core is called in-process (``engine.run_check`` with one Setup for the module) on a scratch
folder that holds exactly the generated file.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile.harness import render_all
from hostile.known_bugs import text_report_exempt
from hostile.reports import parse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sms_lint.config.file import Config
from sms_lint.pipeline.engine import Result, build_setup, run_check
from sms_lint.reporters.base import clean

settings.register_profile("long", max_examples=5000, deadline=None)
_LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
BOUNDED = settings(
    max_examples=settings.get_profile("long").max_examples if _LONG else 60,
    deadline=None,
    database=None,  # nothing written into the working tree; failures print their example
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

TODAY = datetime.date(2026, 11, 22)
SETUP = build_setup(Config())
_SCRATCH = Path(tempfile.mkdtemp(prefix="sms-lint-properties-"))
MARKER = _SCRATCH.parent / f"{_SCRATCH.name}-payload-ran"


@pytest.fixture(scope="module", autouse=True)
def _scratch_cleanup() -> Iterator[None]:
    yield
    shutil.rmtree(_SCRATCH, ignore_errors=True)


def check_one(name: str, raw: bytes) -> Result:
    """Check a root that holds exactly one file, ``name`` with content ``raw``."""
    root = _SCRATCH / "root"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    (root / name).write_bytes(raw)
    return run_check(root, SETUP, TODAY, "minor")


def assert_reports_parse(result: Result) -> list[dict]:
    findings, texts = render_all(result)
    for format_name, text in texts.items():
        if not text_report_exempt(format_name, findings):
            parse(format_name, text, findings)
    assert result.exit_code in (0, 1)
    return findings


# --- YAML-ish text: tokens that make parsers take unusual paths ----------------------------

_TOKENS = [
    *("id", "kind", "title", "owner", "status", "related", "procedure", "policy", "a", "1"),
    *("on", "yes", "~", "null", ".inf", "1.10", "0x1F", "2026-02-30", "2026-13-01"),
    *(":", ": ", "-", "- ", "? ", ",", "[", "]", "{", "}", "'", '"', "#", "|", ">", "|-"),
    *("&a ", "*a", "&b [*b]", "<<: *a", "!!str ", "!!binary ", "!foo ", "!<tag:x,1:y> "),
    f'!!python/object/apply:os.system ["touch {MARKER}"]',
    *("---", "...", "--- ", "%YAML 1.1", "%TAG ! tag:x,1:", "\n", "\r\n", "\r", " ", "  "),
    *("    ", "\t", "\\", "\\n", "\\r", "\\x1b", "\\u2028", "\\udc80", "\\x00", "\\N", "\\L"),
    *("\ufeff", "\ufffe", "\x85", "\u2028", "\x00", "\x07", "\x1b[31m", "\x9b", "é", "😀"),
]
_PIECES = st.one_of(st.sampled_from(_TOKENS), st.text(max_size=4))
yamlish = st.lists(_PIECES, max_size=40).map("".join)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")  # lone surrogates become bad UTF-8


@BOUNDED
@given(raw=st.binary(max_size=2000), name=st.sampled_from(["a.yaml", "a.yml", "a.md"]))
def test_arbitrary_bytes_never_raise(raw: bytes, name: str) -> None:
    result = check_one(name, raw)
    assert_reports_parse(result)
    if name != "a.md" or raw.startswith(b"---"):
        assert name in result.paths or any(f.path == name for f in result.findings)


@BOUNDED
@given(text=yamlish)
def test_yamlish_artifact_never_raises(text: str) -> None:
    result = check_one("a.yaml", _encode(text))
    assert_reports_parse(result)
    assert any(f.path == "a.yaml" for f in result.findings) or "a.yaml" in result.paths
    assert not MARKER.exists()


@BOUNDED
@given(text=yamlish, body=st.sampled_from(["", "# Body\n", "---\n", "text\n---\nmore\n"]))
def test_yamlish_front_matter_never_raises(text: str, body: str) -> None:
    result = check_one("a.md", _encode("---\n" + text + "\n---\n" + body))
    assert_reports_parse(result)
    assert not MARKER.exists()


# --- valid artifacts with arbitrary text ---------------------------------------------------


def _yaml_printable(char: str) -> bool:
    code = ord(char)
    return (
        char in "\t\n\r"
        or 0x20 <= code <= 0x7E
        or code == 0x85
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    ) and char != "\ufeff"


# Line breaks (YAML 1.1 counts NEL, LS and PS too) would fold into spaces: escape them.
_BREAK_ESCAPES = {
    "\t": "\\t",
    "\n": "\\n",
    "\r": "\\r",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar: escapes for everything not printable."""
    out = []
    for char in value:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char in _BREAK_ESCAPES:
            out.append(_BREAK_ESCAPES[char])
        elif _yaml_printable(char):
            out.append(char)
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}")
    return '"' + "".join(out) + '"'


# libyaml refuses escapes of surrogates, so a YAML file cannot carry them. Blank text counts
# as absent (model.Artifact.text), so every value has something besides whitespace.
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(
    str.strip
)


@BOUNDED
@given(
    artifact_id=_TEXT,
    title=_TEXT,
    kind=st.sampled_from(["procedure", "policy"]),
    markdown=st.booleans(),
)
def test_valid_artifact_round_trips(artifact_id: str, title: str, kind: str, markdown: bool):
    """An approved artifact missing its approval fields (SMS004 names it by id) that refers to
    its own title as an id (SMS018 quotes it): both come back intact, up to the reporters'
    documented filtering of unsafe characters."""
    header = (
        f"id: {quoted(artifact_id)}\nkind: {kind}\ntitle: {quoted(title)}\n"
        f"owner: sms-manager\nstatus: approved\nrelated: [{quoted(title)}]\n"
    )
    if kind == "policy":
        header += "policy_type: other\ncommitments: [serve]\n"
    name = "a.md" if markdown else "a.yaml"
    text = f"---\n{header}---\n# Body\n" if markdown else header
    findings = assert_reports_parse(check_one(name, text.encode("utf-8")))
    on_file = [f for f in findings if f["path"] == name]
    approval = [f for f in on_file if f["rule"] == "SMS004"]
    assert approval and all(clean(f["artifact"]) == clean(artifact_id) for f in approval)
    if title != artifact_id:
        assert any(
            f["rule"] == "SMS018" and f"'{clean(title)}'" in f["message"] for f in on_file
        ), on_file
    assert not any(f["rule"] in ("SMS001", "SMS100", "SMS101", "SMS104") for f in on_file)
