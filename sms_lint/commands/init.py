"""``sms-lint init DIR``: write a starter SMS repository of drafts to fill in.

The starter claims nothing that has not happened: every document is a draft (no approval),
values to write are ``<...>`` placeholders that ``check`` reports, and there is no audit report,
management-review minutes or nonconformity record, only planned audits (drafts dated in the
future) and a management-review agenda. ``check`` on it fails until the work is done.

The starter lives in ``sms_lint/templates`` as ordinary files with ``{{token}}`` placeholders
for dates (all today or later), so it can be read and reviewed like the repository it
becomes. Each document's first review is staggered over the year (``{{first_review}}``), so
that reviews fall due a few at a time. A path part named ``dot-x`` is written as ``.x``
(wheels drop hidden files). YAML artifacts get a ``yaml-language-server`` modeline pointing
at the schemas written to ``.sms-lint/schemas``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import click
import yaml

from sms_lint import __version__
from sms_lint.commands.params import DateType
from sms_lint.commands.schema import write_schemas
from sms_lint.errors import UsageProblem
from sms_lint.facts import add_months

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SCHEMA_FOLDER = PurePosixPath(".sms-lint/schemas")
# Where users find this project's pre-commit hook and GitHub Action.
PROJECT_REPO = "sms-lint/sms-lint"
# The months ahead a template may plan something for ({{plus_3_months}}): the starter dates
# nothing in the past, so every date is today or later.
PLANNED_MONTHS = (3, 4, 6, 9, 12)
# Each document's first review ({{first_review}}), spread month by month over months 4 to 13
# after init, in path order, so that the reviews do not all fall due on one day a year later.
# The first months are for filling in, approving, the first audit (month 3) and management
# review. They end by month 13: a review date more than a year after approval counts as that
# year (facts.next_review), so later dates would fall due together again.
FIRST_REVIEW_MONTHS = range(4, 14)
FIRST_REVIEW = "{{first_review}}"


def tokens(today: datetime.date) -> dict[str, str]:
    """Every ``{{name}}`` a template may use and its value."""
    return {
        **{f"plus_{n}_months": add_months(today, n).isoformat() for n in PLANNED_MONTHS},
        "version": __version__,
        "project_repo": PROJECT_REPO,
    }


def render(text: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    return text


def first_reviews(today: datetime.date, count: int) -> list[str]:
    """``count`` first review dates spread evenly over FIRST_REVIEW_MONTHS, earliest first:
    consecutive documents (a folder's) share a month, the months follow each other."""
    months = list(FIRST_REVIEW_MONTHS)
    return [add_months(today, months[i * len(months) // count]).isoformat() for i in range(count)]


def _undot(part: str) -> str:
    return "." + part.removeprefix("dot-") if part.startswith("dot-") else part


def template_files() -> Iterator[tuple[Path, PurePosixPath]]:
    """Each template file and the path it is written to, relative to DIR, in path order."""
    for source in sorted(TEMPLATES.rglob("*")):
        relative = PurePosixPath(source.relative_to(TEMPLATES).as_posix())
        if not source.is_file() or source.suffix == ".py" or "__pycache__" in relative.parts:
            continue
        yield source, PurePosixPath(*(_undot(part) for part in relative.parts))


def modeline(target: PurePosixPath, text: str) -> str:
    """The editor schema line for a YAML artifact at ``target``, or "" for other files."""
    if target.suffix not in (".yaml", ".yml") or target.parts[0].startswith("."):
        return ""
    data = yaml.safe_load(text)
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(kind, str):
        return ""
    up = "../" * (len(target.parts) - 1)
    return f"# yaml-language-server: $schema={up}{SCHEMA_FOLDER}/{kind}.json\n"


def _check_target(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageProblem(f"{folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageProblem(
            f"{folder} is not empty; sms-lint init writes only into a new or empty folder"
        )


def _write_new(path: Path, text: str) -> None:
    """Create ``path``; never replace a file that appeared in the meantime."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise UsageProblem(f"{path} already exists; not overwritten") from None
    except OSError as error:
        raise UsageProblem(f"cannot write {path}: {error.strerror}") from None


def write_starter(folder: Path, today: datetime.date) -> list[PurePosixPath]:
    """Write the starter SMS and its schemas into the empty ``folder``; returns what was
    written (relative paths)."""
    _check_target(folder)
    values = tokens(today)
    templates = [(source.read_text(encoding="utf-8"), t) for source, t in template_files()]
    due = iter(first_reviews(today, sum(FIRST_REVIEW in text for text, _ in templates)))
    written = []
    for template, target in templates:
        if FIRST_REVIEW in template:
            template = template.replace(FIRST_REVIEW, next(due))
        text = render(template, values)
        _write_new(folder / target, modeline(target, text) + text)
        written.append(target)
    for schema in write_schemas(folder / SCHEMA_FOLDER):
        written.append(SCHEMA_FOLDER / schema.name)
    return written


@click.command("init")
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--today",
    type=DateType(),
    envvar="SMS_LINT_TODAY",
    help="Date the starter plans from (default: today): the planned audits, the first "
    "management review and each document's first review (spread over months 4 to 13) are "
    "dated after it; nothing is dated before it and nothing is approved.",
)
def init_command(folder: Path, today: datetime.date | None) -> int:
    """Write a starter SMS repository of drafts into DIR (a new or empty folder)."""
    written = write_starter(folder, today or datetime.date.today())
    click.echo(
        f"wrote {len(written)} files to {folder}: every document is a draft to fill in.\n"
        f"  sms-lint check {folder}\n"
        "lists what is left to do (it fails until then): replace every <placeholder>, approve\n"
        "the documents, hold the planned internal audit and the management review.\n"
        "See README.md in that folder for the steps."
    )
    return 0
