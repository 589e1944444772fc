"""One defect, one finding: schema findings fold into the clause rule's finding about the same
field (sms_lint/pipeline/folding.py), missing fields of one item are one finding, header fields are
filed under document control (7.5.2)."""

from __future__ import annotations

from pathlib import Path

from conftest import found, quiet_config

from sms_lint.finding import Finding, Severity
from sms_lint.pipeline.folding import fold, related


def _finding(rule: str, line: int, about: tuple, written: bool = False, **kw) -> Finding:
    defaults = dict(path="a.yaml", column=1, clause="8.3.3", severity=Severity.MINOR)
    defaults.update(kw)
    return Finding(
        line=line, rule=rule, message=f"{rule} says", about=about, written=written, **defaults
    )


def test_related_paths_are_the_same_inside_or_around_never_the_whole_artifact() -> None:
    assert related(((("targets", 2, "target")),), (("targets", 2),))
    assert related((("targets", 2),), (("targets", 2, "unit"),))
    assert related((("owner",),), (("owner",),))
    assert not related((("targets", 1),), (("targets", 2),))
    assert not related(((),), (("owner",),))
    assert not related((("approved_on",),), (("approved_by",),))


def test_a_missing_field_folds_into_the_rule_keeping_its_message_and_the_higher_grade() -> None:
    schema = _finding("SMS001", 14, (("kpis", 0, "target"),), clause="7.5.2")
    rule = _finding("SMS009", 13, (("kpis", 0),), severity=Severity.MAJOR, clause="8.1")
    (only,) = fold([schema], [rule])
    assert (only.rule, only.line, only.clause, only.severity, only.message) == (
        "SMS009",
        13,
        "8.1",
        Severity.MAJOR,
        "SMS009 says",
    )


def test_a_written_wrong_value_gives_its_own_message_and_place_under_the_rule() -> None:
    schema = _finding("SMS001", 23, (("targets", 2, "target"),), True, severity=Severity.MAJOR)
    rule = _finding("SMS010", 22, (("targets", 2, "target"),))
    (only,) = fold([schema], [rule])
    assert (only.rule, only.line, only.severity, only.message) == (
        "SMS010",
        23,
        Severity.MAJOR,
        "SMS001 says",
    )


def test_schema_findings_no_rule_covers_stay_and_other_files_do_not_fold() -> None:
    other_file = _finding("SMS001", 5, (("owner",),), path="b.yaml")
    other_field = _finding("SMS001", 6, (("unit",),))
    whole = _finding("SMS001", 1, ((),))
    rule = _finding("SMS004", 5, (("owner",),))
    out = fold([other_file, other_field, whole], [rule])
    assert out == [other_file, other_field, whole, rule]


def test_one_schema_finding_two_rules_fold_it_into_each() -> None:
    schema = _finding("SMS001", 9, (("last_reviewed",),), True)
    first = _finding("SMS004", 5, (("last_reviewed",),))
    second = _finding("SMS005", 9, (("last_reviewed",),))
    out = fold([schema], [first, second])
    assert [(f.rule, f.message) for f in out] == [
        ("SMS004", "SMS001 says"),
        ("SMS005", "SMS001 says"),
    ]


HEADER = (
    "id: SUP-1\nkind: supplier\ntitle: Carrier\nowner: supplier-manager\nstatus: draft\n"
    'version: "1.0"\n'
)


def test_missing_fields_of_one_item_are_one_schema_finding(write, tmp_path: Path, check_json):
    write(".sms-lint.yaml", quiet_config("SMS001"))
    write(
        "objectives.yaml",
        "id: OBJ\nkind: objectives\ntitle: Objectives\nowner: sms-manager\nstatus: draft\n"
        "objectives:\n  - id: OBJ-01\n    statement: Resolve incidents on time\n",
    )
    _, report = check_json(tmp_path)
    (finding,) = found(report, "SMS001")
    assert finding[:2] == ("objectives.yaml", 7)
    assert finding[4] == (
        "objectives (OBJ-01) has no metric, target, unit, comparator, due, owner or frequency: "
        "add them"
    )


