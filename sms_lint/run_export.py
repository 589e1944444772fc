"""``sms-lint export``: read, check, build the pack and write it (one file, or a folder).

The check is ``check``'s own (same config, rules, waivers and cache) and gives the cover its
conformance summary and the clause map its evidence; the documents themselves are read once
more, whole (the check keeps only what rules need), and git gives HEAD, the register's last
changes and each exported document's history.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import NamedTuple

from sms_lint.errors import UsageProblem
from sms_lint.neutralise import visible_path
from sms_lint.run import check_result, emit, reason
from sms_lint.run_parts import CheckRequest

STATUSES = ("approved", "draft", "retired")


class ExportRequest(NamedTuple):
    root: Path
    output: Path | None  # a FILE.html, a folder, or None: standard output
    today: datetime.date
    config_path: Path | None
    statuses: tuple[str, ...] = ("approved", "draft")
    kinds: tuple[str, ...] = ()
    # The seam for ``--as-of DATE`` (the SMS as it stood at the end of DATE in git): the
    # check and the sources would be read at that commit. Not offered yet.
    as_of: datetime.date | None = None


def is_folder_output(output: Path | None) -> bool:
    """A name ending in .html/.htm is the one-file pack; anything else is a folder of pages."""
    if output is None:
        return False
    return output.is_dir() or output.suffix.lower() not in (".html", ".htm")


def run_export(request: ExportRequest) -> int:
    from sms_lint.commands.register_data import register_artifacts
    from sms_lint.config.file import load_config
    from sms_lint.coverage import compute_coverage
    from sms_lint.export.build import Inputs, Selection, build_pack
    from sms_lint.export.sources import read_git, read_sources
    from sms_lint.schema.validation import known_kinds

    if request.as_of is not None:
        raise UsageProblem("export --as-of is not available yet: export the current SMS")
    kinds = known_kinds()
    unknown = [kind for kind in request.kinds if kind not in kinds]
    if unknown:
        raise UsageProblem(f"unknown kind '{unknown[0]}' for --kind: one of {', '.join(kinds)}")
    result = check_result(_check_request(request))
    config = load_config(request.root, request.config_path)  # read (and validated) by the check
    statuses = compute_coverage(
        result.artifacts, result.framework, result.findings, result.today, config.intervals
    )
    sources = read_sources(request.root, config)
    artifacts = register_artifacts([s.document for s in sources], kinds)
    selection = Selection(request.statuses, request.kinds)
    exported = [a.path for a in artifacts if selection.keeps(a)]
    paths = [s.document.path for s in sources]
    git = read_git(request.root, paths, exported, config.max_file_kb * 1024)
    pack = build_pack(Inputs(result, statuses, config, sources, artifacts, git, selection))
    write_pack(pack, request.output)
    return 0


def _check_request(request: ExportRequest) -> CheckRequest:
    return CheckRequest(
        root=request.root,
        format_name="json",  # unused: the pack is its own format
        output=None,
        today=request.today,
        fail_on="never",
        base=None,
        config_path=request.config_path,
        reports=(),
        use_cache=True,
        color=False,
    )


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
