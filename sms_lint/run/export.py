"""``sms-lint export``: read, check, build the pack and write it (one file, or a folder).

The check is ``check``'s own (same config, rules, waivers and cache) and gives the cover its
conformance summary and the clause map its evidence; the documents themselves are read once
more, whole (the check keeps only what rules need), and git gives HEAD, the register's last
changes and each exported document's history.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sms_lint.errors import UsageProblem
from sms_lint.neutralise import visible_path
from sms_lint.run.check import check_result, emit, reason
from sms_lint.run.parts import CheckRequest, reading_request

if TYPE_CHECKING:
    from sms_lint.config.file import Config
    from sms_lint.export.sources import SourceFile

STATUSES = ("approved", "draft", "retired")


class ExportRequest(NamedTuple):
    root: Path
    output: Path | None  # a FILE.html, a folder, or None: standard output
    today: datetime.date
    config_path: Path | None
    statuses: tuple[str, ...] = ("approved", "draft")
    kinds: tuple[str, ...] = ()
    # --as-of DATE: the SMS as it stood at the end of DATE in git (the check, the config,
    # the documents and their histories read at that commit, never checked out).
    as_of: datetime.date | None = None


def is_folder_output(output: Path | None) -> bool:
    """A name ending in .html/.htm is the one-file pack; anything else is a folder of pages."""
    if output is None:
        return False
    return output.is_dir() or output.suffix.lower() not in (".html", ".htm")


def run_export(request: ExportRequest) -> int:
    from sms_lint.commands.register_data import register_artifacts
    from sms_lint.coverage import compute_coverage
    from sms_lint.export.build import Inputs, Selection, build_pack
    from sms_lint.export.sources import read_git
    from sms_lint.schema.validation import known_kinds

    kinds = known_kinds()
    unknown = [kind for kind in request.kinds if kind not in kinds]
    if unknown:
        raise UsageProblem(f"unknown kind '{unknown[0]}' for --kind: one of {', '.join(kinds)}")
    result = check_result(_check_request(request))  # --as-of: at the commit (result.commit)
    config, sources = _read(request, result.commit)
    statuses = compute_coverage(
        result.artifacts, result.framework, result.findings, result.today, config.intervals
    )
    artifacts = register_artifacts([s.document for s in sources], kinds)
    selection = Selection(request.statuses, request.kinds)
    exported = [a.path for a in artifacts if selection.keeps(a)]
    paths = [s.document.path for s in sources]
    git = read_git(request.root, paths, exported, config.max_file_kb * 1024, result.commit)
    inputs = Inputs(result, statuses, config, sources, artifacts, git, selection, request.as_of)
    write_pack(build_pack(inputs), request.output)
    return 0


def _read(request: ExportRequest, commit: str | None) -> tuple[Config, list[SourceFile]]:
    """The config and every candidate file whole: the work tree's, or (``--as-of``) those
    ``commit`` holds, with the commit's own config, as the check read them."""
    from sms_lint.config.file import load_config
    from sms_lint.export.sources import read_sources, sources_at

    if request.as_of is None or commit is None:
        config = load_config(request.root, request.config_path)  # validated by the check
        return config, read_sources(request.root, config)
    from sms_lint.run.as_of import config_at

    config = config_at(request.root, commit, request.config_path)
    return config, sources_at(request.root, config, commit)


def _check_request(request: ExportRequest) -> CheckRequest:
    return reading_request(request.root, request.today, request.config_path, request.as_of)


def write_pack(pack: object, output: Path | None) -> None:
    from sms_lint.export.model import Pack
    from sms_lint.export.render import render_folder, render_pack
    from sms_lint.output import write_report

    assert isinstance(pack, Pack)
    if not is_folder_output(output):
        emit(render_pack(pack), output)
        return
    assert output is not None
    if output.exists() and not output.is_dir():
        raise UsageProblem(f"cannot write the pack into {visible_path(str(output))}: not a folder")
    for name, page in render_folder(pack).items():
        try:
            write_report(output / name, page)
        except OSError as error:
            shown = visible_path(str(output / name))
            raise UsageProblem(f"cannot write {shown}: {reason(error)}") from None
