"""Which merges are pulls of the branch's own upstream: git's subject names the place pulled
from, and only the repository's own remotes (or the repository itself) are its upstream.

A subject alone cannot tell a pull of one's own ``main`` from a pull of a contributor's fork:
Bob running ``git pull ../zed-fork main`` writes ``Merge branch 'main' of ../zed-fork``, the
same words as a sync. Read as a sync, the fork's line would count as the branch, and the
contributor's merges on his fork (``Merge branch 'zfix'``) would show him approving his own
work. So the place must be confirmed: it names a remote in the repository's git config (read
with ``git config --get-regexp``, which runs no program), or this repository itself (the
server's own history: a clone pulled from it by its path). When it cannot be confirmed (no
remote configured, or another place) the merge is a real merge and its author merged what it
brought. That is the safe side: the wrong answer it can give is someone who did merge those
commits into the branch, never a contributor approving himself. A CI clone always has
``origin`` (the server's URL), so there pulls are still recognised.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from sms_lint.gitrepo.repo import Repository

# A place as compared: the host (lower case, "" for a folder) and the path's parts.
Place = tuple[str, tuple[str, ...]]

_PULL = re.compile(r"Merge branch '(?P<branch>[^']+)' of (?P<url>.+?)(?: into (?P<into>\S+))?")
_TRACKING = re.compile(r"Merge remote-tracking branch '(?P<ref>[^']+)'(?: into (?P<into>\S+))?")
# Without "into", git merged into a branch of merge.suppressDest: by default main or master.
_SUPPRESSED = ("main", "master")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_SCP = re.compile(r"(?:[^@/]+@)?(?P<host>[^:/]+):(?P<path>.*)")  # git@github.com:org/repo
_DRIVE = re.compile(r"[A-Za-z]:[\\/]")  # C:\ is a folder, not a host called C


@dataclass(frozen=True)
class Upstream:
    """The repository's remotes by name and the places that count as its upstream."""

    names: tuple[str, ...] = ()  # longest first: "origin/x" may be a remote of its own
    places: tuple[Place, ...] = field(default_factory=tuple)

    def names_place(self, url: str) -> bool:
        wanted = place(url)
        return any(same_place(wanted, known) for known in self.places)

    def remote_branch(self, ref: str) -> str | None:
        """``origin/main`` -> ``main``; ``origin`` or ``origin/HEAD`` -> ``HEAD``; a ref of no
        configured remote -> None."""
        ref = ref.removeprefix("refs/remotes/")
        for name in self.names:
            if ref == name:
                return "HEAD"
            if ref.startswith(name + "/"):
                return ref[len(name) + 1 :]
        return None


NO_UPSTREAM = Upstream()


def read_upstream(repo: Repository) -> Upstream:
    """The remotes in the repository's config (every scope git reads), and its own folder."""
    status, out, _ = repo.run_status("config", "-z", "--get-regexp", r"^remote\..*\.url$")
    names: list[str] = []
    places = [place(str(repo.top)), place(str(repo.top.resolve()))]
    for entry in out.decode("utf-8", "replace").split("\0") if status == 0 else []:
        key, _, url = entry.partition("\n")
        if key.startswith("remote.") and key.endswith(".url") and url:
            names.append(key[len("remote.") : -len(".url")])
            places.append(place(url))
    return Upstream(tuple(sorted(set(names), key=len, reverse=True)), tuple(places))


def is_pull_merge(subject: str, upstream: Upstream | Callable[[], Upstream] = NO_UPSTREAM) -> bool:
    """A merge of the branch's own upstream into it (see the module docstring). ``upstream``
    may be a function: it is called only for a subject git writes for pulls (most histories
    have none, and then the config is never read)."""
    known = (lambda: upstream) if isinstance(upstream, Upstream) else upstream
    if found := _PULL.fullmatch(subject):
        branch = found.group("branch")
        return _same_branch(branch, found.group("into")) and known().names_place(found["url"])
    if found := _TRACKING.fullmatch(subject):
        branch = known().remote_branch(found.group("ref"))
        if branch == "HEAD":  # the remote's default branch: merged into ours, main or master
            return found.group("into") is None
        return branch is not None and _same_branch(branch, found.group("into"))
    return False


def _same_branch(branch: str, into: str | None) -> bool:
    return branch == into if into else branch in _SUPPRESSED


def place(url: str) -> Place:
    """A remote's URL or folder as compared: no scheme, user or port, the host in lower case,
    no trailing ``.git`` or ``/`` (git drops them in its subjects too)."""
    url = url.strip()
    host, path = "", url
    if _SCHEME.match(url):
        parts = urlsplit(url)
        host, path = (parts.hostname or "").lower(), parts.path
    elif (scp := _SCP.fullmatch(url)) and not _DRIVE.match(url):
        host, path = scp.group("host").lower(), scp.group("path")
    path = path.replace("\\", "/")
    if not host:
        path = posixpath.normpath(path)
    path = path.rstrip("/").removesuffix(".git").rstrip("/")
    return host, tuple(part for part in path.split("/") if part not in ("", "."))


def same_place(one: Place, other: Place) -> bool:
    """Equal host and path; or, when both are hosts written differently (an ssh alias, a
    mirror name), the same last two parts: the owner and the repository."""
    if one == other:
        return True
    (host, path), (other_host, other_path) = one, other
    if not host or not other_host or len(path) < 2 or len(other_path) < 2:
        return False
    return [p.casefold() for p in path[-2:]] == [p.casefold() for p in other_path[-2:]]
