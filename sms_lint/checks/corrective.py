"""Clause 10.1: corrective action an auditor accepts (SMS032 root cause, SMS033 verification).

SMS026 (improvement.py) asks a closed nonconformity for its root cause, corrective action,
closing date and ``effectiveness_verified: true``; these rules judge what those say. A root
cause that only blames a person names no cause the corrective action could remove. Who
verified the effectiveness, and when, is ``verified_by``/``verified_on``: verifying on or
before the day the action was closed cannot have shown that it worked. A dangling
``verified_by`` is SMS018's finding and a future ``verified_on`` SMS006's, so neither is
reported here again.
"""

from __future__ import annotations

from collections.abc import Iterator

from sms_lint.checks.base import Context, Hit
from sms_lint.checks.root_causes import VagueCauses
from sms_lint.checks.wording import named
from sms_lint.config.pack import Rule
from sms_lint.model import Artifact
from sms_lint.words import listing

# Who and when the effectiveness was verified: field -> (what it tells, how to fill it in).
_VERIFIER_WORDS = {
    "verified_by": ("by whom", "verified_by (the role id of who verified it)"),
    "verified_on": ("when", "verified_on (the date it was verified)"),
}
_VERIFIERS = tuple(_VERIFIER_WORDS)


def _current(ctx: Context) -> Iterator[Artifact]:
    for artifact in ctx.of_kind("nonconformity"):
        if artifact.status != "retired":  # a withdrawn record is not judged
            yield artifact


def root_cause_named(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS032: a root cause that only says someone erred ("Operator error on the night
    shift.", "Human error by the account manager") names no cause; one that goes on to say
    why ("human error caused by an unclear runbook") does. What counts as vague is
    root_causes.VagueCauses (the rule's word lists and agent length)."""
    judge = VagueCauses.of(rule.params)
    for artifact in _current(ctx):
        cause = artifact.text("root_cause")
        if cause is None or not judge.vague(cause):
            continue
        yield Hit(
            f"nonconformity {named(artifact)} gives '{_shorten(cause)}' as its root cause, "
            "which names no cause the corrective action could remove: record why it could "
            "happen (training, an unclear procedure, tooling, workload, a missing check) and "
            "aim the corrective action at that",
            artifact,
            at=("root_cause",),
        )


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def effectiveness_verified(ctx: Context, rule: Rule) -> Iterator[Hit]:
    """SMS033: a closed nonconformity's effectiveness is verified after it was closed, and the
    record says by whom and when once it claims the verification."""
    for artifact in _current(ctx):
        if artifact.text("nc_status") != "closed":
            continue
        early = _verified_too_early(ctx, artifact)
        if early is not None:
            yield early
        # Not claimed verified: SMS026 asks for the verification itself, one defect.
        if artifact.data.get("effectiveness_verified") is True:
            yield from _unattributed(artifact)


def _verified_too_early(ctx: Context, artifact: Artifact) -> Hit | None:
    verified, closed = artifact.date("verified_on"), artifact.date("closed_on")
    # A verified_on after today is SMS006's finding (a date recording the past).
    if verified is None or closed is None or verified > closed or verified > ctx.today:
        return None
    when = "on the day" if verified == closed else "before"
    return Hit(
        f"nonconformity {named(artifact)} was verified effective on {verified}, {when} it "
        f"was closed ({closed}): effectiveness can only be verified once the corrective action "
        "is complete and has had time to work; verify it again later and set verified_on to "
        "that date",
        artifact,
        at=("verified_on",),
    )


def _unattributed(artifact: Artifact) -> Iterator[Hit]:
    missing = [field for field in _VERIFIERS if _absent(artifact, field)]
    if not missing:
        return
    what = listing([_VERIFIER_WORDS[f][0] for f in missing], "or")
    fields = listing([_VERIFIER_WORDS[f][1] for f in missing])
    yield Hit(
        f"nonconformity {named(artifact)} says its corrective action was verified effective "
        f"but not {what}: record {fields}, or point to the record of the verification if it "
        "is kept elsewhere",
        artifact,
        at=("effectiveness_verified",),
        about=tuple((field,) for field in missing),
        grade="unrecorded",
    )


def _absent(artifact: Artifact, field: str) -> bool:
    # A value the schema rejected reads as absent; its SMS001 finding folds into ours.
    value = artifact.data.get(field)
    return value is None or (isinstance(value, str) and not value.strip())
