"""A date in .sms-lint.yaml written the old way gets the same reading hint as one in a document.

The run still stops (exit 2) with one sentence; the sentence now says which YYYY-MM-DD date(s)
the text can be read as, so an SMS manager used to 31/10/2027 sees what to write.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import TODAY

ERROR = "sms-lint: error: .sms-lint.yaml: waivers[0].expires must be a date written YYYY-MM-DD"


def config_with_expiry(write: Callable[..., Path], expires: str) -> None:
    write(
        ".sms-lint.yaml",
        f"""
        waivers:
          - rule: SMS013
            path: records/AUD-001.yaml
            reason: the first audit is booked for next month
            approved_by: managing-director
            expires: {expires}
        """,
    )


def policy(write: Callable[..., Path], approved_on: str) -> None:
    write(
        "POL-001.md",
        f"""
        ---
        kind: policy
        id: POL-001
        title: Service management policy
        owner: managing-director
        version: "1.0"
        approved_by: managing-director
        approved_on: {approved_on}
        ---
        The policy.
        """,
    )


def stderr_of_check(invoke: Callable[..., Result], root: Path) -> tuple[int, str, str]:
    result = invoke("check", str(root), "--today", TODAY)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("expires", "hint"),
    [
        # day 31 cannot be a month: one reading only
        ("31/10/2027", " (got '31/10/2027'; write 2027-10-31)"),
        ("'31/10/2027'", " (got '31/10/2027'; write 2027-10-31)"),
        ("31.10.2027", " (got '31.10.2027'; write 2027-10-31)"),
        ("31 Oct 2027", " (got '31 Oct 2027'; write 2027-10-31)"),
        ("2027/10/31", " (got '2027/10/31'; write 2027-10-31)"),
        # UK and US readings differ: both are named, none is guessed
        (
            "03/02/2027",
            " (got '03/02/2027'; write 2027-02-03 if that is 3 February, "
            "2027-03-02 if it is 2 March)",
        ),
        # no date at all, and no date in the calendar: no reading to offer
        ("next year", " (got 'next year')"),
        ("'2027-02-30'", " (got '2027-02-30')"),
    ],
)
def test_a_config_date_written_another_way_names_its_reading(
    write, tmp_path, invoke, expires: str, hint: str
) -> None:
    config_with_expiry(write, expires)
    code, stdout, stderr = stderr_of_check(invoke, tmp_path)
    assert (code, stdout) == (2, "")
    assert stderr == ERROR + hint + "\n"


def test_the_hint_is_the_one_a_document_gets(write, tmp_path, invoke) -> None:
    """The same words as the schema's message for a document's date (one function for both)."""
    config_with_expiry(write, "03/02/2027")
    _, _, stderr = stderr_of_check(invoke, tmp_path)
    write(".sms-lint.yaml", "rules: {}\n")
    policy(write, "03/02/2027")
    document = invoke("check", str(tmp_path), "--today", TODAY).stdout
    hint = "write 2027-02-03 if that is 3 February, 2027-03-02 if it is 2 March)"
    assert stderr.endswith(hint + "\n")
    assert hint in document


def test_a_date_written_yyyy_mm_dd_is_still_read(write, tmp_path, invoke) -> None:
    config_with_expiry(write, "2027-10-31")
    policy(write, "2026-11-01")
    code, _, stderr = stderr_of_check(invoke, tmp_path)
    assert stderr == ""
    assert code in (0, 1)  # a tiny repository has findings; the config itself is accepted
