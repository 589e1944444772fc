"""The catalogue of hostile and malformed inputs, built in memory at test time.

Nothing here is committed as a data file: every input (including the 6 MB one) is generated
into a temporary folder. A case is one or more files under ``hostile/`` of the checked root
and the rules a finding on each of them may carry; an empty rule set means a *valid* file that
must give no finding at all (BOM, CRLF). Links point into a folder outside the root whose files
hold :data:`SECRET`, which must never appear in any report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PREFIX = "hostile/"
SECRET = "OUTSIDE-SECRET-9f3c2a"
MARKER_NAME = "PAYLOAD-RAN"
BIG_BYTES = 6 * 1024 * 1024
# Link targets: "rel:NAME" / "abs:NAME" point at NAME in the outside folder; others are literal.
RELATIVE, ABSOLUTE = "rel:", "abs:"

# A valid draft procedure that checks clean inside the example repository (owner exists).
VALID = "id: {id}\nkind: procedure\ntitle: Hostile test {id}\nowner: sms-manager\nstatus: draft\n"
# A header that is fine until the line the case appends.
HEADER = VALID.format(id="HOSTILE-X")

LOADER = frozenset({"SMS100", "SMS101", "SMS102", "SMS103", "SMS104", "SMS105", "SMS106"})
SCHEMA = frozenset({"SMS001"})
NOT_ARTIFACT = frozenset({"SMS107"})
UNREADABLE = frozenset({"SMS100"})
REFERENCE = frozenset({"SMS018"})


@dataclass(frozen=True)
class Case:
    """Files (relative path -> bytes), links (relative path -> target) and expected rules."""

    name: str
    files: Mapping[str, bytes] = field(default_factory=dict)
    links: Mapping[str, str] = field(default_factory=dict)
    rules: frozenset[str] = LOADER

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(sorted({*self.files, *self.links}))


def _one(name: str, filename: str, content: str | bytes, rules: frozenset[str] = LOADER) -> Case:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return Case(name, {PREFIX + filename: raw}, rules=rules)


def _alias_bomb() -> str:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return HEADER + "\n".join(levels) + "\n"


def _deep_block_mapping(depth: int) -> str:
    return HEADER + "x-deep:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(depth))


def _structure_cases() -> list[Case]:
    return [
        _one("alias-bomb", "alias-bomb.yaml", _alias_bomb()),
        _one("self-alias", "self-alias.yaml", HEADER + "a: &a [*a]\n"),
        _one("self-alias-map", "self-alias-map.yaml", HEADER + "m: &m {k: *m}\n"),
        _one("flow-seq-30000", "deep-seq.yaml", "x: " + "[" * 30_000 + "]" * 30_000 + "\n"),
        _one("flow-map-30000", "deep-map.yaml", "x: " + "{a: " * 30_000 + "}" * 30_000 + "\n"),
        _one("flow-unclosed-30000", "deep-open.yaml", "x: " + "[" * 30_000 + "\n"),
        _one("block-seq-30000", "deep-dash.yaml", HEADER + "x-d:\n" + "- " * 30_000 + "y\n"),
        _one("block-map-1000", "deep-block.yaml", _deep_block_mapping(1000)),
        _one("deep-front-matter", "deep.md", "---\nx: " + "[" * 30_000 + "\n---\n# Body\n"),
        _one("empty-file", "empty.yaml", ""),
        _one("only-whitespace", "blank.yaml", "\n   \n\t\n"),
        _one("top-level-list", "list.yaml", "- id: A\n- id: B\n"),
        _one("top-level-scalar", "scalar.yaml", "just text\n"),
        _one("several-documents", "multi.yaml", HEADER + "---\n" + HEADER + "...\n---\nx: 1\n"),
        _one("unclosed-front-matter", "unclosed.md", "---\n" + HEADER + "# Body\n\ntext\n"),
        _one("empty-front-matter", "empty-front.md", "---\n---\n# Body\n"),
        _one("complex-key", "complex-key.yaml", HEADER + "? [a, b]\n: c\n"),
        _one("syntax-error", "syntax.yaml", HEADER + "title: [unclosed\n"),
    ]


def _scalar_cases() -> list[Case]:
    return [
        _one(
            "invalid-date-feb-30",
            "feb30.yaml",
            HEADER + "last_reviewed: 2026-02-30\n",
            LOADER | SCHEMA,
        ),
        _one(
            "invalid-date-month-13",
            "month13.yaml",
            HEADER + "approved_on: 2026-13-01\n",
            LOADER | SCHEMA,
        ),
        _one("on-is-boolean", "on-push.yaml", HEADER + "on: push\n"),
        _one("int-key-collision", "int-keys.yaml", HEADER + '1: a\n"1": b\n'),
        _one("null-and-bool-keys", "odd-keys.yaml", HEADER + "~: a\nnull: b\nyes: c\n.inf: d\n"),
        _one("float-version", "float-version.yaml", HEADER + "version: 1.10\n"),
    ]


def _tag_cases(marker: Path) -> list[Case]:
    touch = f'["touch {marker}"]'
    write = f"[\"open('{marker}', 'w')\"]"
    return [
        _one(
            "python-apply", "apply.yaml", HEADER + f"x-a: !!python/object/apply:os.system {touch}\n"
        ),
        _one(
            "python-exec",
            "exec.yaml",
            HEADER + f"x-e: !!python/object/apply:builtins.exec {write}\n",
        ),
        _one(
            "python-apply-kwds",
            "kwds.yaml",
            HEADER
            + f'x-k: !!python/object/apply:subprocess.call {{args: [[touch, "{marker}"]]}}\n',
        ),
        _one("python-new", "new.yaml", HEADER + "x-n: !!python/object/new:os.system [id]\n"),
        _one("python-name", "name.yaml", HEADER + "x-n: !!python/name:os.system\n"),
        _one(
            "python-document-tag",
            "doc-tag.yaml",
            f"--- !!python/object/apply:os.system {touch}\n",
        ),
        _one(
            "python-mapping-tag",
            "map-tag.yaml",
            HEADER + f"x-m: !!python/object/apply:os.system\n  args: {touch}\n",
        ),
        _one(
            "python-tag-front-matter",
            "apply.md",
            "---\n" + HEADER + f"x-a: !!python/object/apply:os.system {touch}\n---\n# Body\n",
        ),
        _one("binary-tag", "binary.yaml", HEADER + "x-b: !!binary aGVsbG8=\n"),
        _one("custom-tag", "custom.yaml", HEADER + "x-f: !foo bar\nx-g: !foo {a: 1}\n"),
        _one("verbatim-tag", "verbatim.yaml", HEADER + "x-v: !<tag:evil.example,2026:x> y\n"),
    ]


def _encoding_cases() -> list[Case]:
    header = HEADER.encode()
    valid_bom = VALID.format(id="HOSTILE-BOM")
    valid_crlf = VALID.format(id="HOSTILE-CRLF")
    valid_both = VALID.format(id="HOSTILE-BOM-CRLF")
    return [
        _one("latin-1-byte", "latin1.yaml", header + b"x-t: caf\xe9\n"),
        _one("nul-byte", "nul.yaml", header + b"x-t: a\x00b\n"),
        _one("nul-in-front-matter", "nul.md", b"---\n" + header + b"x: \x00\n---\n"),
        _one("encoded-surrogate", "surrogate-bytes.yaml", header + b"x-t: \xed\xb2\x80\n"),
        _one("raw-u-fffe", "fffe.yaml", header + "x-t: a\ufffeb\n".encode()),
        _one("utf-16", "utf16.yaml", HEADER.encode("utf-16")),
        _one(
            "escaped-surrogate",
            "surrogate.yaml",
            'kind: "\\udc80"\ntitle: "\\ud800x"\n',
            LOADER | NOT_ARTIFACT,  # libyaml refuses the escape; PyYAML's scanner takes it
        ),
        _one("escaped-u-fffe", "fffe-escape.yaml", 'kind: "a\\ufffeb\\uffff"\n', NOT_ARTIFACT),
        _one("control-escapes", "ansi.yaml", 'kind: "\\e[31mred\\a\\b\\x00"\n', NOT_ARTIFACT),
        _one("c1-and-separators", "c1.yaml", 'kind: "\\x9b31m\\L\\P\\N\\x85"\n', NOT_ARTIFACT),
        _one(
            "newline-injection",
            "newline.yaml",
            'kind: "proc\\n::error file=x.yaml,line=1::forged\\r\\nsrc/x:1:1: major SMS999 x"\n',
            NOT_ARTIFACT,
        ),
        _one("bom-valid", "bom.yaml", "\ufeff" + valid_bom, frozenset()),
        _one("crlf-valid", "crlf.yaml", valid_crlf.replace("\n", "\r\n"), frozenset()),
        _one(
            "bom-crlf-markdown-valid",
            "bom-crlf.md",
            ("\ufeff---\n" + valid_both + "---\n# Body\nThe text.\n").replace("\n", "\r\n"),
            frozenset(),
        ),
    ]


def _size_cases() -> list[Case]:
    long_title = "a" * 500_000
    return [
        _one("six-megabytes", "big.yaml", big_file(), UNREADABLE),
        _one("long-line", "long-line.yaml", HEADER + f"x-t: {long_title}\nstatus: final\n"),
        _one("key-100kb-plain", "long-key.yaml", HEADER + "k" * 100_000 + ": v\n"),
        _one(
            "key-100kb-explicit",
            "long-key-explicit.yaml",
            HEADER + "? " + "k" * 100_000 + "\n: v\n",
            SCHEMA,
        ),
    ]


def big_file() -> bytes:
    """A 6 MB procedure whose only fault (no title) proves it was read when the cap allows."""
    head = b"id: HOSTILE-BIG\nkind: procedure\nowner: sms-manager\nstatus: draft\nx-notes: |\n"
    line = b"  " + b"n" * 98 + b"\n"
    return head + line * (BIG_BYTES // len(line) + 1)


def _path_cases() -> list[Case]:
    no_kind = "id: HOSTILE-NAME\ntitle: not an artifact\n"
    related = VALID.format(id="HOSTILE-REL") + 'related: ["../../etc/passwd", "/etc/shadow"]\n'
    return [
        _one("option-name-output", "--output=x.yaml", no_kind, NOT_ARTIFACT),
        _one("option-name-rf", "-rf.yaml", no_kind, NOT_ARTIFACT),
        _one("newline-in-name", "evil\nname.yaml", no_kind, NOT_ARTIFACT),
        _one("github-meta-in-name", "a,line=9::b%0A.yaml", no_kind, NOT_ARTIFACT),
        _one("cross-reference-path", "related.yaml", related, REFERENCE),
        _one("non-utf8-name", "bad\udcff.yaml", no_kind, NOT_ARTIFACT),
        Case("symlink-file-outside", links={PREFIX + "link.yaml": RELATIVE + "secret.yaml"}),
        Case("symlink-dir-outside", links={PREFIX + "linkdir": RELATIVE + "secret-dir"}),
        Case("symlink-absolute", links={PREFIX + "abs.md": ABSOLUTE + "secret.md"}),
        Case("symlink-loop", links={PREFIX + "loop.yaml": "loop.yaml"}),
        Case("symlink-dangling", links={PREFIX + "dangling.yaml": "/nonexistent/sms/x.yaml"}),
    ]


def build_cases(outside: Path) -> dict[str, Case]:
    """Every case by name; ``outside`` is the folder outside the root (marker and secrets)."""
    cases = [
        *_structure_cases(),
        *_scalar_cases(),
        *_tag_cases(outside / MARKER_NAME),
        *_encoding_cases(),
        *_size_cases(),
        *_path_cases(),
    ]
    return {case.name: case for case in cases}


CASE_NAMES = tuple(build_cases(Path("/nonexistent")))
