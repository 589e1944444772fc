"""The owner of a risk's treatment action is a role reference too (SMS018, under 6.1), as the
schema's `x-refers-to` and the kinds diagram say."""

from __future__ import annotations

from conftest import located

ROLES = """\
id: ROLES
kind: roles
title: Roles
owner: sms-manager
status: draft
roles:
  - id: sms-manager
    title: SMS manager
    holder: Tomas Berg
    responsibilities: [Runs the SMS]
"""

RISKS = """\
id: RISK-REG
kind: risk-register
title: Risks
owner: sms-manager
status: draft
risks:
  - id: R-01
    description: Datacentre outage
    likelihood: 2
    impact: 4
    owner: sms-manager
    treatment: mitigate
    actions:
      - Keep the runbook current
      - description: Second site
        owner: sms-manger
        due: 2027-06-30
      - description: Failover test
        owner: sms-manager
    review_by: 2027-06-30
"""


def test_an_unknown_action_owner_is_named_at_its_line(write, tmp_path, check_json) -> None:
    write("roles.yaml", ROLES)
    write("risks.yaml", RISKS)
    _, report = check_json(tmp_path)
    assert located(report, "SMS018") == [
        (
            "risks.yaml:16",
            "SMS018",
            "6.1",
            "minor",
            "owner 'sms-manger' of the 2nd action of risk R-01 is not a role in ROLES (did you "
            "mean 'sms-manager'?): use a role id defined there, or add the role with its holder",
        )
    ]
