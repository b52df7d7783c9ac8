"""`summarize schema`: the JSON Schema of the summary."""

from __future__ import annotations

import json

import typer

from summarize.schema import Summary


def schema_json() -> str:
    return json.dumps(Summary.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def schema() -> None:
    """Print the JSON Schema of the summary `summarize run --format json` produces."""
    typer.echo(schema_json(), nl=False)
