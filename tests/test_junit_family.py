"""``--junit-family``: xunit2 (default) valid under both schemas; xunit1 places cases on files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import EXAMPLE, TODAY
from report_repos import failing_repo
from test_reports_junit import assert_valid, cases, junit

OBSERVATION = ("SMS021 waiver-unused", ".sms-lint.yaml")  # below --fail-on minor


def xunit1(invoke, root: Path, *extra: str) -> tuple[ET.Element, str]:
    run = invoke(
        "check", str(root), "--format", "junit", "--junit-family", "xunit1", "--today", TODAY,
        *extra,
    )  # fmt: skip
    assert run.exit_code in (0, 1), run.output
    return ET.fromstring(run.stdout.encode("utf-8")), run.stdout


def test_xunit2_is_the_default_and_has_no_file_or_line(invoke, tmp_path):
    root = failing_repo(tmp_path)
    _, tree, text = junit(invoke, root)  # validated against both XSDs
    _, _, explicit = junit(invoke, root, "--junit-family", "xunit2")
    assert explicit == text
    for case in tree.iter("testcase"):
        assert case.get("file") is None and case.get("line") is None
        assert case.find("system-out") is None  # the Ant schema has no output per case


def test_xunit1_gives_every_case_a_file_and_line(invoke, tmp_path):
    root = failing_repo(tmp_path)
    tree, _ = xunit1(invoke, root)
    all_cases = cases(tree)
    for (_, name), case in all_cases.items():
        assert int(case.get("line")) >= 1
        if name != "(repository)":
            assert case.get("file") == name
            assert (root / case.get("file")).is_file()
    # A failing case is on the line of its (first) finding.
    failing = all_cases[("SMS104 yaml-tag", "services/svc-backup.yaml")]
    assert failing.find("failure") is not None and failing.get("line") == "22"
    # A repository-wide case is on the config, a file that exists.
    repo_wide = [c for (_, n), c in all_cases.items() if n == "(repository)"]
    assert repo_wide and all(c.get("file") == ".sms-lint.yaml" for c in repo_wide)


def test_xunit1_files_are_named_from_the_top_of_the_git_repository(invoke, tmp_path):
    top = tmp_path / "company"
    (top / ".git").mkdir(parents=True)
    root = failing_repo(top)
    tree, _ = xunit1(invoke, root)
    files = {c.get("file") for c in tree.iter("testcase")}
    assert "repo/slas/sla-backup.yaml" in files and "repo/.sms-lint.yaml" in files


def test_xunit1_observation_is_in_its_own_case_output(invoke, tmp_path):
    tree, _ = xunit1(invoke, failing_repo(tmp_path))
    case = cases(tree)[OBSERVATION]
    assert case.find("failure") is None
    assert "waiver for SMS011 on SUP-NOPE matches no finding" in case.findtext("system-out")
    assert all(not (s.findtext("system-out") or "") for s in tree.iter("testsuite"))


def test_xunit1_is_only_file_and_line_away_from_both_schemas(invoke, tmp_path):
    """Apart from the attributes and the output per case, xunit1 is the valid xunit2 shape."""
    _, text = xunit1(invoke, failing_repo(tmp_path))
    tree = ET.fromstring(text.encode("utf-8"))
    for suite in tree.iter("testsuite"):
        for case in suite.iter("testcase"):
            case.attrib.pop("file", None)
            case.attrib.pop("line", None)
            for out in case.findall("system-out"):
                case.remove(out)
    assert_valid(ET.tostring(tree, encoding="unicode"))


def test_times_are_a_fixed_positive_minimum(invoke, tmp_path):
    root = failing_repo(tmp_path)
    _, tree, first = junit(invoke, root)
    assert first == junit(invoke, root)[2]  # byte-identical: no measured time
    for suite in tree.iter("testsuite"):
        case_times = [c.get("time") for c in suite.iter("testcase")]
        assert set(case_times) == {"0.001"}
        assert suite.get("time") == f"{len(case_times) * 0.001:.3f}"


def test_family_applies_to_every_junit_report_of_the_run(invoke, tmp_path):
    root = failing_repo(tmp_path)
    report = tmp_path / "out" / "sms.xml"
    run = invoke(
        "check", str(root), "--today", TODAY, "--junit-family", "xunit1",
        "--report", f"junit:{report}",
    )  # fmt: skip
    assert run.exit_code == 1
    assert report.read_text(encoding="utf-8") == xunit1(invoke, root)[1]
    assert ' file="slas/sla-backup.yaml"' in report.read_text(encoding="utf-8")


def test_bad_family_is_a_usage_error(invoke):
    run = invoke("check", str(EXAMPLE), "--junit-family", "xunit3", "--today", TODAY)
    assert run.exit_code == 2
