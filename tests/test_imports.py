"""Start-up stays cheap: a check of a valid repository imports neither GitPython nor jsonschema,
and each command imports only its own module."""

from __future__ import annotations

import subprocess
import sys

from conftest import EXAMPLE, TODAY

PROBE = """
import sys
from sms_lint.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="sms-lint")
except SystemExit as done:
    code = done.code
loaded = sorted(m for m in ("git", "jsonschema", "junit_xml", "sms_lint.commands.init",
                             "sms_lint.commands.register", "sms_lint.gitrepo.entered",
                             "sms_lint.parse.yamlhints") if m in sys.modules)
print("LOADED", ",".join(loaded), "EXIT", code)
"""


def run_probe(*args: str, env_cache: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        check=False,
        env={"XDG_CACHE_HOME": env_cache, "PATH": ""},
    )
    return done.stdout.strip().splitlines()[-1]


def test_check_of_a_valid_repository_imports_no_git_and_no_jsonschema(tmp_path) -> None:
    line = run_probe("check", str(EXAMPLE), "--today", TODAY, "--no-cache", env_cache=str(tmp_path))
    assert line == "LOADED  EXIT 0"


def test_invalid_documents_still_get_jsonschema_messages(tmp_path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "a.yaml").write_text("id: X\nkind: procedure\ntitle: T\nstatus: draft\n")
    line = run_probe(
        "check", str(tmp_path / "repo"), "--today", TODAY, "--no-cache", env_cache=str(tmp_path)
    )
    assert "jsonschema" in line and "git" not in line.split("EXIT")[0].split(",")


def test_only_a_syntax_error_or_a_shared_id_loads_the_hints_or_the_git_walk(tmp_path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    header = "kind: procedure\ntitle: T\nowner: o\nstatus: draft\n"
    (repo / "a.yaml").write_text("id: X\n" + header)
    (repo / "b.yaml").write_text("id: X\n" + header)
    (repo / "c.yaml").write_text("id: Y\n" + header + "title: [unclosed\n")
    line = run_probe("check", str(repo), "--today", TODAY, "--no-cache", env_cache=str(tmp_path))
    assert {"sms_lint.gitrepo.entered", "sms_lint.parse.yamlhints"} <= set(
        line.split()[1].split(",")
    )
