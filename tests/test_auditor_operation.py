"""Issue 14 for SMS007-SMS012: one finding per defect, at the offending key, naming items as
the user wrote them, graded as a lead auditor would, no cascade from an unreadable file.
YAML and Markdown (front matter) artifacts alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from auditor_repos import (
    KPI,
    NOT_UTF8,
    TARGET,
    header,
    markdown,
    not_utf8,
    objective,
    only,
    risk,
    waits,
)
from conftest import graded

# SMS007 objectives-measurable


def test_an_objective_lacking_target_and_unit_is_one_minor_finding_at_it(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS007")
    lacking = objective("O2").replace("    target: 95\n", "").replace("    unit: percent\n", "")
    body = "objectives:\n" + objective("O1") + lacking
    write("objectives.yaml", header("OBJ-2026", "objectives") + body)
    _, report = check_json(tmp_path)
    # O1 takes lines 11-19; O2 starts on line 20. The schema's finding folds into this one.
    assert graded(report, "SMS001", "SMS007") == [
        (
            "objectives.yaml",
            20,
            "SMS007",
            "6.2",
            "minor",
            "objective 'O2' cannot be measured: it has no numeric target or unit; add target "
            "(a number) and unit (e.g. percent)",
        )
    ]


def test_no_measurable_objective_at_all_is_major_and_names_every_missing_field(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS007")
    front = header("OBJ-2026", "objectives") + (
        "objectives:\n  - id: O1\n    statement: Improve incident handling\n    metric: mttr\n"
    )
    write("objectives.md", markdown(front))
    _, report = check_json(tmp_path)
    assert graded(report, "SMS001", "SMS007") == [
        (
            "objectives.md",
            12,
            "SMS007",
            "6.2",
            "major",
            "objective 'O1' cannot be measured: it has no numeric target, unit or comparator "
            "(and no due date, owner or frequency), and its statement uses 'Improve' and no "
            "number; add target (a number), unit (e.g. percent), comparator (>=, <= or =), due "
            "(YYYY-MM-DD), owner (a role id) and frequency (e.g. monthly), and state the result "
            "in figures",
        )
    ]


def test_a_target_written_as_text_is_the_objective_rule_at_that_value(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS007")
    body = "objectives:\n" + objective("O1").replace("target: 95", "target: high")
    body += objective("O2")
    write("objectives.yaml", header("OBJ-2026", "objectives") + body)
    _, report = check_json(tmp_path)
    assert graded(report, "SMS001", "SMS007") == [
        (
            "objectives.yaml",
            14,
            "SMS007",
            "6.2",
            "minor",
            'objectives (O1).target must be a number (got "high")',
        )
    ]


def test_a_vague_statement_of_a_measurable_objective_is_at_the_statement(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS007")
    vague = objective("O1").replace(
        "Resolve 95 percent of P2 incidents within 8 hours", "Handle incidents ASAP"
    )
    write("objectives.md", markdown(header("OBJ-2026", "objectives") + "objectives:\n" + vague))
    _, report = check_json(tmp_path)
    assert graded(report, "SMS001", "SMS007") == [
        (
            "objectives.md",
            13,
            "SMS007",
            "6.2",
            "minor",
            "objective 'O1' is stated vaguely: 'Handle incidents ASAP' uses 'ASAP' and no "
            "number, so it cannot be met or missed: state the result it commits to in figures "
            "(e.g. p2_resolved_in_8h >= 95 percent)",
        )
    ]


def test_an_unnamed_objective_is_named_by_its_metric(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS007")
    unnamed = objective("x").replace("  - id: x\n    statement", "  - statement")
    body = "objectives:\n" + objective("O1") + unnamed.replace('comparator: ">="', "")
    write("objectives.yaml", header("OBJ-2026", "objectives") + body)
    _, report = check_json(tmp_path)
    messages = [f[5] for f in graded(report, "SMS007")]
    assert messages == [
        "objective 'p2_resolved_in_8h' cannot be measured: it has no comparator; add "
        "comparator (>=, <= or =)"
    ]


# SMS012 risk-treatment


def test_empty_actions_of_a_treated_risk_are_at_actions(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS012")
    body = "risks:\n" + risk("R-01") + risk("R-02", "mitigate") + "    actions: []\n"
    body += risk("R-03", "transfer") + "    actions: [Insure the hardware]\n"
    write("risks.yaml", header("RISKS", "risk-register") + body)
    _, report = check_json(tmp_path)
    # R-02 starts on line 18; actions is its 8th line.
    assert graded(report, "SMS001", "SMS012") == [
        (
            "risks.yaml",
            25,
            "SMS012",
            "6.1",
            "minor",
            "risk 'R-02' is to be treated by 'mitigate' but lists no actions: add the actions "
            "that carry out the treatment under actions, or set treatment: accept if the risk "
            "is accepted as it is",
        )
    ]


def test_no_treated_risk_with_actions_is_major_at_each_risk(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS012")
    front = header("RISKS", "risk-register") + "risks:\n" + risk("R-01", "avoid")
    front += risk("R-02", "mitigate")
    write("risks.md", markdown(front))
    _, report = check_json(tmp_path)
    assert [(f[0], f[1], f[4], f[5][:34]) for f in graded(report, "SMS012")] == [
        ("risks.md", 12, "major", "risk 'R-01' is to be treated by 'a"),
        ("risks.md", 19, "major", "risk 'R-02' is to be treated by 'm"),
    ]


def test_actions_the_schema_rejects_are_one_finding_under_the_risk_rule(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS012")
    body = "risks:\n" + risk("R-01", "mitigate") + "    actions: [5]\n" + risk("R-02")
    write("risks.yaml", header("RISKS", "risk-register") + body)
    _, report = check_json(tmp_path)
    [finding] = graded(report, "SMS001", "SMS012")
    assert finding[:5] == ("risks.yaml", 18, "SMS012", "6.1", "minor")
    assert "risks (R-01).actions" in finding[5]


def test_an_overdue_review_is_at_review_by_and_systemic_when_every_risk_is(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS012")
    body = "risks:\n" + risk("R-01", review_by="2026-01-31") + risk("R-02")
    write("risks.yaml", header("RISKS", "risk-register") + body)
    write(
        "old.yaml",
        header("RISKS-B", "risk-register")
        + "risks:\n"
        + risk("R-08", review_by="2026-01-31")
        + risk("R-09", review_by="2026-02-28"),
    )
    _, report = check_json(tmp_path)
    assert graded(report, "SMS001", "SMS012") == [
        (
            "old.yaml",
            17,
            "SMS012",
            "6.1",
            "major",
            "risk 'R-08' was due for review on 2026-01-31: review its likelihood, impact and "
            "treatment, and set review_by to the date of the next review",
        ),
        (
            "old.yaml",
            24,
            "SMS012",
            "6.1",
            "major",
            "risk 'R-09' was due for review on 2026-02-28: review its likelihood, impact and "
            "treatment, and set review_by to the date of the next review",
        ),
        (
            "risks.yaml",
            17,
            "SMS012",
            "6.1",
            "minor",
            "risk 'R-01' was due for review on 2026-01-31: review its likelihood, impact and "
            "treatment, and set review_by to the date of the next review",
        ),
    ]


def test_a_risk_without_id_is_named_by_its_ordinal(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS012")
    unnamed = risk("x", "mitigate").replace("  - id: x\n    description", "  - description")
    write("risks.yaml", header("RISKS", "risk-register") + "risks:\n" + risk("R-01") + unnamed)
    _, report = check_json(tmp_path)
    [finding] = graded(report, "SMS012")
    assert finding[1] == 18  # the risk: it writes no actions key
    assert finding[5].startswith("the 2nd risk is to be treated by 'mitigate' but lists no")


# SMS008 core-documents


def scope(write: Callable, path: str = "scope.yaml", art_id: str = "SCOPE") -> None:
    write(path, header(art_id, "scope") + "services: [SVC-PAY]\nlocations: [Leeds]\n")


def policy(write: Callable, policy_type: str, art_id: str, status: str = "approved") -> None:
    front = header(art_id, "policy", status) + f"policy_type: {policy_type}\n"
    write(f"policies/{policy_type}.md", markdown(front + "commitments: [Meet service levels]\n"))


def core_policies(write: Callable) -> None:
    policy(write, "service-management", "POL-001")
    policy(write, "change-management", "POL-002")
    policy(write, "information-security", "POL-003")


def test_an_unreadable_file_makes_a_missing_core_document_unchecked_not_missing(
    write: Callable, tmp_path: Path, check_json
) -> None:
    # scope.yaml may be the approved scope: no "write one"; its own finding says SMS008 waits.
    only(write, "SMS008", "SMS100")
    core_policies(write)
    write("scope.yaml", b"id: SCOPE\nkind: scope\ntitle: Caf\xe9\n")  # cp1252, not UTF-8
    _, report = check_json(tmp_path)
    assert graded(report, "SMS008", "SMS100") == [
        (
            "scope.yaml",
            3,
            "SMS100",
            "7.5",
            "major",
            NOT_UTF8 + waits("SMS008"),
        )
    ]


def test_an_unreadable_procedure_leaves_the_missing_scope_reported(
    write: Callable, tmp_path: Path, check_json
) -> None:
    # A file declaring a procedure cannot be the scope: the missing scope is the finding.
    only(write, "SMS008", "SMS100")
    core_policies(write)
    write("proc.yaml", b"id: PROC-1\nkind: procedure\ntitle: Caf\xe9\n")
    _, report = check_json(tmp_path)
    assert graded(report, "SMS008", "SMS100") == [
        (
            None,
            None,
            "SMS008",
            "4.3",
            "major",
            "no approved scope of the SMS: write one (kind: scope) and have it approved",
        ),
        (
            "proc.yaml",
            3,
            "SMS100",
            "7.5",
            "major",
            NOT_UTF8,
        ),
    ]


def test_a_misspelt_scope_kind_waits_with_the_grade_of_the_missing_scope(
    write: Callable, tmp_path: Path, check_json
) -> None:
    # 'scop' is a typo of scope: SMS107 (minor on its own) is graded as a missing scope.
    only(write, "SMS008", "SMS107")
    core_policies(write)
    write("scope.yaml", header("SCOPE", "scop") + "services: [SVC-PAY]\nlocations: [Leeds]\n")
    _, report = check_json(tmp_path)
    [(path, line, rule, clause, severity, message)] = graded(report, "SMS008", "SMS107")
    assert (path, line, rule, clause, severity) == ("scope.yaml", 2, "SMS107", "7.5", "major")
    assert message.startswith("unknown kind 'scop' (did you mean 'scope'?)")
    assert message.endswith("; until then SMS008 cannot check what may depend on it")


def test_a_draft_policy_is_named_at_its_status_in_markdown(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS008")
    scope(write)
    policy(write, "service-management", "POL-001")
    policy(write, "change-management", "POL-002")
    policy(write, "information-security", "POL-003", status="draft")
    _, report = check_json(tmp_path)
    assert graded(report, "SMS008") == [
        (
            "policies/information-security.md",
            6,
            "SMS008",
            "8.7.3.1",
            "major",
            "no approved information-security policy: 'POL-003' is not approved; have it "
            "approved and set status: approved with approved_by and approved_on",
        )
    ]


def test_a_second_approved_scope_is_minor_at_its_status(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS008")
    scope(write)
    scope(write, "z-scope.yaml", "SCOPE-2")
    policy(write, "service-management", "POL-001")
    policy(write, "change-management", "POL-002")
    policy(write, "information-security", "POL-003")
    _, report = check_json(tmp_path)
    assert graded(report, "SMS008") == [
        (
            "z-scope.yaml",
            5,
            "SMS008",
            "4.3",
            "minor",
            "a second approved scope of the SMS: 'SCOPE' (scope.yaml) is already approved; "
            "retire this one (status: retired) or merge the two into one",
        )
    ]


# SMS009 processes-documented


def process_md(write: Callable, name: str, kpis: str, status: str = "approved") -> None:
    front = header(f"PRC-{name.upper()}", "process", status) + f"process: {name}\nkpis:{kpis}"
    write(f"processes/{name}.md", markdown(front))


def all_processes_but(write: Callable, *names: str) -> None:
    from test_rules_operation import PROCESS_CLAUSES

    for name in PROCESS_CLAUSES:
        if name not in names:
            body = f"process: {name}\nkpis:\n{KPI}"
            write(f"processes/{name}.yaml", header(f"PRC-{name.upper()}", "process") + body)


def test_the_only_kpi_lacking_its_target_is_major_at_that_kpi(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS009")
    all_processes_but(write, "demand")
    process_md(write, "demand", "\n  - name: Forecast accuracy\n    unit: percent\n")
    _, report = check_json(tmp_path)
    # Front matter from line 2: the header takes lines 2-10, process 11, kpis 12.
    assert graded(report, "SMS001", "SMS009") == [
        (
            "processes/demand.md",
            13,
            "SMS009",
            "8.4.2",
            "major",
            "KPI 'Forecast accuracy' of the demand process ('PRC-DEMAND') has no numeric "
            "target: add target (a number)",
        )
    ]


def test_one_weak_kpi_beside_a_measurable_one_is_minor(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS009")
    all_processes_but(write, "incident")
    kpis = "\n" + KPI + "  - {target: 4}\n"
    process_md(write, "incident", kpis)
    _, report = check_json(tmp_path)
    assert graded(report, "SMS001", "SMS009") == [
        (
            "processes/incident.md",
            14,
            "SMS009",
            "8.6.1",
            "minor",
            "the 2nd KPI of the incident process ('PRC-INCIDENT') has no name or unit: add "
            "name and unit (e.g. percent)",
        )
    ]


def test_a_kpi_target_written_as_text_is_the_process_rule_at_that_value(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS009")
    all_processes_but(write, "problem")
    kpis = '\n  - name: Known errors recorded\n    target: "95%"\n    unit: percent\n'
    process_md(write, "problem", kpis)
    _, report = check_json(tmp_path)
    assert graded(report, "SMS001", "SMS009") == [
        (
            "processes/problem.md",
            14,
            "SMS009",
            "8.6.3",
            "major",
            'kpis (Known errors recorded).target must be a number (got "95%"); write the '
            "number alone: 95",
        )
    ]


def test_no_kpi_at_all_is_at_the_kpis_key(write: Callable, tmp_path: Path, check_json) -> None:
    only(write, "SMS009")
    all_processes_but(write, "capacity")
    process_md(write, "capacity", " []\n")
    _, report = check_json(tmp_path)
    [finding] = graded(report, "SMS001", "SMS009")
    assert finding[:5] == ("processes/capacity.md", 12, "SMS009", "8.4.3", "major")


def test_an_unreadable_file_makes_missing_processes_one_unchecked_finding(
    write: Callable, tmp_path: Path, check_json
) -> None:
    # demand.md declares a process but cannot be read: it may document demand or capacity.
    # One finding, on it.
    only(write, "SMS009", "SMS100")
    all_processes_but(write, "demand", "capacity")
    write("processes/demand.md", b"---\nid: PRC-DEMAND\nkind: process\ntitle: \xff\n---\n")
    _, report = check_json(tmp_path)
    assert graded(report, "SMS009", "SMS100") == [
        (
            "processes/demand.md",
            4,
            "SMS100",
            "7.5",
            "major",
            not_utf8("0xff", 4, "\u00ff") + waits("SMS009"),
        )
    ]


def test_an_unreadable_procedure_leaves_missing_processes_reported(
    write: Callable, tmp_path: Path, check_json
) -> None:
    # A procedure documents no process: demand and capacity are missing, each its finding.
    only(write, "SMS009", "SMS100")
    all_processes_but(write, "demand", "capacity")
    write("processes/demand.md", b"---\nid: PRC-DEMAND\nkind: procedure\ntitle: \xff\n---\n")
    _, report = check_json(tmp_path)
    documents = "no approved process artifact documents the {0} process: write one (kind: "
    documents += "process, process: {0}, with at least one KPI) and have it approved"
    assert graded(report, "SMS009", "SMS100") == [
        (None, None, "SMS009", "8.4.3", "major", documents.format("capacity")),
        (None, None, "SMS009", "8.4.2", "major", documents.format("demand")),
        (
            "processes/demand.md",
            4,
            "SMS100",
            "7.5",
            "major",
            not_utf8("0xff", 4, "\u00ff"),
        ),
    ]


def test_a_draft_process_is_named_at_its_status(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS009")
    all_processes_but(write, "change")
    process_md(write, "change", "\n" + KPI, status="draft")
    _, report = check_json(tmp_path)
    assert graded(report, "SMS009") == [
        (
            "processes/change.md",
            6,
            "SMS009",
            "8.5.1",
            "major",
            "no approved process artifact documents the change process: 'PRC-CHANGE' is not "
            "approved; have it approved and set status: approved with approved_by and "
            "approved_on",
        )
    ]


def test_a_misspelt_process_is_offered_as_the_missing_one(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS009")
    all_processes_but(write, "incident")
    process_md(write, "incidents", "\n" + KPI)
    _, report = check_json(tmp_path)
    # One finding, at the misspelt value, in the schema's words (what is wrong with it).
    (finding,) = graded(report, "SMS009")
    assert finding[:5] == ("processes/incidents.md", 11, "SMS009", "8.6.1", "major")
    assert finding[5].startswith("process must be one of: service-catalogue, ")
    assert finding[5].endswith("""(got "incidents"); did you mean 'incident'?""")


# SMS010 service-sla


def service(write: Callable, art_id: str, sla: str | None, state: str = "live") -> None:
    body = f"name: {art_id}\ndescription: A service\nservice_status: {state}\n"
    body += "customers: [Kestrel]\n" + (f"sla: {sla}\n" if sla else "")
    write(f"services/{art_id.lower()}.md", markdown(header(art_id, "service") + body))


def sla(write: Callable, art_id: str, for_service: str, targets: str) -> None:
    body = f"service: {for_service}\ncustomer: Kestrel\ntargets:\n{targets}"
    write(f"slas/{art_id.lower()}.yaml", header(art_id, "sla") + body)


def test_one_weak_target_of_three_is_minor_at_it_named_by_its_metric(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS010")
    service(write, "SVC-NET", "SLA-NETWORK")
    weak = "  - metric: latency\n    target: 40\n"
    sla(write, "SLA-NETWORK", "SVC-NET", TARGET + TARGET.replace("availability", "uptime") + weak)
    _, report = check_json(tmp_path)
    # Targets start on line 13: the weak one is the third, on line 15.
    assert graded(report, "SMS001", "SMS010") == [
        (
            "slas/sla-network.yaml",
            15,
            "SMS010",
            "8.3.3",
            "minor",
            "target 'latency' of 'SLA-NETWORK' is not measurable: it has no unit or "
            "comparator; add unit (e.g. percent) and comparator (>=, <= or =)",
        )
    ]


def test_a_target_written_as_text_is_one_finding_about_that_value(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS010")
    service(write, "SVC-NET", "SLA-NETWORK")
    weak = '  - {metric: latency, target: fast, unit: ms, comparator: "<="}\n'
    sla(write, "SLA-NETWORK", "SVC-NET", TARGET + TARGET + weak)
    _, report = check_json(tmp_path)
    assert graded(report, "SMS001", "SMS010") == [
        (
            "slas/sla-network.yaml",
            15,
            "SMS010",
            "8.3.3",
            "minor",
            'targets (latency).target must be a number (got "fast")',
        )
    ]


def test_every_target_weak_is_major(write: Callable, tmp_path: Path, check_json) -> None:
    only(write, "SMS010")
    service(write, "SVC-NET", "SLA-NETWORK")
    sla(write, "SLA-NETWORK", "SVC-NET", "  - {metric: latency, target: 40, unit: ms}\n")
    _, report = check_json(tmp_path)
    assert graded(report, "SMS001", "SMS010") == [
        (
            "slas/sla-network.yaml",
            13,
            "SMS010",
            "8.3.3",
            "major",
            "target 'latency' of 'SLA-NETWORK' is not measurable: it has no comparator; add "
            "comparator (>=, <= or =)",
        )
    ]


def test_a_live_service_without_sla_is_major_at_its_status_in_markdown(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS010")
    service(write, "SVC-PAY", None)
    service(write, "SVC-NEW", None, state="pipeline")
    _, report = check_json(tmp_path)
    assert graded(report, "SMS010") == [
        (
            "services/svc-pay.md",
            13,
            "SMS010",
            "8.3.3",
            "major",
            "live service 'SVC-PAY' has no SLA: agree a service level agreement with its "
            "customers (kind: sla, service: SVC-PAY) and set sla to its id",
        )
    ]


def test_an_unusable_sla_value_is_one_finding_at_it(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS010")
    service(write, "SVC-PAY", "[SLA-PAY, SLA-PAY-2]")
    _, report = check_json(tmp_path)
    [finding] = graded(report, "SMS001", "SMS010")
    assert finding[:5] == ("services/svc-pay.md", 15, "SMS010", "8.3.3", "major")
    assert finding[5].startswith("sla must be")


# SMS011 supplier-control


def supplier(write: Callable, supports: str, contract_end: str, reviewed: str) -> None:
    body = (
        f"supplier_name: Pennine Fibre\nsupports: [{supports}]\ncontract_ref: PFN-1\n"
        f"contract_end: {contract_end}\ntargets:\n{TARGET}last_performance_review: {reviewed}\n"
    )
    write("suppliers/pennine.md", markdown(header("SUP-PENNINE", "supplier") + body))


def plain_service(write: Callable, art_id: str, state: str) -> None:
    body = f"name: {art_id}\ndescription: A service\nservice_status: {state}\n"
    write(f"services/{art_id.lower()}.yaml", header(art_id, "service") + body + "customers: [K]\n")


def test_an_expired_contract_of_a_supplier_of_a_live_service_is_major(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS011")
    plain_service(write, "SVC-PAY", "live")
    plain_service(write, "SVC-OLD", "retired")
    supplier(write, "SVC-OLD, SVC-PAY", "2026-06-30", "2025-02-01")
    _, report = check_json(tmp_path)
    # Front matter from line 2: header 2-10, supplier_name 11, contract_end 14, review 17.
    assert graded(report, "SMS011") == [
        (
            "suppliers/pennine.md",
            14,
            "SMS011",
            "8.3.4",
            "major",
            "the contract with 'Pennine Fibre' (SUP-PENNINE) ended on 2026-06-30, yet it "
            "supports live service 'SVC-PAY': renew it and set contract_end to the new end "
            "date, or end the relationship and retire this supplier (status: retired)",
        ),
        (
            "suppliers/pennine.md",
            17,
            "SMS011",
            "8.3.4",
            "minor",
            "the performance of 'Pennine Fibre' (SUP-PENNINE) was last reviewed on 2025-02-01, "
            "more than the planned interval of 12 months (intervals.supplier_review_months) "
            "ago, yet it supports live service 'SVC-PAY': review it against the contract's "
            "targets and set last_performance_review to the date of that review",
        ),
    ]


def test_a_supplier_of_retired_services_only_is_an_observation(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS011")
    plain_service(write, "SVC-OLD", "retired")
    supplier(write, "SVC-OLD", "2026-06-30", "2025-02-01")
    _, report = check_json(tmp_path)
    assert [(f[1], f[4]) for f in graded(report, "SMS011")] == [
        (14, "observation"),
        (17, "observation"),
    ]
    assert "(it supports only retired services)" in graded(report, "SMS011")[0][5]


def test_a_supplier_of_a_pipeline_service_is_minor(
    write: Callable, tmp_path: Path, check_json
) -> None:
    only(write, "SMS011")
    plain_service(write, "SVC-NEW", "pipeline")
    supplier(write, "SVC-NEW", "2026-06-30", "2026-02-01")
    _, report = check_json(tmp_path)
    assert graded(report, "SMS011") == [
        (
            "suppliers/pennine.md",
            14,
            "SMS011",
            "8.3.4",
            "minor",
            "the contract with 'Pennine Fibre' (SUP-PENNINE) ended on 2026-06-30: renew it "
            "and set contract_end to the new end date, or end the relationship and retire "
            "this supplier (status: retired)",
        )
    ]
