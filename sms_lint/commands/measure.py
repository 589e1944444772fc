"""``sms-lint measure ID --period P --value V``: add one result to the measurements record of
an objective, a process KPI or an SLA target, for scripts and scheduled pipelines.

ID is written as a record's ``measures`` is (:mod:`sms_lint.measure.records`): ``OBJ-01``,
``PRC-13/<KPI name>``, ``SLA-01/<target metric>``. The result goes to the current (not retired)
measurements record that measures ID; with several, to the one with the latest result (a
record per year: this year's). It never goes into the approved objectives, process or SLA:
when no record measures ID, the command stops and says how to start one. A period that
already has a result for ID, on the item or in any record, is refused, as are a malformed
period or value, a blank note, a read-only record and an ID that names nothing. Runs in
parallel wait for each other (:mod:`sms_lint.measure.lock`). Exit 0 once written, 2 otherwise,
with one sentence.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import click

from sms_lint.errors import UsageProblem
from sms_lint.evidence import period_end
from sms_lint.measure.records import (
    MeasuredItem,
    index_of,
    measures_of,
    own_results,
    records,
    results_of,
)
from sms_lint.model import Artifact
from sms_lint.neutralise import terminal
from sms_lint.run import build_config

# [0-9], not \d: a digit of another script is not a number the schema or a report can read.
_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_PERIOD = re.compile(
    r"[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4]|(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))", re.ASCII
)


@click.command("measure")
@click.argument("item_id", metavar="ID")
@click.option(
    "--period", required=True, help="The period measured: YYYY-MM, YYYY-Qn or YYYY-MM-DD."
)
@click.option("--value", required=True, help="The value measured, a number in the item's unit.")
@click.option("--note", default=None, help="Optional: what the result means or what was done.")
@click.option(
    "--root",
    default=".",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The SMS repository root.",
)
def measure_command(item_id: str, period: str, value: str, note: str | None, root: Path) -> int:
    """Add one result to the measurements record of ID (an objective id, or a process or SLA
    id, a slash and the KPI name or target metric), keeping the file's comments and layout."""
    period, number, note = _period(period), _value(value), _note(note)
    config = build_config(root, None)
    from sms_lint.measure.lock import repository_locked
    from sms_lint.measure.write import WriteProblem, append_result
    from sms_lint.pipeline.reading import read_documents

    # Runs in parallel: the lock first, then the read, so that the duplicate check and the
    # write see every result another run has just added.
    with repository_locked(root):
        item, artifacts = _item(item_id, root, _artifacts(read_documents(root, config)))
        record = _record(item, artifacts)
        _refuse_duplicate(item, artifacts, period)
        _refuse_read_only(root / record.path, record.path)
        try:
            append_result(root / record.path, record.path, period, number, note)
        except (WriteProblem, OSError) as error:
            raise UsageProblem(_sentence(error, record.path)) from None
    click.echo(f"added {period}: {value.strip()} to {terminal(record.path)} ({_spelled(item)})")
    return 0


def _item(item_id: str, root: Path, artifacts: list[Artifact]) -> tuple[MeasuredItem, list]:
    item = index_of(artifacts).resolve(item_id)
    if item is None:
        raise UsageProblem(
            f"no objective, process KPI or SLA target '{terminal(item_id)}' in {root}: write an "
            "objective id, or a process or SLA id, a slash and the KPI name or target metric"
        )
    return item, artifacts


def _refuse_read_only(path: Path, shown: str) -> None:
    """A record the user made read-only stays as it is: the rename would replace it anyway.
    No write bit counts too, as root passes ``os.access``."""
    try:
        writable = os.access(path, os.W_OK) and path.stat().st_mode & 0o222
    except OSError:
        writable = False
    if not writable:
        raise UsageProblem(f"cannot write {terminal(shown)}: permission denied")


def _note(text: str | None) -> str | None:
    if text is not None and not text.strip():
        raise UsageProblem("--note must say something: leave it out when there is nothing to add")
    return text


def _period(text: str) -> str:
    period = text.strip()
    if not _PERIOD.fullmatch(period) or period_end(period) is None:
        raise UsageProblem(
            f"--period must be a month YYYY-MM, a quarter YYYY-Qn or a date YYYY-MM-DD "
            f"(got '{terminal(text)}')"
        )
    return period


def _value(text: str) -> float:
    if not _NUMBER.fullmatch(text.strip()):
        raise UsageProblem(f"--value must be a number such as 97.5 (got '{terminal(text)}')")
    written = text.strip()
    return int(written) if written.lstrip("+-").isdigit() else float(written)


def _artifacts(documents: list) -> list[Artifact]:
    found = []
    for document in documents:
        data = document.data
        kind = data.get("kind") if isinstance(data, dict) else None
        if isinstance(kind, str):
            found.append(Artifact(document, kind))
    return found


def _records_of(item: MeasuredItem, artifacts: list[Artifact]) -> list[Artifact]:
    """The current measurements records whose ``measures`` names the item."""
    index = index_of(artifacts)
    found = []
    for record in records(artifacts):
        measures = measures_of(record)
        named = index.resolve(measures) if measures is not None else None
        if named is not None and named.ref == item.ref:
            found.append(record)
    return found


def _record(item: MeasuredItem, artifacts: list[Artifact]) -> Artifact:
    """The current record that measures the item: the one with the latest result."""
    mine = _records_of(item, artifacts)
    if not mine:
        raise UsageProblem(
            f"no measurements record measures {_spelled(item)}, and results are not added to "
            f"the approved {terminal(item.artifact.path)}: create a record (kind: "
            f"measurements, measures: {_spelled(item)}, results: []) and run this again"
        )
    return max(mine, key=_latest)


def _latest(record: Artifact) -> datetime.date:
    return max((r.end for r in results_of(record) if r.end is not None), default=datetime.date.min)


def _refuse_duplicate(item: MeasuredItem, artifacts: list[Artifact], period: str) -> None:
    kept = own_results(item)
    for record in _records_of(item, artifacts):
        kept += results_of(record)
    for result in kept:
        if result.period == period:
            raise UsageProblem(
                f"{_spelled(item)} already has a result for {period} (in "
                f"{terminal(result.path)}): correct that one instead of adding another"
            )


def _spelled(item: MeasuredItem) -> str:
    name = item.name if item.word == "objective" else f"{item.artifact.id}/{item.name}"
    return terminal(name)


def _sentence(error: Exception, path: str) -> str:
    if isinstance(error, OSError):
        return f"cannot write {terminal(path)}: {error.strerror or error}"
    return terminal(str(error))
