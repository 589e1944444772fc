"""``parse_data`` (the approval trails' old revisions) reads the same data as
``parse_document(...).data``, only without summarising a Markdown body."""

from __future__ import annotations

import pytest

from sms_lint.parse.documents import parse_data, parse_document

CASES = [
    ("a.yaml", b"kind: policy\nid: POL-1\nversion: '1.0'\n"),
    ("a.yml", b"- a list\n- not a mapping\n"),
    ("a.yaml", b"kind: [unclosed\n"),
    ("a.yaml", b"\xff\xfe not UTF-8"),
    ("a.yaml", b""),
    ("a.md", b"---\nkind: policy\nid: POL-1\n---\n# Title\n\nBody <placeholder> text.\n"),
    ("A.MD", b"---\nkind: policy\n---\n"),
    ("a.md", b"# No front matter\n\nJust text.\n"),
    ("a.md", b"---\nkind: policy\nid: POL-1\n# never closed\n"),
    ("a.md", b"---\nkind: [bad\n---\nBody.\n"),
    ("a.markdown", b"\xef\xbb\xbf---\nid: X\n---\ntext\n"),
]


@pytest.mark.parametrize(("path", "raw"), CASES)
def test_the_same_data_as_the_whole_document(path: str, raw: bytes) -> None:
    assert parse_data(path, raw) == parse_document(path, raw).data
