"""Issue 13 item 5: hostile growth costs linear time, and the outputs stay what they were.

Timings live in benchmarks/bench_growth.py; here: the indexed paths give the same answers as
the pair-by-pair code they replace (differential tests against copies of it), hints are still
offered, and the work spent on hints is bounded (counted, not timed).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import replace
from fnmatch import fnmatchcase

import pytest
from conftest import TODAY, quiet_config

from sms_lint import suggest
from sms_lint.config.file import Config, Waiver
from sms_lint.config.pack import load_framework
from sms_lint.config.rulebook import build_rulebook
from sms_lint.files.discovery import matches
from sms_lint.files.globs import PatternSet
from sms_lint.finding import Finding, Severity
from sms_lint.pipeline.waivers import apply_waivers

HEADER = """id: {id}
kind: {kind}
title: T
owner: sms-manager
status: approved
version: "1.0"
approved_by: sms-manager
approved_on: 2026-09-01
last_reviewed: 2026-10-01
"""
ROLES = HEADER.format(id="ROLES-001", kind="roles") + (
    "roles:\n  - id: sms-manager\n    title: SMS manager\n    holder: A\n"
    "    top_management: true\n    responsibilities: [Runs the SMS]\n"
)
SERVICE = "name: S\ndescription: D\nservice_status: retired\ncustomers: [R]\n"


# --- globs: the old matcher, pattern by pattern, is the reference ----------------------------


def old_matches(path: str, patterns: list[str]) -> bool:
    parts = tuple(path.split("/"))

    def one(pattern: tuple[str, ...]) -> bool:
        def match(p: int, s: int) -> bool:
            if p == len(pattern):
                return True
            if pattern[p] == "**":
                return any(match(p + 1, k) for k in range(s, len(parts) + 1))
            return s < len(parts) and fnmatchcase(parts[s], pattern[p]) and match(p + 1, s + 1)

        return match(0, 0)

    segs = [tuple(p.strip().removeprefix("./").strip("/").split("/")) for p in patterns]
    return any(one(s) for p, s in zip(patterns, segs, strict=True) if p.strip())


NAMES = ["a", "ab", "abc", "docs", "x-1.yaml", "abcd.md", "b[1]", "q?"]
SEGMENTS = [*NAMES, "*", "**", "?", "a*", "*c", "*bc*", "[ab]*", "[!a]*", "x-?.yaml", "*.md", "["]
SEGMENTS += ["[a]bc", "a[!]]*", "b[", "[]]*", "x-[0-9].yaml", "[d]o*s"]


def random_pattern(rng: random.Random) -> str:
    text = "/".join(rng.choice(SEGMENTS) for _ in range(rng.randint(1, 4)))
    return rng.choice(["", "./", "/"]) + text + rng.choice(["", "/", " "])


def test_pattern_set_agrees_with_the_pairwise_matcher():
    rng = random.Random(13)
    for _ in range(300):
        patterns = [random_pattern(rng) for _ in range(rng.randint(1, 12))]
        pattern_set = PatternSet(patterns)
        for _ in range(20):
            path = "/".join(rng.choice(NAMES) for _ in range(rng.randint(1, 5)))
            assert matches(path, tuple(patterns)) == old_matches(path, patterns), (path, patterns)
            expected = [i for i, p in enumerate(pattern_set.patterns) if old_matches(path, [p])]
            assert list(pattern_set.matching(path)) == expected


def test_exclude_patterns_still_exclude(write, tmp_path, check_json):
    write("roles.yaml", ROLES)
    write("keep/a.yaml", HEADER.format(id="SVC-1", kind="service") + SERVICE + "zz: 1\n")
    write("gone/b.yaml", HEADER.format(id="SVC-2", kind="service") + SERVICE + "zz: 1\n")
    write("deep/x/c-old.yaml", HEADER.format(id="SVC-3", kind="service") + SERVICE + "zz: 1\n")
    patterns = [f"nomatch-{i}/**" for i in range(500)] + ["gone", "**/*-old.yaml"]
    exclude = "".join(f"  - '{p}'\n" for p in patterns)
    write(".sms-lint.yaml", quiet_config("SMS001", extra="exclude:\n" + exclude))
    _, report = check_json(tmp_path)
    assert {f["path"] for f in report["findings"]} == {"keep/a.yaml"}


# --- waivers: the old waiver-by-waiver loop is the reference ---------------------------------


def old_apply(findings, waivers, rules, today):
    out, unused = list(findings), []
    for index, waiver in enumerate(waivers):
        if waiver.expires is not None and waiver.expires < today:
            continue
        used = False
        for i, finding in enumerate(out):
            rule = rules.get(finding.rule)
            if finding.waived or waiver.rule not in (finding.rule, rule.name if rule else None):
                continue
            if waiver.artifact is not None and waiver.artifact != finding.artifact:
                continue
            if waiver.path is not None and not old_matches(
                finding.path or "(repository)", [waiver.path]
            ):
                continue
            out[i] = replace(finding, waived_reason=waiver.reason)
            used = True
        if not used:
            unused.append(index)
    return [f.waived_reason for f in out], unused


def test_waivers_claim_what_the_loop_claimed():
    book = build_rulebook(load_framework().rules, Config())
    rules = ["SMS001", "SMS018", "schema", "references-resolve"]
    paths = ["a/x.yaml", "a/y.md", "b/x.yaml", None]
    globs = ["a/x.yaml", "a/**", "*/x.yaml", "b", "**", "(repository)", "", "c/*"]
    rng = random.Random(7)
    today = datetime.date.fromisoformat(TODAY)
    for _ in range(200):
        findings = [
            Finding(
                path=rng.choice(paths),
                line=1,
                column=1,
                rule=rng.choice(["SMS001", "SMS018"]),
                clause="7.5",
                severity=Severity.MINOR,
                message="m",
                artifact=rng.choice(["A", "B", None]),
            )
            for _ in range(rng.randint(0, 8))
        ]
        waivers = tuple(
            Waiver(
                rule=rng.choice(rules),
                reason=f"w{i}",
                approved_by="x",
                expires=rng.choice([None, datetime.date(2020, 1, 1)]),
                path=rng.choice([*globs, None]),
                artifact=rng.choice(["A", "B", None]),
                line=i + 1,
            )
            for i in range(rng.randint(0, 8))
        )
        waivers = tuple(w for w in waivers if w.path is not None or w.artifact is not None)
        config = Config(source=".sms-lint.yaml", waivers=waivers)
        result = apply_waivers(findings, config, book, today)
        reasons, unused = old_apply(findings, waivers, book.rules, today)
        assert [f.waived_reason for f in result[: len(findings)]] == reasons
        unused_lines = [f.line for f in result[len(findings) :] if f.rule == "SMS021"]
        assert unused_lines == [waivers[i].line for i in unused]


def test_every_unused_waiver_is_still_reported(write, tmp_path, check_json):
    write("roles.yaml", ROLES)
    write("a.yaml", HEADER.format(id="SVC-1", kind="service") + SERVICE + "zz: 1\n")
    waivers = "".join(
        f"  - {{rule: SMS001, path: 'other/{i}.yaml', reason: r, approved_by: x}}\n"
        for i in range(300)
    )
    claim = "  - {rule: SMS001, path: 'a.yaml', reason: mine, approved_by: x}\n"
    again = "  - {rule: schema, artifact: SVC-1, reason: late, approved_by: x}\n"
    write(
        ".sms-lint.yaml",
        quiet_config("SMS001", "SMS021", extra="waivers:\n" + claim + waivers + again),
    )
    _, report = check_json(tmp_path)
    [schema] = [f for f in report["findings"] if f["rule"] == "SMS001"]
    assert schema["waived"] is True and schema["waiver_reason"] == "mine"
    unused = [f for f in report["findings"] if f["rule"] == "SMS021"]
    assert len(unused) == 301  # the late one matched only a finding already waived
    assert unused[-1]["message"] == "waiver for schema on SVC-1 matches no finding: remove it"


# --- hints: still offered, bounded work -----------------------------------------------------


def test_many_unknown_keys_are_each_reported_with_early_hints(write, tmp_path, check_json):
    write("roles.yaml", ROLES)
    keys = "".join(f"zz_{i:05d}: 1\n" for i in range(2_000))
    quoted = '"it\'s": 1\n\'say "hi"\': 1\n'  # keys whose repr jsonschema quotes oddly
    body = "last_reviewd: 2026-10-01\n" + keys + quoted + "x-own: 1\n"
    write(".sms-lint.yaml", quiet_config("SMS001"))
    write("big.yaml", HEADER.format(id="SVC-1", kind="service") + SERVICE + body)
    _, report = check_json(tmp_path)
    messages = [f["message"] for f in report["findings"] if f["rule"] == "SMS001"]
    assert messages[0] == "unknown field last_reviewd (did you mean 'last_reviewed'?)"
    assert sum(m.startswith("unknown field zz_") for m in messages) == 2_000
    assert "unknown field it's" in messages and 'unknown field say "hi"' in messages
    assert not any("x-own" in m for m in messages)


def test_dangling_reference_and_unknown_role_hints_are_kept(write, tmp_path, check_json):
    write("roles.yaml", ROLES)
    write("svc.yaml", HEADER.format(id="SVC-ONE", kind="service") + SERVICE + "related: [SVC-ON]\n")
    audit = HEADER.format(id="AUD-1", kind="audit") + (
        "audit_type: internal\ndate: 2026-05-13\nauditor: sms-manager\n"
        'scope_clauses: ["8"]\nauditee_roles: [sms-manger]\n'
    )
    write("audit.yaml", audit)
    write(".sms-lint.yaml", quiet_config("SMS018"))
    _, report = check_json(tmp_path)
    messages = {f["message"] for f in report["findings"]}
    assert any(
        m.startswith("related 'SVC-ON' matches no artifact id (did you mean 'SVC-ONE'?): ")
        for m in messages
    )
    assert any(
        "'sms-manger' is not a role in ROLES-001 (did you mean 'sms-manager'?)" in m
        for m in messages
    )


@pytest.mark.parametrize("misses", [100, 1_000])
def test_hint_work_is_bounded_however_many_misses(write, tmp_path, check_json, monkeypatch, misses):
    compared = []
    real = suggest.Suggester._closest

    def counting(self, text, pool):  # every candidate a hint compares with
        compared.append(len(pool))
        return real(self, text, pool)

    monkeypatch.setattr(suggest.Suggester, "_closest", counting)
    write("roles.yaml", ROLES)
    for i in range(misses):
        extra = f"related: [SVC-{i:05d}X]\n"
        write(f"s/{i}.yaml", HEADER.format(id=f"SVC-{i:05d}", kind="service") + SERVICE + extra)
    write(".sms-lint.yaml", quiet_config("SMS018"))
    _, report = check_json(tmp_path)
    dangling = [f["message"] for f in report["findings"] if f["rule"] == "SMS018"]
    assert len(dangling) == misses
    assert "did you mean 'SVC-00000'?" in dangling[0]  # the first misses still get a hint
    # Comparisons stop at the run's budget: 10x the misses is not 100x the work.
    assert compared and sum(compared) <= suggest.RUN_BUDGET


def test_suggester_is_deterministic_and_stops_at_its_budget():
    budget = suggest.Budget(50)
    hints = suggest.Suggester([f"id-{i}" for i in range(10)], budget)
    assert hints.hint("id-3x") == "id-3"
    assert hints.hint("id-3x") == "id-3"  # remembered: no further cost
    for _ in range(10):
        hints.hint("id-9y")
    assert budget.left >= 0
    assert suggest.Suggester(["abc"], suggest.Budget(0)).hint("abd") is None
    assert suggest.Suggester(["a" * 200], suggest.Budget(10**6)).hint("a" * 199) is None
