"""SMS032 after review (issue 15, point 5): a root cause that names who erred in words beyond
the lists ("Human error by the account manager", "Carelessness of the account manager") is as
vague as "Human error by operator"; an agent that goes on to explain (a causal or circumstance
word, a deficiency, or punctuation that opens an explanation) names a cause and passes.
"Lack of <cause word>" is vague, "lack of <anything else>" names a cause; "Unknown" names
none. The agent's links, explanation words and length are the rule's parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from auditor_repos import markdown
from conftest import TODAY, located
from test_corrective import VERIFIED, check, nonconformity
from test_corrective_review import message, org_rule

AGENTS = [
    "Human error by the commercial team.",
    "Human error by the account manager.",
    "Lack of attention by staff.",
    "Carelessness of the account manager.",
    "Unknown.",
    "Unknown cause.",
    "Cause unknown",
    "Root cause unidentified",
    "Human error by the Account Manager!",
    "Lack of care by the sales team",
    "Lack of concentration of the account manager",
    "Lack of focus",
    "Poor attention by the service desk",
    "Inattention by the finance clerk",
    "Oversight by the commercial team",
    "Mistake made by the account manager",
    "Error by a member of the commercial team",  # six words after "by", three after "of"
    "Error due to carelessness of the account manager",
    "Error by the regional account management team",  # five words: still only who
    "Mistakes of the billing clerks",
]

STILL_VAGUE = ["Human error by operator.", "Staff forgot.", "Operator error on the night shift"]

EXPLAINED = [
    "Human error - the review reminder was kept only in a personal calendar.",
    "Lack of training on the new form",
    "Lack of a second check in the release procedure",
    "Lack of staff on the service desk",
    "Human error by the account manager: the template hides the renewal date",
    "Error by the account manager because the template hides the renewal date",
    "Error by the account manager; the handover note was missing",
    "Error by the account manager (no handover)",
    "Error by the account manager - no handover",
    "Error by the account manager, who had not been trained",
    "Error by the account manager when the CRM was down",
    "Oversight by the account manager without a checklist",
    "Carelessness of the team as the checklist is undocumented",
    "Human error by the operator following an outdated runbook",
    "Error by untrained staff",
    "Oversight by a new starter with no induction",
    "Error caused by an outdated runbook",  # the link follows "caused": a cause, not an agent
    "Mistake by the commercial team. The contract template has no renewal field.",
    "Error by the north regional account management team",  # six words: more than who
    "Error by the account manager since renewals are tracked by hand",
]


@pytest.mark.parametrize("cause", AGENTS + STILL_VAGUE)
def test_a_cause_that_names_only_who_erred_is_an_observation_at_root_cause(
    write, check_json, tmp_path: Path, cause: str
) -> None:
    files = {"nc.yaml": nonconformity(json.dumps(cause), extra=VERIFIED)}
    got = check(write, check_json, tmp_path, files)
    assert got == [("nc.yaml:17", "SMS032", "10.1", "observation", message(cause))]


@pytest.mark.parametrize(
    "cause", ["Human error by the commercial team.", "Carelessness of the account manager."]
)
def test_in_markdown_the_agent_form_is_found_at_its_line(
    write, check_json, tmp_path: Path, cause: str
) -> None:
    files = {"nc.md": markdown(nonconformity(cause, closed=False))}
    got = check(write, check_json, tmp_path, files)
    assert got == [("nc.md:18", "SMS032", "10.1", "observation", message(cause))]


@pytest.mark.parametrize("cause", EXPLAINED)
def test_a_cause_that_explains_after_the_agent_passes(
    write, check_json, tmp_path: Path, cause: str
) -> None:
    files = {"nc.yaml": nonconformity(json.dumps(cause), extra=VERIFIED)}
    assert check(write, check_json, tmp_path, files) == []


def test_in_markdown_an_explained_agent_passes(write, check_json, tmp_path: Path) -> None:
    cause = "Human error by the account manager: the template hides the renewal date"
    files = {"nc.md": markdown(nonconformity(cause, closed=False))}
    assert check(write, check_json, tmp_path, files) == []


def _org_findings(write, check_json, tmp_path: Path, params: str, causes: list[str]) -> list:
    org_rule(write, f"    params: {params}\n")
    for n, cause in enumerate(causes, 1):
        text = nonconformity(json.dumps(cause), extra=VERIFIED).replace("NC-1", f"NC-{n}")
        write(f"nc{n}.yaml", text)
    _, report = check_json(tmp_path)
    return [g[:4] for g in located(report, "ORG-1")]


def test_agent_max_words_zero_leaves_out_the_agent_form(write, check_json, tmp_path: Path) -> None:
    causes = ["Human error by the account manager.", "Human error by operator."]
    got = _org_findings(write, check_json, tmp_path, "{agent_max_words: 0}", causes)
    assert got == [("nc2.yaml:17", "ORG-1", "10.1", "observation")]


def test_an_organization_s_links_and_explanation_words_are_its_own(
    write, check_json, tmp_path: Path
) -> None:
    causes = [
        "Human error by the account manager.",  # "by" is no longer a link
        "Human error via the account manager",
        "Human error via the account manager on leave",  # "leave" now explains
    ]
    params = "{agent_links: [via], explanation_words: [leave], agent_max_words: 6}"
    got = _org_findings(write, check_json, tmp_path, params, causes)
    assert got == [("nc2.yaml:17", "ORG-1", "10.1", "observation")]


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ("{agent_links: by}", "'agent_links' must be a list of words"),
        (
            "{explanation_words: [due to]}",
            "'explanation_words' holds 'due to', which is not one word; list each word on "
            "its own (a root cause is judged word by word)",
        ),
        *(
            (
                f"{{agent_max_words: {value}}}",
                "'agent_max_words' must be a whole number of words, 0 or more (0 leaves out "
                "the form that names who erred)",
            )
            for value in ("-1", "five", "2.5", "true")
        ),
    ],
)
def test_unusable_agent_params_stop_the_run_when_the_pack_is_loaded(
    write, invoke, tmp_path: Path, params: str, said: str
) -> None:
    org_rule(write, f"    params: {params}\n")
    write("a.yaml", nonconformity(extra=VERIFIED))
    result = invoke("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    pack = tmp_path / "org" / "rules.yaml"
    assert result.output == f"sms-lint: error: rule ORG-1 ({pack}): {said}\n"


@pytest.mark.parametrize("cause", ["Error from a stale cache", "Mistakes from manual entry"])
def test_a_cause_from_a_thing_is_named(write, check_json, tmp_path: Path, cause: str) -> None:
    # "from" does not link an agent: what follows it is the thing that caused the error.
    files = {"nc.yaml": nonconformity(json.dumps(cause), extra=VERIFIED)}
    assert check(write, check_json, tmp_path, files) == []
