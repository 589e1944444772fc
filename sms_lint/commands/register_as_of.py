"""``register --as-of DATE``: the register as it stood at the end of DATE.

The documents are those the commit ``--as-of`` names holds (read from git's objects, never
checked out), so each shows the version then in force; the config is the commit's own; each
last change comes from the history up to that commit only.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import click

from sms_lint.approvals import states_to_trace
from sms_lint.commands.register_data import (
    read_last_changes,
    read_trails,
    register_artifacts,
    register_rows,
)
from sms_lint.errors import UsageProblem
from sms_lint.gitrepo.as_of import revision_on
from sms_lint.gitrepo.sandbox import GitProblem
from sms_lint.neutralise import terminal
from sms_lint.schema.validation import known_kinds


def register_as_of(
    root: Path, config_path: Path | None, day: datetime.date, evidence: bool = False
) -> list[dict[str, Any]]:
    """The register's rows at the commit that ``day`` names (a note on stderr names it);
    ``evidence`` (JSON): with each row's approval evidence up to that commit."""
    from sms_lint.pipeline.at_revision import documents_at
    from sms_lint.run.as_of import config_at

    revision = revision_on(root, day)
    config = config_at(root, revision.commit, config_path)
    try:
        documents = documents_at(root, config, revision.commit)
    except GitProblem as problem:
        raise UsageProblem(str(problem)) from None
    artifacts = register_artifacts(documents, known_kinds())
    paths = [document.path for document in documents]
    changes, note = read_last_changes(root, paths, revision.commit)
    click.echo(
        f"sms-lint: note: the register as of commit {revision.commit} "
        f"(committed {revision.committed})",
        err=True,
    )
    if note:
        click.echo(f"sms-lint: note: {terminal(note)}", err=True)
    # Each row names the commit it describes (JSON: the register is a list of rows, so the
    # contract's "commit" is in each; the other formats name it in the note above).
    trails = None
    if evidence:
        states = states_to_trace(artifacts)
        trails = read_trails(root, states, config.max_file_kb * 1024, revision.commit)
    rows = register_rows(artifacts, config, changes, trails)
    return [{**row, "commit": revision.commit} for row in rows]
