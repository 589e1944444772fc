"""The missing fields of one item said once: a required field written under a misspelt key is
one violation at that key, and every missing field of one item one violation naming them all
(one defect, one finding)."""

from __future__ import annotations

from typing import Any

from sms_lint.schema.violations import Violation, display_path, missing_message


def misspelt_required(violations: list[Violation], root: Any = None) -> list[Violation]:
    """A required field written under a misspelt key (``custmer`` for ``customer``) is one
    violation, at the misspelt key, not also "customer is missing" at its item."""
    missing = {(v.path, name) for v in violations if v.reason == "missing" for name in v.missing}
    taken = {}  # the unknown-key violations that stand for a missing field -> that field
    for violation in violations:
        if violation.reason == "unknown" and len(violation.about) == 2:
            field = violation.about[1][-1]
            if (violation.path[:-1], field) in missing:
                taken[id(violation)] = field
    meant = {(v.path[:-1], field) for v in violations if (field := taken.get(id(v)))}
    out = []
    for violation in violations:
        if id(violation) in taken:
            field = taken[id(violation)]
            top = field if len(violation.path) == 1 else violation.field
            message = f"{violation.message}: {field} is required, so rename the key"
            violation = violation._replace(reason="misspelt", field=top, message=message)
        elif violation.missing:  # a required field (not an empty value)
            names = [n for n in violation.missing if (violation.path, n) not in meant]
            if not names:
                continue
            if len(names) < len(violation.missing):
                where = display_path(violation.path, root)
                violation = violation._replace(
                    missing=tuple(names),
                    about=tuple((*violation.path, n) for n in names),
                    message=missing_message(where, names),
                )
        out.append(violation)
    return out


def merge_missing(violations: list[Violation], root: Any = None) -> list[Violation]:
    """The violations with every missing field of one item merged into one ("actions
    (A-3) lacks owner and due: add them"), in the place of the first."""
    missing: dict[tuple, list[Violation]] = {}
    for violation in violations:
        if violation.missing:
            missing.setdefault(violation.path, []).append(violation)
    out = []
    for violation in violations:
        group = missing.get(violation.path, []) if violation.missing else []
        if len(group) < 2:
            out.append(violation)
        elif group[0] is violation:
            names = [name for v in group for name in v.missing]
            message = missing_message(display_path(violation.path, root), names)
            about = tuple(path for v in group for path in v.about)
            merged = Violation(violation.path, message, violation.field, about, "missing", names)
            out.append(merged)
    return out
