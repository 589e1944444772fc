"""SMS032 root-cause-named after review (issue 15, point 5): a root cause is vague when every
word is a cause, a person or a filler word and one is a cause ("Operator error on the night
shift"); any other word passes. The three word lists are the rule's parameters, checked when
the pack is loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from auditor_repos import markdown
from conftest import EXAMPLE, TODAY, located, quiet_config
from sms_texts import SMS_MANAGER, roles_artifact
from test_corrective import VERIFIED, check, nonconformity

from sms_lint.checks import root_causes

VAGUE = [
    "human error by operator",
    "staff mistake",
    "Operator error",
    "Oversight by the team",
    "Carelessness",
    "negligence",
    "user error on the night shift",  # when it happened, not why
    "An operator's slip.",
    "Errors made by on-call engineers",
    "Human-error (staff)",
    "A lapse by one of our technicians during the weekend",
    "The engineer forgot",
    "Simple oversight and carelessness",
]

HONEST = [
    "Human error caused by an unclear runbook step",
    "Operator error because the alert threshold was undocumented",
    "Staff forgot to update the CMDB because the change form has no CMDB step",
    "Rota changes were made by team leads in the paging tool without a check",
    "No reminder in the change tool.",
    "No second approver for emergency changes",
    "The change tool did not remind the board of pending emergency-change reviews.",
    "Human factors: fatigue after a 14-hour shift with no handover",
    "Under investigation",
]


def message(cause: str) -> str:
    return (
        f"nonconformity 'NC-1' gives '{cause}' as its root cause, which names no cause the "
        "corrective action could remove: record why it could happen (training, an unclear "
        "procedure, tooling, workload, a missing check) and aim the corrective action at that"
    )


@pytest.mark.parametrize("cause", VAGUE)
def test_a_root_cause_of_who_and_when_only_is_an_observation_at_root_cause(
    write, check_json, tmp_path: Path, cause: str
) -> None:
    files = {"nc.yaml": nonconformity(json.dumps(cause), extra=VERIFIED)}
    got = check(write, check_json, tmp_path, files)
    assert got == [("nc.yaml:17", "SMS032", "10.1", "observation", message(cause))]


@pytest.mark.parametrize("cause", ["user error on the night shift", "Oversight by the team"])
def test_in_markdown_the_vague_cause_is_found_at_its_line(
    write, check_json, tmp_path: Path, cause: str
) -> None:
    files = {"nc.md": markdown(nonconformity(cause, closed=False))}
    got = check(write, check_json, tmp_path, files)
    assert got == [("nc.md:18", "SMS032", "10.1", "observation", message(cause))]


@pytest.mark.parametrize("cause", HONEST)
def test_a_root_cause_that_says_anything_beyond_who_erred_passes(
    write, check_json, tmp_path: Path, cause: str
) -> None:
    files = {"nc.yaml": nonconformity(json.dumps(cause), extra=VERIFIED)}
    assert check(write, check_json, tmp_path, files) == []


def _example_causes() -> list[str]:
    causes = []
    for path in sorted((EXAMPLE / "nonconformities").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        causes.append(" ".join(record["root_cause"].split()))
    return causes


def test_the_example_s_root_causes_pass_one_by_one(write, check_json, tmp_path: Path) -> None:
    causes = _example_causes()
    assert len(causes) >= 5
    files = {
        f"nc{n}.yaml": nonconformity(json.dumps(cause), extra=VERIFIED).replace("NC-1", f"NC-{n}")
        for n, cause in enumerate(causes, 1)
    }
    assert check(write, check_json, tmp_path, files) == []


def org_rule(write, params: str) -> None:
    pack = (
        "rules:\n  - id: ORG-1\n    name: vague\n    clause: '10.1'\n    severity: observation\n"
        f"    check: root-cause-named\n{params}"
        "    description: A root cause that blames a person names no cause.\n"
    )
    write("org/rules.yaml", pack)
    config = quiet_config("SMS001") + "policies: [org/rules.yaml]\nexclude: [org]\n"
    write(".sms-lint.yaml", config)
    write("roles.yaml", roles_artifact(SMS_MANAGER))


def test_an_organization_rule_without_lists_judges_as_sms032(
    write, check_json, tmp_path: Path
) -> None:
    org_rule(write, "")
    write("a.yaml", nonconformity("user error on the night shift", extra=VERIFIED))
    honest = nonconformity("Operator error because the form has no validation", extra=VERIFIED)
    write("b.yaml", honest.replace("NC-1", "NC-2"))
    _, report = check_json(tmp_path)
    assert [g[:4] for g in located(report, "ORG-1")] == [
        ("a.yaml:17", "ORG-1", "10.1", "observation")
    ]


def test_the_packs_lists_are_the_defaults() -> None:
    pack = yaml.safe_load((EXAMPLE.parent / "policies" / "iso20000-1-2018.yaml").read_text())
    [rule] = [r for r in pack["rules"] if r["id"] == "SMS032"]
    assert rule["params"] == {
        "cause_words": list(root_causes.CAUSE_WORDS),
        "person_words": list(root_causes.PERSON_WORDS),
        "filler_words": list(root_causes.FILLER_WORDS),
        "agent_links": list(root_causes.AGENT_LINKS),
        "explanation_words": list(root_causes.EXPLANATION_WORDS),
        "agent_max_words": root_causes.AGENT_MAX_WORDS,
    }


def test_an_organization_s_own_filler_words_widen_what_is_vague(
    write, check_json, tmp_path: Path
) -> None:
    org_rule(write, "    params: {filler_words: [the, in, warehouse]}\n")
    write("a.yaml", nonconformity("Operator error in the warehouse", extra=VERIFIED))
    write("b.yaml", nonconformity("Operator error on the night shift").replace("NC-1", "NC-2"))
    _, report = check_json(tmp_path)
    assert [g[:2] for g in located(report, "ORG-1")] == [("a.yaml:17", "ORG-1")]


@pytest.mark.parametrize(
    ("params", "said"),
    [
        (
            "{vague_causes: [human error]}",
            "unknown parameter 'vague_causes' (root-cause-named takes cause_words, "
            "person_words, filler_words, agent_links and explanation_words, each a list of "
            "single words, and agent_max_words, a whole number)",
        ),
        ("{cause_words: error}", "'cause_words' must be a list of words"),
        ("{person_words: [staff, 3]}", "'person_words' must be a list of words"),
        ("{filler_words: [a, on]}", "'filler_words' must be a list of words"),  # YAML's on: true
        (
            "{cause_words: [human error]}",
            "'cause_words' holds 'human error', which is not one word; list each word on its "
            "own (a root cause is judged word by word)",
        ),
        ("{cause_words: []}", "'cause_words' is empty, so no root cause could be vague"),
    ],
)
def test_unusable_lists_stop_the_run_when_the_pack_is_loaded(
    write, invoke, tmp_path: Path, params: str, said: str
) -> None:
    org_rule(write, f"    params: {params}\n")
    write("a.yaml", nonconformity(extra=VERIFIED))
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    pack = tmp_path / "org" / "rules.yaml"
    assert result.output == f"sms-lint: error: rule ORG-1 ({pack}): {said}\n"
