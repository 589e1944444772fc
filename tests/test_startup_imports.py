"""Start-up imports only what the run uses (issue 19, point 1): structural checks of
``sys.modules`` after a command ran in a fresh interpreter, never timings.

``--version`` and ``--help`` load neither the engine nor YAML; a text report loads no other
reporter, no XML and no temporary-file machinery; the ``--help`` list of commands, built from
summaries without importing the commands, is what click would print from the commands.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import click
import pytest
from conftest import EXAMPLE, TODAY  # the date at which the example SMS is known to pass

from sms_lint.cli import cli
from sms_lint.commands import COMMANDS, SUMMARIES, load_command
from sms_lint.reporters import REPORTERS
from sms_lint.reporters.base import Reporter

# Run one command in a fresh interpreter and print which modules it had loaded by the end.
PROBE = """
import json, sys
from sms_lint.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="sms-lint")
except SystemExit as done:
    code = done.code
sys.stdout.flush()
print("\\nMODULES " + json.dumps({"exit": code, "modules": sorted(sys.modules)}))
"""

# Never needed to print a version or the list of commands.
HEAVY = (
    "yaml",
    "jsonschema",
    "xml.etree.ElementTree",
    "multiprocessing",
    "tempfile",
    "hashlib",
    "sms_lint.pipeline.engine",
    "sms_lint.run.check",
    "sms_lint.reporters.base",
)
# Never needed by a run that prints a text report.
NOT_FOR_TEXT = (
    "xml.etree.ElementTree",
    "tempfile",
    "shutil",
    "random",
    "bz2",
    "lzma",
    "secrets",
    "sms_lint.reporters.junit",
    "sms_lint.reporters.sarif",
    "sms_lint.reporters.gitlab",
)


def run_probe(script: str, tmp_path: Path, args: Sequence[str]) -> subprocess.CompletedProcess:
    """``script`` in a fresh interpreter with ``args``, its own cache and no PATH."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=False,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": ""},
    )


def probe(tmp_path: Path, *args: str) -> tuple[int, str, set[str]]:
    """Exit code, output before the marker, and the modules loaded, of ``sms-lint ARGS``."""
    done = run_probe(PROBE, tmp_path, args)
    output, marker, loaded = done.stdout.rpartition("\nMODULES ")
    assert marker, done.stderr
    report = json.loads(loaded)
    return report["exit"], output, set(report["modules"])


def commands_and_reporters(loaded: set[str]) -> set[str]:
    prefixes = ("sms_lint.commands.", "sms_lint.reporters.")
    return {name for name in loaded if name.startswith(prefixes)}


@pytest.mark.parametrize("option", ["--version", "--help", "-h"])
def test_version_and_help_load_no_engine_yaml_or_command(tmp_path: Path, option: str) -> None:
    code, output, loaded = probe(tmp_path, option)
    assert code == 0
    assert ("0." in output) if option == "--version" else ("Commands:" in output)
    assert sorted(loaded.intersection(HEAVY)) == []
    assert commands_and_reporters(loaded) == set()


def test_the_parameter_module_loads_no_reporter(tmp_path: Path) -> None:
    script = "import sys, sms_lint.commands.params; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = set(done.stdout.split())
    assert {"xml.etree.ElementTree", "hashlib", "tempfile", "yaml"}.isdisjoint(loaded)
    assert commands_and_reporters(loaded) == {"sms_lint.commands.params"}


def changed_copy(tmp_path: Path) -> Path:
    root = tmp_path / "sms"
    shutil.copytree(EXAMPLE, root)
    return root


def test_a_text_report_loads_no_other_reporter_xml_or_tempfile(tmp_path: Path) -> None:
    root = changed_copy(tmp_path)
    for run in ("first, writing the cache", "warm, one file changed"):
        if run.startswith("warm"):
            target = root / "services" / "svc-backup.yaml"
            target.write_text(target.read_text(encoding="utf-8") + "# edited\n")
        code, output, loaded = probe(tmp_path, "check", str(root), "--today", TODAY)
        # Which modules load is the point here, not the verdict (the example may gain findings).
        assert code in (0, 1) and "artifacts checked" in output, (run, output)
        assert sorted(loaded.intersection(NOT_FOR_TEXT)) == [], run


def test_the_chosen_formats_alone_are_loaded(tmp_path: Path) -> None:
    root = changed_copy(tmp_path)
    junit = tmp_path / "out" / "sms.xml"
    args = ("check", str(root), "--today", TODAY, "--format", "json", "--no-cache")
    code, output, loaded = probe(tmp_path, *args, "--report", f"junit:{junit}")
    assert code in (0, 1) and "findings" in json.loads(output)
    assert junit.read_text(encoding="utf-8").startswith("<?xml")
    shown = {"sms_lint.reporters.json_report", "sms_lint.reporters.junit"}
    assert shown <= loaded and "xml.etree.ElementTree" in loaded
    assert {"sms_lint.reporters.sarif", "sms_lint.reporters.gitlab"}.isdisjoint(loaded)


def test_the_registry_names_every_format_and_gives_its_class() -> None:
    assert sorted(REPORTERS) == ["azure", "github", "gitlab", "json", "junit", "sarif", "text"]
    assert "xml" not in REPORTERS and len(REPORTERS) == 7
    for name, reporter in REPORTERS.items():
        assert issubclass(reporter, Reporter) and reporter.name == name
    with pytest.raises(KeyError):
        REPORTERS["xml"]


def test_each_summary_is_the_first_paragraph_of_its_command_help() -> None:
    assert list(SUMMARIES) == list(COMMANDS)
    for name in COMMANDS:
        help_text = load_command(name).help or ""
        assert SUMMARIES[name] == " ".join(help_text.partition("\n\n")[0].split()), name


