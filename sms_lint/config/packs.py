"""The rule packs a config names in ``policies:``: which files they are, and what that decides.

It decides three things, from paths alone (the packs are read later, by ``pack.py``):

- a pack named by the root's own config must lie inside the SMS root, also through a symbolic
  link (that config may come from a pull request; a ``--config`` file is trusted like the
  command line and may name packs anywhere);
- one file named twice (``x.yaml`` and ``./x.yaml``, or a link and its target) is one pack;
- a pack is configuration, never a candidate artifact: discovery excludes it.

Nothing here raises: a refusal comes back as words, and ``config.py`` makes it a ConfigError.
"""

from __future__ import annotations

from pathlib import Path


def refusal(entries: list[str], packs: tuple[Path, ...], root: Path) -> str | None:
    """Why the first pack outside the SMS root is refused (``entries`` as written in the
    config, ``packs`` the paths they name); ``None`` when every pack lies inside."""
    for entry, pack in zip(entries, packs, strict=True):
        if inside(pack, root):
            continue
        # the SMS root may be a folder of the git repository: name the root, not "repository"
        how = "is a symbolic link that leads" if pack.is_symlink() else "lies"
        shown = root if str(root) not in ("", ".") else root.resolve()  # "." says nothing
        return (
            f"'policies' entry {entry} {how} outside the SMS root ({shown}); copy the pack "
            "into the SMS root (a config given with --config may name packs anywhere)"
        )
    return None


def read_once(packs: tuple[Path, ...]) -> tuple[Path, ...]:
    """One file named twice is one pack, read once: else its rules would be "defined twice".
    The first spelling is kept."""
    seen: set[object] = set()
    kept = []
    for pack in packs:
        key = _identity(pack)
        if key not in seen:
            seen.add(key)
            kept.append(pack)
    return tuple(kept)


def _identity(pack: Path) -> object:
    """The file itself: its device and inode (a hard link is the same file under two names),
    else its resolved path; a link loop or a missing file is its own (reading it reports it)."""
    try:
        found = pack.stat()
        return (found.st_dev, found.st_ino)
    except (OSError, RuntimeError):
        try:
            return pack.resolve()
        except (OSError, RuntimeError):
            return pack


def excludes(packs: tuple[Path, ...], root: Path) -> tuple[str, ...]:
    """The exclude patterns that keep the packs out of discovery (else the guide's
    org-rules.yaml at the root is its own SMS107): each pack as a literal path, both as named
    (a link) and as the file it is (the link's target inside the root)."""
    patterns: list[str] = []
    for pack in packs:
        for rel in dict.fromkeys(_within(found, root) for found in _named_and_real(pack)):
            if rel is not None:  # outside the root: never walked anyway
                # glob characters in a file name are matched literally
                patterns.append("".join(f"[{c}]" if c in "*?[" else c for c in rel))
    return tuple(patterns)


def inside(path: Path, root: Path) -> bool:
    """``path``, its links followed, lies inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _named_and_real(pack: Path) -> list[Path]:
    """The pack's path as named (its folder resolved, the name itself not followed) and the
    file it resolves to."""
    out = []
    try:
        if pack.name not in ("", ".", ".."):
            out.append(pack.parent.resolve() / pack.name)
        out.append(pack.resolve())
    except (OSError, RuntimeError):
        pass  # a link loop: never walked into, and reading the pack reports it
    return out


def _within(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return None
