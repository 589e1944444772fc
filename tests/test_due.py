"""``sms-lint due``: an SMS with known dates lists exactly the expected items, overdue first,
in every format, read by real parsers (json, icalendar, markdown-it-py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from click.testing import Result
from markdown_it import MarkdownIt

TODAY = "2027-01-10"  # the window of 60 days ends on 2027-03-11


def _header(art_id: str, kind: str, status: str = "approved", reviewed: str = "2026-11-01") -> str:
    return (
        f"id: {art_id}\nkind: {kind}\ntitle: {art_id} title\nowner: sms-manager\n"
        f"status: {status}\nversion: '1.0'\napproved_by: sms-manager\napproved_on: 2026-01-01\n"
        f"last_reviewed: {reviewed}\n"
    )


FILES = {
    "governance/roles.yaml": _header("ROLES", "roles", reviewed="2026-03-01")
    + "roles:\n  - {id: sms-manager, title: SMS manager, holder: Dana Reyes}\n"
    + "  - {id: supplier-manager, title: Supplier manager, holder: Vacant}\n",
    "governance/pol-1.yaml": _header("POL-1", "policy", reviewed="2025-12-20"),
    "governance/pol-draft.yaml": _header("POL-2", "policy", status="draft", reviewed="2024-01-01"),
    "governance/pol-old.yaml": _header("POL-3", "policy", status="retired", reviewed="2024-01-01"),
    "governance/risks.yaml": _header("RR", "risk-register")
    + "risks:\n"
    + "  - {id: R-1, description: d, owner: supplier-manager, review_by: 2027-02-01}\n"
    + "  - {id: R-2, description: d, owner: sms-manager, review_by: 2027-06-30}\n",
    "nonconformities/nc-1.yaml": _header("NC-1", "nonconformity", status="draft")
    + "nc_status: open\ndue: 2027-01-05\n",
    "nonconformities/nc-2.yaml": _header("NC-2", "nonconformity", status="draft")
    + "nc_status: closed\ndue: 2026-06-01\n",
    "reviews/mr-1.yaml": _header("MR-1", "management-review")
    + "date: 2026-03-01\nactions:\n"
    + "  - {id: A1, description: Hire an agent, owner: sms-manager, due: 2027-01-31, state: open}\n"
    + "  - {id: A2, description: Done already, owner: sms-manager, due: 2026-12-01, state: done}\n",
    "suppliers/sup-1.yaml": _header("SUP-1", "supplier", reviewed="2026-06-01")
    + "supplier_name: Fibre Ltd\ncontract_end: 2027-02-20\nlast_performance_review: 2026-01-05\n",
    "audits/aud-1.yaml": _header("AUD-1", "audit") + "audit_type: internal\ndate: 2025-12-01\n",
    "audits/aud-2.yaml": _header("AUD-2", "audit", status="draft")
    + "audit_type: internal\ndate: 2027-02-15\n",
    ".sms-lint.yaml": "waivers:\n  - rule: SMS005\n    artifact: POL-1\n    reason: merger\n"
    "    approved_by: sms-manager\n    expires: 2027-01-20\n",
}

# (due, key, path:line, overdue, owner, holder): overdue first, then the soonest; same day by path.
EXPECTED = [
    ("2026-12-01", "internal-audit", "audits/aud-2.yaml:11", True, "sms-manager", "Dana Reyes"),
    ("2026-12-20", "review:POL-1", "governance/pol-1.yaml:9", True, "sms-manager", "Dana Reyes"),
    (
        "2027-01-05",
        "nonconformity:NC-1",
        "nonconformities/nc-1.yaml:11",
        True,
        "sms-manager",
        "Dana Reyes",
    ),
    (
        "2027-01-05",
        "supplier-review:SUP-1",
        "suppliers/sup-1.yaml:12",
        True,
        "sms-manager",
        "Dana Reyes",
    ),
    ("2027-01-20", "waiver:SMS005:POL-1", ".sms-lint.yaml:2", False, "sms-manager", "Dana Reyes"),
    ("2027-01-31", "action:MR-1:A1", "reviews/mr-1.yaml:12", False, "sms-manager", "Dana Reyes"),
    ("2027-02-01", "risk:RR:R-1", "governance/risks.yaml:11", False, "supplier-manager", None),
    ("2027-02-20", "contract:SUP-1", "suppliers/sup-1.yaml:11", False, "sms-manager", "Dana Reyes"),
    ("2027-03-01", "review:ROLES", "governance/roles.yaml:9", False, "sms-manager", "Dana Reyes"),
    ("2027-03-01", "management-review", "reviews/mr-1.yaml:10", False, "sms-manager", "Dana Reyes"),
]


@pytest.fixture
def sms(write: Callable[..., Path], tmp_path: Path) -> Path:
    for name, text in FILES.items():
        write(name, text)
    return tmp_path


def _due(invoke: Callable[..., Result], root: Path, *extra: str) -> Result:
    return invoke("due", str(root), "--today", TODAY, *extra)


def test_json_lists_exactly_the_expected_items_in_order(invoke, sms: Path) -> None:
    result = _due(invoke, sms, "--within", "60d", "--format", "json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    got = [
        (i["due"], i["key"], f"{i['path']}:{i['line']}", i["overdue"], i["owner"], i["holder"])
        for i in items
    ]
    assert got == EXPECTED
    for item in items:  # the contract's keys, each of its type
        assert {"due", "what", "id", "path", "owner", "overdue"} <= item.keys()
    assert [i["id"] for i in items][:3] == ["AUD-2", "POL-1", "NC-1"]
    action = items[5]
    assert action["what"] == (
        "complete action 'A1' of management review MR-1: Hire an agent; then set its state: done"
    )


def test_the_window_is_inclusive_and_adjustable(invoke, sms: Path) -> None:
    narrow = json.loads(_due(invoke, sms, "--within", "2w", "--format", "json").stdout)
    # 14 days from 2027-01-10: up to 2027-01-24, the waiver's day included; overdue always
    assert [i["key"] for i in narrow] == [e[1] for e in EXPECTED[:5]]
    wide = json.loads(_due(invoke, sms, "--within", "6m", "--format", "json").stdout)
    assert "risk:RR:R-2" in [i["key"] for i in wide]
    assert "review:POL-2" not in [i["key"] for i in wide]  # a draft is not reviewed
    assert "review:POL-3" not in [i["key"] for i in wide]  # nor a retired document
    assert not any(i["key"].startswith(("review:AUD", "review:MR")) for i in wide)  # records
    assert "nonconformity:NC-2" not in [i["key"] for i in wide]  # closed
    assert "action:MR-1:A2" not in [i["key"] for i in wide]  # done


def test_exit_code_is_zero_unless_fail_overdue(invoke, sms: Path) -> None:
    assert _due(invoke, sms).exit_code == 0
    assert _due(invoke, sms, "--fail-overdue").exit_code == 1
    # the day after the management review: nothing overdue, nothing in the next week
    calm = invoke("due", str(sms), "--today", "2026-03-02", "--within", "7d", "--fail-overdue")
    assert calm.exit_code == 0, calm.output
    assert calm.stdout == "Nothing due by 2026-03-09 (7 days from 2026-03-02)\n"


def test_text_names_date_owner_and_file(invoke, sms: Path) -> None:
    text = _due(invoke, sms).stdout
    lines = text.splitlines()
    assert lines[0] == "10 items due by 2027-03-11 (60 days from 2027-01-10), 4 of them overdue"
    assert lines[2].startswith("2026-12-01  40 days overdue: hold the next internal audit")
    assert lines[3] == "  audits/aud-2.yaml:11  owner: sms-manager (Dana Reyes)"
    assert "  governance/risks.yaml:11  owner: supplier-manager" in lines  # vacant: no holder


def test_ics_parses_with_stable_uids(invoke, sms: Path, write) -> None:
    first = _due(invoke, sms, "--format", "ics").stdout_bytes
    assert first == _due(invoke, sms, "--format", "ics").stdout_bytes  # byte-identical
    calendar = icalendar.Calendar.from_ical(first)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(EXPECTED)
    starts = [e.decoded("dtstart").isoformat() for e in events]
    assert starts == [e[0] for e in EXPECTED]
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert str(events[0]["summary"]).startswith("Overdue: Hold the next internal audit")
    # the date moves, the UID stays: a subscribed calendar moves the event
    write("governance/pol-1.yaml", _header("POL-1", "policy", reviewed="2026-01-05"))
    moved = icalendar.Calendar.from_ical(_due(invoke, sms, "--format", "ics").stdout_bytes)
    by_uid = {str(e["uid"]): e.decoded("dtstart").isoformat() for e in moved.walk("VEVENT")}
    assert by_uid["review%3APOL-1@sms-lint.due"] == "2027-01-05"
    assert set(by_uid) == set(uids)


def test_markdown_is_a_table_a_renderer_reads(invoke, sms: Path) -> None:
    text = _due(invoke, sms, "--format", "markdown").stdout
    tokens = MarkdownIt("gfm-like").parse(text)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + len(EXPECTED)
    assert "| **2026-12-01 (40 days overdue)** |" in text


def test_nothing_due(invoke, write, tmp_path: Path) -> None:
    write("p.yaml", _header("POL-1", "policy", reviewed="2026-12-01"))
    result = invoke("due", str(tmp_path), "--today", "2026-12-02", "--format", "json")
    items = json.loads(result.stdout)
    # no audit or review held yet: both are overdue (SMS013 and SMS014 find them missing
    # today), since the SMS took effect (its first approval)
    assert [(i["key"], i["due"], i["overdue"], i["path"]) for i in items] == [
        ("internal-audit", "2026-01-01", True, "."),
        ("management-review", "2026-01-01", True, "."),
    ]


def test_hostile_values_stay_text(invoke, write, tmp_path: Path) -> None:
    evil = "::error::x \x1b[31m <b>x</b> ##vso[task.complete]"
    write(
        "nc.yaml",
        _header("NC-1", "nonconformity", status="draft").replace("NC-1 title", json.dumps(evil))
        + "nc_status: open\ndue: 2026-12-10\n",
    )
    for fmt in ("text", "json", "markdown", "ics"):
        out = invoke("due", str(tmp_path), "--today", "2026-12-01", "--format", fmt).stdout
        assert "\x1b" not in out and "##vso[" not in out, fmt
        assert not any(line.startswith("::") for line in out.splitlines()), fmt
        if fmt == "markdown":
            assert "<b>" not in out


@pytest.mark.parametrize("within", ["soon", "-3d", "5x", "1.5m"])
def test_bad_window_is_one_sentence(invoke, runner, sms: Path, within: str) -> None:
    from sms_lint.cli import cli

    result = runner.invoke(cli, ["due", str(sms), "--within", within])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--within" in result.stderr


def test_unreadable_file_is_noted(invoke, write, tmp_path: Path) -> None:
    write("bad.yaml", b"\xff\xfe\x00bad")
    write("p.yaml", _header("POL-1", "policy", reviewed="2026-01-01"))
    result = invoke("due", str(tmp_path), "--today", "2026-12-02")
    assert result.exit_code == 0
    assert "could not be read" in result.stderr


# The rule that reports each sort of item once it is overdue.
RULE_OF = {
    "review": "SMS005",
    "risk": "SMS012",
    "nonconformity": "SMS015",
    "action": "SMS050",
    "contract": "SMS011",
    "supplier-review": "SMS011",
    "internal-audit": "SMS013",
    "management-review": "SMS014",
    "waiver": "SMS020",
}


@pytest.mark.parametrize("today", ["2027-06-01", "2027-11-01", "2028-02-01"])
def test_what_is_overdue_is_what_check_reports(invoke, today: str) -> None:
    from conftest import EXAMPLE

    check = invoke(
        "check", str(EXAMPLE), "--format", "json", "--today", today, "--fail-on", "never"
    )
    counts: dict[str, int] = {}
    for finding in json.loads(check.stdout)["findings"]:
        if finding["rule"] in RULE_OF.values():
            counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
    due = invoke("due", str(EXAMPLE), "--today", today, "--within", "0d", "--format", "json")
    listed: dict[str, int] = {}
    for item in json.loads(due.stdout):
        assert item["overdue"] or item["due"] == today
        if item["overdue"]:
            rule = RULE_OF[item["key"].split(":")[0]]
            listed[rule] = listed.get(rule, 0) + 1
    assert listed == counts and counts


def test_supplier_review_due_the_day_check_reports_it(invoke, write, tmp_path: Path) -> None:
    write(".sms-lint.yaml", "intervals: {supplier_review_months: 6}\n")
    write("sup.yaml", _header("SUP-1", "supplier") + "last_performance_review: 2027-02-28\n")
    for today, overdue in [("2027-08-28", False), ("2027-08-29", True), ("2027-08-31", True)]:
        check = invoke("check", str(tmp_path), "--format", "json", "--today", today)
        reported = [f for f in json.loads(check.stdout)["findings"] if f["rule"] == "SMS011"]
        due = invoke("due", str(tmp_path), "--today", today, "--within", "0d", "--format", "json")
        items = [i for i in json.loads(due.stdout) if i["key"] == "supplier-review:SUP-1"]
        assert bool(reported) is overdue and bool(items and items[0]["overdue"]) is overdue, today


def test_values_the_schema_rejects_are_no_dates(invoke, write, tmp_path: Path) -> None:
    write(
        "rr.yaml",
        _header("RR", "risk-register")
        + "risks:\n  - {id: R-1, description: d, owner: sms-manager, review_by: '2026-W10-1'}\n",
    )
    write(
        "mr.yaml",
        _header("MR-1", "management-review")
        + "date: 2026-01-10\nactions:\n"
        + "  - {id: A1, description: d, owner: sms-manager, due: 2026-03-01, state: closed}\n",
    )
    write(
        "mr2.yaml",
        _header("MR-2", "management-review")
        + "date: 2026-06-10\ninputs_covered: [previous-actions]\n",
    )
    items = json.loads(
        invoke("due", str(tmp_path), "--today", "2026-07-01", "--format", "json").stdout
    )
    keys = [i["key"] for i in items]
    assert "risk:RR:R-1" not in keys and "action:MR-1:A1" not in keys


def test_keys_are_unique(invoke, write, tmp_path: Path) -> None:
    write(
        "rr.yaml",
        _header("RR", "risk-register")
        + "risks:\n"
        + "  - {id: '2', description: d, owner: sms-manager, review_by: 2026-07-01}\n"
        + "  - {description: d, owner: sms-manager, review_by: 2026-07-01}\n"
        + "  - {id: R-9, description: d, owner: sms-manager, review_by: 2026-07-01}\n"
        + "  - {id: R-9, description: d, owner: sms-manager, review_by: 2026-07-01}\n",
    )
    write("a/pol.yaml", _header("POL-1", "policy", reviewed="2025-07-01"))
    write("b/pol.yaml", _header("POL-1", "policy", reviewed="2025-07-01"))
    keys = [
        i["key"]
        for i in json.loads(
            invoke("due", str(tmp_path), "--today", "2026-06-01", "--format", "json").stdout
        )
    ]
    assert len(keys) == len(set(keys))
    assert "risk:RR:#2" in keys and "review:POL-1@a/pol.yaml" in keys


def test_ics_at_the_end_of_the_calendar_and_no_command_in_a_fold(
    invoke, write, tmp_path: Path
) -> None:
    write(
        "sup.yaml",
        _header("S" * 43 + "::error::pwned", "supplier") + "contract_end: 2026-05-01\n",
    )
    end = _header("POL-1", "policy").replace("last_reviewed: 2026-11-01\n", "")
    write("pol.yaml", end + "next_review: 9999-12-31\n")
    feed = invoke(
        "due", str(tmp_path), "--today", "2026-06-01", "--within", "99999y", "--format", "ics"
    )
    assert feed.exit_code == 0, feed.output
    events = list(icalendar.Calendar.from_ical(feed.stdout_bytes).walk("VEVENT"))
    assert "9999-12-31" in [e.decoded("dtstart").isoformat() for e in events]
    for line in feed.stdout_bytes.decode().split("\r\n"):
        assert len(line.encode()) <= 75
        assert not line.lstrip().startswith(("::", "##")), line


def test_markdown_values_are_inert(invoke, write, tmp_path: Path) -> None:
    title = "[Renew](https://evil.example/x) @octocat *urgent* `rm` https://bare.example"
    write("p.yaml", _header("POL-1", "policy", reviewed="2025-01-01").replace("POL-1 title", title))
    text = invoke("due", str(tmp_path), "--today", "2026-06-01", "--format", "markdown").stdout
    html = MarkdownIt("gfm-like").render(text)
    assert "<a " not in html and "<em>" not in html and "<code>" not in html


def test_a_rule_turned_off_drops_its_items(invoke, write, sms: Path) -> None:
    write(".sms-lint.yaml", "rules: {SMS013: {enabled: false}, SMS005: {enabled: false}}\n")
    keys = [i["key"] for i in json.loads(_due(invoke, sms, "--format", "json").stdout)]
    assert "internal-audit" not in keys
    assert not any(key.startswith("review:") for key in keys)
    assert "management-review" in keys


def test_a_waiver_of_no_rule_is_not_listed(invoke, write, sms: Path) -> None:
    write(
        ".sms-lint.yaml",
        "waivers:\n  - {rule: SMS999, artifact: POL-1, reason: r, approved_by: sms-manager,"
        " expires: 2027-01-03}\n",
    )
    keys = [i["key"] for i in json.loads(_due(invoke, sms, "--format", "json").stdout)]
    assert not any(key.startswith("waiver:") for key in keys)


def test_a_folder_without_an_sms_is_one_sentence(runner, tmp_path: Path) -> None:
    from sms_lint.cli import cli

    result = runner.invoke(cli, ["due", str(tmp_path), "--today", TODAY])
    assert result.exit_code == 2
    assert "no SMS documents" in result.stderr and result.stderr.count("\n") == 1


def test_as_of_lists_what_fell_due_then(invoke, tmp_path: Path) -> None:
    from test_as_of import commit_at
    from test_git_support import GitRepo

    repo = GitRepo(tmp_path / "repo")
    policy = repo.path / "pol.yaml"
    policy.write_text(_header("POL-1", "policy", reviewed="2025-01-01"), encoding="utf-8")
    commit_at(repo, "first", "2026-01-10T10:00:00+00:00")
    policy.write_text(_header("POL-1", "policy", reviewed="2026-02-01"), encoding="utf-8")
    commit_at(repo, "reviewed", "2026-02-02T10:00:00+00:00")
    then = invoke("due", str(repo.path), "--as-of", "2026-01-20", "--format", "json")
    assert then.exit_code == 0, then.output
    review = [i for i in json.loads(then.stdout) if i["key"] == "review:POL-1"]
    assert [(i["due"], i["overdue"]) for i in review] == [("2026-01-01", True)]
    now = invoke("due", str(repo.path), "--today", "2026-02-03", "--format", "json")
    assert "review:POL-1" not in [i["key"] for i in json.loads(now.stdout)]


def test_assignees_come_from_the_config(invoke, write, sms: Path) -> None:
    config = FILES[".sms-lint.yaml"] + "assignees:\n  sms-manager: [dana-r, ops-bot]\n"
    write(".sms-lint.yaml", config)
    items = json.loads(_due(invoke, sms, "--format", "json").stdout)
    by_key = {i["key"]: i["assignees"] for i in items}
    assert by_key["review:POL-1"] == ["dana-r", "ops-bot"]
    assert by_key["risk:RR:R-1"] == []  # supplier-manager: no login given