@pytest.mark.parametrize("width", [40, 80, 100, 200])
def test_the_list_of_commands_is_what_click_prints_from_the_commands(width: int) -> None:
    ours, clicks = click.HelpFormatter(width=width), click.HelpFormatter(width=width)
    ctx = click.Context(cli, info_name="sms-lint")
    cli.format_commands(ctx, ours)
    click.Group.format_commands(cli, ctx, clicks)  # loads every command to read its help
    assert ours.getvalue() == clicks.getvalue()
    assert "check" in ours.getvalue()


# Never needed by a warm run whose cross-file result is the kept one: the rule modules (but
# the registry and the pack's parameter checks), what the rules' stage uses, the baseline's
# code when no baseline is in use, jsonschema and the wording of schema and placeholder
# findings for valid files, OpenSSL. (The probe itself imports json.)
WORDING = (
    "sms_lint.schema.violations",
    "sms_lint.schema.schema_findings",
    "sms_lint.schema.missing_fields",
    "sms_lint.schema.keyword_words",
    "sms_lint.schema.placeholder_words",
    "sms_lint.suggest",
)
NOT_FOR_A_KEPT_RESULT = (
    "sms_lint.checks.base",
    "sms_lint.pipeline.folding",
    "sms_lint.pipeline.waivers",
    "sms_lint.baseline.apply",
    "sms_lint.baseline.file",
    "sms_lint.baseline.keys",
    "jsonschema",
    "hashlib",
    *WORDING,
)
PARAMETER_CHECKS = {"sms_lint.checks", "sms_lint.checks.root_causes"}


def rule_modules(loaded: set[str]) -> set[str]:
    return {name for name in loaded if name.startswith("sms_lint.checks")} - PARAMETER_CHECKS


def test_a_warm_run_that_keeps_the_result_imports_no_rule_module(tmp_path: Path) -> None:
    root = changed_copy(tmp_path)
    target = root / "services" / "svc-backup.yaml"
    original = target.read_text(encoding="utf-8")
    code, _, cold = probe(tmp_path, "check", str(root), "--today", TODAY)
    assert code == 0 and rule_modules(cold)  # the first run ran every rule
    for edit in ("", "# a comment: nothing the rules read\n", "# another\n"):
        target.write_text(original + edit, encoding="utf-8")
        code, output, loaded = probe(tmp_path, "check", str(root), "--today", TODAY)
        assert code == 0 and "no findings" in output, (edit, output)
        assert rule_modules(loaded) == set(), edit
        assert sorted(loaded.intersection(NOT_FOR_A_KEPT_RESULT)) == [], edit
    # A Markdown body is read the CommonMark way only when one is parsed.
    assert "sms_lint.parse.visible" in cold and "sms_lint.parse.visible" not in loaded


def test_a_value_changed_runs_the_rules_and_loads_their_modules(tmp_path: Path) -> None:
    root = changed_copy(tmp_path)
    target = root / "services" / "svc-backup.yaml"
    probe(tmp_path, "check", str(root), "--today", TODAY)
    target.write_text(target.read_text(encoding="utf-8").replace("SVC-NETWORK", "SVC-NONE"))
    code, output, loaded = probe(tmp_path, "check", str(root), "--today", TODAY)
    assert code in (0, 1) and "SVC-NONE" in output
    assert {"sms_lint.checks.references", "sms_lint.pipeline.waivers"} <= loaded


def test_a_file_the_schema_rejects_loads_the_wording_of_its_findings(tmp_path: Path) -> None:
    root = changed_copy(tmp_path)
    target = root / "services" / "svc-backup.yaml"
    probe(tmp_path, "check", str(root), "--today", TODAY)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("kind: service\n", "kind: service\ncolour: TBD\n"))
    code, output, loaded = probe(tmp_path, "check", str(root), "--today", TODAY)
    assert code == 1 and "colour" in output, output
    assert set(WORDING) - {"sms_lint.schema.missing_fields"} <= loaded


def test_every_registered_check_names_a_function_of_its_module() -> None:
    from sms_lint import checks

    for name in (*checks.REGISTRY, *checks.PARAM_VALIDATORS):
        registry = checks.REGISTRY if name in checks.REGISTRY else checks.PARAM_VALIDATORS
        assert callable(registry[name]), name


@pytest.mark.parametrize("args", [["--version"], ["rules"], ["check", "no-such-folder"]])
def test_the_collector_paused_for_start_up_is_on_again_after_any_command(
    args: list[str],
) -> None:
    import gc

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with pytest.raises(SystemExit):
        cli.main(args=args, prog_name="sms-lint")
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # a caller's process keeps its objects collectable
    gc.disable()  # a caller's own choice is left alone
    try:
        with pytest.raises(SystemExit):
            cli.main(args=args, prog_name="sms-lint")
        assert not gc.isenabled()
    finally:
        gc.enable()


FREEZE_PROBE = """
import gc, sys
from sms_lint.__main__ import main
sys.argv = ["sms-lint", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("FROZEN", gc.get_freeze_count() > 0, "COLLECTING", gc.isenabled())
"""


@pytest.mark.parametrize("args", [["--version"], ["check", str(EXAMPLE), "--today", TODAY]])
def test_the_console_entry_point_freezes_what_start_up_made(
    tmp_path: Path, args: list[str]
) -> None:
    done = run_probe(FREEZE_PROBE, tmp_path, args)
    assert done.stdout.strip().splitlines()[-1] == "FROZEN True COLLECTING True", done.stderr
