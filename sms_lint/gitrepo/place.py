"""Where the checked root sits inside its git repository, without running git.

Code scanning and workflow annotations name files from the top of the repository, while
findings name them from the checked root; when the SMS lives in a subfolder (``sms/``), those
consumers need the subfolder in front of every path or they point at files that do not exist.
"""

from __future__ import annotations

from pathlib import Path


def folder_in_repository(root: Path) -> str:
    """The root's path from the top of the git work tree that holds it, with a trailing ``/``
    (``"sms/"``); ``""`` when the root is that top or not inside a work tree at all.

    The top is the nearest folder, from the root upwards, with a ``.git`` entry (a folder, or
    a file in worktrees and submodules), as git itself finds it. Only the existence of those
    entries is looked at; nothing outside the root is opened or listed.
    """
    resolved = root.resolve()
    for top in (resolved, *resolved.parents):
        if (top / ".git").exists():
            inside = resolved.relative_to(top).as_posix()
            return "" if inside == "." else inside + "/"
    return ""
