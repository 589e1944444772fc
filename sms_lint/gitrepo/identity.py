"""Who is recording: ``user.name <user.email>`` from git's config, for the baseline file."""

from __future__ import annotations

from pathlib import Path

from sms_lint.gitrepo.sandbox import GitProblem, sandboxed


def git_user(folder: Path) -> str | None:
    """The user git would record as a commit's author in ``folder``, or None when git, the
    repository or the setting is missing (recording a baseline never depends on it)."""
    try:
        command = sandboxed(folder)
    except GitProblem:
        return None
    values = []
    for key in ("user.name", "user.email"):
        try:
            status, out, _ = command.run("config", "--get", key)
        except GitProblem:  # git missing: the value is unknown
            status, out = 1, b""
        values.append(out.decode("utf-8", "replace").strip() if status == 0 else "")
    name, email = values
    if name and email:
        return f"{name} <{email}>"
    return name or email or None
