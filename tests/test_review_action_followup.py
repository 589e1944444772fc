"""SMS050 action-followed-up (issue 21, item 4): a management-review action still open past its
due date is a finding on the action; graded higher when a later review did not consider
previous-actions, an observation when the record never says its state and nothing shows the
follow-up. Today is pinned to 2026-11-22."""

from __future__ import annotations

from pathlib import Path

from auditor_repos import AUDIT_ROLES, only, review
from conftest import located
from sms_texts import roles_artifact

from sms_lint.checks.management_review import review_inputs

RULES = ("SMS001", "SMS014", "SMS048", "SMS050")
WITHOUT_PREVIOUS = [i for i in review_inputs() if i != "previous-actions"]


def actions(due: str = "2026-09-30", state: str | None = None) -> str:
    """One action: its id on line 10, its due on line 13, its state (if any) on line 14."""
    text = (
        "actions:\n  - id: MR-A1\n    description: Staff the late shift\n"
        f"    owner: sms-manager\n    due: {due}\n"
    )
    return text + (f"    state: {state}\n" if state is not None else "")


def run(write, check_json, tmp_path: Path, files: dict[str, str]) -> list[tuple]:
    only(write, "SMS050")
    write("roles.yaml", roles_artifact(*AUDIT_ROLES))
    for name, text in files.items():
        write(name, text)
    _, report = check_json(tmp_path, "--today", "2026-11-22")
    return located(report, *RULES)


def test_an_open_action_past_its_due_is_a_minor_finding_at_its_due(
    write, check_json, tmp_path: Path
) -> None:
    files = {"mr.yaml": review("MR-1", "2026-04-21", actions=actions(state="open"))}
    assert run(write, check_json, tmp_path, files) == [
        (
            "mr.yaml:13",
            "SMS050",
            "9.3",
            "minor",
            "action 'MR-A1' of management review 'MR-1' is still open and was due on "
            "2026-09-30, 53 days ago: complete it and set state: done, or record a new due "
            "date and why it slipped",
        )
    ]


def test_a_later_review_without_previous_actions_grades_it_major(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "mr1.yaml": review("MR-1", "2026-04-21", actions=actions(state="open")),
        "mr2.yaml": review("MR-2", "2026-10-27", inputs=WITHOUT_PREVIOUS),
    }
    assert run(write, check_json, tmp_path, files) == [
        (
            "mr1.yaml:13",
            "SMS050",
            "9.3",
            "major",
            "action 'MR-A1' of management review 'MR-1' is still open and was due on "
            "2026-09-30, 53 days ago; management review 'MR-2' did not consider "
            "previous-actions, so it was not followed up there: complete it and set state: "
            "done, or record a new due date and why it slipped",
        )
    ]


def test_a_done_action_or_one_not_yet_due_passes(write, check_json, tmp_path: Path) -> None:
    files = {
        "mr1.yaml": review("MR-1", "2026-04-21", actions=actions(state="done")),
        "mr2.yaml": review("MR-2", "2026-05-21", actions=actions(due="2026-11-22", state="open")),
    }
    assert run(write, check_json, tmp_path, files) == []


def test_an_action_without_state_followed_up_by_a_later_review_passes(
    write, check_json, tmp_path: Path
) -> None:
    """Minutes written before `state` existed: the next review's previous-actions is the
    evidence an auditor accepts."""
    files = {
        "mr1.yaml": review("MR-1", "2026-04-21", actions=actions()),
        "mr2.yaml": review("MR-2", "2026-10-27"),
    }
    assert run(write, check_json, tmp_path, files) == []


def test_an_action_without_state_and_no_follow_up_is_an_observation(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "mr1.yaml": review("MR-1", "2026-04-21", actions=actions()),
        # held before the action was due: it could not show the action was done
        "mr2.yaml": review("MR-2", "2026-08-27"),
    }
    assert run(write, check_json, tmp_path, files) == [
        (
            "mr1.yaml:13",
            "SMS050",
            "9.3",
            "observation",
            "action 'MR-A1' of management review 'MR-1' was due on 2026-09-30, 53 days ago, "
            "and neither the action (state) nor a later review considering previous-actions "
            "shows it was done: set state: done once it is, or follow it up at the next review",
        )
    ]


def test_an_action_without_state_skipped_by_a_later_review_is_minor(
    write, check_json, tmp_path: Path
) -> None:
    files = {
        "mr1.yaml": review("MR-1", "2026-04-21", actions=actions()),
        "mr2.yaml": review("MR-2", "2026-10-27", inputs=WITHOUT_PREVIOUS),
    }
    assert run(write, check_json, tmp_path, files) == [
        (
            "mr1.yaml:13",
            "SMS050",
            "9.3",
            "minor",
            "action 'MR-A1' of management review 'MR-1' was due on 2026-09-30, 53 days ago, "
            "and neither the action (state) nor a later review considering previous-actions "
            "shows it was done; management review 'MR-2' did not consider previous-actions, "
            "so it was not followed up there: set state: done once it is, or follow it up at "
            "the next review",
        )
    ]


def test_an_action_due_before_its_review_is_sms051s_finding_alone(
    write, check_json, tmp_path: Path
) -> None:
    only(write, "SMS048", "SMS050")
    write("roles.yaml", roles_artifact(*AUDIT_ROLES))
    write("mr.yaml", review("MR-1", "2026-04-21", actions=actions("2026-03-31", "open")))
    _, report = check_json(tmp_path, "--today", "2026-11-22")
    assert [(where, rule) for where, rule, *_ in located(report, *RULES)] == [
        ("mr.yaml:13", "SMS048")
    ]


def test_a_state_the_schema_does_not_know_is_the_schemas_finding(
    write, check_json, tmp_path: Path
) -> None:
    files = {"mr.yaml": review("MR-1", "2026-04-21", actions=actions("2027-01-31", "closed"))}
    got = run(write, check_json, tmp_path, files)
    assert [(where, rule) for where, rule, *_ in got] == [("mr.yaml:14", "SMS001")]
