"""Run a check: discover, parse, validate, apply the rules, collect one :class:`Result`.

Parsing is separate from checking and checking from reporting: this module returns data and
never prints or exits.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sms_lint import checks
from sms_lint.checks.base import Context, Hit
from sms_lint.config import Config
from sms_lint.discovery import discover
from sms_lint.documents import Document, parse_document
from sms_lint.finding import Finding, fails
from sms_lint.gitrepo.changes import ChangeSet
from sms_lint.loader import Problem
from sms_lint.model import Artifact
from sms_lint.pack import Framework, PackError, Rule, load_extra_rules, load_framework
from sms_lint.resources import data_dir
from sms_lint.rulebook import RuleBook, apply_waivers, build_rulebook
from sms_lint.validation import SchemaSet, load_schemas


@dataclass(frozen=True)
class Setup:
    """What a run needs besides the repository: built once, then read-only."""

    framework: Framework
    rulebook: RuleBook
    schemas: SchemaSet
    config: Config


@dataclass(frozen=True)
class Result:
    """Everything a reporter needs. ``findings`` are sorted by path, line, rule."""

    root: str
    today: datetime.date
    framework: Framework
    rulebook: RuleBook
    artifacts: tuple[Artifact, ...]
    documents: int  # files that are artifacts or tried to be (Markdown without front matter is not)
    paths: tuple[str, ...]  # those files' paths, sorted
    findings: tuple[Finding, ...]
    fail_on: str

    @property
    def failed(self) -> bool:
        return any(not f.waived and fails(f.severity, self.fail_on) for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def build_setup(config: Config) -> Setup:
    """Load packs and schemas and apply the config. Raises ConfigError/PackError."""
    framework = load_framework()
    rules: list[Rule] = list(framework.rules)
    for pack_path in config.policies:
        rules.extend(load_extra_rules(pack_path))
    for rule in rules:
        if rule.check not in checks.REGISTRY and rule.check not in checks.ENGINE_CHECKS:
            raise PackError(f"rule {rule.id} ({rule.pack}) names unknown check '{rule.check}'")
        if rule.check in checks.PARAM_VALIDATORS:
            checks.PARAM_VALIDATORS[rule.check](rule)
    schemas = SchemaSet(load_schemas(data_dir("schemas")))
    return Setup(framework, build_rulebook(rules, config), schemas, config)


def read_documents(root: Path, config: Config) -> list[Document]:
    """Discover and parse every candidate file, in path order; unreadable ones carry problems."""
    found = discover(root, config.exclude)
    documents = [_read_one(root, path, config.max_file_kb) for path in found.paths]
    documents += [Document(path, None, problems=[problem]) for path, problem in found.problems]
    documents.sort(key=lambda d: d.path)
    return documents


def _read_one(root: Path, path: str, max_kb: int) -> Document:
    full = root / path
    try:
        size = full.stat().st_size
        if size > max_kb * 1024:
            message = (
                f"the file is {size // 1024} KiB, over the {max_kb} KiB limit "
                "(max_file_kb in .sms-lint.yaml): not read"
            )
            return Document(path, None, problems=[Problem("SMS100", 1, 1, message)])
        raw = full.read_bytes()
    except OSError as error:
        message = f"cannot read the file: {error.strerror or 'unreadable'}"
        return Document(path, None, problems=[Problem("SMS100", 1, 1, message)])
    return parse_document(path, raw)


def _per_file(doc: Document, setup: Setup) -> tuple[list[Finding | None], Artifact | None]:
    """Loader problems, kind, schema and version checks for one document."""
    book = setup.rulebook
    out: list[Finding | None] = [
        book.finding(p.code, doc.path, (p.line, p.column), p.message) for p in doc.problems
    ]
    if doc.data is None:
        return out, None
    kind = doc.data.get("kind")
    artifact_id = doc.data.get("id") if isinstance(doc.data.get("id"), str) else None
    if not isinstance(kind, str) or not setup.schemas.has_kind(kind):
        out.append(
            book.finding("SMS107", doc.path, doc.position(("kind",)), _kind_message(kind, setup))
        )
        return out, None
    artifact = Artifact(doc, kind)
    home = _home_clause(artifact, setup.framework)
    for violation in setup.schemas.violations(kind, doc.data):
        header = violation.field in setup.schemas.header_fields
        out.append(
            book.finding(
                "SMS001",
                doc.path,
                doc.position(violation.path),
                violation.message,
                clause="7.5" if header or not violation.field else home,
                artifact=artifact_id,
            )
        )
    version = doc.data.get("version")
    if isinstance(version, float):
        out.append(
            book.finding(
                "SMS106",
                doc.path,
                doc.position(("version",)),
                f"version is read as the number {version!r}, so '1.10' would become 1.1: "
                f'put it in quotes (version: "{version}")',
                artifact=artifact_id,
            )
        )
    return out, artifact


def _kind_message(kind: object, setup: Setup) -> str:
    known = sorted(setup.framework.kinds)
    if kind is None:
        return (
            "no 'kind': this YAML is not an artifact; add kind (one of "
            f"{', '.join(known)}) or exclude the file in .sms-lint.yaml"
        )
    hint = difflib.get_close_matches(str(kind), known, n=1)
    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
    return f"unknown kind '{kind}'{suggestion}; known kinds: {', '.join(known)}"


def _home_clause(artifact: Artifact, framework: Framework) -> str:
    """The first clause an artifact's kind gives evidence for (its schema findings' clause)."""
    for field, table in framework.value_clauses.items():
        if artifact.kind in _VALUE_KINDS.get(field, ()):
            value = artifact.text(field)
            if value in table:
                return table[value][0]
    own = framework.kind_clauses.get(artifact.kind, ())
    return own[0] if own else _KIND_FALLBACK.get(artifact.kind, "7.5")


# Which kind the value tables apply to, and the clause of a kind whose value is unknown.
_VALUE_KINDS = {"policy_type": ("policy",), "plan_type": ("plan",), "process": ("process",)}
_KIND_FALLBACK = {"plan": "6.3", "process": "8.1"}


def _hits_to_findings(rule: Rule, hits: Iterable[Hit], book: RuleBook) -> list[Finding | None]:
    out = []
    for hit in hits:
        if hit.artifact is None:
            out.append(book.finding(rule.id, None, None, hit.message, clause=hit.clause))
        else:
            out.append(
                book.finding(
                    rule.id,
                    hit.artifact.path,
                    hit.artifact.doc.position(hit.at),
                    hit.message,
                    clause=hit.clause,
                    artifact=hit.artifact.id,
                )
            )
    return out


def run_check(
    root: Path,
    setup: Setup,
    today: datetime.date,
    fail_on: str,
    changes: ChangeSet | None = None,
) -> Result:
    """Check the repository at ``root``; never raises for bad input files. ``changes`` (from
    ``--base``) feeds the change rules."""
    documents = read_documents(root, setup.config)
    findings: list[Finding | None] = []
    artifacts: list[Artifact] = []
    for doc in documents:
        file_findings, artifact = _per_file(doc, setup)
        findings.extend(file_findings)
        if artifact is not None:
            artifacts.append(artifact)
    context = Context(tuple(artifacts), setup.framework, today, setup.config, changes)
    for rule in setup.rulebook.enabled():
        check = checks.REGISTRY.get(rule.check)
        if check is not None:
            findings.extend(_hits_to_findings(rule, check(context, rule), setup.rulebook))
    present = [f for f in findings if f is not None]
    final = apply_waivers(present, setup.config, setup.rulebook, today)
    final.sort(key=Finding.sort_key)
    return Result(
        root=str(root),
        today=today,
        framework=setup.framework,
        rulebook=setup.rulebook,
        artifacts=tuple(artifacts),
        documents=sum(1 for d in documents if d.is_artifact),
        paths=tuple(d.path for d in documents if d.is_artifact),
        findings=tuple(final),
        fail_on=fail_on,
    )
