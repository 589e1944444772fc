"""The starter of ``sms-lint init``, read and filled in from the user's side.

``markers`` finds the ``<...>`` placeholders the way a person scanning the files would (a
simple pattern of its own, not sms-lint's). ``fill_in`` does what the section "From
`sms-lint init` to a first clean check" of docs/tasks/start-an-sms.md says: every placeholder
replaced with plausible text, every document approved (the scope and the service management
policy by a top-management role), the first internal audit and the first management review
recorded with the records the page shows, on the day given.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import Path

import yaml

from sms_lint.facts import add_months

REPO_ROOT = Path(__file__).resolve().parent.parent
GUIDE = REPO_ROOT / "docs" / "tasks" / "start-an-sms.md"
SECTION = "## From `sms-lint init` to a first clean check"

# A letter after '<' (so '<!--', '< 4 hours' and '</b>' are not counted), up to the next '>'.
MARKER = re.compile(r"<[A-Za-z][^<>\n]*>")
# The dates the guide's example records carry, replaced by the day the test records them.
GUIDE_EVENT_DATES = ("2027-02-17", "2027-02-24", "2027-03-10", "2027-03-12")

NAMES = {
    "Your organization": "Northwind Hosting",
    "Name of your managing director": "Eleanor Marsh",
    "Name of your SMS manager": "Tomas Berg",
    "Name of your service owner": "Priya Natarajan",
    "Name of your information security manager": "Gareth Lloyd",
    "Name of your internal auditor": "Ines Duarte",
    "Name of the consultant who audits internal audit, and their firm": (
        "Helen Ashby (Ashby Audit Services)"
    ),
    "Name of your service": "Managed payroll hosting",
    "Name of a supplier that contributes to your service": "Coldstream Data Centres",
    "Supplier Ltd": "Coldstream Data Centres Ltd",
    "Contract reference": "CDC-2026-114",
    "Your customer": "Harbour Payroll Ltd",
    "Your customers": "Payroll bureaus in the north of England",
    "Address of your main office": "12 Quay Street, Leeds LS1 4DX",
    "The services in scope, in one sentence": "managed payroll hosting",
}


def is_artifact(root: Path, path: Path) -> bool:
    """A file ``check`` reads as a document: YAML, or Markdown with front matter; not the
    configuration, hook, workflow and schemas in hidden folders."""
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return False
    if path.suffix == ".yaml":
        return True
    return path.suffix == ".md" and path.read_text(encoding="utf-8").startswith("---\n")


def artifacts(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and is_artifact(root, p))


def markers(root: Path) -> Counter[tuple[str, int]]:
    """(path, line) of every placeholder written in the starter's documents, with how many
    each line holds."""
    found: Counter[tuple[str, int]] = Counter()
    for path in artifacts(root):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            for _ in MARKER.finditer(line):
                found[(path.relative_to(root).as_posix(), number)] += 1
    return found


def _replacement(inner: str, today: str) -> str:
    if inner in NAMES:
        return NAMES[inner]
    if inner.startswith("Date the contract ends"):
        return add_months(datetime.date.fromisoformat(today), 24).isoformat()
    if inner.startswith("Date of the last performance review"):
        return today  # the review was held and recorded on the day of the check
    # Prose: the question the placeholder asks, answered in a sentence of plain words.
    return f"{inner} are set out here as Northwind Hosting works today, agreed with the owner."


def replace_placeholders(path: Path, today: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = MARKER.sub(lambda m: _replacement(m.group(0)[1:-1], today), text)
    path.write_text(text, encoding="utf-8")


def approve(path: Path, today: str) -> None:
    """Approve a draft document as the guide says; a planned audit stays a draft."""
    text = path.read_text(encoding="utf-8")
    if "kind: audit" in text:
        return
    approved = (
        'status: approved\nversion: "1.0"\napproved_by: managing-director\n'
        f"approved_on: {today}\nlast_reviewed: {today}\n"
    )
    path.write_text(text.replace('status: draft\nversion: "0.1"\n', approved), encoding="utf-8")


def guide_records() -> dict[str, str]:
    """The records the guide's section shows, by the file they are written to: each
    ``markdown`` block goes to the last ``audits/...md`` or ``reviews/...md`` named before it."""
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide[guide.index(SECTION) :]
    section = section[: section.find("\n## ", len(SECTION))]
    block = re.compile(r"^( *)```markdown\n(.*?)^\1```", re.S | re.M)
    named = re.compile(r"`((?:audits|reviews)/[\w.-]+\.md)`")
    records, start = {}, 0
    for match in block.finditer(section):
        name = named.findall(section, start, match.start())[-1]
        indent = len(match.group(1))
        lines = match.group(2).splitlines(True)
        records[name] = "".join(line[indent:] if line.strip() else "\n" for line in lines)
        start = match.end()
    return records


def record_events(root: Path, today: str) -> None:
    for name, text in guide_records().items():
        for date in GUIDE_EVENT_DATES:
            text = text.replace(date, today)
        (root / name).write_text(text, encoding="utf-8")


def record_continuity_test(root: Path, today: str) -> None:
    """The latest test of the continuity plan, recorded as step 4 of the guide's section says:
    the starter's commented-out example made real, held on ``today``."""
    path = root / "governance" / "plans" / "plan-continuity.md"
    text = path.read_text(encoding="utf-8")
    example = text[text.index("# tests:\n") : text.index("\n---\n")]
    recorded = "\n".join(line.removeprefix("# ") for line in example.splitlines())
    path.write_text(text.replace(example, recorded.replace("YYYY-MM-DD", today)), "utf-8")


def fill_in(root: Path, today: str) -> None:
    """Everything the guide's section asks, done on the starter at ``root`` on ``today``."""
    for path in artifacts(root):
        replace_placeholders(path, today)
        approve(path, today)
    record_continuity_test(root, today)
    record_events(root, today)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("---\n")[1]
    data = yaml.safe_load(text)
    return data if isinstance(data, dict) else {}
