"""The last change of every file for the register: one ``git log`` over the root.

Apart from :mod:`sms_lint.commands.register_data` because ``register`` runs it in a forked
child (:mod:`sms_lint.commands.aside`) as early as it can: this module imports git's side
only, not the parsing, the model or the approvals that the rows need.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from sms_lint.errors import UsageProblem
from sms_lint.gitrepo.log import CommitInfo, last_changes
from sms_lint.gitrepo.repo import (
    NOT_SHALLOW_HINT,
    GitProblem,
    Repository,
    UntrustedRepository,
    open_repository,
)


def read_last_changes(
    root: Path, paths: list[str] | Callable[[], list[str]], commit: str | None = None
) -> tuple[Mapping[str, CommitInfo], str | None]:
    """Path (relative to ROOT) -> last commit for ``paths`` (in the history up to ``commit``,
    for ``--as-of``; else HEAD's), and a note for stderr when dates are missing. ``paths``
    may be a function (``register``'s :class:`~sms_lint.commands.aside.Handover`): it is
    called once git has started its walk."""
    try:
        repo = open_repository(root)
    except UntrustedRepository as error:
        raise UsageProblem(str(error)) from None  # read only once the user says it is trusted
    except GitProblem as error:
        return {}, f"{error}: last_change is null"
    if repo is None:
        return {}, f"{root} is not inside a git repository: last_change is null"
    with repo:
        state = repo.head_state()
        if state.head is None:
            return {}, f"{repo.top} has no commits yet: last_change is null"
        try:
            tracked = repo.tracked() if commit is None else committed_paths(repo, commit)
            # Only files git tracks can show up in the log: the walk stops once they all have.
            wanted = _tracked_of(paths, tracked)
            # A shallow clone's oldest commits show every file as added: not a last change.
            boundary = repo.shallow_boundary() if state.shallow and wanted else set()
            found = last_changes(repo, wanted, boundary, commit) if wanted else {}
        except GitProblem as error:
            raise UsageProblem(str(error)) from None
    if state.shallow:
        return found, (
            f"{repo.top} is a shallow clone, so the history is incomplete: last_change is null "
            f"for documents not changed since its oldest commits: {NOT_SHALLOW_HINT}"
        )
    return found, None


def _tracked_of(
    paths: list[str] | Callable[[], list[str]], tracked: set[str]
) -> list[str] | Callable[[], list[str]]:
    if callable(paths):  # a function is always true: the walk starts, and asks it
        return lambda: [path for path in paths() if path in tracked]
    return [path for path in paths if path in tracked]


def committed_paths(repo: Repository, commit: str) -> set[str]:
    """The files under the SMS root that ``commit`` holds, relative to the root."""
    from sms_lint.gitrepo.trees import tree_entries

    paths = (repo.from_top(entry.path) for entry in tree_entries(repo, commit))
    return {path for path in paths if path is not None}
