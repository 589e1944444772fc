"""``sms-lint history ID`` finds the file of an id by parsing only the files that could declare
it: always the file that parsing every document would name (the first in path order)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_git_support import GitRepo, policy, process

from sms_lint.commands.history_id import path_of_id
from sms_lint.config.file import load_config
from sms_lint.pipeline.filestage import read_documents

# Each file declares (or only mentions) an id in one of the ways YAML allows.
TRICKY = {
    "a-double.yaml": 'id: "PRC-QUOTED"\nkind: process\n',
    "a-single.yaml": "id: 'PRC-SINGLE'\nkind: process\n",
    "b-front.md": "---\nid: POL-FRONT\nkind: policy\n---\n\n# Policy\n\nNot POL-BODY.\n",
    "c-body.md": "---\nid: POL-OTHER\nkind: policy\n---\n\nSee POL-BODY and PRC-MENTION.\n",
    "c-title.yaml": "id: PRC-TITLED\ntitle: replaces PRC-MENTION\n",
    "d-escaped.yaml": 'id: "PRC\\x2dESCAPED"\n',  # the bytes never spell the id
    "d-unicode.yaml": 'id: "PRC-\\u00c9T\\u00c9"\n',
    "e-longer.yaml": "id: PRC-1000\n",  # PRC-100 is a prefix of it: not the id
    "e-short.yaml": "id: PRC-100\n",
    "f-date.yaml": "id: 2026-01-01 10:00:00\n",  # a timestamp: loaded as 2026-01-01T10:00:00
    "f-day.yaml": "id: 2026-1-1\n",
    "f-folded.yaml": 'id: "two\n  words"\n',
    "f-quote.yaml": "id: 'it''s'\n",
    "g-comment.yaml": "# id: PRC-COMMENTED\nid: PRC-REAL\n",
    "g-key-quoted.yaml": '"id": PRC-KEY\n',
    "h-first.yaml": "id: PRC-TWICE\ntitle: first in path order\n",
    "h-second.md": "---\nid: PRC-TWICE\n---\n",
    "i-list.yaml": "- id: PRC-LISTED\n",  # not a mapping: no document id
    "i-nested.yaml": "owner:\n  id: PRC-NESTED\n",
    "j-latin1.yaml": "id: PRC-LATIN\ntitle: caf\xe9\n",  # not UTF-8: not read as data
}
WANTED = [
    "PRC-QUOTED", "PRC-SINGLE", "POL-FRONT", "POL-BODY", "PRC-MENTION", "PRC-TITLED",
    "PRC-ESCAPED", "PRC-ÉTÉ", "PRC-100", "PRC-1000", "2026-01-01T10:00:00", "2026-01-01",
    "2026-1-1", "two words",
    "it's", "PRC-COMMENTED", "PRC-REAL", "PRC-KEY", "PRC-TWICE", "PRC-LISTED", "PRC-NESTED",
    "PRC-LATIN", "", "PRC", "id", "\u2028", "PRC-BIG", "PRC-LINKED", "PRC-OUTSIDE",
]  # fmt: skip


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    root = tmp_path / "sms"
    root.mkdir()
    for name, text in TRICKY.items():
        encoding = "latin-1" if "latin1" in name else "utf-8"
        (root / name).write_bytes(text.encode(encoding))
    (root / ".sms-lint.yaml").write_text("max_file_kb: 1\n", encoding="utf-8")
    (root / "k-big.yaml").write_text("id: PRC-BIG\n" + "# padding\n" * 200, encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "target.yaml").write_text("id: PRC-LINKED\n", encoding="utf-8")
    (root / "k-link.yaml").symlink_to("sub/target.yaml")
    (root / "k-outside.yaml").symlink_to(root.parent / "elsewhere.yaml")
    (root.parent / "elsewhere.yaml").write_text("id: PRC-OUTSIDE\n", encoding="utf-8")
    return root


def parsing_everything(wanted: str, root: Path) -> str | None:
    """What history answered before: the first document, in path order, with that id."""
    for doc in read_documents(root, load_config(root, None)):
        if doc.data is not None and doc.data.get("id") == wanted:
            return doc.path
    return None


@pytest.mark.parametrize("wanted", WANTED)
def test_the_same_answer_as_parsing_every_file(tricky: Path, wanted: str) -> None:
    assert path_of_id(wanted, tricky, load_config(tricky, None)) == parsing_everything(
        wanted, tricky
    )


def test_the_expected_files(tricky: Path) -> None:
    config = load_config(tricky, None)
    found = {wanted: path_of_id(wanted, tricky, config) for wanted in WANTED}
    assert found["PRC-QUOTED"] == "a-double.yaml"
    assert found["POL-FRONT"] == "b-front.md"
    assert found["POL-BODY"] is None and found["PRC-MENTION"] is None
    assert found["PRC-ESCAPED"] == "d-escaped.yaml" and found["PRC-ÉTÉ"] == "d-unicode.yaml"
    assert (found["PRC-100"], found["PRC-1000"]) == ("e-short.yaml", "e-longer.yaml")
    assert found["2026-01-01T10:00:00"] == "f-date.yaml" and found["2026-01-01"] is None
    assert found["2026-1-1"] == "f-day.yaml"
    assert found["two words"] == "f-folded.yaml" and found["it's"] == "f-quote.yaml"
    assert found["PRC-COMMENTED"] is None and found["PRC-KEY"] == "g-key-quoted.yaml"
    assert found["PRC-TWICE"] == "h-first.yaml"
    assert found["PRC-LISTED"] is None and found["PRC-NESTED"] is None
    assert found["PRC-LATIN"] is None and found["PRC-BIG"] is None  # not read as data
    assert found["PRC-LINKED"] == "k-link.yaml" and found["PRC-OUTSIDE"] is None


def test_excluded_and_ignored_files_are_not_looked_at(tmp_path: Path) -> None:
    sms = GitRepo(tmp_path / "sms")
    sms.write(".sms-lint.yaml", "exclude: ['drafts/**']\n")
    sms.write(".gitignore", "build/\n")
    sms.write("drafts/a.yaml", "id: PRC-X\n")
    sms.write("build/b.yaml", "id: PRC-X\n")
    sms.write("z.yaml", "id: PRC-X\n")
    config = load_config(sms.path, None)
    assert path_of_id("PRC-X", sms.path, config) == "z.yaml"
    assert parsing_everything("PRC-X", sms.path) == "z.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """POL-001 in a Markdown front matter, a process declaring its id quoted, a second file
    claiming the policy's id, and a note that mentions both ids in its body."""
    sms = GitRepo(tmp_path / "sms")
    sms.write("policies/pol-001.md", policy())
    sms.write("processes/demand.yaml", process().replace("id: PRC-DEMAND", 'id: "PRC-DEMAND"'))
    sms.write("notes/about.md", "---\nid: NOTE-1\n---\n\nPOL-001 and PRC-DEMAND: see them.\n")
    sms.commit("First", "2026-01-10")
    sms.write("policies/pol-001.md", policy("1.1", "2026-02-01"))
    sms.write("zz/copy.md", policy("9.9", "2026-02-01"))
    sms.commit("Second", "2026-02-01")
    return sms


def history(invoke, repo: GitRepo, wanted: str) -> list[tuple[str, str | None]]:
    result = invoke("history", wanted, "--root", str(repo.path), "--format", "json")
    assert result.exit_code == 0, result.output
    return [(rev["message"], rev["version"]) for rev in json.loads(result.stdout)]


def test_history_of_an_id_in_front_matter_claimed_twice(repo: GitRepo, invoke) -> None:
    # policies/ sorts before zz/: the first file in path order is the one, as before.
    assert history(invoke, repo, "POL-001") == [("Second", "1.1"), ("First", "1.0")]


def test_history_of_a_quoted_id(repo: GitRepo, invoke) -> None:
    assert [message for message, _ in history(invoke, repo, "PRC-DEMAND")] == ["First"]


def test_an_id_only_mentioned_in_a_body_is_no_id(repo: GitRepo, invoke) -> None:
    result = invoke("history", "NOTE-2", "--root", str(repo.path))
    assert result.exit_code == 2
    assert "neither the id of an artifact nor a file git knows" in result.stderr
    assert [message for message, _ in history(invoke, repo, "NOTE-1")] == ["First"]