def test_header_and_unknown_top_level_fields_are_document_control(
    write, tmp_path: Path, check_json
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001"))
    write(
        "sup.yaml",
        HEADER.replace("owner: supplier-manager\n", "")
        + "aproved_on: 2026-01-01\nlast_reviewed: 2026-02-30\nsupports: 5\n",
    )
    _, report = check_json(tmp_path)
    by_line = {f[1]: (f[3], f[4]) for f in found(report, "SMS001")}
    assert by_line[1][0] == "7.5.2"  # missing owner (and the kind's own missing fields)
    assert by_line[6] == ("7.5.2", "unknown field aproved_on (did you mean 'approved_on'?)")
    assert by_line[7] == (
        "7.5.2",
        "last_reviewed 2026-02-30 is not a date in the calendar (February 2026 has 28 days): "
        "correct it",
    )
    assert by_line[8] == ("8.3.4", "supports must be a list (got 5)")


def test_an_impossible_date_in_a_dated_field_is_one_finding(write, tmp_path, check_json) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001", "SMS105"))
    write("sup.yaml", HEADER + "last_reviewed: 2026-04-31\n")
    _, report = check_json(tmp_path)
    assert [(f[1], f[2]) for f in found(report, "SMS001", "SMS105") if f[1] == 7] == [(7, "SMS001")]


def test_a_version_written_as_a_number_is_quoted_as_written(write, tmp_path, check_json) -> None:
    write(".sms-lint.yaml", quiet_config("SMS106"))
    write("sup.yaml", HEADER.replace('version: "1.0"', "version: 1.20"))
    write("doc.md", "---\n" + HEADER.replace('version: "1.0"', "version:   2.10") + "---\n# x\n")
    _, report = check_json(tmp_path)
    assert [(f[0], f[1], f[3], f[4]) for f in found(report, "SMS106")] == [
        (
            "doc.md",
            7,
            "7.5.2",
            "version 2.10 is read as the number 2.1 (so 1.10 would become 1.1): put it in "
            'quotes: version: "2.10"',
        ),
        (
            "sup.yaml",
            6,
            "7.5.2",
            "version 1.20 is read as the number 1.2 (so 1.10 would become 1.1): put it in "
            'quotes: version: "1.20"',
        ),
    ]


def test_a_rule_finding_about_more_than_the_wrong_value_keeps_its_own_words_too() -> None:
    schema = _finding("SMS001", 21, (("closed_on",),), True)
    rule = _finding("SMS026", 13, (("root_cause",), ("closed_on",)))
    (only,) = fold([schema], [rule])
    assert (only.rule, only.line, only.message) == ("SMS026", 21, "SMS001 says; SMS026 says")


def test_a_required_field_under_a_misspelt_key_is_one_finding_at_the_key(
    write, tmp_path: Path, check_json
) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001"))
    write("sup.yaml", HEADER + "supplier_nme: Carrier Ltd\nsuports: [SVC-1]\n")
    write("doc.md", "---\n" + HEADER.replace("owner:", "ownr:") + "---\n# x\n")
    _, report = check_json(tmp_path)
    missing = "contract_ref, contract_end, targets and last_performance_review are missing"
    assert [(f[0], f[1], f[3], f[4]) for f in found(report, "SMS001")] == [
        ("doc.md", 2, "8.3.4", f"supplier_name, supports, {missing}: add them"),
        (
            "doc.md",
            5,
            "7.5.2",
            "unknown field ownr (did you mean 'owner'?): owner is required, so rename the key",
        ),
        ("sup.yaml", 1, "8.3.4", f"{missing}: add them"),
        (
            "sup.yaml",
            7,
            "8.3.4",
            "unknown field supplier_nme (did you mean 'supplier_name'?): supplier_name is "
            "required, so rename the key",
        ),
        (
            "sup.yaml",
            8,
            "8.3.4",
            "unknown field suports (did you mean 'supports'?): supports is required, so rename "
            "the key",
        ),
    ]


def test_text_read_as_a_mapping_says_to_quote_it(write, tmp_path: Path, check_json) -> None:
    write(".sms-lint.yaml", quiet_config("SMS001"))
    write("sup.yaml", HEADER + "x-notes:\n  - plain\nsupports:\n  - Hosting: all regions\n")
    _, report = check_json(tmp_path)
    assert (
        "supports (1st item) must be text (got a mapping); it holds ': ' (colon and space), "
        "which YAML reads as 'key: value': put the whole text in quotes"
    ) in [f[4] for f in found(report, "SMS001")]
