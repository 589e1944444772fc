"""When files entered git: of several documents sharing an id, which one was there first.

Asked only when some id is shared (rule SMS002 puts its finding on the newcomer), once per
run: ``git ls-tree`` says which of the files HEAD holds (the others are not committed yet and
count as newest), then one ``git log --first-parent`` over the SMS root, newest first, lists
the files each commit added or renamed. The walk follows a rename back to the older name (a
moved document keeps its age) and stops once every committed file is placed. A merge counts
on the day it brought a file into the first-parent line. The files are ordered by their
commit's place in that line, not by dates (clocks and rebases lie); the date is only shown.
In a shallow clone the oldest commit present "adds" everything older, so it gives no date.

Every call runs in the read-only sandbox of :mod:`.repo`. No file name reaches git: the only
pathspec is the root's folder, after ``--`` and literal. Any failure means "git cannot say".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from contextlib import closing
from pathlib import Path

from sms_lint.gitrepo.repo import Repository, decode_path, open_repository
from sms_lint.gitrepo.trees import tree_entries

# Path -> rank (0 first; files not committed share the last rank), and committed path -> the
# date (YYYY-MM-DD) of the commit that brought it in.
EntryOrder = tuple[Mapping[str, int], Mapping[str, str]]

# Oldest-last, one header per commit (committer date, parents), then status and path fields.
# -M: renames only (the repository's diff.renames may ask for copies: they are additions).
# --root: the first commit lists its files even if log.showRoot is off; --no-follow: one path
# spec may be a single file, and log.follow must not turn the walk into a file's history.
_WALK = (
    "--first-parent", "--diff-merges=first-parent", "--root", "--no-follow", "-M",
    "--diff-filter=ACR", "--name-status", "--format=%x1e%cI%x1f%P",
    "--no-color", "--no-ext-diff", "--no-textconv", "-z",
)  # fmt: skip


def entry_order(root: Path, paths: Collection[str], commit: str | None = None) -> EntryOrder:
    """The order in which ``paths`` (relative to ``root``) entered HEAD's first-parent
    history (``commit``'s, for ``--as-of``); ``({}, {})`` when git cannot say (no repository,
    git missing or failing)."""
    try:
        repo = open_repository(root)
        if repo is None:
            return {}, {}
        with repo:
            return _order(repo, set(paths), commit)
    except Exception:  # the order only sharpens one rule's message: never worth a crash
        return {}, {}


def _order(repo: Repository, paths: set[str], commit: str | None) -> EntryOrder:
    state = repo.head_state()
    head = commit or state.head
    placed: dict[str, tuple[int, str | None]] = {}
    if head is not None:
        in_head = {repo.from_top(entry.path) for entry in tree_entries(repo, head)}
        placed = _walk(repo, head, paths & in_head, state.shallow)
    # Commits were counted from HEAD backwards: the highest count is the oldest.
    counts = sorted({count for count, _ in placed.values()}, reverse=True)
    rank_of = {count: rank for rank, count in enumerate(counts)}
    rank = {path: rank_of[placed[path][0]] if path in placed else len(counts) for path in paths}
    since = {path: date for path, (_, date) in placed.items() if date is not None}
    return rank, since


def _walk(
    repo: Repository, head: str, held: set[str], shallow: bool
) -> dict[str, tuple[int, str | None]]:
    """Root path -> (how many commits back from HEAD it was added, that commit's date)."""
    wanted = {repo.prefix + path: path for path in held}  # name in git -> document it became
    placed: dict[str, tuple[int, str | None]] = {}
    count, date = -1, None
    entry: list[bytes] = []
    with closing(repo.stream("log", *_WALK, head, "--", repo.pathspec())) as fields:
        for field in fields:
            if not wanted:
                break  # every committed file is placed: older commits cannot change that
            if entry:
                entry.append(field)
                if len(entry) == (3 if entry[0][:1] in (b"R", b"C") else 2):
                    _place(entry, wanted, placed, (count, date))
                    entry = []
            elif field.lstrip(b"\n")[:1] == b"\x1e":
                count, date = count + 1, _date(field, shallow)
            elif field.strip():
                entry = [field.lstrip(b"\n")]
    return placed


def _date(header: bytes, shallow: bool) -> str | None:
    """The day a commit entered the line; None for a shallow clone's oldest commit, which has
    no parents there and so seems to add every file it holds."""
    committed, _, parents = header.lstrip(b"\n")[1:].decode("ascii", "replace").partition("\x1f")
    return None if shallow and not parents.strip() else committed[:10]


def _place(
    entry: list[bytes],
    wanted: dict[str, str],
    placed: dict[str, tuple[int, str | None]],
    when: tuple[int, str | None],
) -> None:
    """One ``A path``, ``R old new`` or ``C old new`` entry of the walk (a copy, should the
    repository's diff.renames ask for copies, is a new file like any other)."""
    names = [decode_path(raw) for raw in entry[1:]]
    document = wanted.pop(names[-1], None)
    if document is None:
        return
    if entry[0][:1] == b"R":
        wanted[names[0]] = document  # older than this commit, under its former name
    else:
        placed[document] = when
