"""Who holds a role, one answer for every rule (SMS003, SMS023, SMS029-SMS031)."""

from __future__ import annotations

from sms_lint.checks.authority import shared_holder
from sms_lint.facts import holder_of, same_person


def test_a_holder_that_names_nobody_is_no_holder() -> None:
    for nobody in ("Vacant", "N/A", "-", "?", " tba ", "", "  "):
        assert holder_of({"holder": nobody}) is None, nobody
    assert holder_of({"holder": "  Bo Chan "}) == "Bo Chan"
    assert holder_of(None) is None


def test_two_vacant_roles_are_not_one_person() -> None:
    roles = {"qm": {"holder": "Vacant"}, "ceo": {"holder": "vacant"}}
    assert shared_holder("qm", "ceo", roles) is None
    roles = {"qm": {"holder": "Ingrid  Vos"}, "ceo": {"holder": "ingrid vos"}}
    assert shared_holder("qm", "ceo", roles) == "Ingrid  Vos"
    assert same_person("Marcus  bell", "marcus Bell")
