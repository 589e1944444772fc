"""The options and environment every git call runs with.

A hostile repository's configuration must run no program and git must write nothing inside
it. Settings that name a program are overridden on the command line (``-c``), which beats
every configuration file; the repository-named drivers that cannot be listed (filters,
textconv, diff and merge drivers) are never reached because only commands that do not use
them are run (see :mod:`sms_lint.gitrepo.repo`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class GitProblem(Exception):
    """Git cannot answer the question: one sentence for the user."""


class UntrustedRepository(GitProblem):
    """git refuses the repository: it belongs to another user and is not a safe.directory."""


# Every setting that makes git run a program, set to nothing (or off); no transport may be
# used (a "promisor" remote would otherwise fetch missing objects lazily). The global options
# in sandboxed(): no optional locks (no index refresh), no pager, no refs/replace swapping
# what a commit holds, literal pathspecs (a file named ``*`` is only that file).
# tests/test_git_sandbox.py points every setting at a marker-writing script.
SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.askPass=",
    "core.sshCommand=",
    "core.gitProxy=",
    "core.alternateRefsCommand=",
    "credential.helper=",
    "diff.external=",
    "gpg.program=",
    "gpg.ssh.program=",
    "gpg.x509.program=",
    "log.showSignature=false",
    "protocol.allow=never",
    "submodule.recurse=false",
    "core.quotePath=false",
)
SAFE_ENVIRONMENT = {
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_PAGER": "cat",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
}


def sandboxed(folder: Path) -> Any:
    """A ``git.Git`` running in ``folder`` with the options and environment above."""
    try:
        import git
    except ImportError:  # GitPython raises ImportError when no git executable works
        raise GitProblem("git is not installed (or not on PATH)") from None
    command = git.Git(str(folder))
    command.set_persistent_git_options(
        c=list(SAFE_CONFIG),
        literal_pathspecs=True,
        no_optional_locks=True,
        no_pager=True,
        no_replace_objects=True,
    )
    command.update_environment(**SAFE_ENVIRONMENT)
    return command
