"""Check functions: the behaviour behind the rules declared as data in ``policies/``.

A rule names its check (``check: owner-role``); the registry below maps that name to a function
``check(ctx, rule) -> Iterable[Hit]``. Check functions say *what* is wrong and *where* in the
data; the engine turns hits into findings with lines, severities and waivers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableMapping
from importlib import import_module
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from sms_lint.checks.base import Context, Hit
    from sms_lint.config.pack import Rule

    CheckFunction = Callable[[Context, Rule], Iterable[Hit]]

T = TypeVar("T")

# check name -> (module in sms_lint.checks, function): a rule's module is imported only when
# the rule runs, so a run that reuses the cached cross-file result imports none of them.
_WHERE: dict[str, tuple[str, str]] = {
    "unique-id": ("ids", "unique_id"),
    "approval-fields": ("documents", "approval_fields"),
    "clause-known": ("documents", "clause_known"),
    "owner-role": ("roles", "owner_role"),
    "references-resolve": ("references", "references_resolve"),
    "review-current": ("reviews", "review_current"),
    "review-due-soon": ("reviews", "review_due_soon"),
    "past-dates": ("reviews", "past_dates"),
    "objectives-measurable": ("planning", "objectives_measurable"),
    "risk-treatment": ("planning", "risk_treatment"),
    "core-documents": ("operation", "core_documents"),
    "processes-documented": ("operation", "processes_documented"),
    "service-sla": ("services", "service_sla"),
    "supplier-control": ("services", "supplier_control"),
    "internal-audit": ("evaluation", "internal_audit"),
    "audit-programme": ("programme", "audit_programme"),
    "unfinished-record": ("records", "unfinished_record"),
    "auditor-independence": ("evaluation", "auditor_independence"),
    "top-management-approval": ("authority", "top_management_approval"),
    "internal-audit-impartiality": ("impartiality", "internal_audit_impartiality"),
    "auditee-approved-report": ("authority", "auditee_approved_report"),
    "management-review": ("management_review", "management_review"),
    "nonconformity-overdue": ("improvement", "nonconformity_overdue"),
    "nonconformity-closure": ("improvement", "nonconformity_closure"),
    "root-cause-named": ("corrective", "root_cause_named"),
    "effectiveness-verified": ("corrective", "effectiveness_verified"),
    "objective-followed-up": ("followup", "objective_followed_up"),
    "clause-coverage": ("coverage", "clause_coverage"),
    "version-bumped": ("changes", "version_bumped"),
    "artifact-deleted": ("changes", "artifact_deleted"),
    "change-impact": ("impact", "change_impact"),
    "require-schema": ("org", "require_schema"),
    "placeholder": ("placeholders", "placeholder"),
    "empty-document": ("placeholders", "empty_document"),
    # issue 21: records, management-review follow-up, risk acceptance
    "nonconformity-dates": ("record_dates", "nonconformity_dates"),
    "audit-findings-agree": ("audit_findings", "audit_findings_agree"),
    "action-due-after-review": ("review_actions", "action_due_after_review"),
    "objective-after-approval": ("record_dates", "objective_dates"),
    "action-followed-up": ("review_actions", "action_followed_up"),
    "risk-acceptance": ("risk_acceptance", "risk_acceptance"),
    # issue 21: services, plans, scope and agreements
    "service-dependencies": ("service_dependencies", "service_dependencies"),
    "supplier-retired-services": ("service_dependencies", "supplier_retired_services"),
    "plan-coverage": ("plan_coverage", "plan_coverage"),
    "continuity-tested": ("continuity_tests", "continuity_tested"),
    "scope-services": ("scope_services", "scope_services"),
    "supplier-target-strength": ("target_strength", "supplier_target_strength"),
    "sla-time-share": ("target_strength", "sla_time_share"),
    # issue 22: measured results
    "measures-resolves": ("measured", "measures_resolves"),
    "measurement-stale": ("measured", "measurement_stale"),
    "target-missed": ("measured", "target_missed"),
    # issue 20: approval evidence from git (with --base)
    "approval-date-after-commit": ("approvals", "approval_date_after_commit"),
    "approval-changed-in-version": ("approvals", "approval_changed_in_version"),
}


class _Registry(MutableMapping[str, T], Generic[T]):
    """check name -> function, each module imported at the first look-up of one of its
    checks (``in`` and iteration need no import)."""

    def __init__(self, where: dict[str, tuple[str, str]]) -> None:
        self._where = dict(where)
        self._loaded: dict[str, T] = {}

    def __getitem__(self, name: str) -> T:
        found = self._loaded.get(name)
        if found is None:
            module, function = self._where[name]  # KeyError for an unknown name, as a dict
            found = getattr(import_module(f"sms_lint.checks.{module}"), function)
            self._loaded[name] = found
        return found

    def __setitem__(self, name: str, function: T) -> None:
        self._where.setdefault(name, ("", ""))
        self._loaded[name] = function

    def __delitem__(self, name: str) -> None:
        del self._where[name]
        self._loaded.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


REGISTRY: MutableMapping[str, CheckFunction] = _Registry(_WHERE)

# Checks whose rule parameters are validated when the pack is loaded (bad pack: exit 2).
PARAM_VALIDATORS: MutableMapping[str, Callable[[Rule], None]] = _Registry(
    {
        "require-schema": ("org", "validate_params"),
        "root-cause-named": ("root_causes", "validate_params"),
    }
)

# Checks that only have something to examine when the run compares with a git base (--base).
NEEDS_BASE = frozenset(
    {
        "version-bumped",
        "artifact-deleted",
        "change-impact",
        "approval-date-after-commit",
        "approval-changed-in-version",
    }
)
# Of those, the checks that read each approved document's history (ChangeSet.approval_trails).
NEEDS_TRAILS = frozenset({"approval-date-after-commit", "approval-changed-in-version"})

# Checks the engine does itself: per-file parsing and schema validation, waiver upkeep,
# reporting a rule that stopped on an internal error, and baseline upkeep (sms_lint.baseline).
ENGINE_CHECKS = frozenset({"loader", "schema", "waiver", "engine", "baseline"})

__all__ = ["ENGINE_CHECKS", "NEEDS_BASE", "NEEDS_TRAILS", "PARAM_VALIDATORS", "REGISTRY"]
