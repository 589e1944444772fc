"""``sms-lint explain RULE``: rationale, remediation and examples; did-you-mean on typos."""

from __future__ import annotations

import pytest

from sms_lint.config.pack import load_framework


@pytest.mark.parametrize("query", ["SMS005", "sms005", "review-current", "Review-Current", "sms5"])
def test_explains_a_rule_by_id_or_name(invoke, query: str) -> None:
    result = invoke("explain", query)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("SMS005 review-current\n")
    assert "clause 7.5.3 Control of documented information; default severity minor" in text
    for heading in ("What it checks:", "Why it matters:", "How to fix it:", "Passes:", "Fails:"):
        assert f"\n{heading}\n" in text
    assert "    last_reviewed: 2024-09-30" in text  # the failing example, indented


def test_every_rule_has_an_explanation_with_both_examples(invoke) -> None:
    for rule in load_framework().rules:
        text = invoke("explain", rule.id).stdout
        assert "Why it matters:" in text and "How to fix it:" in text, rule.id
        assert "Passes:" in text and "Fails:" in text, rule.id


def test_long_texts_are_wrapped(invoke) -> None:
    text = invoke("explain", "SMS018").stdout
    prose = text.split("Passes:")[0]
    assert max(len(line) for line in prose.splitlines()[2:]) <= 88


def test_unknown_rule_exits_2_with_a_suggestion(invoke) -> None:
    result = invoke("explain", "review-curent")
    assert result.exit_code == 2
    assert result.stderr.startswith("sms-lint: error: unknown rule 'review-curent'")
    assert "did you mean SMS005 (review-current)" in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_unknown_rule_without_a_close_match_still_points_at_the_list(invoke) -> None:
    result = invoke("explain", "zzz")
    assert result.exit_code == 2
    assert "did you mean" not in result.stderr
    assert "'sms-lint rules' lists every rule" in result.stderr


def test_missing_argument_exits_2(invoke) -> None:
    assert invoke("explain").exit_code == 2


def test_explain_and_rules_read_the_config_in_the_current_folder(
    invoke, write, tmp_path, monkeypatch
) -> None:
    """Run at the root of an SMS repository, they describe the rules its check applies."""
    write(
        "org-rules.yaml",
        "rules:\n  - id: ORG001\n    name: sla-floor\n    clause: '8.3.3'\n    severity: major\n"
        "    check: require-schema\n    description: Our SLAs promise 99.5 percent.\n"
        "    params:\n      select: {kind: sla}\n      schema: {required: [targets]}\n",
    )
    write(".sms-lint.yaml", "policies: [org-rules.yaml]\n")
    monkeypatch.chdir(tmp_path)
    assert "ORG001" in invoke("rules").stdout
    assert invoke("explain", "ORG001").stdout.startswith("ORG001 sla-floor")
    monkeypatch.chdir(tmp_path.parent)
    assert invoke("explain", "ORG001").exit_code == 2
