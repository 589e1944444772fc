"""``sms-lint schema``: print one kind's JSON Schema or all of them, or write them all for editors.

The kind schemas refer to ``header.json`` and ``defs.json`` by relative ``$ref``; writing every
file into one folder keeps those references resolvable on disk, which is what an editor's
``# yaml-language-server: $schema=…`` modeline needs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from sms_lint.errors import UsageProblem
from sms_lint.output import write_atomic
from sms_lint.resources import data_dir
from sms_lint.schema.diagram import kinds_mermaid

# Schema files that are shared parts, not kinds.
SHARED_FILES = ("header.json", "defs.json")


def schema_files() -> dict[str, dict[str, Any]]:
    """Every shipped schema file, by file name, in name order."""
    folder = data_dir("schemas")
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
    }


def kinds() -> list[str]:
    return [name.removesuffix(".json") for name in schema_files() if name not in SHARED_FILES]


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema file into ``folder`` (replacing older copies); returns the paths."""
    written = []
    for name, schema in schema_files().items():
        target = folder / name
        try:
            write_atomic(target, dump(schema))
        except OSError as error:
            raise UsageProblem(f"cannot write {target}: {error.strerror}") from None
        written.append(target)
    return written


@click.command("schema")
@click.argument("kind", required=False)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write every schema (each kind, header.json, defs.json) into this folder.",
)
@click.option(
    "--diagram",
    is_flag=True,
    help="Print a Mermaid flowchart of how the kinds refer to each other (which fields name "
    "which kind), drawn from the schemas.",
)
def schema_command(kind: str | None, output_dir: Path | None, diagram: bool) -> int:
    """Print the JSON Schema of KIND; without KIND, print every schema as one JSON object
    whose keys are the file names (audit.json, ..., header.json, defs.json, the names the
    schemas' $ref use); write all schemas with --output-dir, or print the diagram of
    references between kinds with --diagram."""
    if sum((kind is not None, output_dir is not None, diagram)) > 1:
        raise UsageProblem(
            "give one of KIND (print one schema), --output-dir (write all) or --diagram"
        )
    if diagram:
        click.echo(kinds_mermaid(schema_files()), nl=False)
        return 0
    if output_dir is not None:
        written = write_schemas(output_dir)
        click.echo(f"wrote {len(written)} schema files to {output_dir}", err=True)
        return 0
    known = kinds()
    if kind is None:
        # Keyed by file name, not kind: a kind's "$ref": "header.json#..." then names a key.
        click.echo(dump(schema_files()), nl=False)
        return 0
    if kind not in known:
        raise UsageProblem(f"unknown kind '{kind}'; kinds: {', '.join(known)}")
    click.echo(dump(schema_files()[f"{kind}.json"]), nl=False)
    return 0
