"""`summarize export DB`: the batch results as JSONL, CSV or JSON."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from summarize.batch.export import FORMATS
from summarize.batch.store import Store
from summarize.errors import InputError
from summarize.output import write_atomic


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    json = "json"


def export(
    db: Annotated[Path, typer.Argument(metavar="DB", help="A database written by summarize batch.", show_default=False)],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", metavar="FORMAT", help="jsonl, csv or json.")] = ExportFormat.jsonl,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write here (atomically) instead of stdout.")] = None,
) -> None:
    """Write out a batch database: one record per article with id, status, error and summary."""
    if not db.is_file():
        raise InputError(f"{db}: no such database; pass the --db file of summarize batch")
    store = Store(db)
    try:
        content = FORMATS[format.value](store)
    finally:
        store.close()
    if output is not None:
        write_atomic(output, content)
    else:
        typer.echo(content, nl=False)
