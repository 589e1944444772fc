"""A waiver approved by a role nobody holds is unbounded (SMS036), however the vacancy is
written: honest prose ("Vacant (recruiting)", "to be appointed") or a placeholder still to
fill in ("TBD", "<name>") (adversarial review, issue 16)."""

from __future__ import annotations

import pytest
from test_packs_and_waivers_hard import TAIL, VACANT, findings, waiver_repo

WAIVER = (
    "rule: SMS001, path: bad.yaml, reason: legacy, approved_by: sms-manager, expires: 2027-01-31"
)
MANAGING_DIRECTOR = (
    "{id: managing-director, title: MD, holder: Eleanor Marsh, top_management: true, "
    "responsibilities: [Leads]}"
)


@pytest.mark.parametrize(
    ("holder", "why"),
    [
        ("Vacant (recruiting)", "its 'holder' names nobody"),
        ("to be appointed", "its 'holder' names nobody"),
        ("TBD", "its 'holder' is still the placeholder 'TBD'"),
        ("'<Name of your SMS manager>'", "its 'holder' is still the placeholder"),
    ],
)
def test_the_approving_role_has_nobody_in_it(write, tmp_path, check_json, holder, why) -> None:
    line = waiver_repo(write, WAIVER, VACANT.replace("Vacant", holder), MANAGING_DIRECTOR)
    [(path, at, severity, message)] = findings(check_json, tmp_path, "SMS036")
    assert (path, at, severity) == (".sms-lint.yaml", line, "minor")
    assert message.startswith(
        "waiver for SMS001 on bad.yaml is approved by 'sms-manager', a role that has no "
        f"holder ({why}"
    )
    assert message.endswith(TAIL)


def test_a_person_named_vacanti_holds_the_role(write, tmp_path, check_json) -> None:
    """Only the word, not a name that starts like it."""
    waiver_repo(write, WAIVER, VACANT.replace("Vacant", "Vacanti Rossi"), MANAGING_DIRECTOR)
    assert findings(check_json, tmp_path, "SMS036") == []


@pytest.mark.parametrize("holder", ["Vacant (recruiting)", "to be appointed in May"])
def test_a_role_written_as_vacant_has_no_holder(write, tmp_path, check_json, holder) -> None:
    """SMS003 reads the vacancy the same way: the role owns a document, nobody holds it."""
    write(
        "roles.yaml",
        "id: ROLES\nkind: roles\ntitle: Roles\nowner: sms-manager\nstatus: draft\nroles:\n"
        f"  - {VACANT.replace('Vacant', holder)}\n",
    )
    _, report = check_json(tmp_path)
    [finding] = [f for f in report["findings"] if f["rule"] == "SMS003"]
    assert finding["message"].startswith("role 'sms-manager' has no holder")
