"""Symbolic links in a revision's tree, read as discovery reads them in a work tree.

A link whose name is a YAML or Markdown file is read as the file it leads to when that is a
file inside the SMS root; a link that leads out of the root, or to nothing, is the same
problem discovery reports (:mod:`sms_lint.files.treewalk`). So ``--new-only`` sees at the base
what ``check`` sees on a checkout of it, and a committed link is not "new" on every change.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import replace

from sms_lint.files.safeopen import refusal
from sms_lint.files.treewalk import NOWHERE, OUTSIDE
from sms_lint.gitrepo.trees import TreeEntry
from sms_lint.parse.loader import Problem

LINK_MODE = "120000"
_HOPS = 40  # as the kernel's limit on links followed: a loop ends as "leads to no file"


def follow(
    path: str,
    link: TreeEntry,
    targets: Mapping[str, bytes],
    entries: Mapping[str, TreeEntry],
) -> TreeEntry | Problem:
    """The regular entry the link at ``path`` (root-relative) leads to, or its problem.
    ``targets`` holds each link blob's content (the target path) by object id; ``entries``
    every entry of the root's tree by root-relative path."""
    current, entry = path, link
    for _ in range(_HOPS):
        text = targets.get(entry.object_id, b"").decode("utf-8", "surrogateescape")
        if not text or text.startswith("/"):
            return refusal(OUTSIDE if text else NOWHERE)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(current), text))
        if target == ".." or target.startswith("../"):
            return refusal(OUTSIDE)  # out of the root (the repository's rest is outside too)
        found = entries.get(target)
        if found is None:
            return refusal(NOWHERE)
        if found.mode != LINK_MODE:
            return replace(found, path=link.path) if found.mode != "160000" else refusal(NOWHERE)
        current, entry = target, found
    return refusal(NOWHERE)
